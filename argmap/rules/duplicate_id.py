"""An id, or any other key, is written twice in one map.

YAML keeps only one value for a repeated key, so the second claim (or the second `text:` of a
claim) would silently vanish. argmap keeps the first and reports each later occurrence. A key
written more than 21 times in one mapping is reported at its first 20 repeats, then once more with a
count of the rest (a map that repeats one id 100,000 times gives 21 findings, not 99,999). Claims and
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
from argmap.model import DuplicateKey, Position
from argmap.rules import Problem

ID = "AM001"
NAME = "duplicate-id"
SEVERITY = "error"


SHOWN = 20  # repeats of one key in one mapping reported one by one; the rest are counted in one more


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        repeats: dict[tuple[str, Position], list[DuplicateKey]] = {}  # in the order written
        for duplicate in argmap.duplicate_keys:
            repeats.setdefault((duplicate.key, duplicate.first), []).append(duplicate)
        for (key, first), written in repeats.items():
            for duplicate in written[:SHOWN + (len(written) == SHOWN + 1)]:
                yield Problem(duplicate.position, f"'{key}' is written again (first at line {first.line}); only the first is kept")
            if len(written) > SHOWN + 1:
                rest = written[SHOWN:]
                yield Problem(
                    rest[0].position,
                    f"'{key}' is written again {len(rest):,} more times, from here to line {rest[-1].position.line}"
                    f" (first at line {first.line}); only the first is kept",
                )
        claims = {claim.id: claim for claim in argmap.claims}
        for argument in argmap.arguments:
            if argument.id in claims:
                first = claims[argument.id].position
                yield Problem(
                    argument.position,
                    f"argument '{argument.id}' has the id of a claim (line {first.line}); give it its own id",
                )
