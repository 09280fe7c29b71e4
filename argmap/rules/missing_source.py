"""A map has quotes but no readable source file, or names a source that cannot be read.

Quotes can only be checked against the text they come from. `source:` is a path relative to the
map file, to a UTF-8 text file.

Fix: add `source:` with the right path, or put the text file where it points.

The source, `letter.txt`:

```text
Dear council, most of us work until six and can only study after dinner.
```

Passes:

```yaml
title: Opening hours
source: letter.txt
claims:
  open-late:
    text: The library should open until midnight.
    kind: conclusion
  students-work:
    text: Many students work during the day.
    kind: evidence
    quote: most of us work until six
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
    quote: most of us work until six
    supports: [open-late]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.graph import MapGraph
from argmap.rules import Problem
from argmap.wording import plural

ID = "AM302"
NAME = "missing-source"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        if argmap.source_error is not None:
            yield Problem(argmap.source_position, argmap.source_error)  # type: ignore[arg-type]
            continue
        if argmap.source is None:
            quoted = [claim for claim in argmap.claims if claim.quote is not None]
            if quoted:
                yield Problem(
                    argmap.position,
                    f"{plural(len(quoted), 'claim')} {'has a quote' if len(quoted) == 1 else 'have quotes'}"
                    f" (first '{quoted[0].id}') but the map has no 'source:'",
                )
