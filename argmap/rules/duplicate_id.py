"""An id, or any other key, is written twice in one map.

YAML keeps only one value for a repeated key, so the second claim (or the second `text:` of a
claim) would silently vanish. argmap keeps the first and reports the second occurrence. Claims and
linked arguments share one set of ids, so an argument may not reuse a claim's id either.

Fix: rename one of the two, or merge them.

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
  students-work:
    text: Students study at night.
    kind: assumption
    supports: [open-late]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.graph import MapGraph
from argmap.rules import Problem

ID = "AM001"
NAME = "duplicate-id"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        for duplicate in argmap.duplicate_keys:
            yield Problem(
                duplicate.position,
                f"'{duplicate.key}' is written again (first at line {duplicate.first.line}); only the first is kept",
            )
        claims = {claim.id: claim for claim in argmap.claims}
        for argument in argmap.arguments:
            if argument.id in claims:
                first = claims[argument.id].position
                yield Problem(
                    argument.position,
                    f"argument '{argument.id}' has the id of a claim (line {first.line}); give it its own id",
                )
