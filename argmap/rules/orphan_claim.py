"""A claim has no relation at all.

A claim that supports nothing, is supported by nothing and is in no tension or attack plays no part
in the argument: it is either a leftover or a missing link.

A conclusion with no relation is left to unsupported-conclusion, which already says nothing
supports it.

Fix: relate it to the claims it bears on, or remove it.

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
  books:
    text: The library has 40,000 books.
    kind: assumption
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import isolated_nodes
from argmap.graph import MapGraph, written_relations
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM104"
NAME = "orphan-claim"
SEVERITY = "warning"


def check(maps: MapGraph) -> Iterator[Problem]:
    G = maps.argument_graph
    alone = [n for n in maps.memo(isolated_nodes) if G.nodes[n]["kind"] not in ("argument", "conclusion")]
    if not alone:
        return
    # A relation to a missing id still shows intent; AM002 reports it, this rule stays quiet.
    written = {source for m in maps.maps.all_maps for _, source, _, _ in written_relations(m)}
    for n in alone:
        if n not in written:
            yield Problem(G.nodes[n]["position"], f"{show(n, home(n))} has no relation to any other claim", n)
