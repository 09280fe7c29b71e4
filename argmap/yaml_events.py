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
    advice = _advice(problem, context or "", text, mark, getattr(error, "context_mark", None))
    if advice:
        message += f"; {advice}"
    return MapError(message, _error_position(path, text, mark))


# What a plain value cannot start with, and what YAML takes it for.
_INDICATORS = {
    '"': "is read as a quoted value that ends at its closing quote",
    "'": "is read as a quoted value that ends at its closing quote",
    "*": "is read as an alias",
    "&": "is read as an anchor",
    "!": "is read as a tag",
    "-": "is read as a list item",
    "[": "is read as a list",
    "{": "is read as a mapping",
    "|": "starts a block of text",
    ">": "starts a folded block of text",
    "@": "is reserved",
    "`": "is reserved",
    "%": "is read as a directive",
    "?": "is read as a complex key",
    ",": "is read as a separator",
}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_value(line: str) -> tuple[str, str] | None:
    """(key, value) of a ``key: value`` line (a leading ``- `` taken off), or None."""
    body = line.strip()
    if body.startswith("- "):
        body = body[2:].lstrip()
    key, colon, value = body.partition(": ")
    if not colon or not key or key[0] in "\"'#":
        return None
    return key, value.strip()


def _quoted(key: str, value: str) -> str:
    """``key: 'value'``, quoted as YAML reads it back (a ``'`` inside doubled), to show as the fix."""
    if len(value) > 60:
        return f"{key}: '...' (the whole value in single quotes, any ' in it doubled)"
    if "'" in value and '"' not in value and "\\" not in value:
        return f'{key}: "{value}"'
    return f"{key}: '{value.replace(chr(39), chr(39) * 2)}'"


def _previous_line(lines: list[str], index: int) -> tuple[int, str] | None:
    """The last line before line ``index`` (from 0) that is not blank or a comment, with its index."""
    for number in range(min(index, len(lines)) - 1, max(index - 200, 0) - 1, -1):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            return number, lines[number]
    return None


def _advice(problem: str, context: str, text: str, mark: yaml.Mark | None, context_mark: yaml.Mark | None) -> str | None:
    """What to do about a YAML syntax error, judged from the lines it names: the common mistakes of
    someone writing a map by hand (tabs, indentation, a value that starts with a YAML indicator or
    holds ': ', a quote left open). Only ever run on the error path."""
    if mark is None:
        return None
    lines = _LINE_BREAK.split(text)  # once: the file may be large, and this is the error path

    def _line(text: str, index: int) -> str:  # noqa: ARG001 - the module's helper, over the lines split once
        return lines[index] if 0 <= index < len(lines) else ""

    line = _line(text, mark.line)
    if "\t" in problem or ("cannot start any token" in problem and line[mark.column:mark.column + 1] == "\t") or (
        "\t" in line[:len(line) - len(line.lstrip(" \t"))] and "indent" in problem + context
    ):
        return "YAML cannot indent with tabs, use spaces"
    if "flow" in context and context_mark is not None and " #" in _line(text, context_mark.line)[context_mark.column:]:
        return (f"a ' #' in the [...] or {{...}} of line {context_mark.line + 1} starts a comment that hides the rest of"
                " the line, its closing bracket too; put a value that holds ' #' in quotes ('We are #1')")
    if mark.column > 1024 and line[mark.column:mark.column + 1] == ":":
        return "a YAML key is at most 1024 characters long, shorten it"
    if "quoted scalar" in context and "end of stream" in problem and context_mark is not None:
        return (f"the quote opened at line {context_mark.line + 1}, column {context_mark.column + 1} is never closed;"
                " close it, or put the whole value in single quotes if the quote mark is part of the text")
    # A value that starts with a character YAML gives a meaning to, on the line of the error or where the
    # scanner started (the context).
    for number in dict.fromkeys(m.line for m in (mark, context_mark) if m is not None and "flow" not in context):
        pair = _key_value(_line(text, number))
        if pair and pair[1] and pair[1][0] in _INDICATORS and not (pair[1][0] in "\"'" and _closed(pair[1])):
            key, value = pair
            return (f"a value that starts with {value[0]} {_INDICATORS[value[0]]} in YAML;"
                    f" put the whole value in quotes: {_quoted(key, value)}")
        if pair and pair[1] and pair[1][0] in "\"'" and _closed(pair[1]) is False:
            break
    pair = _key_value(line)
    if pair and pair[1][0:1] in ("\"", "'"):
        key, value = pair
        return f"a quoted value must end with its closing quote; put the whole value in quotes: {_quoted(key, value)}"
    if "mapping values are not allowed" in problem:
        if pair and ": " in pair[1] and mark.column > len(line) - len(pair[1]):
            key, value = pair
            return f"': ' inside a value starts a new key in YAML; put the whole value in quotes: {_quoted(key, value)}"
        before = _previous_line(lines, mark.line)
        if before is not None and ":" not in before[1] and not before[1].lstrip().startswith("- "):
            return f"line {before[0] + 1} has no ':' after its key; write it as 'key: value'"
        if before is not None and _indent(line) > _indent(before[1]):
            return (f"this line is indented more than line {before[0] + 1} above it, so YAML reads it as more of that"
                    f" line's value; indent it {_indent(before[1])} spaces, like the key above it")
        return "a ':' followed by a space starts a key in YAML; put a value that holds ': ' in quotes"
    if "could not find expected ':'" in problem and context_mark is not None:
        return (f"line {context_mark.line + 1} has no ':' after its key; if it goes on the value of the line above,"
                " indent it more than that line's key")
    if "did not find expected key" in problem:
        if line.lstrip().startswith(":"):
            return "a ':' with no key before it; write the key, or put a value that starts with ':' in quotes"
        if line.lstrip().startswith("- "):
            return ("a list item ('- ') must be indented under the key it belongs to, e.g. 'supports:' then '- other-claim'"
                    " indented deeper; or write the list as supports: [a, b]")
        if mark.column <= _indent(line):
            before = _previous_line(lines, mark.line)
            if before is not None and _indent(before[1]) != _indent(line):
                return (f"this line is indented {_indent(line)} spaces and line {before[0] + 1} above it {_indent(before[1])};"
                        " keys of one mapping must start in the same column (a value that goes on to the next line"
                        " must be indented more than its key)")
    if "block sequence entries are not allowed" in problem and pair:
        key, value = pair
        return f"'- ' starts a list item in YAML; put the whole value in quotes: {_quoted(key, value)}"
    return None


def _closed(value: str) -> bool | None:
    """Whether a value that starts with a quote mark ends with the same one (None when it is only that)."""
    if len(value) < 2:
        return None
    return value[-1] == value[0]


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
