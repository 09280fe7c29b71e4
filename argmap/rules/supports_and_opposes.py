"""One claim both supports and opposes (or is in tension with) another.

Supporting and attacking the same claim at once is a contradiction in the map, usually a relation
written on the wrong claim. A premise of a linked argument counts as supporting the argument's
conclusion.

Fix: keep the relation the text means and remove the other.

Passes:

```yaml
title: Opening hours
claims:
  open-late:
    text: The library should open until midnight.
    kind: conclusion
  students-work:
    text: Many students work during the day.
    kind: assumption
    supports: [open-late]
```

Fails:

```yaml
title: Opening hours
claims:
  open-late:
    text: The library should open until midnight.
    kind: conclusion
  students-work:
    text: Many students work during the day.
    kind: assumption
    supports: [open-late]
    opposes: [open-late]
```
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
    rel = maps.memo(relations)
    kind, supports = rel.kind, rel.supports
    premises = {p for n in rel.premises for p in rel.supporters[n]}  # the few claims a linked argument rests on

    def rests(a: str, b: str) -> bool:
        """``a`` supports ``b``, or is a premise of a linked argument for ``b``."""
        below = supports[a]
        return b in below or (a in premises and any(kind[m] == "argument" and b in supports[m] for m in below))

    for a, attacked in rel.attacks.items():
        # What ``a`` both attacks and rests under: one set operation for a claim that is no premise.
        both = [b for b in attacked if rests(a, b)] if a in premises else attacked.intersection(supports[a])
        for b in sorted(both, key=rel.order.__getitem__):  # in graph order, whatever the sets hold
            succ = maps.argument_graph.succ  # the edges' positions: the graph's edges are built only for a finding
            keys, back = succ[a].get(b, {}), succ[b].get(a, {})
            # Claims are named as the map the finding is in writes them (one#a in a map that combines one).
            if "opposes" in keys:
                here = keys["opposes"].get("map") or home(a)
                yield Problem(keys["opposes"]["position"], f"{show(a, here)} both supports and opposes {show(b, here)}", a)
            # One finding per tension, even when support runs both ways: then it names the side it is written on.
            tensions = [keys["tension"]] if "tension" in keys else []
            if "tension" in back and not rests(b, a):
                tensions.append(back["tension"])
            for tension in tensions:
                here = tension.get("map") or home(a)
                yield Problem(tension["position"], f"{show(a, here)} both supports and is in tension with {show(b, here)}", a)
