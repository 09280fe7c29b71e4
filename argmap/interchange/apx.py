"""ASPARTIX's apx format: ``arg(a).`` and ``att(a,b).`` facts.

A name is a constant (letters, digits, ``_``) or a double-quoted string (``\\"`` and ``\\\\``
escaped inside); facts may share a line or spread over several; ``%`` starts a comment to the end
of the line, and ``%* ... *%`` comments a block. An argument may attack itself (``att(a,a).``). Every name an ``att`` uses must be
declared by an ``arg``; declaring one twice is the same as once, as in ASP.
"""

from __future__ import annotations

import re

from argmap.interchange.framework import FormatError, framework_map
from argmap.model import ArgMap, Position

_NAME = r'(?:[A-Za-z0-9_]+|"(?:[^"\\\n]|\\.)*")'
_FACT = re.compile(rf"\s*(?:(arg)\(\s*({_NAME})\s*\)|(att)\(\s*({_NAME})\s*,\s*({_NAME})\s*\))\s*\.")
_SPACE = re.compile(r"\s*")


def _after_space_and_comments(text: str, at: int) -> int:
    """Where the next fact starts: past white space, ``%`` comments (to the end of their line) and
    ``%* ... *%`` block comments (ASP's, over several lines); ``-(where it opens) - 1`` for a block
    comment never closed."""
    while True:
        at = _SPACE.match(text, at).end()  # type: ignore[union-attr]  # it matches the empty string
        if not text.startswith("%", at):
            return at
        if text.startswith("%*", at):
            end = text.find("*%", at + 2)
            if end < 0:
                return -at - 1
            at = end + 2
            continue
        end = text.find("\n", at)
        at = len(text) if end < 0 else end


def _name(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    return token


def read_apx(text: str, path: str, name: str) -> ArgMap:
    """The framework of apx ``text`` (read from ``path``) as a map named ``name``.

    >>> m = read_apx('arg(a). arg(b).\\natt(a,b). att(b,b).\\n', "f.apx", "f")
    >>> [(c.id, [r.target for r in c.relations]) for c in m.claims]
    [('a', ['b']), ('b', ['b'])]
    """
    arguments: dict[str, Position] = {}
    attacks: list[tuple[str, str, Position]] = []
    at = 0
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:  # the last line start at or before offset
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def position(offset: int) -> Position:
        line = line_of(offset)
        return Position(path, line, offset - line_starts[line - 1] + 1)

    while True:
        at = _after_space_and_comments(text, at)
        if at < 0:
            raise FormatError("a block comment '%*' is never closed with '*%'", path, line_of(-at - 1))
        if at >= len(text):
            break
        fact = _FACT.match(text, at)
        if fact is None:
            found = text[at:].split("\n", 1)[0].strip()
            shown = found if len(found) <= 40 else found[:40] + "..."
            raise FormatError(f"expected arg(NAME). or att(NAME,NAME). but found '{shown}'", path, line_of(at))
        start = fact.start(1) if fact.group(1) else fact.start(3)
        if fact.group(1):
            arguments.setdefault(_name(fact.group(2)), position(start))
        else:
            attacks.append((_name(fact.group(4)), _name(fact.group(5)), position(start)))
        at = fact.end()
    for attacker, attacked, where in attacks:
        for argument in (attacker, attacked):
            if argument not in arguments:
                raise FormatError(f"att({attacker},{attacked}) names '{argument}', which no arg(...) declares;"
                                  f" add arg({argument}).", path, where.line)
    if not arguments:
        raise FormatError("no arg(...) facts: the framework has no arguments to import", path, 1)
    return framework_map(path, name, f"{name} (ASPARTIX framework)", list(arguments.items()), attacks)
