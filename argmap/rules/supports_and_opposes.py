"""One claim both supports and opposes (or is in tension with) another.

Supporting and attacking the same claim at once is a contradiction in the map, usually a relation
written on the wrong claim. A premise of a linked argument counts as supporting the argument's
conclusion.

Fix: keep the relation the text means and remove the other.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.graph import MapGraph, relations
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM202"
NAME = "supports-and-opposes"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    G = maps.graph
    rel = maps.memo(relations)
    kind, supports, attacks, succ = rel.kind, rel.supports, rel.attacks, G._succ

    def rests(a: str, b: str) -> bool:
        """``a`` supports ``b``, or is a premise of a linked argument for ``b``."""
        below = supports[a]
        return b in below or any(kind[m] == "argument" and b in supports[m] for m in below)

    for u in rel.kind:  # the opposes and tension edges, in the graph's order
        if u not in attacks:
            continue
        for v, keys in succ[u].items():
            for k in keys:
                if k not in ("opposes", "tension"):
                    continue
                pairs = [(u, v)] if k == "opposes" else [(u, v), (v, u)]
                for a, b in pairs:
                    if rests(a, b):
                        verb = "opposes" if k == "opposes" else "is in tension with"
                        yield Problem(keys[k]["position"], f"{show(a, home(a))} both supports and {verb} {show(b, home(a))}", a)
                        break  # one finding per relation, even when support runs both ways
