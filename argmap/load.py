"""Read map files (YAML) into the model, with a position on everything and a clear error for bad input.

The YAML is read as PyYAML's C parser's events (``yaml_events``), straight into the model's records:
one reader for every layout, linear in the file's length, with a message for every way a map can be
wrong.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from argmap.model import (
    ABOUT_KEYS,
    ARGUMENT_KEYS,
    CLAIM_KEYS,
    EXTENSION_KEYS,
    ID_PATTERN,
    KINDS,
    LABELS,
    MAP_NAME_PATTERN,
    MAX_MUST_WIN,
    NULL_WORDS,
    RELATION_TYPES,
    RULE_CODE_PATTERN,
    TOP_KEYS,
    ArgMap,
    Argument,
    Claim,
    CutValue,
    DuplicateKey,
    Expectation,
    Extension,
    MapError,
    MapSet,
    MustWin,
    Position,
    Relation,
)
from argmap.root import InsideGit, NotRegular, OutsideRoot, Root, TooLarge, find_root, read_regular
from argmap.yaml_events import (
    Events,
    MappingEnd,
    MappingStart,
    Scalar,
    SequenceEnd,
    SequenceStart,
    describe,
    is_null,
    offset_position,
)

MAP_SUFFIXES = (".yaml", ".yml")
# After a plain value: spaces, then a '#' straight before a word (not a space, a line break or another '#').
_CUT = re.compile(r"[ \t]+#[^\s#]")
# The same at the start of the next line: its indentation (group 1), then '#' straight before a word.
_CUT_AT_NEXT_LINE = re.compile(r"[ \t]*\r?\n( *)#[^\s#]")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def decode_map_text(data: bytes, path: str) -> str:
    """Decode a map file's bytes as UTF-8 (an optional byte-order mark is dropped)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MapError("file is UTF-16; save it as UTF-8", Position(path, 1, 1))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\0")
    if nul >= 0:
        before = data[:nul].decode("utf-8", "replace")
        raise MapError("binary data (a NUL byte); a map must be a UTF-8 text file", offset_position(path, before, len(before)))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8")
        raise MapError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8", offset_position(path, good, len(good))
        ) from None


def _weight(value: str, at: Position, what: str) -> float:
    """A ``weight:`` as a number from 0 to 1, or a ``MapError`` that says how to write one."""
    try:
        weight = float(value)
    except ValueError:
        weight = -1.0
    if not 0.0 <= weight <= 1.0:  # also refuses nan
        raise MapError(f"'weight' of {what} must be a number from 0 to 1 (e.g. weight: 0.8), not '{value}'", at)
    return weight + 0.0  # -0 is 0 (else shown as -0.00)


def _check_reference(value: str, position: Position, what: str) -> str:
    map_name, _, local = value.rpartition("#")
    if (map_name and not MAP_NAME_PATTERN.match(map_name)) or not ID_PATTERN.match(local):
        joined = ("; a '- ' item indented more than the one above it is read as more of that item: line up the dashes"
                  if " - " in value else "")
        raise MapError(
            f"bad reference '{value}' in {what}; write a claim id (lowercase letters, digits, '-') or map-name#id{joined}",
            position,
        )
    return value


def _expected(name: str, allowed: tuple[str, ...]) -> str:
    """The keys allowed, and the one meant if ``name`` looks like a typo of it (on the error path only)."""
    close = difflib.get_close_matches(name.lower(), allowed, n=1, cutoff=0.6)
    meant = f"did you mean '{close[0]}'? " if close else ""
    return f"{meant}expected one of: {', '.join(allowed)}"


def _scalar_text(event: Scalar) -> str:
    """A scalar's text; a block scalar (``>``, ``|``) without the line break YAML keeps at its end, so
    that it reads as the same text written plain (else a diff, an export and ``render --check`` see
    two texts where a person sees one)."""
    return event.value.rstrip("\n") if event.style in ("|", ">") else event.value


class _MapReader:
    """Reads one map from the events of its YAML: each ``_read_*`` takes the node whose first event it
    is given, whole, and returns it as the model has it."""

    def __init__(self, events: Events, name: str):
        self.events = events
        self.name = name
        self.at = events.position
        self.duplicates: list[DuplicateKey] = []
        self.cut: list[CutValue] = []
        self.has_hash = "#" in events.text  # only then can a comment have cut a value short

    def _check_cut(self, key: str, claim: str | None, event) -> None:  # type: ignore[no-untyped-def]
        """Record a plain value that a `` #`` directly followed by a word cut short (``We are #1``):
        YAML took the rest of the line for a comment. A comment written as ``# ...`` is left alone.
        The C parser's marks count characters, so the text just after the value is at its end's index."""
        end, text = event.end_mark, self.events.text
        cut = _CUT.match(text, end.index)
        if cut is not None:
            column = end.column + cut.end() - 2 - end.index
            self.cut.append(CutValue(key, claim, event.value, Position(self.events.path, end.line + 1, column + 1)))
            return
        # Or the value went on to the next line (``We are`` / ``  #1 in the league``): a line indented
        # more than the key would have continued it, had it not started with the comment.
        cut = _CUT_AT_NEXT_LINE.match(text, end.index)
        if cut is not None:
            start = event.start_mark.index
            line = text[text.rfind("\n", 0, start) + 1:start]
            if len(cut.group(1)) > len(line) - len(line.lstrip(" ")):
                position = Position(self.events.path, end.line + 2, len(cut.group(1)) + 1)
                self.cut.append(CutValue(key, claim, event.value, position))

    def _text(self, event, what: str, *, required: bool = True) -> str | None:  # type: ignore[no-untyped-def]
        if type(event) is Scalar and event.value and not event.value.isspace() and not is_null(event):
            return _scalar_text(event)  # the usual case, with no message made in advance
        if is_null(event):
            if required:
                raise MapError(f"{what} is empty; write some text", self.at(event))
            return None
        if type(event) is not Scalar:
            raise MapError(f"{what} must be text, not {describe(event)}", self.at(event))
        if required:  # blank
            raise MapError(f"{what} is empty; write some text", self.at(event))
        return event.value

    def _text_list(self, event, what: str, example: str) -> list[tuple[str, Position]]:  # type: ignore[no-untyped-def]
        if is_null(event):
            return []
        if type(event) is not SequenceStart:
            raise MapError(f"{what} must be a list, e.g. {example}", self.at(event))
        items = []
        while type(item := self.events.next()) is not SequenceEnd:
            items.append((self._text(item, f"an item of {what}"), self.at(item)))
        return items  # type: ignore[return-value]

    def _pairs(self, event, what: str, allowed: tuple[str, ...] | None = None) -> Iterator[tuple[str, object, object]]:  # type: ignore[no-untyped-def]
        """(key, the key's event, the first event of the value) for each key of the mapping ``event``
        starts; the caller takes each value whole. A key written again is recorded as a duplicate and
        its value skipped."""
        if type(event) is not MappingStart:
            raise MapError(f"{what} must be a mapping, not {describe(event)}", self.at(event))
        seen: dict[str, object] = {}
        next_event = self.events.next
        while type(key := next_event()) is not MappingEnd:
            if type(key) is not Scalar:
                raise MapError("mapping keys must be plain text", self.at(key))
            name = key.value
            if name in seen:
                self.duplicates.append(DuplicateKey(name, self.at(key), self.at(seen[name])))
                self.events.skip(next_event())
                continue
            if allowed is not None and name not in allowed:
                raise MapError(f"unknown key '{name}' in {what}; {_expected(name, allowed)}", self.at(key))
            seen[name] = key
            yield name, key, next_event()

    def _relation(self, rel_type: str, event, source: str, what: str, out: list[Relation]) -> None:  # type: ignore[no-untyped-def]
        if type(event) is not SequenceStart:
            self._text_list(event, f"'{rel_type}' of {what}", f"{rel_type}: [other-claim]")  # nothing, or the error
            return
        path = self.events.path
        while type(item := self.events.next()) is not SequenceEnd:
            target = item.value if type(item) is Scalar else None
            # Most targets are plain local ids: those need no message made in advance.
            if target is None or target in NULL_WORDS or not ID_PATTERN.match(target):
                target = self._text(item, f"an item of '{rel_type}' of {what}")
                _check_reference(target, self.at(item), what)  # type: ignore[arg-type]
            mark = item.start_mark
            out.append(Relation(rel_type, source, target, Position(path, mark.line + 1, mark.column + 1)))  # type: ignore[arg-type]

    def read(self) -> ArgMap:
        events = self.events
        path = events.path
        root = events.first()
        if root is None or is_null(root):
            raise MapError("the file is empty; a map needs at least 'title:' and 'claims:'", Position(path, 1, 1))
        if type(root) is not MappingStart:
            raise MapError(f"a map must be a YAML mapping with 'title:' and 'claims:', not {describe(root)}", self.at(root))
        title = source = source_position = None
        about: dict[str, str | None] = {}
        claims: list[Claim] = []
        extensions: list[Extension] = []
        arguments: list[Argument] = []
        includes: list[tuple[str, Position]] = []
        expect: list[Expectation] = []
        must_win: list[MustWin] = []
        keys = set()
        for key, _, value in self._pairs(root, "the map", TOP_KEYS):
            keys.add(key)
            if key == "title":
                title = self._text(value, "'title'")
                if self.has_hash and not value.style:
                    self._check_cut("title", None, value)
            elif key in ABOUT_KEYS:
                about[key] = self._about(key, value)
            elif key == "sections":
                if not is_null(value):
                    for section, at, block in self._pairs(value, "'sections'"):
                        if not is_null(block):
                            self._claims(block, claims, extensions, (section, self.at(at)))
            elif key == "source":
                source, source_position = self._text(value, "'source'"), self.at(value)
            elif key == "claims":
                if not is_null(value):
                    self._claims(value, claims, extensions)
            elif key == "arguments":
                if not is_null(value):
                    arguments = [self._argument(k, self.at(at), v) for k, at, v in self._pairs(value, "'arguments'")]
            elif key == "include":
                includes = self._text_list(value, "'include'", "include: [other-map]")
                for included, position in includes:
                    if not MAP_NAME_PATTERN.match(included):
                        raise MapError(f"bad map name '{included}' in 'include'; give the file name without .yaml", position)
            elif key == "must-win":
                if not is_null(value):
                    must_win = [self._must_win(claim, self.at(k), v) for claim, k, v in self._pairs(value, "'must-win'")]
            elif not is_null(value):  # expect
                for claim, key_event, label_event in self._pairs(value, "'expect'"):
                    label = self._text(label_event, f"expected label of '{claim}'")
                    if label not in LABELS:
                        raise MapError(f"expected label of '{claim}' must be one of: {', '.join(LABELS)}", self.at(label_event))
                    at = self.at(key_event)
                    expect.append(Expectation(_check_reference(claim, at, "'expect'"), label, at, self.at(label_event)))
        events.rest()
        if "title" not in keys:
            raise MapError("the map has no 'title:'; add one", self.at(root))
        if "claims" not in keys and "include" not in keys and "sections" not in keys:
            raise MapError("the map has no 'claims:' (and includes no other map); add its claims", self.at(root))
        if "sections" in keys:  # one id in two blocks: the first is kept, the second is AM001 as in one block
            claims = self._first_of_each(claims)
        if arguments:
            arguments = _place_arguments(arguments, claims)
        return ArgMap(
            name=self.name,
            path=path,
            title=title,  # type: ignore[arg-type]
            position=self.at(root),
            source=source,
            source_position=source_position,
            claims=tuple(claims),
            arguments=tuple(arguments),
            extensions=tuple(extensions),
            includes=tuple(n for n, _ in includes),
            include_positions=tuple(p for _, p in includes),
            expect=tuple(expect),
            must_win=tuple(must_win),
            duplicate_keys=tuple(self.duplicates),
            cut_values=tuple(self.cut),
            **about,  # type: ignore[arg-type]
        )

    def _first_of_each(self, claims: list[Claim]) -> list[Claim]:
        first: dict[str, Claim] = {}
        for claim in claims:
            if claim.id in first:
                self.duplicates.append(DuplicateKey(claim.id, claim.position, first[claim.id].position))
            else:
                first[claim.id] = claim
        return list(first.values())

    def _about(self, key: str, event) -> str | None:  # type: ignore[no-untyped-def]
        value = self._text(event, f"'{key}'", required=key != "note")
        if key == "url" and not value[:8].lower().startswith(("https://", "http://")):  # type: ignore[index]
            raise MapError("'url' must be the web address of the source, starting with https:// or http://", self.at(event))
        return value

    def _must_win(self, claim: str, at: Position, event) -> MustWin:  # type: ignore[no-untyped-def]
        value = self._text(event, f"'must-win' of '{claim}'")
        if not (value.isdigit() and 1 <= int(value) <= MAX_MUST_WIN):  # type: ignore[union-attr]
            raise MapError(f"'must-win' of '{claim}' must be a whole number of claims from 1 to {MAX_MUST_WIN}"
                           f" (e.g. {claim}: 2), not '{value}'", self.at(event))
        return MustWin(_check_reference(claim, at, "'must-win'"), int(value), at, self.at(event))  # type: ignore[arg-type]

    def _claims(self, event, claims: list[Claim], extensions: list[Extension],  # type: ignore[no-untyped-def]
                section: tuple[str, Position] | None = None) -> None:
        what = "'claims'" if section is None else f"section '{section[0]}' of 'sections'"
        for key, key_event, value in self._pairs(event, what):
            position = self.at(key_event)
            if "#" in key:
                if section is not None:
                    raise MapError(f"'{key}' names a claim of another map, which cannot be put in a section;"
                                   " write it under 'claims:'", position)
                extensions.append(self._extension(key, position, value))
            elif ID_PATTERN.match(key):
                claims.append(self._claim(key, position, value, section))
            else:
                raise MapError(
                    f"bad claim id '{key}'; use lowercase letters, digits and '-', starting with a letter or digit", position
                )

    def _claim(self, claim_id: str, position: Position, event, block: tuple[str, Position] | None = None) -> Claim:  # type: ignore[no-untyped-def]
        what = f"claim '{claim_id}'"
        if type(event) is Scalar:
            value = event.value
            if not event.style and ":" in value and value.partition(":")[0] in CLAIM_KEYS:
                key, _, rest = value.partition(":")
                raise MapError(f"{what} must be a mapping with at least 'text:'; YAML needs a space after the ':' of a key:"
                               f" write '{key}: {rest.strip()[:40]}'", self.at(event))
            raise MapError(f"{what} must be a mapping with at least 'text:'", self.at(event))
        fields: dict[str, tuple[str | None, object]] = {}
        relations: list[Relation] = []
        codes: list[tuple[str, Position]] = []
        for key, _, value in self._pairs(event, what, CLAIM_KEYS):
            if key in RELATION_TYPES:
                self._relation(key, value, claim_id, what, relations)
            elif key == "ignore":
                # Which codes exist is the checker's business (it knows the rules); here only the shape.
                codes = self._text_list(value, f"'ignore' of {what}", "ignore: [AM104]")
                for code, at in codes:
                    if not RULE_CODE_PATTERN.match(code):
                        raise MapError(f"'{code}' in 'ignore' of {what} is not a rule code like AM104", at)
            elif type(value) is Scalar and value.value and not value.value.isspace() and (value.style or value.value not in NULL_WORDS):
                fields[key] = (_scalar_text(value), value)  # the usual case, with no message made in advance
            elif key == "weight":  # empty, or not text
                raise MapError(f"'weight' of {what} must be a number from 0 to 1 (e.g. weight: 0.8)", self.at(value))
            else:
                fields[key] = (self._text(value, f"'{key}' of {what}", required=key != "note"), value)
        if "text" not in fields:
            raise MapError(f"{what} has no 'text:'; say what the claim is", position)
        kind = "claim"
        if "kind" in fields:
            kind = fields["kind"][0] or "claim"
            if kind not in KINDS:
                raise MapError(f"unknown kind '{kind}' in {what}; expected one of: {', '.join(KINDS)}", self.at(fields["kind"][1]))
        quote = fields.get("quote")
        if self.has_hash:
            for key in ("text", "quote"):
                if key in fields and not fields[key][1].style:  # type: ignore[attr-defined]
                    self._check_cut(key, claim_id, fields[key][1])
        section = fields["section"][0] if "section" in fields else None
        if block is not None:
            if "section" in fields:
                raise MapError(f"{what} is already in section '{block[0]}' (line {block[1].line}); remove its own"
                               " 'section:', or move it out of that section", self.at(fields["section"][1]))
            section = block[0]
        weight = fields.get("weight")
        return Claim(
            id=claim_id,
            text=fields["text"][0],
            kind=kind,
            position=position,
            quote=quote[0] if quote is not None else None,
            quote_position=self.at(quote[1]) if quote is not None else None,
            section=section,
            note=fields["note"][0] if "note" in fields else None,
            ignore=frozenset(code for code, _ in codes),
            ignore_positions=tuple(codes),
            relations=tuple(relations),
            weight=None if weight is None else _weight(weight[0], self.at(weight[1]), what),  # type: ignore[arg-type]
        )

    def _extension(self, key: str, position: Position, event) -> Extension:  # type: ignore[no-untyped-def]
        target = _check_reference(key, position, "claims")
        what = f"'{target}'"
        note = None
        relations: list[Relation] = []
        for name, key_event, value in self._pairs(event, what):
            if name not in EXTENSION_KEYS:
                raise MapError(
                    f"'{name}' cannot be set on {what}, a claim of another map; only relations"
                    f" ({', '.join(EXTENSION_KEYS)}) can be added here",
                    self.at(key_event),
                )
            if name == "note":
                note = self._text(value, f"'note' of {what}", required=False)
            else:
                self._relation(name, value, target, what, relations)
        return Extension(target, position, note, tuple(relations))

    def _argument(self, argument_id: str, position: Position, event) -> Argument:  # type: ignore[no-untyped-def]
        if not ID_PATTERN.match(argument_id):
            raise MapError(f"bad argument id '{argument_id}'; use lowercase letters, digits and '-'", position)
        what = f"argument '{argument_id}'"
        premises: list[tuple[str, Position]] | None = None
        premises_event = conclusion = conclusion_position = note = section = weight = None
        for key, _, value in self._pairs(event, what, ARGUMENT_KEYS):
            if key == "weight":
                text = value.value if type(value) is Scalar and not is_null(value) else ""
                weight = _weight(text, self.at(value), what)
            elif key == "premises":
                premises_event, premises = value, self._text_list(value, f"'premises' of {what}", "premises: [a, b]")
            elif key == "conclusion":
                conclusion, conclusion_position = self._text(value, f"'conclusion' of {what}"), self.at(value)
            elif key == "section":
                section = self._text(value, f"'section' of {what}")
            else:
                note = self._text(value, f"'note' of {what}", required=False)
        if premises is None:
            raise MapError(f"{what} has no 'premises:'", position)
        if conclusion is None:
            raise MapError(f"{what} has no 'conclusion:'", position)
        if not premises:
            raise MapError(f"{what} has no premises; list the claims that together support the conclusion", self.at(premises_event))
        for premise, at in premises:
            _check_reference(premise, at, what)
        _check_reference(conclusion, conclusion_position, what)  # type: ignore[arg-type]
        return Argument(
            id=argument_id,
            premises=tuple(p for p, _ in premises),
            premise_positions=tuple(at for _, at in premises),
            conclusion=conclusion,
            conclusion_position=conclusion_position,  # type: ignore[arg-type]
            position=position,
            note=note,
            section=section,
            weight=weight,
        )


def _place_arguments(arguments: list[Argument], claims: list[Claim]) -> list[Argument]:
    """Each linked argument without a ``section:`` of its own goes in its premises' section, when they
    are all claims of this map in one section (so it is drawn with them)."""
    sections = {claim.id: claim.section for claim in claims}
    placed = []
    for argument in arguments:
        if argument.section is None:
            shared = {sections.get(p) for p in argument.premises}
            if len(shared) == 1 and None not in shared:
                argument = replace(argument, section=shared.pop())
        placed.append(argument)
    return placed


def _read_source(argmap: ArgMap, folder: Path, root: Root, max_bytes: int) -> tuple[str | None, str | None]:
    """Return (text, None) or (None, why it could not be read), for a map in the resolved ``folder``.

    A source outside the root, or over ``max_bytes``, is an input error (``MapError``); the message
    for a source outside the root is the same whether or not the file exists.
    """
    source = argmap.source
    shown = Path(argmap.path).parent / source  # type: ignore[operator]
    try:
        path = root.resolve(folder, source)  # type: ignore[arg-type]
        data = read_regular(path, max_bytes)
    except OutsideRoot:
        raise MapError(f"source '{source}' lies outside the root {root.describe()}; a map may only quote files"
                       " inside it (move the file in, or see --root)", argmap.source_position) from None
    except InsideGit:
        raise MapError(f"source '{source}' is inside a .git folder, which maps may not read (it can hold a token);"
                       " point 'source:' at a text file of the repository", argmap.source_position) from None
    except TooLarge:
        raise MapError(f"source file '{source}' is larger than the limit of {max_bytes:,} bytes; shorten it or raise"
                       " --max-bytes", argmap.source_position) from None
    except NotRegular as kind:
        if kind.kind == "a folder":
            return None, f"source '{source}' is a folder, not a text file; point 'source:' at the text file"
        return None, f"source '{source}' is {kind.kind}, not a regular file; point 'source:' at a text file"
    except (FileNotFoundError, NotADirectoryError):
        return None, f"source file '{source}' does not exist (looked for {shown}); correct 'source:' or add the file"
    except OSError as error:
        return None, f"source file '{source}' cannot be read ({error.strerror}); correct 'source:' or check the file"
    except ValueError:  # a NUL character, which YAML lets a quoted string hold as "\0"
        return None, "the 'source:' path holds a NUL character; correct it"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, f"source file '{source}' is not UTF-8 text; save it as UTF-8"


def map_name(path: Path) -> str:
    """A map's name: its file stem, restricted so it is safe as a file name and in ``map#id``."""
    name = path.stem
    if not MAP_NAME_PATTERN.match(name):
        raise MapError(
            f"'{path.name}' cannot be a map name; rename the file to letters, digits, '-', '_' or '.'", path=str(path)
        )
    return name


def parse_map(text: str, path: str, name: str) -> ArgMap:
    """Parse one map's YAML text; ``path`` is only used in positions. Does not read the source file."""
    events = Events(text, path)
    try:
        return _MapReader(events, name).read()
    except MapError:
        if not events.failed:
            events.rest()  # a YAML error further on is the one to report
        raise
    finally:
        events.close()


def load_map(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, root: Root | None = None) -> ArgMap:
    """Load one map file, and the source text its quotes are checked against.

    Both are read only from inside ``root`` (by default found from ``path``: see ``argmap.root``),
    only if they are regular files of at most ``max_bytes``.
    """
    root = root or find_root(Path(path).parent)
    return _load(path, root, _locate_folder(path, root), max_bytes)


def _locate_folder(path: str | os.PathLike[str], root: Root) -> Path:
    """The resolved folder of the map ``path`` named on the command line, which must be inside ``root``."""
    try:
        return root.locate(Path(path).parent)
    except MapError:
        raise MapError(f"lies outside the root {root.describe()}; maps are read only from inside it (see --root)",
                       path=str(path)) from None
    except OSError as error:  # a loop of symbolic links
        raise MapError(f"cannot be read ({error.strerror}); check the path", path=str(path)) from None


def _load(path: str | os.PathLike[str], root: Root, folder: Path, max_bytes: int) -> ArgMap:
    """``load_map`` for the map ``path`` whose resolved folder inside ``root`` is ``folder``."""
    file = Path(path)
    shown = str(path)
    name = map_name(file)
    try:
        real = root.resolve(folder, file.name)
        data = read_regular(real, max_bytes)
    except OutsideRoot:
        raise MapError(f"is a symbolic link leading outside the root {root.describe()}; maps are read only from"
                       " inside it (see --root)", path=shown) from None
    except InsideGit:
        raise MapError("is inside a .git folder, which argmap does not read", path=shown) from None
    except TooLarge as large:
        raise MapError(
            f"file is {large.size:,} bytes, over the limit of {max_bytes:,}; split the map or raise --max-bytes",
            Position(shown, 1, 1),
        ) from None
    except NotRegular as kind:
        if kind.kind == "a folder":
            raise MapError("is a folder, not a map file; only map files may be named *.yaml or *.yml", path=shown) from None
        raise MapError(f"is {kind.kind}, not a map file; argmap reads only regular files", path=shown) from None
    except (FileNotFoundError, NotADirectoryError):
        if file.is_symlink():
            raise MapError("is a symbolic link to a file that does not exist; remove it or correct it", path=shown) from None
        raise MapError("no such file", path=shown) from None
    except OSError as error:
        raise MapError(f"cannot read the file ({error.strerror})", path=shown) from None
    argmap = parse_map(decode_map_text(data, shown), shown, name)
    if argmap.source is None:
        return argmap
    text, problem = _read_source(argmap, folder, root, max_bytes)  # beside the map as named, as includes are
    return replace(argmap, source_text=text, source_error=problem)


def find_map_files(paths: Iterable[str | os.PathLike[str]], exclude: Callable[[Path], bool] | None = None) -> list[Path]:
    """Expand folders into the map files directly inside them (sorted), less those ``exclude`` names; keep files as given."""
    return [file for file, _ in _expand(paths, exclude)]


def _expand(paths: Iterable[str | os.PathLike[str]], exclude: Callable[[Path], bool] | None = None,
            errors: list[MapError] | None = None) -> list[tuple[Path, str | os.PathLike[str]]]:
    """(map file, the command-line path it came from) for each map at ``paths``.

    Every entry of a folder named ``*.yaml`` or ``*.yml`` is a map, whatever it is: a folder, a
    dangling symbolic link or a device under such a name is reported when it is loaded, not skipped.
    Only the lock files some editors leave (hidden symbolic links to nothing, ``.#m.yaml``) are
    passed over.
    """
    found: list[tuple[Path, str | os.PathLike[str]]] = []
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                files = sorted(p for p in path.iterdir() if p.suffix in MAP_SUFFIXES and not _editor_lock(p))
                if not files:
                    raise MapError("no maps here (expected *.yaml files)", path=str(given))
                if exclude is not None:
                    files = [p for p in files if not exclude(p)]
                found.extend((file, given) for file in files)
            elif path.exists() or path.is_symlink():
                found.append((path, given))
            else:
                raise MapError("no such file or folder", path=str(given))
        except OSError as error:  # a name too long, a folder that cannot be listed
            problem = MapError(f"cannot be read ({error.strerror}); check the path", path=str(given))
            if errors is None:
                raise problem from None
            errors.append(problem)
        except MapError as problem:
            if errors is None:
                raise
            errors.append(problem)
    return found


def _editor_lock(path: Path) -> bool:
    return path.name.startswith(".") and path.is_symlink() and not path.exists()


def _referenced_maps(argmap: ArgMap) -> Iterator[tuple[str, Position, bool]]:
    """(map name, where, is_include) for every other map this one needs."""
    for name, position in zip(argmap.includes, argmap.include_positions, strict=True):
        yield name, position, True
    # The bulk of a large map, where only ``map#id`` targets matter: one flat pass over the relations.
    refs = [(target, at) for claim in argmap.claims for _, _, target, at in claim.relations if "#" in target]
    refs += [(r.target, r.position) for e in argmap.extensions for r in e.relations]
    refs += [(e.target, e.position) for e in argmap.extensions]
    for a in argmap.arguments:
        refs += list(zip(a.premises, a.premise_positions, strict=True)) + [(a.conclusion, a.conclusion_position)]
    refs += [(e.claim, e.position) for e in argmap.expect]
    for target, position in refs:
        if "#" in target:
            yield target.rpartition("#")[0], position, False


def map_scope(maps: MapSet, name: str) -> MapSet:
    """Map ``name`` with the maps it includes or refers to, directly or not: what its meaning rests on.

    A map is checked and drawn in its own scope, so its findings are the same whether it is checked
    alone or in a folder beside maps that include it.
    """
    by_name = maps.by_name()
    if len(by_name) == 1:  # nothing else to take in: no need to read through its references
        return MapSet(maps=(by_name[name],), extra=())
    seen = [name]
    for current in seen:
        for other, _, _ in _referenced_maps(by_name[current]):
            if other in by_name and other not in seen:
                seen.append(other)
    return MapSet(maps=(by_name[name],), extra=tuple(by_name[n] for n in sorted(seen[1:])))


def _map_file(root: Root, folder: Path, name: str, position: Position) -> str | None:
    """The file name of map ``name`` in the resolved ``folder`` (None if there is none); ``MapError`` if
    a symbolic link under its name leads outside the root (whether or not its target exists)."""
    for suffix in MAP_SUFFIXES:
        try:
            if root.resolve(folder, f"{name}{suffix}").is_file():
                return f"{name}{suffix}"
        except (OutsideRoot, InsideGit):
            raise MapError(f"map '{name}' ({name}{suffix}) is a symbolic link leading outside the root {root.describe()}"
                           " or into .git; maps are read only from inside it", position) from None
        except (OSError, ValueError):  # a name too long for the file system, a loop of links: no map
            pass
    return None


def load_map_set(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES, root: str | os.PathLike[str] | None = None,
    exclude: Callable[[Path], bool] | None = None,
    errors: list[MapError] | None = None,
) -> MapSet:
    """Load the maps at ``paths`` (files or folders) and every map they include or refer to.

    Included and referenced maps are looked up by name in the folder of the map that names them.
    A missing included map, an include cycle or two maps of one name are input errors; a ``map#id``
    reference to a map that does not exist is left for the dangling-reference rule. Nothing is read
    from outside the root of each path (``root``, or as ``argmap.root.find_root`` finds it).

    With ``errors``, a file that cannot be read (a path, a map or a map it needs) does not stop the
    others, as a linter goes on past one bad file: its error is added to ``errors``, and the set
    holds every map that, with all it needs, could be read.
    """
    loaded: dict[str, ArgMap] = {}
    places: dict[str, tuple[Root, Path]] = {}  # each map's root and resolved folder
    roots: dict[str, Root] = {}
    located: dict[Path, Path] = {}  # each folder of maps, resolved inside its root (once, not per map)
    asked: list[str] = []
    paths = list(paths)
    expanded = _expand(paths, exclude, errors)
    if not expanded and exclude is not None and paths and not errors:
        raise MapError("every map here is excluded by the configuration's 'exclude'; name a map or change 'exclude'",
                       path=", ".join(map(str, paths)))
    for file, given in expanded:
        try:
            key = os.fspath(given)
            if key not in roots:
                roots[key] = find_root(given, root)
            where = roots[key]
            if file.parent not in located:
                located[file.parent] = _locate_folder(file, where)
            folder = located[file.parent]
            argmap = _load(file, where, folder, max_bytes)
            if argmap.name in loaded:
                if Path(loaded[argmap.name].path).resolve() == file.resolve():
                    continue  # the same file named twice
                raise MapError(f"two maps are named '{argmap.name}' (also {loaded[argmap.name].path}); rename one", path=str(file))
        except MapError as error:
            if errors is None:
                raise
            errors.append(error)
            continue
        loaded[argmap.name] = argmap
        places[argmap.name] = (where, folder)
        asked.append(argmap.name)

    pending = list(asked)
    unreadable: dict[str, Position] = {}  # a map that needs another that cannot be read -> where it names it
    reported = {str(error) for error in errors or ()}
    while pending:
        current = pending.pop(0)
        argmap = loaded[current]
        where, folder = places[current]
        shown = Path(argmap.path).parent
        for name, position, is_include in _referenced_maps(argmap):
            if name in loaded:
                continue
            try:
                file = _map_file(where, folder, name, position)
                if file is None:
                    if is_include:
                        raise MapError(f"included map '{name}' not found (looked for {shown / name}.yaml);"
                                       " correct the name or add the map", position)
                    continue
                loaded[name] = _load(shown / file, where, folder, max_bytes)
            except MapError as error:
                if errors is None:
                    raise
                if str(error) not in reported:  # a bad map asked for and also included: reported once
                    reported.add(str(error))
                    errors.append(error)
                unreadable.setdefault(current, position)
                continue
            places[name] = (where, folder)
            pending.append(name)
    if unreadable:
        _drop_needing(loaded, asked, unreadable, errors)  # type: ignore[arg-type]
    while (cycle := _include_cycle(loaded)) is not None:
        error, on_cycle = cycle
        if errors is None:
            raise error
        errors.append(error)  # the maps on it, and those that include them, are left out; the rest are checked
        _drop_needing(loaded, asked, dict.fromkeys(on_cycle, error.position), errors)
    return MapSet(
        maps=tuple(loaded[n] for n in asked),
        extra=tuple(loaded[n] for n in sorted(loaded) if n not in asked),
    )


class NotChecked(MapError):
    """A map left out of a check because a map it needs cannot be read: that map's error is the one
    reported (one line per bad file); this one is only counted."""


def _drop_needing(loaded: dict[str, ArgMap], asked: list[str], unreadable: dict[str, Position], errors: list[MapError]) -> None:
    """Leave out the maps that need (directly or not) a map that could not be read; each one asked
    for gets an error of its own, at the place it names the first map it cannot do without."""
    needs = {name: {other for other, _, _ in _referenced_maps(m)} for name, m in loaded.items()}
    dropped = dict(unreadable)
    changed = True
    while changed:
        changed = False
        for name, others in needs.items():
            if name not in dropped and others & dropped.keys():
                first = next(p for o, p, _ in _referenced_maps(loaded[name]) if o in dropped)
                dropped[name] = first
                changed = True
    for name, position in dropped.items():
        if name in asked:
            errors.append(NotChecked(f"map '{name}' needs a map that cannot be read (see its error); it is not checked", position))
            asked.remove(name)
        loaded.pop(name, None)


def _include_cycle(maps: dict[str, ArgMap]) -> tuple[MapError, list[str]] | None:
    """The first include cycle among ``maps`` (by name), as an error at the include that closes it,
    and the maps on it; None when there is none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(name: str, trail: list[str]) -> tuple[MapError, list[str]] | None:
        state[name] = 1
        argmap = maps[name]
        for child, position in zip(argmap.includes, argmap.include_positions, strict=True):
            if child == name or state.get(child) == 1:
                loop = trail[trail.index(child):] if child in trail else [name]
                cycle = " -> ".join([*loop, child])
                return MapError(f"include cycle: {cycle}; a map cannot include itself, directly or not", position), loop
            if child in maps and state.get(child) is None and (found := visit(child, [*trail, child])) is not None:
                return found
        state[name] = 2
        return None

    for name in sorted(maps):
        if state.get(name) is None and (found := visit(name, [name])) is not None:
            return found
    return None
