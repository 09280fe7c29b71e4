"""A claim can be changed by defeating fewer claims than the map's `must-win:` says.

`must-win: {claim-id: N}` pins how hard a claim is to move: changing its grounded label must take
defeating at least N claims together (a claim is defeated when an unanswered attack is won against
it). A change to the map that lets the other side flip the claim by winning fewer points fails CI,
with the smallest such set named. N is from 1 to 3: the search tries every set of up to N - 1 claims.

Fix: back the claims named (another line of support, an answer to what attacks them), or lower
`must-win:` if the map is right.

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
  exams:
    text: Exam weeks fill the reading rooms at night.
    kind: assumption
    supports: [open-late]
must-win:
  open-late: 2
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
must-win:
  open-late: 2
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import grounded_labelling
from argmap.critical import critical_sets
from argmap.graph import MapGraph, resolve
from argmap.rules import Problem
from argmap.rules._common import show

ID = "AM205"
NAME = "must-win-not-met"
SEVERITY = "error"


def check(maps: MapGraph) -> Iterator[Problem]:
    pins = [(argmap.name, pin) for argmap in maps.maps.all_maps for pin in argmap.must_win]
    if not pins:
        return
    labels = maps.memo(grounded_labelling)
    G = maps.graph
    for home, pin in pins:
        n = resolve(pin.claim, home)
        if n not in labels:
            yield Problem(pin.position, f"'must-win' names {show(n, home)}, which is no claim of the map; correct the id")
            continue
        found = critical_sets(G, n, labels=labels, max_size=pin.at_least - 1)
        if found.sets:
            chosen, after = found.sets[0]
            named = ", ".join(show(m, home) for m in chosen)
            yield Problem(
                pin.value_position,
                f"{show(n, home)} ({labels[n]}) becomes {after} once {named} {'is' if len(chosen) == 1 else 'are'}"
                f" defeated: {len(chosen)} {'claim' if len(chosen) == 1 else 'claims'}, fewer than the {pin.at_least}"
                " 'must-win:' asks",
                n,
            )
        elif found.exhausted:
            yield Problem(pin.value_position, f"the search for what changes {show(n, home)} stopped after"
                          f" {found.checks:,} tries; lower 'must-win:' or split the map", n)
