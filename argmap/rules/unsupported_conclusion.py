"""A conclusion whose support does not reach evidence or assumptions.

A claim is supported when it is `evidence` or an `assumption`, when one of the claims that
`supports` it is supported, or when it is the conclusion of a linked argument whose premises are
all supported. Support that only goes round a circle does not count. A `conclusion` that is not
supported is asserted, not argued.

Fix: link the conclusion to the reasons the text gives for it, or, if the text gives none, leave the
finding: it is a real weakness of the argument.

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
    supports: [open-late]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import nodes_in_support_cycles, supported_nodes, unsupported_conclusions
from argmap.graph import MapGraph, relations
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM101"
NAME = "unsupported-conclusion"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    G = maps.argument_graph
    backed = maps.memo(supported_nodes)
    circular = maps.memo(nodes_in_support_cycles)
    supporters = maps.memo(relations).supporters
    for n in maps.memo(unsupported_conclusions):
        below = supporters[n]
        if not below:
            why = "nothing supports it"
        elif n in circular or any(m in circular for m in below):
            why = "its only support goes round a circle"
        else:
            weak = ", ".join(show(m, home(n)) for m in below if m not in backed)
            why = f"its support ({weak}) does not reach evidence or assumptions"
        yield Problem(G.nodes[n]["position"], f"conclusion {show(n, home(n))} is not supported: {why}", n)
