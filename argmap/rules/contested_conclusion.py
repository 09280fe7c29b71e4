"""A conclusion does not stand once every attack and tension is weighed.

Under the grounded labelling (the most cautious reading: only what survives every attack is `in`),
the conclusion is `out` or `undec`: an attack on it, or on what it rests on, is not answered.
Conclusions that unsupported-conclusion or tension-in-support already report are not repeated here.

Fix: answer the attack in the map (oppose the attacker with something that stands), or accept that
the conclusion is contested and pin that with `expect:`.

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
  cost:
    text: Opening late costs too much.
    kind: assumption
    opposes: [open-late]
  volunteers:
    text: Volunteers staff the evening at no cost.
    kind: assumption
    opposes: [cost]
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
  cost:
    text: Opening late costs too much.
    kind: assumption
    opposes: [open-late]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import IN, grounded_labelling, supported_nodes, tensions_in_support
from argmap.graph import MapGraph, relations
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM203"
NAME = "contested-conclusion"
SEVERITY = "warning"


def check(maps: MapGraph) -> Iterator[Problem]:
    G = maps.plain
    labels = maps.memo(grounded_labelling)
    backed = maps.memo(supported_nodes)
    explained = {n for n, _, _ in maps.memo(tensions_in_support)}
    rel = maps.memo(relations)
    no_attackers: set[str] = set()
    for n, kind in rel.kind.items():  # as ``G.nodes(data="kind")``, without a view per node
        if kind != "conclusion" or labels[n] == IN or n not in backed or n in explained:
            continue
        here = home(n)
        attackers = rel.attackers.get(n, no_attackers)
        winning = sorted(show(a, here) for a in attackers if labels[a] == IN)
        open_ = sorted(show(a, here) for a in attackers if labels[a] != "out")
        if winning:
            why = f"it is defeated by {', '.join(winning)}"
        elif open_:
            why = f"the attack by {', '.join(open_)} is not answered"
        else:
            weak = [f"{show(m, here)} ({labels[m]})" for m in rel.supporters[n] if labels[m] != IN]
            why = f"none of its support stands: {', '.join(weak)}"
        yield Problem(G.nodes[n]["position"], f"conclusion {show(n, here)} is {labels[n]}: {why}", n)
