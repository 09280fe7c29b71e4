"""What the other side must win: the smallest sets of claims whose defeat changes a claim's grounded label.

To *defeat* a claim is to win the point against it: argmap models it as an attack on the claim by a
fresh assumption that nothing attacks (so the claim is ``out``, and what rests on it or is answered by
it loses that). A *critical set* of ``n`` is a set of claims, none ``n`` itself and none already
``out``, whose defeat together changes ``n``'s grounded label, and none of whose smaller subsets does.

Only what can reach ``n`` through support and attacks can change its label, so the search runs on that
part of the map alone. It tries every set of one claim, then of two, up to ``max_size``, skipping the
sets that contain a critical set already found, and stops after ``max_checks`` relabellings (fewer on
a large part: ``MAX_WORK`` claims relabelled in all): a :class:`CriticalSets` says how far it got.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from argmap.analysis import OUT, grounded_labelling
from argmap.graph import ArgumentGraph, relations

if TYPE_CHECKING:
    import networkx as nx

Node = Hashable
MAX_SIZE = 2
MAX_CHECKS = 10_000
# Each try relabels the part of the map that reaches the claim: at most this many claims relabelled in
# all (well under a second), so a claim at the top of a map of thousands gets fewer tries, said in the answer.
MAX_WORK = 100_000
_DEFEATER = "\0defeater"  # a node name no map can write


@dataclass
class CriticalSets:
    """The critical sets of ``claim`` found (smallest first), each with the label its defeat gives."""

    claim: Node
    label: str
    sets: list[tuple[list[Node], str]] = field(default_factory=list)
    searched_size: int = 0  # every set up to this size was tried (or skipped as containing a critical set)
    max_size: int = MAX_SIZE
    checks: int = 0
    exhausted: bool = False  # stopped by max_checks before trying every set up to max_size
    candidates: int = 0

    @property
    def smallest(self) -> int | None:
        return len(self.sets[0][0]) if self.sets else None


def influencing(G: nx.MultiDiGraph, n: Node) -> set[Node]:
    """``n`` and every node from which a chain of supports and attacks (a tension either way) reaches it."""
    pred, succ = G.pred, G.succ
    seen, stack = {n}, [n]
    while stack:
        m = stack.pop()
        found = [u for u, keys in pred[m].items() if "supports" in keys or "opposes" in keys or "tension" in keys]
        found += [v for v, keys in succ[m].items() if "tension" in keys]
        for u in found:
            if u not in seen:
                seen.add(u)
                stack.append(u)
    return seen


def critical_sets(G: nx.MultiDiGraph, n: Node, *, labels: dict[Node, str] | None = None, max_size: int = MAX_SIZE,
                  max_checks: int = MAX_CHECKS, reach: set[Node] | None = None) -> CriticalSets:
    """The smallest sets of nodes whose defeat changes the grounded label of ``n`` (see the module).

    ``labels`` is the grounded labelling of ``G``, and ``reach`` :func:`influencing` of ``n``, when
    computed already. Sets are found smallest first, and in the order of the nodes of ``G`` within one
    size, so the answer is deterministic.

    Examples
    --------
    ``c`` stands on two convergent supporters; ``e`` carries a linked argument alone.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n in ("c", "a", "b"): G.add_node(n, kind="claim" if n == "c" else "assumption")
    >>> _ = G.add_edge("a", "c", key="supports"); _ = G.add_edge("b", "c", key="supports")
    >>> found = critical_sets(G, "c")
    >>> found.sets
    [(['a', 'b'], 'out')]
    """
    labels = grounded_labelling(G) if labels is None else labels
    reach = influencing(G, n) if reach is None else reach
    part = [m for m in G if m in reach]
    label = labels[n]
    candidates = [m for m in part if m != n and labels[m] != OUT]
    result = CriticalSets(n, label, max_size=max_size, candidates=len(candidates))
    max_checks = min(max_checks, max(1, MAX_WORK // len(part)))
    # The relations of the part, read once; each check adds the defeater's attacks to them and takes them
    # away again, and the labelling reads them as they are.
    A = _part_graph(G, part, reach)
    rel = relations(A)
    attacked = rel.attacks.setdefault(_DEFEATER, set())
    for size in range(1, max_size + 1):
        # A set that holds a critical set found already is not tried, nor counted: the claims critical
        # alone are left out of the sets tried, rather than each set they are in being passed over (on
        # a line of 300 claims, each critical alone, the sets of 3 took 45 s to pass over).
        alone = {found[0] for found, _ in result.sets if len(found) == 1}
        larger = [set(found) for found, _ in result.sets if len(found) > 1]
        for chosen in combinations([m for m in candidates if m not in alone], size):
            if larger and any(found <= set(chosen) for found in larger):
                continue
            if result.checks >= max_checks:
                result.exhausted = True
                return result
            result.checks += 1
            attacked.update(chosen)
            for m in chosen:
                rel.attackers.setdefault(m, set()).add(_DEFEATER)
            after = grounded_labelling(A, relations=rel)[n]
            attacked.clear()
            for m in chosen:
                rel.attackers[m].discard(_DEFEATER)
            if after != label:
                result.sets.append((list(chosen), after))
        result.searched_size = size
    return result


def _part_graph(G: nx.MultiDiGraph, part: list[Node], reach: set[Node]) -> ArgumentGraph:
    """argmap's own graph of the nodes ``part`` (``reach`` as a set) and the edges between them, and the
    defeater, read from ``G`` directly: copying a networkx subgraph took 0.4 s at 10,000 claims."""
    nodes = {m: G.nodes[m] for m in part}
    nodes[_DEFEATER] = {"kind": "assumption", "text": "", "map": "", "id": ""}
    succ = {u: {v: keys for v, keys in G.succ[u].items() if v in reach} for u in part}  # G's, only read
    pred = {v: {u: succ[u][v] for u in G.pred[v] if u in reach} for v in part}
    succ[_DEFEATER], pred[_DEFEATER] = {}, {}
    edges = [(u, v, key) for u in part for v, keys in succ[u].items() for key in keys]
    return ArgumentGraph(nodes, succ, pred, edges)
