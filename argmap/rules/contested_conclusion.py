"""A conclusion does not stand once every attack and tension is weighed.

Under the grounded labelling (the most cautious reading: only what survives every attack is `in`),
the conclusion is `out` or `undec`: an attack on it, or on what it rests on, is not answered, a
tension with it is not resolved, or it attacks itself.
Conclusions that unsupported-conclusion or tension-in-support already report are not repeated here.

Fix: answer the attack in the map (oppose the attacker with something that stands), or accept that
the conclusion is contested and pin that with `expect:`.

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
  cost:
    text: Opening late costs too much.
    kind: assumption
    opposes: [open-late]
  volunteers:
    text: Volunteers staff the evening at no cost.
    kind: assumption
    opposes: [cost]
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
  cost:
    text: Opening late costs too much.
    kind: assumption
    opposes: [open-late]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import IN, OUT, grounded_labelling, supported_nodes, tensions_in_support
from argmap.graph import ArgumentGraph, MapGraph, relations
from argmap.rules import Problem
from argmap.rules._common import home, show

ID = "AM203"
NAME = "contested-conclusion"
SEVERITY = "warning"


def check(maps: MapGraph) -> Iterator[Problem]:
    G = maps.argument_graph
    labels = maps.memo(grounded_labelling)
    backed = maps.memo(supported_nodes)
    explained = {n for n, _, _ in maps.memo(tensions_in_support)}
    rel = maps.memo(relations)
    no_attackers: set[str] = set()
    for n, kind in rel.kind.items():  # as ``G.nodes(data="kind")``, without a view per node
        if kind != "conclusion" or labels[n] == IN or n not in backed or n in explained:
            continue
        here = home(n)
        attackers = rel.attackers.get(n, no_attackers) - {n}
        winning = [a for a in attackers if labels[a] == IN]
        open_ = [a for a in attackers if labels[a] != OUT]
        if winning:
            why = _attacks(G, n, winning, here, "it is defeated by {}", "it loses its tension with {}")
        elif n in rel.attackers.get(n, no_attackers):
            why = "it attacks itself, so it can never stand"
        elif open_:
            why = _attacks(G, n, open_, here, "the attack by {} is not answered", "the tension with {} is not resolved")
        else:
            weak = [f"{show(m, here)} ({labels[m]})" for m in rel.supporters[n] if labels[m] != IN]
            why = f"none of its support stands: {', '.join(weak)}"
        yield Problem(G.nodes[n]["position"], f"conclusion {show(n, here)} is {labels[n]}: {why}", n)


def _attacks(G: ArgumentGraph, n: str, attackers: list[str], here: str, opposed: str, in_tension: str) -> str:
    """The attackers in words: those in tension with ``n`` in ``in_tension``, the others (which oppose it) in ``opposed``."""
    partners = {a for a in attackers if "tension" in G.succ[n].get(a, ()) or "tension" in G.pred[n].get(a, ())}
    parts = []
    opposers = sorted(show(a, here) for a in attackers if a not in partners)
    if opposers:
        parts.append(opposed.format(", ".join(opposers)))
    in_tension_with = sorted(show(a, here) for a in attackers if a in partners)
    if in_tension_with:
        parts.append(in_tension.format(", ".join(in_tension_with)))
    return "; ".join(parts)
