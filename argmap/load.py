"""Read map files (YAML) into the model, with a position on everything and a clear error for bad input.

The YAML is read as a stream of parser events from PyYAML's C parser rather than with ``yaml.load``:
``load`` silently keeps the last of two equal keys, resolves anchors and aliases, and forgets where
things were written. Working from events keeps every line and column, sees duplicate keys (finding
AM001, at the second occurrence) and rejects anchors, aliases and tags before they can expand.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import yaml

from argmap.model import (
    ARGUMENT_KEYS,
    CLAIM_KEYS,
    EXTENSION_KEYS,
    ID_PATTERN,
    KINDS,
    LABELS,
    MAP_NAME_PATTERN,
    RELATION_TYPES,
    RULE_CODE_PATTERN,
    TOP_KEYS,
    ArgMap,
    Argument,
    Claim,
    DuplicateKey,
    Expectation,
    Extension,
    MapError,
    MapSet,
    Position,
    Relation,
)
from argmap.plain_layout import NULL_WORDS, read_plain_layout

try:  # The C parser is ~10x faster; the pure one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only where libyaml is missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAP_SUFFIXES = (".yaml", ".yml")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 50  # a map is at most ~6 levels deep; far deeper input is an error, not a stack overflow
_NULLS = NULL_WORDS


class _Node:
    """A YAML node as the parser saw it: ``kind`` is ``map``, ``seq`` or ``scalar``.

    A slotted class that keeps the line and column as numbers: a large map has millions of nodes,
    and most of their positions are never asked for.
    """

    __slots__ = ("kind", "value", "path", "line", "column", "plain")

    def __init__(self, kind: str, value: object, path: str, line: int, column: int, plain: bool = False):
        self.kind = kind
        self.value = value  # list[tuple[_Node, _Node]] | list[_Node] | str
        self.path = path
        self.line = line
        self.column = column
        self.plain = plain

    @property
    def position(self) -> Position:
        return Position(self.path, self.line, self.column)

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.plain and self.value in _NULLS


def _position(path: str, mark: yaml.Mark) -> Position:
    return Position(path, mark.line + 1, mark.column + 1)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break


def _line(text: str, index: int) -> str:
    """Line ``index`` (from 0) of ``text`` as YAML counts lines, or "" past the end."""
    lines = _LINE_BREAK.split(text)
    return lines[index] if 0 <= index < len(lines) else ""


def _offset_position(path: str, text: str, offset: int) -> Position:
    """The position of character ``offset`` of ``text``, counting line breaks the way YAML does."""
    lines = _LINE_BREAK.split(text[:offset])
    return Position(path, len(lines), len(lines[-1]) + 1)


def decode_map_text(data: bytes, path: str) -> str:
    """Decode a map file's bytes as UTF-8 (an optional byte-order mark is dropped)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MapError("file is UTF-16; save it as UTF-8", Position(path, 1, 1))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\0")
    if nul >= 0:
        before = data[:nul].decode("utf-8", "replace")
        raise MapError("binary data (a NUL byte); a map must be a UTF-8 text file", _offset_position(path, before, len(before)))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8")
        raise MapError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8", _offset_position(path, good, len(good))
        ) from None


def _yaml_error(error: yaml.YAMLError, path: str, text: str) -> MapError:
    if isinstance(error, yaml.reader.ReaderError):
        # The C reader gives a byte offset; it stops at the first character it rejects.
        index = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        position = _offset_position(path, text, index if index >= 0 else 0)
        return MapError(f"character #x{error.character:04x} is not allowed in YAML ({error.reason}); remove it", position)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}"
    if context:
        context_mark = getattr(error, "context_mark", None)
        where = f" at line {context_mark.line + 1}" if context_mark is not None and context_mark is not mark else ""
        message += f" ({context}{where})"
    if "\t" in problem or "cannot start any token" in problem:
        if mark is not None and "\t" in _line(text, mark.line):
            message += "; YAML cannot indent with tabs, use spaces"
    elif mark is not None and mark.column > 1024 and _line(text, mark.line)[mark.column:mark.column + 1] == ":":
        message += "; a YAML key is at most 1024 characters long, shorten it"
    return MapError(message, _error_position(path, text, mark))


def _error_position(path: str, text: str, mark: yaml.Mark | None) -> Position:
    """Where a YAML error is: libyaml puts the end of a file without a final line break on a line
    after the last one; that is the end of the last line."""
    if mark is None:
        return Position(path, 1, 1)
    lines = _LINE_BREAK.split(text)
    if mark.line >= len(lines):
        return Position(path, len(lines), len(lines[-1]) + 1)
    return _position(path, mark)


_SCALAR = yaml.ScalarEvent
_SEQUENCE = yaml.SequenceStartEvent
_MAPPING = yaml.MappingStartEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_MAPPING_END = yaml.MappingEndEvent
_ALIAS = yaml.AliasEvent


class _TreeBuilder:
    """Turns the event stream into ``_Node`` trees and records duplicate keys."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.duplicates: list[DuplicateKey] = []

    def document(self) -> _Node | None:
        loader = _Loader(self.text)
        try:
            self._next = loader.get_event
            self._next()  # StreamStart
            event = self._next()
            if isinstance(event, yaml.StreamEndEvent):
                return None
            root = self._node(self._next(), 0)
            self._next()  # DocumentEnd
            event = self._next()
            if not isinstance(event, yaml.StreamEndEvent):
                raise MapError("a map file holds one YAML document; remove the second '---'", _position(self.path, event.start_mark))
            return root
        except yaml.YAMLError as error:
            raise _yaml_error(error, self.path, self.text) from None
        finally:
            loader.dispose()

    def _reject_extras(self, event: yaml.NodeEvent) -> None:
        position = _position(self.path, event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            raise MapError(f"YAML aliases (*{event.anchor}) are not allowed in maps; write the value out", position)
        if event.anchor is not None:
            raise MapError(f"YAML anchors (&{event.anchor}) are not allowed in maps; write the value out", position)
        raise MapError(f"YAML tags ({event.tag}) are not allowed in maps; remove the tag", position)

    def _node(self, event: yaml.Event, depth: int) -> _Node:
        # The hot loop of loading: one call per collection, exact type tests, and the plain scalars
        # that make up most of a map (no anchor, no tag) built inline rather than by a call each.
        cls = type(event)
        if cls is _ALIAS or event.anchor is not None or (event.tag is not None and event.tag != "!"):
            self._reject_extras(event)
        mark = event.start_mark
        if depth > MAX_DEPTH:
            raise MapError(f"YAML nested more than {MAX_DEPTH} levels deep; a map needs only a few", _position(self.path, mark))
        path = self.path
        if cls is _SCALAR:
            return _Node("scalar", event.value, path, mark.line + 1, mark.column + 1, event.implicit[0] and not event.style)
        get = self._next
        depth += 1
        inline = depth <= MAX_DEPTH
        if cls is _SEQUENCE:
            items = []
            item = get()
            while (kind := type(item)) is not _SEQUENCE_END:
                if kind is _SCALAR and inline and item.anchor is None and item.tag is None:
                    at = item.start_mark
                    items.append(_Node("scalar", item.value, path, at.line + 1, at.column + 1, item.implicit[0] and not item.style))
                else:
                    items.append(self._node(item, depth))
                item = get()
            return _Node("seq", items, path, mark.line + 1, mark.column + 1)
        if cls is _MAPPING:
            pairs: list[tuple[_Node, _Node]] = []
            seen: dict[str, _Node] = {}
            item = get()
            while (kind := type(item)) is not _MAPPING_END:
                if kind is _SCALAR and inline and item.anchor is None and item.tag is None:
                    at = item.start_mark
                    key = _Node("scalar", item.value, path, at.line + 1, at.column + 1, item.implicit[0] and not item.style)
                else:
                    key = self._node(item, depth)
                    if key.kind != "scalar":
                        raise MapError("mapping keys must be plain text", key.position)
                item = get()
                if type(item) is _SCALAR and inline and item.anchor is None and item.tag is None:
                    at = item.start_mark
                    value = _Node("scalar", item.value, path, at.line + 1, at.column + 1, item.implicit[0] and not item.style)
                else:
                    value = self._node(item, depth)
                name = key.value
                if name in seen:
                    self.duplicates.append(DuplicateKey(name, key.position, seen[name].position))  # type: ignore[arg-type]
                else:  # keep the first occurrence
                    seen[name] = key  # type: ignore[index]
                    pairs.append((key, value))
                item = get()
            return _Node("map", pairs, path, mark.line + 1, mark.column + 1)
        raise MapError(f"unexpected YAML event {cls.__name__}", _position(path, mark))  # pragma: no cover


def _describe(node: _Node) -> str:
    if node.is_null:
        return "nothing"
    return {"map": "a mapping", "seq": "a list", "scalar": "text"}[node.kind]


def _text(node: _Node, what: str, *, required: bool = True) -> str | None:
    if node.is_null:
        if required:
            raise MapError(f"{what} is empty; write some text", node.position)
        return None
    if node.kind != "scalar":
        raise MapError(f"{what} must be text, not {_describe(node)}", node.position)
    value = str(node.value)
    if required and not value.strip():
        raise MapError(f"{what} is empty; write some text", node.position)
    return value


def _mapping(node: _Node, what: str) -> list[tuple[_Node, _Node]]:
    if node.kind != "map":
        raise MapError(f"{what} must be a mapping, not {_describe(node)}", node.position)
    return node.value  # type: ignore[return-value]


def _text_list(node: _Node, what: str, example: str) -> list[tuple[str, Position]]:
    if node.is_null:
        return []
    if node.kind != "seq":
        raise MapError(f"{what} must be a list, e.g. {example}", node.position)
    out = []
    for item in node.value:  # type: ignore[union-attr]
        value = _text(item, f"an item of {what}")
        out.append((value, item.position))
    return out


def _check_keys(pairs: list[tuple[_Node, _Node]], allowed: tuple[str, ...], what: str) -> None:
    for key, _ in pairs:
        if key.value not in allowed:
            raise MapError(f"unknown key '{key.value}' in {what}; expected one of: {', '.join(allowed)}", key.position)


def _check_reference(value: str, position: Position, what: str) -> str:
    map_name, _, local = value.rpartition("#")
    if (map_name and not MAP_NAME_PATTERN.match(map_name)) or not ID_PATTERN.match(local):
        raise MapError(
            f"bad reference '{value}' in {what}; write a claim id (lowercase letters, digits, '-') or map-name#id",
            position,
        )
    return value


def _relations(pairs: list[tuple[_Node, _Node]], source: str, what: str) -> tuple[Relation, ...]:
    relations = []
    for key, value in pairs:
        rel_type = key.value
        if rel_type not in RELATION_TYPES:
            continue
        if value.kind != "seq":
            _text_list(value, f"'{rel_type}' of {what}", f"{rel_type}: [other-claim]")  # nothing, or the error
            continue
        for item in value.value:  # type: ignore[union-attr]
            target = item.value
            # Most targets are plain local ids: those need no message made in advance.
            if item.kind != "scalar" or not ID_PATTERN.match(target) or (item.plain and target in _NULLS):  # type: ignore[arg-type]
                target = _text(item, f"an item of '{rel_type}' of {what}")
                _check_reference(target, item.position, what)  # type: ignore[arg-type]
            relations.append(Relation(rel_type, source, target, Position(item.path, item.line, item.column)))  # type: ignore[arg-type]
    return tuple(relations)


def _field(fields: dict[str, _Node], key: str, what: str, *, required: bool = True) -> str | None:
    """The text of ``fields[key]`` (as ``_text`` gives it), with the message made only for an error."""
    node = fields[key]
    value = node.value
    if node.kind == "scalar" and value and not value.isspace() and not (node.plain and value in _NULLS):  # type: ignore[union-attr]
        return value  # type: ignore[return-value]
    return _text(node, f"'{key}' of {what}", required=required)


def _claim(key: _Node, value: _Node) -> Claim:
    claim_id = str(key.value)
    what = f"claim '{claim_id}'"
    if value.is_null or value.kind == "scalar":
        raise MapError(f"{what} must be a mapping with at least 'text:'", value.position)
    pairs = _mapping(value, what)
    _check_keys(pairs, CLAIM_KEYS, what)
    fields = {str(k.value): v for k, v in pairs}
    if "text" not in fields:
        raise MapError(f"{what} has no 'text:'; say what the claim is", key.position)
    kind = "claim"
    if "kind" in fields:
        kind = _field(fields, "kind", what) or "claim"
        if kind not in KINDS:
            raise MapError(f"unknown kind '{kind}' in {what}; expected one of: {', '.join(KINDS)}", fields["kind"].position)
    codes: list[tuple[str, Position]] = []
    if "ignore" in fields:
        # Which codes exist is the checker's business (it knows the rules); here only the shape.
        codes = _text_list(fields["ignore"], f"'ignore' of {what}", "ignore: [AM104]")
        for code, position in codes:
            if not RULE_CODE_PATTERN.match(code):
                raise MapError(f"'{code}' in 'ignore' of {what} is not a rule code like AM104", position)
    quote_node = fields.get("quote")
    return Claim(
        id=claim_id,
        text=_field(fields, "text", what),  # type: ignore[arg-type]
        kind=kind,
        position=key.position,
        quote=_field(fields, "quote", what) if quote_node is not None else None,
        quote_position=quote_node.position if quote_node is not None else None,
        section=_field(fields, "section", what) if "section" in fields else None,
        note=_field(fields, "note", what, required=False) if "note" in fields else None,
        ignore=frozenset(code for code, _ in codes),
        ignore_positions=tuple(codes),
        relations=_relations(pairs, claim_id, what),
    )


def _extension(key: _Node, value: _Node) -> Extension:
    target = _check_reference(str(key.value), key.position, "claims")
    what = f"'{target}'"
    pairs = _mapping(value, what)
    for k, _ in pairs:
        if k.value not in EXTENSION_KEYS:
            raise MapError(
                f"'{k.value}' cannot be set on {what}, a claim of another map; only relations"
                f" ({', '.join(EXTENSION_KEYS)}) can be added here",
                k.position,
            )
    fields = {str(k.value): v for k, v in pairs}
    note = _text(fields["note"], f"'note' of {what}", required=False) if "note" in fields else None
    return Extension(target, key.position, note, _relations(pairs, target, what))


def _argument(key: _Node, value: _Node) -> Argument:
    what = f"argument '{key.value}'"
    pairs = _mapping(value, what)
    _check_keys(pairs, ARGUMENT_KEYS, what)
    fields = {str(k.value): v for k, v in pairs}
    for needed in ("premises", "conclusion"):
        if needed not in fields:
            raise MapError(f"{what} has no '{needed}:'", key.position)
    premises = _text_list(fields["premises"], f"'premises' of {what}", "premises: [a, b]")
    if not premises:
        raise MapError(f"{what} has no premises; list the claims that together support the conclusion", fields["premises"].position)
    for premise, position in premises:
        _check_reference(premise, position, what)
    conclusion = _text(fields["conclusion"], f"'conclusion' of {what}")
    _check_reference(conclusion, fields["conclusion"].position, what)  # type: ignore[arg-type]
    return Argument(
        id=str(key.value),
        premises=tuple(p for p, _ in premises),
        premise_positions=tuple(pos for _, pos in premises),
        conclusion=conclusion,  # type: ignore[arg-type]
        conclusion_position=fields["conclusion"].position,
        position=key.position,
        note=_text(fields["note"], f"'note' of {what}", required=False) if "note" in fields else None,
    )


def _read_source(map_path: Path, source: str) -> tuple[str | None, str | None]:
    """Return (text, None) or (None, why it could not be read)."""
    path = map_path.parent / source
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, f"source file '{source}' does not exist (looked for {path}); correct 'source:' or add the file"
    except IsADirectoryError:
        return None, f"source '{source}' is a folder, not a text file; point 'source:' at the text file"
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector.

    Parsing a map, building its graph and running the rules make millions of small objects and no
    reference cycles: the collector's passes over them as they pile up cost about a third of the
    time and free nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_map(text: str, path: str, name: str) -> ArgMap:
    """Parse one map's YAML text; ``path`` is only used in positions. Does not read the source file.

    A map in the plain layout is read line by line (``plain_layout``); any other, and every map with
    an error, by PyYAML's event parser, which alone words the errors.
    """
    with collector_paused():
        return read_plain_layout(text, path, name) or parse_yaml_map(text, path, name)


def parse_yaml_map(text: str, path: str, name: str) -> ArgMap:
    """``parse_map`` by PyYAML's event parser alone, whatever the layout (the reference for ``plain_layout``)."""
    with collector_paused():
        return _parse_map(text, path, name)


def _parse_map(text: str, path: str, name: str) -> ArgMap:
    builder = _TreeBuilder(path, text)
    root = builder.document()
    if root is None or root.is_null:
        raise MapError("the file is empty; a map needs at least 'title:' and 'claims:'", Position(path, 1, 1))
    if root.kind != "map":
        raise MapError(f"a map must be a YAML mapping with 'title:' and 'claims:', not {_describe(root)}", root.position)
    pairs = root.value
    _check_keys(pairs, TOP_KEYS, "the map")  # type: ignore[arg-type]
    fields = {str(k.value): (k, v) for k, v in pairs}  # type: ignore[union-attr]
    if "title" not in fields:
        raise MapError("the map has no 'title:'; add one", root.position)
    title = _text(fields["title"][1], "'title'")
    if "claims" not in fields and "include" not in fields:
        raise MapError("the map has no 'claims:' (and includes no other map); add its claims", root.position)

    claims: list[Claim] = []
    extensions: list[Extension] = []
    if "claims" in fields and not fields["claims"][1].is_null:
        for key, value in _mapping(fields["claims"][1], "'claims'"):
            if "#" in str(key.value):
                extensions.append(_extension(key, value))
                continue
            if not ID_PATTERN.match(str(key.value)):
                raise MapError(
                    f"bad claim id '{key.value}'; use lowercase letters, digits and '-', starting with a letter or digit",
                    key.position,
                )
            claims.append(_claim(key, value))

    arguments: list[Argument] = []
    if "arguments" in fields and not fields["arguments"][1].is_null:
        for key, value in _mapping(fields["arguments"][1], "'arguments'"):
            if not ID_PATTERN.match(str(key.value)):
                raise MapError(f"bad argument id '{key.value}'; use lowercase letters, digits and '-'", key.position)
            arguments.append(_argument(key, value))

    includes: list[tuple[str, Position]] = []
    if "include" in fields:
        includes = _text_list(fields["include"][1], "'include'", "include: [other-map]")
        for included, position in includes:
            if not MAP_NAME_PATTERN.match(included):
                raise MapError(f"bad map name '{included}' in 'include'; give the file name without .yaml", position)

    expect: list[Expectation] = []
    if "expect" in fields and not fields["expect"][1].is_null:
        for key, value in _mapping(fields["expect"][1], "'expect'"):
            label = _text(value, f"expected label of '{key.value}'")
            if label not in LABELS:
                raise MapError(f"expected label of '{key.value}' must be one of: {', '.join(LABELS)}", value.position)
            expect.append(Expectation(_check_reference(str(key.value), key.position, "'expect'"), label, key.position, value.position))  # type: ignore[arg-type]

    source = source_position = None
    if "source" in fields:
        source = _text(fields["source"][1], "'source'")
        source_position = fields["source"][1].position

    return ArgMap(
        name=name,
        path=path,
        title=title,  # type: ignore[arg-type]
        position=root.position,
        source=source,
        source_position=source_position,
        claims=tuple(claims),
        arguments=tuple(arguments),
        extensions=tuple(extensions),
        includes=tuple(n for n, _ in includes),
        include_positions=tuple(p for _, p in includes),
        expect=tuple(expect),
        duplicate_keys=tuple(builder.duplicates),
    )


def load_map(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ArgMap:
    """Load one map file, and the source text its quotes are checked against."""
    file = Path(path)
    shown = str(path)
    name = map_name(file)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise MapError(
                f"file is {size:,} bytes, over the limit of {max_bytes:,}; split the map or raise --max-bytes",
                Position(shown, 1, 1),
            )
        data = file.read_bytes()
    except FileNotFoundError:
        raise MapError("no such file", path=shown) from None
    except IsADirectoryError:
        raise MapError("is a folder, not a map file", path=shown) from None
    except OSError as error:
        raise MapError(f"cannot read the file ({error.strerror})", path=shown) from None
    argmap = parse_map(decode_map_text(data, shown), shown, name)
    if argmap.source is None:
        return argmap
    text, problem = _read_source(file, argmap.source)
    return replace(argmap, source_text=text, source_error=problem)


def find_map_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders into the map files directly inside them (sorted); keep files as given."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                files = sorted(p for p in path.iterdir() if p.suffix in MAP_SUFFIXES and p.is_file())
                if not files:
                    raise MapError("no maps here (expected *.yaml files)", path=str(given))
                found.extend(files)
            elif path.exists():
                found.append(path)
            else:
                raise MapError("no such file or folder", path=str(given))
        except OSError as error:  # a name too long, a folder that cannot be listed
            raise MapError(f"cannot be read ({error.strerror}); check the path", path=str(given)) from None
    return found


def _referenced_maps(argmap: ArgMap) -> Iterator[tuple[str, Position, bool]]:
    """(map name, where, is_include) for every other map this one needs."""
    for name, position in zip(argmap.includes, argmap.include_positions, strict=True):
        yield name, position, True
    refs: list[tuple[str, Position]] = []
    for claim in argmap.claims:  # the bulk of a large map: only ``map#id`` targets matter
        refs += [(r.target, r.position) for r in claim.relations if "#" in r.target]
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
    seen = [name]
    for current in seen:
        for other, _, _ in _referenced_maps(by_name[current]):
            if other in by_name and other not in seen:
                seen.append(other)
    return MapSet(maps=(by_name[name],), extra=tuple(by_name[n] for n in sorted(seen[1:])))


def _map_file(folder: Path, name: str) -> Path | None:
    for suffix in MAP_SUFFIXES:
        candidate = folder / f"{name}{suffix}"
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # a name too long for the file system names no map
            pass
    return None


def load_map_set(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> MapSet:
    """Load the maps at ``paths`` (files or folders) and every map they include or refer to.

    Included and referenced maps are looked up by name in the folder of the map that names them.
    A missing included map, an include cycle or two maps of one name are input errors; a ``map#id``
    reference to a map that does not exist is left for the dangling-reference rule.
    """
    files = find_map_files(paths)
    loaded: dict[str, ArgMap] = {}
    folders: dict[str, Path] = {}
    asked: list[str] = []
    for file in files:
        argmap = load_map(file, max_bytes=max_bytes)
        if argmap.name in loaded:
            if Path(loaded[argmap.name].path).resolve() == file.resolve():
                continue  # the same file named twice
            raise MapError(f"two maps are named '{argmap.name}' (also {loaded[argmap.name].path}); rename one", path=str(file))
        loaded[argmap.name] = argmap
        folders[argmap.name] = file.parent.resolve()
        asked.append(argmap.name)

    pending = list(asked)
    while pending:
        argmap = loaded[pending.pop(0)]
        folder = Path(argmap.path).parent
        for name, position, is_include in _referenced_maps(argmap):
            if name in loaded:
                continue
            file = _map_file(folder, name)
            if file is None:
                if is_include:
                    raise MapError(f"included map '{name}' not found (looked for {folder / name}.yaml);"
                                   " correct the name or add the map", position)
                continue
            loaded[name] = load_map(file, max_bytes=max_bytes)
            folders[name] = file.parent.resolve()
            pending.append(name)

    _check_include_cycles(loaded)
    return MapSet(
        maps=tuple(loaded[n] for n in asked),
        extra=tuple(loaded[n] for n in sorted(loaded) if n not in asked),
    )


def _check_include_cycles(maps: dict[str, ArgMap]) -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        argmap = maps[name]
        for child, position in zip(argmap.includes, argmap.include_positions, strict=True):
            if child == name or state.get(child) == 1:
                loop = trail[trail.index(child):] if child in trail else [name]
                cycle = " -> ".join([*loop, child])
                raise MapError(f"include cycle: {cycle}; a map cannot include itself, directly or not", position)
            if child in maps and state.get(child) is None:
                visit(child, [*trail, child])
        state[name] = 2

    for name in sorted(maps):
        if state.get(name) is None:
            visit(name, [name])
