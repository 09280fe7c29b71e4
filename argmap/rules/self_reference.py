"""A claim supports, opposes, is in tension with, or is the same as itself.

A relation from a claim to itself says nothing about the argument and is almost always a slip for
another id.

Fix: point the relation at the claim that was meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.graph import MapGraph, resolve, written_relations
from argmap.rules import Problem
from argmap.rules._common import show

ID = "AM003"
NAME = "self-reference"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        for rel_type, source, target, position in written_relations(argmap):
            if source == target and source in maps.graph:
                yield Problem(position, f"{show(source, argmap.name)} {rel_type} itself", source)
        for argument in argmap.arguments:
            conclusion = resolve(argument.conclusion, argmap.name)
            if any(resolve(p, argmap.name) == conclusion for p in argument.premises):
                yield Problem(
                    argument.conclusion_position,
                    f"argument '{argument.id}' has its conclusion '{argument.conclusion}' among its premises",
                )
