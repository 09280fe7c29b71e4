"""Read a map written in the plain block layout, line by line: in half the time of the YAML reader.

Nearly every map is written the way ``argmap generate`` and the maps in ``maps/`` write it: one key
per line, each value on its key's line (plain text, quoted text without escapes, or a one-line
``[a, b]`` list) or a block list of ``- item`` lines under its key; ``expect:`` may also be one
``{id: label}`` line. Such a file is read here with one regular expression per line and turned
straight into the model, without YAML events or a node tree; reading is most of what
``argmap check`` does on a large map. A claim entry in exactly the shape ``argmap generate`` writes
(``_EntryShape``), nearly all of a large map, is read with one match for the whole entry instead:
the pattern takes only lines the line-by-line reading reads the same way, and values it accepts,
so the claim is the same; any other entry is read line by line.

Whatever strays from that layout, or would be an error, a null or a duplicate key, makes
``read_plain_layout`` return None, and ``load.parse_map`` reads the file with the full YAML reader.
So that reader alone decides every error message and every duplicate-key finding, and where this
module answers, it answers exactly what the full reader would (the tests compare them on the seed
maps, generated maps and fuzzed variants of both).
"""

from __future__ import annotations

import functools
import re
from itertools import islice

from argmap.model import (
    ARGUMENT_KEYS,
    CLAIM_KEYS,
    EXTENSION_KEYS,
    ID_PATTERN,
    KINDS,
    LABELS,
    MAP_NAME_PATTERN,
    NULL_WORDS,
    RELATION_TYPES,
    RULE_CODE_PATTERN,
    TOP_KEYS,
    ArgMap,
    Argument,
    Claim,
    Expectation,
    Extension,
    Position,
    Relation,
)

# Characters the layout leaves to the full reader: tabs, carriage returns, YAML's other line breaks,
# byte-order marks and everything YAML does not allow in a file at all.
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_USUAL_ASCII = bytes([10, *range(0x20, 0x7F)])


def _has_unusual(text: str) -> bool:
    if text.isascii():  # most maps: a byte table finds them four times faster than the expression
        return bool(text.encode("ascii").translate(None, _USUAL_ASCII))
    return _UNUSUAL.search(text) is not None

# A scalar on one line: double-quoted without escapes, single-quoted, or plain. Plain text here never
# holds ':' or ' #' and starts with none of YAML's indicators, so it cannot be a key, a comment or
# anything but text; anything else goes to the full reader.
_QUOTED = r""""[^"\\]*"|'(?:[^']|'')*'"""
_PLAIN_START = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`]"""
_SCALAR = rf"""{_QUOTED}|{_PLAIN_START}(?:[^:#]|(?<! )\#)*?"""
_KEY = r"""[A-Za-z0-9][A-Za-z0-9_.#-]*|"[A-Za-z0-9_.#-]+"|'[A-Za-z0-9_.#-]+'"""  # plain or quoted, as PyYAML writes
_LINE = re.compile(
    "( *)(?:"
    rf"(?P<key>{_KEY}):(?: +(?:(?P<value>{_SCALAR}|\[[^\[\]{{}}]*\])|(?P<mapping>\{{[^\[\]{{}}]*\}})))?"  # key: value
    rf"|- +(?P<item>{_SCALAR})"  # - item
    r")? *(?:(?<![^ ])#.*)?\Z"  # and a comment, after a space or alone
)
# One ``key: value`` of a one-line flow mapping (``expect: {a: in}``), quoted or plain.
_PAIR = re.compile(r""" *("[^"]*"|'[^']*'|[^\s"':,][^\s:,]*): +("[^"]*"|'[^']*'|[^\s"':,][^\s:,]*) *""")
_LONGEST_KEY = 1000  # YAML refuses implicit keys over 1024 characters; leave those to it

# A whole claim entry in the shape ``argmap generate`` writes, matched at once rather than line by
# line: the id, ``text:`` and then the generator's optional fields in its order, every value
# double-quoted right after ``key: ``, every list ``["a", "b"]`` of plain ids, nothing else (no
# comment, blank line or trailing space). Each of those lines is one the line-by-line reading reads
# the same way, and the pattern takes only values ``_claim`` accepts. The entry must end there: the
# next line is the end of the text or starts a key or item no deeper than the entry, so no field of
# this claim is left behind. Any other entry fails to match and is read line by line.
_TEXT = r'"([^"\\\n]*?[^\s"\\][^"\\\n]*)"'  # inside the quotes, and not blank (\s is what isspace() finds)
_KIND = rf'"({"|".join(KINDS)})"'  # inside the quotes
_ID_LIST = r'\["([a-z0-9][a-z0-9-]*(?:", "[a-z0-9][a-z0-9-]*)*)"\]'  # inside ``["`` and ``"]``: ids as ID_PATTERN


class _EntryShape:
    """The pattern of a claim entry (see above) at one indentation, and the columns its values start at."""

    def __init__(self, entry_indent: int, field_indent: int):
        entry, field = " " * entry_indent, " " * field_indent
        self.match = re.compile(
            rf"{entry}([a-z0-9][a-z0-9-]*):\n"  # the id, as ID_PATTERN
            rf"{field}text: {_TEXT}\n"
            # each optional line as (?:line|) rather than (?:line)?: the same match, made a fifth quicker by re
            rf"(?:{field}kind: {_KIND}\n|)"
            rf"(?:{field}section: {_TEXT}\n|)"
            rf"(?:{field}quote: {_TEXT}\n|)"
            + "".join(rf"(?:{field}{key}: {_ID_LIST}\n|)" for key in RELATION_TYPES)
            + rf"(?= {{0,{entry_indent}}}[^ \n#]|\Z)"
        ).match
        self.entry_column = entry_indent + 1
        self.quote_column = field_indent + len("quote: ") + 1  # of the opening quote
        # Each relation list as (type, its index in the match's groups, the column of its first item's
        # opening quote, as _flow_items counts).
        columns = [field_indent + len(key) + 4 for key in RELATION_TYPES]
        self.lists = tuple(zip(RELATION_TYPES, range(5, 5 + len(RELATION_TYPES)), columns, strict=True))


_shape = functools.lru_cache(maxsize=16)(_EntryShape)
# The claims of a section read line by line before the entry pattern is made: compiling it takes about
# a millisecond, what reading 150 claims at once rather than line by line saves; a small map does
# without it.
_SHAPE_AFTER = 100
# A named tuple made from a tuple of its fields without the call of its Python-level __new__: the same
# object, in about half the time, for the millions of positions and relations of a large map.
_new = tuple.__new__


class _Stray(Exception):
    """The text leaves the plain layout (or would be an error): the full reader takes over."""


# A field as read: its value token with the line and column of the value, or the items of a list.
_Field = tuple[str, int, int] | list[tuple[str, Position]]
_CLAIM_KEYS = frozenset(CLAIM_KEYS)
_LIST_KEYS = frozenset({"ignore", *RELATION_TYPES})
_EXTENSION_KEYS = frozenset(EXTENSION_KEYS)
_NO_CODES: frozenset[str] = frozenset()
_ENTRY_KEYS = {"claims": _CLAIM_KEYS, "arguments": frozenset(ARGUMENT_KEYS), "expect": frozenset()}


def _scalar(token: str) -> tuple[str, bool]:
    """The text of a one-line scalar token, and whether it was plain."""
    first = token[0]
    if first == '"':
        return token[1:-1], False
    if first == "'":
        return token[1:-1].replace("''", "'"), False
    return token, True


def _text(field: _Field | str | None) -> str:
    """A value that must be text (as ``load._text`` with ``required``)."""
    token = field[0] if type(field) is tuple else field
    if type(token) is not str:
        raise _Stray  # nothing, or a list
    first = token[0]
    if first == '"':  # what argmap writes: the common case first, without a call
        value = token[1:-1]
    elif first == "'":
        value = token[1:-1].replace("''", "'")
    elif token in NULL_WORDS:
        raise _Stray
    else:
        value = token
    if not value or value.isspace():
        raise _Stray
    return value


def _optional_text(field: _Field) -> str | None:
    """A value that may be empty (as ``load._text`` without ``required``)."""
    if type(field) is not tuple:
        raise _Stray
    value, plain = _scalar(field[0])
    return None if plain and value in NULL_WORDS else value


def _position(path: str, field: _Field) -> Position:
    return _new(Position, (path, field[1], field[2]))


def _is_reference(value: str) -> bool:
    """Whether ``value`` is a claim id or ``map#id`` (what ``load._check_reference`` accepts)."""
    if ID_PATTERN.match(value):
        return True
    map_name, _, local = value.rpartition("#")
    return MAP_NAME_PATTERN.match(map_name) is not None and ID_PATTERN.match(local) is not None


def _flow_items(token: str, path: str, line: int, column: int) -> list[tuple[str, Position]]:
    """The texts of a one-line list ``[a, "b"]`` whose ``[`` is at ``column``, each with its position.

    Splitting at commas is only right for items without commas or quotes inside: every list of a
    map holds ids, map names or rule codes, and the callers refuse any item that is not one, and
    with it anything this split got wrong.
    """
    inner = token[1:-1]
    items = []
    at = column + 1  # the column of the first character inside the brackets
    if inner[:1] == '"' and inner[-1:] == '"':  # ["a", "b"], as argmap writes lists: a quicker split
        values = inner[1:-1].split('", "')
        if inner.count('"') == 2 * len(values):
            for value in values:
                items.append((value, _new(Position, (path, line, at))))
                at += len(value) + 4
            return items
    if not inner.strip(" "):
        return items
    for part in inner.split(","):
        item = part.strip(" ")
        if not item:
            raise _Stray  # [a,,b] or a trailing comma
        first = item[0]
        if first == '"' or first == "'":
            if len(item) < 2 or item[-1] != first:
                raise _Stray
            value = item[1:-1]
        else:
            value = item
            if value in NULL_WORDS:
                raise _Stray
        items.append((value, _new(Position, (path, line, at + len(part) - len(part.lstrip(" "))))))
        at += len(part) + 1
    return items


def read_plain_layout(text: str, path: str, name: str) -> ArgMap | None:
    """The map in ``text``, or None where the text leaves the plain layout (see the module docstring)."""
    if _has_unusual(text):
        return None
    try:
        return _Reader(path, name).read(text)
    except _Stray:
        return None


class _Reader:
    """One pass over the lines: top-level keys, the entries of ``claims``, ``arguments`` and ``expect``
    with their fields, and block lists; each entry becomes a model record once its last line is read.
    Past the first claims, runs of claim entries in the generator's shape are read an entry at a time."""

    def __init__(self, path: str, name: str):
        self.path = path
        self.name = name
        self.top: dict[str, _Field] = {}
        self.claims: list[Claim] = []
        self.arguments: list[Argument] = []
        self.extensions: list[Extension] = []
        self.expect: list[Expectation] = []

    def read(self, text: str) -> ArgMap:
        path = self.path
        top = self.top
        first: Position | None = None
        section = ""  # the top-level key whose entries are being read: claims, arguments or expect
        allowed: frozenset[str] = frozenset()  # the keys an entry of the section may have
        seen: set[str] = set()  # the entry keys of the section
        entry = ""  # the key of the entry being read
        entry_line = 0
        fields: dict[str, _Field] = {}  # the fields of the entry being read
        entry_indent = field_indent = -1
        items: list[tuple[str, Position]] | None = None  # the block list being read, if any
        items_indent = items_least = -1
        shape: _EntryShape | None = None  # the claim entries' shape, once the section's indentation is known
        match = _LINE.match
        number = 0  # the lines read
        all_lines = text.split("\n")
        lines = iter(all_lines)
        start = 0  # where in the text the line being read starts: kept only while there is a shape to match
        for line in lines:
            if shape is not None:
                found = shape.match(text, start)
                if found is None:
                    start += len(line) + 1
                else:  # an entry's key: it ends what is open, as a key does below
                    if items is not None:
                        if not items:
                            raise _Stray
                        items = None
                    if entry:
                        self._finish(section, entry, Position(path, entry_line, entry_indent + 1), fields)
                        entry = ""
                    first_line = number
                    start, number = self._shaped_claims(shape, found, text, number, seen)
                    passed = number - first_line - 1  # the lines read at once, less the one this turn took
                    next(islice(lines, passed, passed), None)
                    continue
            number += 1
            found = match(line)
            if found is None:
                raise _Stray
            indent, key, value, mapping, item = found.groups()
            if key is None:
                if item is None:
                    continue  # a blank line or a comment
                # "- item" of the block list under the key just read
                if items is None:
                    raise _Stray
                depth = len(indent)
                if depth != items_indent:
                    if items_indent >= 0 or depth < items_least:
                        raise _Stray
                    items_indent = depth
                items.append((_text(item), _new(Position, (path, number, found.start(5) + 1))))
                continue
            if items is not None:  # a key ends the block list
                if not items:
                    raise _Stray  # a key with nothing under it
                items = None
            if key[0] == '"' or key[0] == "'":
                key = key[1:-1]  # a quoted key, as PyYAML writes with default_style
            depth = len(indent)
            if field_indent < 0 and entry and depth > entry_indent:
                field_indent = depth  # the first field of the section: its indentation holds for all
            if depth == field_indent and entry:  # a field of an entry: most lines of a map
                if key in fields or key not in allowed or mapping is not None:
                    raise _Stray
                if value is None:
                    items = fields[key] = []
                    items_indent, items_least = -1, depth
                elif value[0] == "[":
                    fields[key] = _flow_items(value, path, number, found.start(3) + 1)
                else:
                    fields[key] = (value, number, found.start(3) + 1)
                continue
            if len(key) > _LONGEST_KEY or (mapping is not None and (depth or key != "expect")):
                raise _Stray  # a one-line {...} is read only as the whole of ``expect``

            if entry and (depth <= entry_indent):  # the entry is complete
                self._finish(section, entry, _new(Position, (path, entry_line, entry_indent + 1)), fields)
                entry = ""
            if depth == 0:  # a top-level key
                if key not in TOP_KEYS or key in top:
                    raise _Stray
                if first is None:
                    first = Position(path, number, 1)
                section = ""
                shape = None
                if mapping is not None:  # expect: {id: label, ...}
                    top[key] = []
                    self._expectations(mapping, number, found.start(4) + 1)
                elif key in _ENTRY_KEYS:
                    if value is not None:
                        raise _Stray
                    section, allowed = key, _ENTRY_KEYS[key]
                    entry_indent = field_indent = -1
                    seen = set()
                    top[key] = []
                elif value is None:
                    if key != "include":
                        raise _Stray
                    items = top[key] = []
                    items_indent, items_least = -1, 0
                elif value[0] == "[":
                    top[key] = _flow_items(value, path, number, found.start(3) + 1)
                else:
                    top[key] = (value, number, found.start(3) + 1)
                continue
            if not section:
                raise _Stray
            if entry_indent < 0:
                entry_indent = depth
            if depth == entry_indent:  # the key of a claim, an argument or an expectation
                if key in seen:
                    raise _Stray  # a duplicate: the full reader reports it
                seen.add(key)
                if section == "expect":
                    self._expectation(key, Position(path, number, depth + 1), value, number, found.start(3) + 1)
                    continue
                if value is not None or not (ID_PATTERN.match(key) or (section == "claims" and _is_reference(key))):
                    raise _Stray  # a claim written as text, or a bad id
                entry, entry_line, fields = key, number, {}
                if shape is None and section == "claims" and field_indent >= 0 and len(seen) > _SHAPE_AFTER:
                    shape = _shape(entry_indent, field_indent)  # the entries that follow may be read at once
                    start = sum(map(len, all_lines[:number])) + number  # where the next line starts
                continue
            raise _Stray  # a key at a depth that fits nothing open

        if items is not None and not items:
            raise _Stray
        if entry:
            self._finish(section, entry, Position(path, entry_line, entry_indent + 1), fields)
        return self._map(first)

    def _shaped_claims(self, shape: _EntryShape, found: re.Match[str], text: str, line: int, seen: set[str]) -> tuple[int, int]:
        """Add the claim of the entry ``shape`` matched (its id on the line after ``line``) and of each
        entry that follows in the same shape; return where the last ends in ``text``, and its last line.

        Each is the claim ``_claim`` makes of the same fields: the pattern has checked the values. One
        call for the whole run, rather than one per entry, as this is most of reading a large map.
        """
        path, add, match = self.path, self.claims.append, shape.match
        entry_column, quote_column, lists = shape.entry_column, shape.quote_column, shape.lists
        while True:
            values = found.groups()
            claim_id, text_value, kind, section, quote = values[:5]
            if claim_id in seen or len(claim_id) > _LONGEST_KEY:
                raise _Stray  # a duplicate id, or a key too long for YAML: the full reader reports it
            seen.add(claim_id)
            line += 1  # of the id
            position = _new(Position, (path, line, entry_column))
            line += 1  # of text:
            if kind is None:
                kind = "claim"
            else:
                line += 1
            if section is not None:
                line += 1
            quote_position = None
            if quote is not None:
                line += 1
                quote_position = _new(Position, (path, line, quote_column))
            relations: list[Relation] = []
            for relation_type, group, column in lists:
                listed = values[group]
                if listed is not None:
                    line += 1
                    for target in listed.split('", "'):
                        relations.append(_new(Relation, (relation_type, claim_id, target, _new(Position, (path, line, column)))))
                        column += len(target) + 4  # the target, its closing quote, ", " and the next opening quote
            add(_new(Claim, (claim_id, text_value, kind, position, quote, quote_position, section, None,
                             _NO_CODES, (), tuple(relations))))
            end = found.end()
            found = match(text, end)
            if found is None:
                return end, line

    def _finish(self, section: str, key: str, position: Position, fields: dict[str, _Field]) -> None:
        if section != "claims":
            self.arguments.append(self._argument(key, position, fields))
        elif "#" in key:  # relations added to a claim of another map
            self.extensions.append(self._extension(key, position, fields))
        else:
            self.claims.append(self._claim(key, position, fields))

    def _map(self, first: Position | None) -> ArgMap:
        top = self.top
        if first is None or "title" not in top or ("claims" not in top and "include" not in top):
            raise _Stray
        includes = top.get("include", [])
        if type(includes) is not list or not all(MAP_NAME_PATTERN.match(n) for n, _ in includes):
            raise _Stray
        source = source_position = None
        if "source" in top:
            source = _text(top["source"])
            source_position = _position(self.path, top["source"])
        return ArgMap(
            name=self.name,
            path=self.path,
            title=_text(top["title"]),
            position=first,
            source=source,
            source_position=source_position,
            claims=tuple(self.claims),
            arguments=tuple(self.arguments),
            extensions=tuple(self.extensions),
            includes=tuple(n for n, _ in includes),
            include_positions=tuple(p for _, p in includes),
            expect=tuple(self.expect),
        )

    def _expectations(self, token: str, line: int, column: int) -> None:
        """The expectations of a one-line ``{id: label, ...}`` whose ``{`` is at ``column``.

        Split at commas and colons, as ``_flow_items`` splits lists: ids and labels hold neither, and
        ``_expectation`` refuses anything that is not an id or a label.
        """
        seen: set[str] = set()
        at = column + 1  # the column of the first character inside the braces
        inner = token[1:-1]
        for part in inner.split(",") if inner.strip(" ") else []:
            pair = _PAIR.fullmatch(part)
            if pair is None:
                raise _Stray
            key, _ = _scalar(pair.group(1))
            if key in seen:
                raise _Stray  # a duplicate: the full reader reports it
            seen.add(key)
            self._expectation(key, Position(self.path, line, at + pair.start(1)), pair.group(2), line, at + pair.start(2))
            at += len(part) + 1

    def _expectation(self, key: str, position: Position, value: str | None, line: int, column: int) -> None:
        if value is None or value[0] == "[" or not _is_reference(key):
            raise _Stray
        label = _text(value)
        if label not in LABELS:
            raise _Stray
        self.expect.append(Expectation(key, label, position, Position(self.path, line, column)))

    @staticmethod
    def _lists(source: str, fields: dict[str, _Field]) -> tuple[tuple[Relation, ...], list[tuple[str, Position]]]:
        """The relations written on ``source`` (in the order written) and the codes of its ``ignore:``."""
        relations = []
        codes: list[tuple[str, Position]] = []
        for key, field in fields.items():
            if key not in _LIST_KEYS:
                continue
            if type(field) is not list:
                raise _Stray  # a list written as text
            if key == "ignore":
                codes = field
                if not all(RULE_CODE_PATTERN.match(code) for code, _ in codes):
                    raise _Stray
                continue
            for target, at in field:
                if not _is_reference(target):
                    raise _Stray
                relations.append(_new(Relation, (key, source, target, at)))
        return tuple(relations), codes

    def _claim(self, claim_id: str, position: Position, fields: dict[str, _Field]) -> Claim:
        relations, codes = self._lists(claim_id, fields)
        kind = "claim"
        if "kind" in fields:
            kind = _text(fields["kind"])
            if kind not in KINDS:
                raise _Stray
        quote = fields.get("quote")
        section = fields.get("section")
        note = fields.get("note")
        return _new(Claim, (
            claim_id,
            _text(fields.get("text")),
            kind,
            position,
            None if quote is None else _text(quote),
            None if quote is None else _position(self.path, quote),
            None if section is None else _text(section),
            None if note is None else _optional_text(note),
            frozenset(code for code, _ in codes) if codes else _NO_CODES,
            tuple(codes),
            relations,
        ))

    def _extension(self, target: str, position: Position, fields: dict[str, _Field]) -> Extension:
        if not fields or any(key not in _EXTENSION_KEYS for key in fields):
            raise _Stray  # nothing added, or a field only the claim's own map may set
        note = fields.get("note")
        return Extension(target, position, None if note is None else _optional_text(note), self._lists(target, fields)[0])

    def _argument(self, argument_id: str, position: Position, fields: dict[str, _Field]) -> Argument:
        premises = fields.get("premises")
        conclusion = fields.get("conclusion")
        if type(premises) is not list or not premises or not all(_is_reference(p) for p, _ in premises):
            raise _Stray
        if type(conclusion) is not tuple or not _is_reference(_text(conclusion)):
            raise _Stray
        return Argument(
            id=argument_id,
            premises=tuple(p for p, _ in premises),
            premise_positions=tuple(at for _, at in premises),
            conclusion=_text(conclusion),
            conclusion_position=_position(self.path, conclusion),
            position=position,
            note=_optional_text(fields["note"]) if "note" in fields else None,
        )
