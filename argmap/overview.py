"""Overviews of large maps: the conclusions and what is close to them, with the rest collapsed.

Graphviz's layout time explodes with the number of nodes and cross-links, and a diagram of thousands
of claims is unreadable anyway. An overview keeps what a reader looks at first (the conclusions, the
claims a step or two below them, and what attacks those) and folds every subtree below into one node
that says how many claims it holds and which findings are among them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

DEFAULT_THRESHOLD = 150  # claims; above this `argmap render` draws an overview unless --full
DEFAULT_DEPTH = 2
DEFAULT_BUDGET = 200  # claims an overview keeps at most, conclusions apart (they are always kept)


@dataclass
class Collapsed:
    """Claims folded into one node of an overview, hanging below ``anchor`` (None: under no kept claim)."""

    anchor: str | None
    nodes: list[str] = field(default_factory=list)


@dataclass
class Overview:
    kept: list[str]
    collapsed: list[Collapsed]

    @property
    def hidden(self) -> int:
        return sum(len(group.nodes) for group in self.collapsed)


def steps_below(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """For each node, what it rests on or is attacked by: the nodes one step further from the conclusions.

    Read once from the graph's adjacency for every search below (a diagram per conclusion searches
    the map as many times as it has conclusions), in the order of ``G.in_edges`` and ``G.out_edges``.
    """
    pred, succ = G.pred, G.succ
    return {
        n: [u for u, keys in pred[n].items() for k in keys if k in ("supports", "opposes")]
        + [v for v, keys in succ[n].items() for k in keys if k == "tension"]
        + [u for u, keys in pred[n].items() for k in keys if k == "tension"]
        for n in G
    }


def _levels(G: nx.MultiDiGraph, steps: dict[str, list[str]], nodes: list[str], shown: set[str],
            roots: list[str] | None = None) -> dict[str, int]:
    """How many steps below the nearest root (by default: conclusion) each reachable node is."""
    level = {n: 0 for n in (roots if roots is not None else [n for n in nodes if G.nodes[n]["kind"] == "conclusion"])}
    queue = deque(level)
    while queue:
        n = queue.popleft()
        for m in steps[n]:
            if m in shown and m not in level:
                level[m] = level[n] + 1
                queue.append(m)
    return level


def below(G: nx.MultiDiGraph, root: str, nodes: list[str], steps: dict[str, list[str]] | None = None) -> list[str]:
    """``root`` and every node of ``nodes`` below it (what it rests on, what attacks that, ...), in order.

    ``steps`` is :func:`steps_below` of ``G``, when computed already.
    """
    reached = _levels(G, steps_below(G) if steps is None else steps, nodes, set(nodes), [root])
    return [n for n in nodes if n in reached]


def overview(G: nx.MultiDiGraph, nodes: list[str], depth: int = DEFAULT_DEPTH, budget: int = DEFAULT_BUDGET,
             roots: list[str] | None = None, steps: dict[str, list[str]] | None = None) -> Overview:
    """Which of ``nodes`` an overview keeps, and how the others are folded.

    Kept: every conclusion, and every node at most ``depth`` steps below one (through what supports
    or attacks it, and tensions), as deep as fits in ``budget`` kept claims besides the conclusions.
    Every other node is folded into the group of the first kept node that reaches it, searching
    breadth first from all kept nodes at once, so each hidden claim is counted exactly once; what no
    kept node reaches forms one last group. ``roots`` replaces the conclusions as the top (for a
    diagram of one conclusion). Linear in the map. ``steps`` is :func:`steps_below` of ``G``, when
    computed already.
    """
    if steps is None:
        steps = steps_below(G)
    shown = set(nodes)
    order = {n: i for i, n in enumerate(nodes)}
    level = _levels(G, steps, nodes, shown, roots)
    per_level: dict[int, int] = {}
    for value in level.values():
        per_level[value] = per_level.get(value, 0) + 1
    while depth > 0 and sum(per_level.get(d, 0) for d in range(1, depth + 1)) > budget:
        depth -= 1
    kept = sorted((n for n, d in level.items() if d <= depth), key=order.__getitem__)

    owner: dict[str, str] = {}
    queue = deque(kept)
    home = {n: n for n in kept}
    while queue:
        n = queue.popleft()
        for m in steps[n]:
            if m in shown and m not in home:
                home[m] = home[n]
                owner[m] = home[n]
                queue.append(m)
    groups: dict[str | None, list[str]] = {}
    for n in nodes:
        if n in home and home[n] == n:
            continue
        groups.setdefault(owner.get(n), []).append(n)
    collapsed = [Collapsed(anchor, members) for anchor, members in groups.items()]
    collapsed.sort(key=lambda c: (c.anchor is None, order.get(c.anchor, 0) if c.anchor else 0))
    return Overview(kept, collapsed)
