"""An abstract argumentation framework (arguments and attacks) as an argmap model.

Each argument becomes an ``assumption`` (it needs no support: in a framework only attacks decide),
its text the argument's name as the file writes it, and each attack an ``opposes`` written on the
attacker, an argument that attacks itself included. With no supports, argmap's grounded and
preferred semantics on such a map are Dung's.

What is normal in a framework but a slip in a hand-written map is marked with ``ignore:`` on the
claim, so that ``argmap check`` does not report it: an argument that attacks itself ignores AM003
(self-reference), one that no attack touches ignores AM104 (orphan-claim).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from argmap.model import ID_PATTERN, ArgMap, Claim, MapError, Position, Relation


class FormatError(MapError):
    """A framework file that cannot be read: ``file:line: what to fix`` (exit status 2)."""

    def __init__(self, message: str, path: str, line: int):
        super().__init__(message, path=path)
        self.line = line

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


_NOT_IN_ID = re.compile(r"[^a-z0-9]+")
# An id is a YAML key of the map, and YAML allows at most 1,024 characters there; a name longer than
# this (a Kialo claim 600 levels deep, a 100,000-character AIF nodeID) is cut to it.
MAX_ID_LENGTH = 100


def claim_ids(names: Iterable[str]) -> dict[str, str]:
    """A valid claim id for each argument name, the same for the same names in the same order.

    A name that is already a valid id (``[a-z0-9][a-z0-9-]*``, at most ``MAX_ID_LENGTH``
    characters) keeps it. Any other is lowercased, each run of other characters becomes one ``-``,
    cut to ``MAX_ID_LENGTH`` characters, and ``-`` at either end is dropped (``arg`` if nothing is
    left); when that id is taken, ``-2``, ``-3``, ... is added. The names that keep their id are
    placed first, so renaming never takes an id a name already has.

    >>> claim_ids(["a", "A", "Big_One", "b c", "-"])
    {'a': 'a', 'A': 'a-2', 'Big_One': 'big-one', 'b c': 'b-c', '-': 'arg'}
    >>> [len(i) for i in claim_ids(["x" * 2000, "x" * 3000]).values()]
    [100, 102]
    """
    names = list(dict.fromkeys(names))
    ids = {name: name for name in names if ID_PATTERN.match(name) and len(name) <= MAX_ID_LENGTH}
    taken = set(ids.values())
    tried: dict[str, int] = {}  # the last k tried for each stem: many names of one stem stay linear
    for name in names:
        if name in ids:
            continue
        stem = _NOT_IN_ID.sub("-", name.lower()).strip("-")[:MAX_ID_LENGTH].rstrip("-") or "arg"
        k = tried.get(stem, 1)
        candidate = stem if k == 1 else f"{stem}-{k}"
        while candidate in taken:
            k += 1
            candidate = f"{stem}-{k}"
        tried[stem] = k
        ids[name] = candidate
        taken.add(candidate)
    return {name: ids[name] for name in names}


def framework_map(path: str, name: str, title: str, arguments: list[tuple[str, Position]],
                  attacks: list[tuple[str, str, Position]]) -> ArgMap:
    """The map of a framework: ``arguments`` (name, where declared) and ``attacks`` (attacker,
    attacked, where written), both in file order; an attack written twice is kept once."""
    ids = claim_ids(name for name, _ in arguments)
    written: dict[str, dict[str, Relation]] = {ids[n]: {} for n, _ in arguments}
    for attacker, attacked, position in attacks:
        source, target = ids[attacker], ids[attacked]
        written[source].setdefault(target, Relation("opposes", source, target, position))
    touched = {ids[a] for a, _, _ in attacks} | {ids[b] for _, b, _ in attacks}
    claims = []
    for argument, position in arguments:
        claim_id = ids[argument]
        if claim_id in written:  # each argument once, at its first declaration
            relations = written.pop(claim_id)
            ignore = {"AM003"} if claim_id in relations else set()
            if claim_id not in touched:
                ignore.add("AM104")
            text = argument if argument.strip() else f'"{argument}"'  # arg(""): a claim's text cannot be empty
            claims.append(Claim(claim_id, text, "assumption", position, ignore=frozenset(ignore),
                                relations=tuple(relations.values())))
    return ArgMap(name=name, path=path, title=title, position=Position(path, 1, 1), claims=tuple(claims))


def renamed_ids(argmap: ArgMap) -> dict[str, str]:
    """The arguments whose name is not their claim id: name (the claim's text) -> id."""
    return {claim.text: claim.id for claim in argmap.claims if claim.text != claim.id}
