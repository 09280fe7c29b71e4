"""YAML as PyYAML's C parser reads it: one document as a stream of events with positions.

``load`` reads a map straight from the events rather than from ``yaml.load``'s result: ``load``
silently keeps the last of two equal keys, resolves anchors and aliases, and forgets where things
were written. The events keep every line and column, show duplicate keys, and let anchors, aliases
and tags be refused before they can expand. The C parser reads every style of YAML in time linear in
its length and never backtracks: there is no other reader, so no layout is read faster or slower
than another.
"""

from __future__ import annotations

import re
from typing import NoReturn

import yaml

from argmap.model import NULL_WORDS, MapError, Position

try:  # The C parser is ~10x faster; the pure one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only where libyaml is missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 50  # a map is at most ~6 levels deep; far deeper input is an error, not a stack overflow

Scalar = yaml.ScalarEvent
MappingStart = yaml.MappingStartEvent
MappingEnd = yaml.MappingEndEvent
SequenceStart = yaml.SequenceStartEvent
SequenceEnd = yaml.SequenceEndEvent
_STARTS = (MappingStart, SequenceStart)
_ENDS = (MappingEnd, SequenceEnd)


class Events:
    """The events of the one document of ``text``, each checked as it is taken.

    ``next()`` gives the next event: a ``Scalar``, the start or end of a mapping or a sequence (or, at
    the very end, of the document and the stream). It raises ``MapError`` for YAML that does not
    parse, an alias, an anchor or a tag, and a node nested deeper than ``MAX_DEPTH``. ``first()``
    gives the document's root event (None for an empty stream); ``rest()`` reads to the end of the
    stream, raising the first such error and one for a second document.
    """

    def __init__(self, text: str, path: str):
        self.path = path
        self.text = text
        self._loader = _Loader(text)
        self._get_event = self._loader.get_event
        self._depth = 0
        self.failed = False  # an error of the YAML itself was raised: the stream cannot be read on

    def first(self) -> yaml.Event | None:
        self.next()  # StreamStart
        if type(self.next()) is yaml.StreamEndEvent:
            return None
        return self.next()

    def rest(self) -> None:
        """Read to the end. After an error about the map's content this finds the YAML error behind it,
        if any, which is worth more (an unclosed ``[b, c`` reads as the item ``c b`` first)."""
        while (event := self.next()) and type(event) is not yaml.StreamEndEvent:
            if type(event) is yaml.DocumentStartEvent:
                self._fail(MapError("a map file holds one YAML document; remove the second '---'", self.position(event)))

    def close(self) -> None:
        self._loader.dispose()

    def next(self) -> yaml.Event:
        try:
            event = self._get_event()
        except yaml.YAMLError as error:
            if "nesting depth" in str(error):  # libyaml's own limit (0.2.6 and later), far past MAX_DEPTH
                self._fail(_too_deep(self.path, self.text, error))
            self._fail(_yaml_error(error, self.path, self.text))
        cls = type(event)
        if cls is Scalar or cls is MappingStart or cls is SequenceStart:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                self._refuse(event)
            if self._depth > MAX_DEPTH:
                self._fail(_nested_too_deep(self.position(event)))
            if cls is not Scalar:
                self._depth += 1
        elif cls is MappingEnd or cls is SequenceEnd:
            self._depth -= 1
        elif cls is yaml.AliasEvent:
            self._refuse(event)
        return event

    def skip(self, event: yaml.Event) -> None:
        """Take the rest of the node that ``event`` starts (nothing more for a scalar)."""
        if type(event) is Scalar:
            return
        depth = self._depth - 1
        while self._depth > depth:
            self.next()

    def position(self, event: yaml.Event) -> Position:
        mark = event.start_mark
        return Position(self.path, mark.line + 1, mark.column + 1)

    def _refuse(self, event: yaml.Event) -> NoReturn:
        position = self.position(event)
        if isinstance(event, yaml.AliasEvent):
            self._fail(MapError(f"YAML aliases (*{event.anchor}) are not allowed in maps; write the value out", position))
        if event.anchor is not None:
            self._fail(MapError(f"YAML anchors (&{event.anchor}) are not allowed in maps; write the value out", position))
        self._fail(MapError(f"YAML tags ({event.tag}) are not allowed in maps; remove the tag", position))

    def _fail(self, error: MapError) -> NoReturn:
        self.failed = True
        raise error


def is_null(event: yaml.Event) -> bool:
    """The event is a plain scalar YAML reads as null (nothing, ``~``, ``null``)."""
    return type(event) is Scalar and not event.style and event.implicit[0] and event.value in NULL_WORDS


def describe(event: yaml.Event) -> str:
    """What a node is, in a message: a mapping, a list, text or nothing."""
    if is_null(event):
        return "nothing"
    return "a mapping" if type(event) is MappingStart else "a list" if type(event) is SequenceStart else "text"


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
    return Position(path, mark.line + 1, mark.column + 1)


def _too_deep(path: str, text: str, error: yaml.YAMLError) -> MapError:
    """argmap's own message for nesting past ``MAX_DEPTH``, where libyaml stopped first at a deeper
    limit of its own: PyYAML's pure-Python parser, which has no limit, finds the first node too deep.
    It reads lazily, so only up to that node (and at most a line ahead)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
                mark = event.start_mark
                return _nested_too_deep(Position(path, mark.line + 1, mark.column + 1))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return _nested_too_deep(_error_position(path, text, getattr(error, "problem_mark", None)))


def _nested_too_deep(position: Position) -> MapError:
    return MapError(f"YAML nested more than {MAX_DEPTH} levels deep; a map needs only a few", position)
