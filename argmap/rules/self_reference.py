"""A claim supports, opposes, is in tension with, or is the same as itself.

A relation from a claim to itself is almost always a slip for another id. Support of a claim by
itself and a claim the same as itself are left out of the graph; but a claim that opposes, or is in
tension with, itself is kept in the semantics as an attack on itself, so such a claim is never
`in` (as in an argumentation framework where an argument attacks itself).

Fix: point the relation at the claim that was meant.

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
    tension: [students-work]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.graph import MapGraph, resolve
from argmap.rules import Problem
from argmap.rules._common import show

ID = "AM003"
NAME = "self-reference"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        prefix = argmap.name + "#"
        # A claim's relation to itself names its own id, as ``id`` or ``map#id``: found by comparing
        # strings, without the node name ``written_relations`` makes for every relation.
        for claim in argmap.claims:
            if claim.relations:
                node = prefix + claim.id
                for rel_type, _, target, position in claim.relations:
                    if target == claim.id or target == node:
                        yield Problem(position, f"{show(node, argmap.name)} {rel_type} itself", node)
        for extension in argmap.extensions:
            for rel_type, _, target, position in extension.relations:
                if resolve(target, argmap.name) == extension.target and extension.target in maps.argument_graph:
                    yield Problem(position, f"{show(extension.target, argmap.name)} {rel_type} itself", extension.target)
        for argument in argmap.arguments:
            conclusion = resolve(argument.conclusion, argmap.name)
            if any(resolve(p, argmap.name) == conclusion for p in argument.premises):
                yield Problem(
                    argument.conclusion_position,
                    f"argument '{argument.id}' has its conclusion '{argument.conclusion}' among its premises",
                )
