"""One claim both supports and opposes (or is in tension with) another.

Supporting and attacking the same claim at once is a contradiction in the map, usually a relation
written on the wrong claim. A premise of a linked argument counts as supporting the argument's
conclusion.

Fix: keep the relation the text means and remove the other.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import supported
from argmap.graph import MapGraph
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM202"
NAME = "supports-and-opposes"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    G = maps.graph
    for u, v, k, position in G.edges(keys=True, data="position"):
        if k not in ("opposes", "tension"):
            continue
        pairs = [(u, v)] if k == "opposes" else [(u, v), (v, u)]
        for a, b in pairs:
            targets = set(supported(G, a))
            targets.update(c for arg in targets.copy() if G.nodes[arg]["kind"] == "argument" for c in supported(G, arg))
            if b in targets:
                verb = "opposes" if k == "opposes" else "is in tension with"
                yield Problem(position, f"{show(a, home(a))} both supports and {verb} {show(b, home(a))}", a)
                break  # one finding per relation, even when support runs both ways
