"""A map has no conclusion: nothing in it is marked as what the text argues for.

Every argument map argues for something. Without a claim of `kind: conclusion`, nothing checks that
the map's reasons lead anywhere: unsupported-conclusion and contested-conclusion have nothing to look
at, and `brief` has no natural claim to start from. A map that only includes other maps (no claims
of its own) is exempt, and so is a map whose argument goes on in another map: one that includes, or
names a claim of, a map that has a conclusion.

Fix: mark the claim the text argues for with `kind: conclusion`. The map is reported at its first line.

Passes:

```yaml
title: Bridge
claims:
  build:
    text: The town should build the bridge.
    kind: conclusion
  traffic:
    text: Traffic doubled in ten years.
    kind: assumption
    supports: [build]
```

Fails:

```yaml
title: Bridge
claims:
  build:
    text: The town should build the bridge.
  traffic:
    text: Traffic doubled in ten years.
    kind: assumption
    supports: [build]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.graph import MapGraph, map_members, referenced_nodes
from argmap.rules import Problem

ID = "AM105"
NAME = "no-conclusion"
SEVERITY = "warning"


def check(maps: MapGraph) -> Iterator[Problem]:
    by_name = maps.maps.by_name()

    def has_conclusion(name: str) -> bool:
        return name in by_name and any(claim.kind == "conclusion" for claim in by_name[name].claims)

    for argmap in maps.maps.all_maps:
        if has_conclusion(argmap.name):
            continue
        if argmap.includes and not argmap.claims:
            continue  # a map that only combines others
        others = set(map_members(maps, argmap.name)[1:])
        others.update(node.rpartition("#")[0] for node in referenced_nodes(argmap))
        if any(has_conclusion(name) for name in others - {argmap.name}):
            continue
        yield Problem(argmap.position, f"map '{argmap.name}' has no conclusion; mark the claim it argues for with kind: conclusion")
