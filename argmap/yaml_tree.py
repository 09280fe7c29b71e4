"""Read map YAML as PyYAML's C parser sees it: a tree of nodes with positions, and the duplicate keys.

The YAML is read as a stream of parser events rather than with ``yaml.load``: ``load`` silently
keeps the last of two equal keys, resolves anchors and aliases, and forgets where things were
written. Working from events keeps every line and column, sees duplicate keys (finding AM001, at the
second occurrence) and rejects anchors, aliases and tags before they can expand.

``load`` turns the tree into the model. It imports this module only for a map outside the plain
layout (``plain_layout``), so that a command on such maps does not import PyYAML at all.
"""

from __future__ import annotations

import re

import yaml

from argmap.model import DuplicateKey, MapError, Position
from argmap.plain_layout import NULL_WORDS

try:  # The C parser is ~10x faster; the pure one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only where libyaml is missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 50  # a map is at most ~6 levels deep; far deeper input is an error, not a stack overflow


class Node:
    """A YAML node as the parser saw it: ``kind`` is ``map``, ``seq`` or ``scalar``.

    A slotted class that keeps the line and column as numbers: a large map has millions of nodes,
    and most of their positions are never asked for.
    """

    __slots__ = ("kind", "value", "path", "line", "column", "plain")

    def __init__(self, kind: str, value: object, path: str, line: int, column: int, plain: bool = False):
        self.kind = kind
        self.value = value  # list[tuple[Node, Node]] | list[Node] | str
        self.path = path
        self.line = line
        self.column = column
        self.plain = plain

    @property
    def position(self) -> Position:
        return Position(self.path, self.line, self.column)

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.plain and self.value in NULL_WORDS


def _position(path: str, mark: yaml.Mark) -> Position:
    return Position(path, mark.line + 1, mark.column + 1)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break


def _line(text: str, index: int) -> str:
    """Line ``index`` (from 0) of ``text`` as YAML counts lines, or "" past the end."""
    lines = _LINE_BREAK.split(text)
    return lines[index] if 0 <= index < len(lines) else ""


def offset_position(path: str, text: str, offset: int) -> Position:
    """The position of character ``offset`` of ``text``, counting line breaks the way YAML does."""
    lines = _LINE_BREAK.split(text[:offset])
    return Position(path, len(lines), len(lines[-1]) + 1)


def _yaml_error(error: yaml.YAMLError, path: str, text: str) -> MapError:
    if isinstance(error, yaml.reader.ReaderError):
        # The C reader gives a byte offset; it stops at the first character it rejects.
        index = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        position = offset_position(path, text, index if index >= 0 else 0)
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


def read_tree(text: str, path: str) -> tuple[Node | None, list[DuplicateKey]]:
    """The document of ``text`` as a node tree (None if there is none), and its duplicate keys.

    Raises ``MapError`` for YAML that does not parse, anchors, aliases, tags, a second document and
    nesting deeper than ``MAX_DEPTH``; ``path`` is only used in positions.
    """
    builder = _TreeBuilder(path, text)
    return builder.document(), builder.duplicates


def _flow_too_deep(text: str) -> int | None:
    """The offset of the first ``[`` or ``{`` that opens a level past ``MAX_DEPTH``, outside quotes, or None."""
    level = 0
    quote = ""
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "[{":
            level += 1
            if level > MAX_DEPTH + 1:
                return i
        elif c in "]}":
            level = max(level - 1, 0)
        i += 1
    return None


class _TreeBuilder:
    """Turns the event stream into ``Node`` trees and records duplicate keys."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.duplicates: list[DuplicateKey] = []

    def document(self) -> Node | None:
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
            if "maximum nesting depth" in str(getattr(error, "problem", "")):
                # PyYAML 6.0.4's own ceiling (1,000 levels), met while it scans ahead, before this
                # reader sees the level past MAX_DEPTH: report that level as the reader would.
                deep = _flow_too_deep(self.text)
                if deep is not None:
                    raise MapError(f"YAML nested more than {MAX_DEPTH} levels deep; a map needs only a few",
                                   offset_position(self.path, self.text, deep)) from None
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

    def _node(self, event: yaml.Event, depth: int) -> Node:
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
            return Node("scalar", event.value, path, mark.line + 1, mark.column + 1, event.implicit[0] and not event.style)
        get = self._next
        depth += 1
        inline = depth <= MAX_DEPTH
        if cls is _SEQUENCE:
            items = []
            item = get()
            while (kind := type(item)) is not _SEQUENCE_END:
                if kind is _SCALAR and inline and item.anchor is None and item.tag is None:
                    at = item.start_mark
                    items.append(Node("scalar", item.value, path, at.line + 1, at.column + 1, item.implicit[0] and not item.style))
                else:
                    items.append(self._node(item, depth))
                item = get()
            return Node("seq", items, path, mark.line + 1, mark.column + 1)
        if cls is _MAPPING:
            pairs: list[tuple[Node, Node]] = []
            seen: dict[str, Node] = {}
            item = get()
            while (kind := type(item)) is not _MAPPING_END:
                if kind is _SCALAR and inline and item.anchor is None and item.tag is None:
                    at = item.start_mark
                    key = Node("scalar", item.value, path, at.line + 1, at.column + 1, item.implicit[0] and not item.style)
                else:
                    key = self._node(item, depth)
                    if key.kind != "scalar":
                        raise MapError("mapping keys must be plain text", key.position)
                item = get()
                if type(item) is _SCALAR and inline and item.anchor is None and item.tag is None:
                    at = item.start_mark
                    value = Node("scalar", item.value, path, at.line + 1, at.column + 1, item.implicit[0] and not item.style)
                else:
                    value = self._node(item, depth)
                name = key.value
                if name in seen:
                    self.duplicates.append(DuplicateKey(name, key.position, seen[name].position))  # type: ignore[arg-type]
                else:  # keep the first occurrence
                    seen[name] = key  # type: ignore[index]
                    pairs.append((key, value))
                item = get()
            return Node("map", pairs, path, mark.line + 1, mark.column + 1)
        raise MapError(f"unexpected YAML event {cls.__name__}", _position(path, mark))  # pragma: no cover
