"""A claim rests on two claims that are in tension, or on a claim it is in tension with.

When the support of a claim (through `supports` and linked arguments, all the way down) takes in
both sides of a `tension`, the argument leans on two things that pull against each other: an
opponent only has to point at one to weaken the other. Reported where the two lines of support first
meet, not again for everything above that point.

Fix: drop one side of the tension from the support, or argue why the tension does not bite here.

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
  students-sleep:
    text: Students should sleep at night.
    kind: assumption
    tension: [students-work]
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
  students-sleep:
    text: Students should sleep at night.
    kind: assumption
    supports: [open-late]
    tension: [students-work]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import tensions_in_support
from argmap.graph import MapGraph
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM201"
NAME = "tension-in-support"
SEVERITY = "warning"


def check(maps: MapGraph) -> Iterator[Problem]:
    G = maps.argument_graph
    for n, a, b in maps.memo(tensions_in_support):
        what = "argument" if G.nodes[n]["kind"] == "argument" else "claim"
        here = home(n)
        if n == b:
            message = f"{what} {show(n, here)} rests on {show(a, here)}, which is in tension with it"
        else:
            message = f"{what} {show(n, here)} rests on both {show(a, here)} and {show(b, here)}, which are in tension"
        yield Problem(G.nodes[n]["position"], message, n)
