"""An `evidence` claim has no quote.

Evidence is a fact taken from the source; the quote is what lets a reader (and quote-not-in-source)
check it. Without one it is an unverified claim dressed as evidence.

Fix: add `quote:` with the words of the source, or make it `kind: assumption` or `claim`.

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
    kind: evidence
    supports: [open-late]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.graph import MapGraph
from argmap.rules import Problem

ID = "AM303"
NAME = "evidence-without-quote"
SEVERITY = "warning"


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        for claim in argmap.claims:
            if claim.kind == "evidence" and claim.quote is None:
                yield Problem(claim.position, f"evidence '{claim.id}' has no quote", f"{argmap.name}#{claim.id}")
