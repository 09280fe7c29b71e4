"""A relation, argument, extension or expectation names a claim that does not exist.

A reference is `id` for a claim of the same map or `map-name#id` for a claim of another map in
the same folder. A misspelt id would otherwise drop the relation without a word.

Fix: correct the id, or add the claim it should name.

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
    supports: [open-lat]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.graph import MapGraph, referenced_nodes, written_references
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM002"
NAME = "dangling-reference"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    names = maps.maps.by_name()
    nodes = maps.argument_graph.nodes  # the graph's nodes, without a call per reference
    for argmap in maps.maps.all_maps:
        missing = referenced_nodes(argmap) - nodes.keys()
        if not missing:
            continue  # the usual case: no reference to look at one by one
        for target, position, where, source in written_references(argmap, among=missing):
            if home(target) not in names:
                why = f"there is no map named '{home(target)}' next to this one"
            else:
                why = "no claim has that id"
            yield Problem(position, f"{where} names {show(target, argmap.name)}, but {why}", source)
