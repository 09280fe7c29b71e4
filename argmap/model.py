"""The parsed map: plain, frozen records that remember where in the file each item was written.

Nothing here knows about YAML, networkx or Graphviz; every later stage reads these records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

KINDS = ("conclusion", "claim", "evidence", "assumption")
RELATION_TYPES = ("supports", "opposes", "tension", "same-as")
BASIC_KINDS = frozenset({"evidence", "assumption"})

# What each kind means, and how it counts when the map is weighed: shown by editors on hover, by
# `argmap rules` and in the starter map of `argmap new`.
KIND_MEANINGS = {
    "conclusion": "what the text argues for. It must be supported down to evidence or assumptions (AM101), and"
                  " argmap warns when it does not stand once attacks are weighed (AM203).",
    "claim": "(the default) a step of reasoning. It stands only when its support reaches evidence or an"
             " assumption; used as a premise without such support, it is AM103.",
    "evidence": "a fact taken from the source, with its quote: (checked against the source, AM301; AM303 when"
                " missing). It stands unless attacked.",
    "assumption": "a premise taken as given, which the author does not argue for. It stands unless attacked;"
                  " as a claim instead, it would have no support, and all that rests on it alone would be out.",
}

# The map format's vocabulary, shared by the readers (``load``, ``argmap.interchange``).
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
RULE_CODE_PATTERN = re.compile(r"AM[0-9]{3}\Z")
MAP_NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
LABELS = ("in", "out", "undec")
TOP_KEYS = ("title", "source", "url", "author", "date", "note", "sections", "claims", "arguments", "include", "expect",
            "must-win")
ABOUT_KEYS = ("url", "author", "date", "note")  # what the map says about its source, shown on diagrams and in briefs
CLAIM_KEYS = ("text", "kind", "quote", "section", "note", "ignore", "weight", *RELATION_TYPES)
EXTENSION_KEYS = ("note", *RELATION_TYPES)
ARGUMENT_KEYS = ("premises", "conclusion", "section", "note", "weight")
# Plain values YAML reads as null; the readers give them the same meaning.
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# ``weight:`` when none is written: a claim's base score under gradual semantics (neither for nor
# against: what attacks and support then move), and a linked argument's (its inference holds fully).
DEFAULT_CLAIM_WEIGHT = 0.5
DEFAULT_ARGUMENT_WEIGHT = 1.0
MAX_MUST_WIN = 3  # the largest 'must-win:' a map may pin: the search tries every set of claims up to one fewer


class Position(NamedTuple):
    """A place in a file; ``line`` and ``column`` count from 1.

    A named tuple rather than a dataclass: a map of 100,000 claims has millions of positions, and a
    tuple is made in half the time (and compares and sorts the same way).
    """

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Relation(NamedTuple):
    """A relation written on claim ``source`` (a local id) toward ``target`` (``id`` or ``map#id``)."""

    type: str
    source: str
    target: str
    position: Position


class Claim(NamedTuple):
    """A claim as written under ``claims:``.

    A named tuple, as ``Position`` is: a large map has a hundred thousand claims, and a frozen
    dataclass spends most of its construction setting each field through ``object.__setattr__``.
    """

    id: str
    text: str
    kind: str
    position: Position
    quote: str | None = None
    quote_position: Position | None = None
    section: str | None = None
    note: str | None = None
    ignore: frozenset[str] = frozenset()
    ignore_positions: tuple[tuple[str, Position], ...] = ()  # each code of ignore: and where it is
    relations: tuple[Relation, ...] = ()
    weight: float | None = None  # 0 to 1, when written (how strong or important the claim is)


class CutValue(NamedTuple):
    """A plain value that a `` #`` cut short: YAML read the rest of the line as a comment."""

    key: str  # text, quote or title
    claim: str | None  # the claim's id (None for the title)
    kept: str  # what YAML kept
    position: Position  # of the '#'


@dataclass(frozen=True)
class Extension:
    """Relations a combined map adds to a claim of an included map (a ``map#id`` key under ``claims``)."""

    target: str
    position: Position
    note: str | None = None
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Argument:
    """A linked argument: the premises support the conclusion only together."""

    id: str
    premises: tuple[str, ...]
    premise_positions: tuple[Position, ...]
    conclusion: str
    conclusion_position: Position
    position: Position
    note: str | None = None
    section: str | None = None  # its own ``section:``, else its premises' one when they share it
    weight: float | None = None  # 0 to 1, when written: how strongly the premises carry the conclusion


@dataclass(frozen=True)
class Expectation:
    claim: str
    label: str
    position: Position  # of the claim's id
    label_position: Position


@dataclass(frozen=True)
class MustWin:
    """``must-win: {claim: N}``: changing the claim's grounded label takes defeating at least N claims."""

    claim: str
    at_least: int
    position: Position  # of the claim's id
    value_position: Position


@dataclass(frozen=True)
class DuplicateKey:
    """A key written twice in one YAML mapping; the first occurrence is the one kept."""

    key: str
    position: Position
    first: Position


@dataclass(frozen=True)
class ArgMap:
    name: str
    path: str
    title: str
    position: Position
    source: str | None = None
    source_position: Position | None = None
    url: str | None = None
    author: str | None = None
    date: str | None = None
    note: str | None = None
    claims: tuple[Claim, ...] = ()
    arguments: tuple[Argument, ...] = ()
    extensions: tuple[Extension, ...] = ()
    includes: tuple[str, ...] = ()
    include_positions: tuple[Position, ...] = ()
    expect: tuple[Expectation, ...] = ()
    must_win: tuple[MustWin, ...] = ()
    duplicate_keys: tuple[DuplicateKey, ...] = ()
    cut_values: tuple[CutValue, ...] = ()
    source_text: str | None = field(default=None, repr=False)
    source_error: str | None = None


def source_details(argmap: ArgMap) -> dict[str, str]:
    """What a map says about the text it maps (``title``, ``file``, ``url``, ``author``, ``date``, ``note``):
    only what is written; empty when it names no source, address, author or date."""
    if not (argmap.source or argmap.url or argmap.author or argmap.date):
        return {}
    details = {"title": argmap.title, "file": argmap.source, "url": argmap.url, "author": argmap.author,
               "date": argmap.date, "note": argmap.note}
    return {key: value for key, value in details.items() if value}


@dataclass(frozen=True)
class MapSet:
    """Maps checked together: ``maps`` were asked for, ``extra`` were pulled in by ``include`` or ``map#id``."""

    maps: tuple[ArgMap, ...]
    extra: tuple[ArgMap, ...] = ()

    @property
    def all_maps(self) -> tuple[ArgMap, ...]:
        return self.maps + self.extra

    def by_name(self) -> dict[str, ArgMap]:
        """Each map by its name (made once: checking a folder of thousands of maps asks for each map's scope)."""
        found: dict[str, ArgMap] | None = self.__dict__.get("_by_name")
        if found is None:
            found = {m.name: m for m in self.all_maps}
            object.__setattr__(self, "_by_name", found)  # a cache beside the fields, not one of them
        return found


class MapError(Exception):
    """Input that cannot be read as a map: reported as ``path:line:col: message``, exit status 2."""

    def __init__(self, message: str, position: Position | None = None, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.position = position
        self.path = path if path is not None else (position.path if position else None)

    def __str__(self) -> str:
        if self.position is not None:
            return f"{self.position}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message
