"""A text, quote or title is cut short by a `#` that YAML reads as the start of a comment.

In YAML, a space followed by `#` starts a comment, even in the middle of a plain (unquoted) value:
`text: We are #1 in the world` is the text "We are", and the rest of the line is silently dropped.
argmap reports a `#` written straight before a word (`#1`, `#MeToo`), which is almost always meant
as text, also at the start of the next line of a value written over several lines; a comment
written as `# ...`, with a space after the `#`, is left alone.

Fix: put the whole value in quotes (`text: 'We are #1 in the world'`), or, if it is a comment, write
a space after the `#`.

Passes:

```yaml
title: Opening hours
claims:
  open-late:
    text: 'The library should be the #1 place to study, until midnight.'
    kind: conclusion
  students-work:
    text: Many students work during the day.   # from the survey
    kind: assumption
    supports: [open-late]
```

Fails:

```yaml
title: Opening hours
claims:
  open-late:
    text: The library should be the #1 place to study, until midnight.
    kind: conclusion
  students-work:
    text: Many students work during the day.
    kind: assumption
    supports: [open-late]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.graph import MapGraph
from argmap.rules import Problem

ID = "AM004"
NAME = "comment-in-text"
SEVERITY = "warning"


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        for cut in argmap.cut_values:
            of = "the title" if cut.claim is None else f"the {cut.key} of '{cut.claim}'"
            yield Problem(
                cut.position,
                f"{of} stops at \"{cut.kept}\": YAML reads ' #' as the start of a comment; put the whole value in"
                " quotes (or write '# ' for a comment)",
                None if cut.claim is None else f"{argmap.name}#{cut.claim}",
            )
