"""Claims support each other in a circle.

If `a` supports `b` and `b` supports `a`, neither gives the other any ground: the circle
only counts where something in it also rests on evidence. Each circle is reported once, at its
first claim.

Fix: find what the claims really rest on and break the circle.

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
    supports: [open-late, need-quiet]
  need-quiet:
    text: Working students need a quiet place in the evening.
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
    supports: [open-late, need-quiet]
  need-quiet:
    text: Working students need a quiet place in the evening.
    supports: [open-late, students-work]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import support_cycles
from argmap.graph import MapGraph
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM102"
NAME = "circular-support"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    G = maps.argument_graph
    for cycle in maps.memo(support_cycles):
        start = cycle[0]
        path = " -> ".join(show(n, home(start)) for n in [*cycle, start])
        yield Problem(G.nodes[start]["position"], f"support goes round a circle: {path}", start)
