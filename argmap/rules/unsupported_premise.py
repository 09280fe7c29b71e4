"""A claim is used to support something but is itself neither supported, evidence nor an assumption.

The support it gives rests on nothing. (Claims on a support circle are reported by
circular-support instead.)

Fix: give the claim its own support, quote the source for it as `evidence`, or mark it
`kind: assumption` if the argument deliberately takes it as given.

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
  need-quiet:
    text: Working students need a quiet place in the evening.
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
  need-quiet:
    text: Working students need a quiet place in the evening.
    supports: [open-late]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import nodes_in_support_cycles, supported_nodes
from argmap.graph import MapGraph, relations
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM103"
NAME = "unsupported-premise"
SEVERITY = "warning"


def check(maps: MapGraph) -> Iterator[Problem]:
    G = maps.argument_graph
    backed = maps.memo(supported_nodes)
    circular = maps.memo(nodes_in_support_cycles)
    rel = maps.memo(relations)
    for n, kind in rel.kind.items():  # as ``G.nodes(data="kind")``, without a view per node
        if kind != "claim" or n in backed or n in circular:
            continue
        targets = rel.supports[n]
        if targets:
            used = ", ".join(show(m, home(n)) for m in targets)
            yield Problem(G.nodes[n]["position"], f"{show(n, home(n))} supports {used} but is not supported itself", n)
