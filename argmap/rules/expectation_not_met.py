"""A claim's grounded label differs from what the map's `expect:` says.

`expect: {claim-id: in|out|undec}` pins the outcome a repository relies on, so a change to a map
that flips which claims stand fails CI instead of passing unnoticed.

Fix: if the change is right, update `expect:`; if not, fix the map.

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
expect:
  open-late: in
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
expect:
  open-late: out
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import grounded_labelling
from argmap.graph import MapGraph, resolve
from argmap.rules import Problem
from argmap.rules._common import show

ID = "AM204"
NAME = "expectation-not-met"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    labels = maps.memo(grounded_labelling)
    for argmap in maps.maps.all_maps:
        for expectation in argmap.expect:
            n = resolve(expectation.claim, argmap.name)
            if n in labels and labels[n] != expectation.label:
                yield Problem(
                    expectation.label_position,
                    f"expected {show(n, argmap.name)} to be {expectation.label}, but it is {labels[n]}",
                    n,
                )
