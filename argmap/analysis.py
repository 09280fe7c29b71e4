"""Graph algorithms on argument maps, written like networkx's own: a function of ``G`` returning plain data.

``G`` is the graph of :func:`argmap.graph.build_graph`: nodes have a ``kind`` (``conclusion``,
``claim``, ``evidence``, ``assumption`` or ``argument`` for a linked argument), edges have a ``type``.
Every function here runs in time linear in the size of the graph, except where its docstring says.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable

import networkx as nx

from argmap.model import BASIC_KINDS

Node = Hashable
IN, OUT, UNDEC = "in", "out", "undec"


def is_basic(G: nx.MultiDiGraph, n: Node) -> bool:
    """True when ``n`` needs no support: it is evidence or an assumption."""
    return G.nodes[n]["kind"] in BASIC_KINDS


def is_argument(G: nx.MultiDiGraph, n: Node) -> bool:
    return G.nodes[n]["kind"] == "argument"


def supporters(G: nx.MultiDiGraph, n: Node) -> list[Node]:
    """The nodes with a ``supports`` edge into ``n`` (claims, or linked arguments, or an argument's premises)."""
    return [u for u, _, k in G.in_edges(n, keys=True) if k == "supports"]


def premise_count(G: nx.MultiDiGraph, n: Node) -> int:
    """How many premises linked argument ``n`` needs, counting those that name no claim."""
    return len(supporters(G, n)) + G.nodes[n].get("absent_premises", 0)


def supported(G: nx.MultiDiGraph, n: Node) -> list[Node]:
    """The nodes ``n`` has a ``supports`` edge into."""
    return [v for _, v, k in G.out_edges(n, keys=True) if k == "supports"]


def attackers(G: nx.MultiDiGraph, n: Node) -> set[Node]:
    """Nodes that attack ``n``: those that oppose it and those in tension with it (either way)."""
    found = {u for u, _, k in G.in_edges(n, keys=True) if k in ("opposes", "tension")}
    found.update(v for _, v, k in G.out_edges(n, keys=True) if k == "tension")
    return found


def attacked(G: nx.MultiDiGraph, n: Node) -> set[Node]:
    """Nodes that ``n`` attacks: those it opposes and those in tension with it (either way)."""
    found = {v for _, v, k in G.out_edges(n, keys=True) if k in ("opposes", "tension")}
    found.update(u for u, _, k in G.in_edges(n, keys=True) if k == "tension")
    return found


def support_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The ``supports`` edges of ``G`` as a plain directed graph over all of its nodes."""
    S = nx.DiGraph()
    S.add_nodes_from(G)
    S.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k == "supports")
    return S


def supported_nodes(G: nx.MultiDiGraph) -> set[Node]:
    """The nodes whose support reaches evidence or assumptions, ignoring attacks.

    A claim is supported when it is basic, or one of its supporters is supported; a linked argument
    when all its premises are. This is the least fixed point, so support that only goes round a
    cycle counts for nothing. Computed with a work queue: each edge is looked at once.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", kind="evidence"); G.add_node("c", kind="conclusion"); G.add_node("x", kind="claim")
    >>> _ = G.add_edge("e", "c", key="supports", type="supports")
    >>> sorted(supported_nodes(G))
    ['c', 'e']
    """
    return backed_within(G, set(G))


def backed_within(G: nx.MultiDiGraph, allowed: set[Node]) -> set[Node]:
    """The nodes of ``allowed`` whose support reaches evidence or assumptions through ``allowed`` only.

    Like :func:`supported_nodes` on the subgraph of ``allowed``, except that a linked argument still
    needs every one of its premises, including those outside ``allowed``.
    """
    missing = {n: premise_count(G, n) for n in allowed if G.nodes[n]["kind"] == "argument"}
    done = {n for n in allowed if is_basic(G, n)}
    queue = deque(done)
    while queue:
        n = queue.popleft()
        for m in supported(G, n):
            if m in done or m not in allowed:
                continue
            if m in missing:
                missing[m] -= 1
                if missing[m]:
                    continue
            done.add(m)
            queue.append(m)
    return done


def is_supported(G: nx.MultiDiGraph, n: Node) -> bool:
    """True when ``n``'s support reaches evidence or assumptions (see :func:`supported_nodes`)."""
    return n in supported_nodes(G)


def unsupported_conclusions(G: nx.MultiDiGraph) -> list[Node]:
    """Conclusions whose support does not reach evidence or assumptions, in node order."""
    backed = supported_nodes(G)
    return [n for n, kind in G.nodes(data="kind") if kind == "conclusion" and n not in backed]


def support_cycles(G: nx.MultiDiGraph) -> list[list[Node]]:
    """One cycle for each group of nodes that support each other round a circle.

    Each strongly connected component of the support graph with more than one node yields one cycle
    through it, starting at its earliest node in ``G``'s order, so each circle is reported once.
    """
    S = support_graph(G)
    order = {n: i for i, n in enumerate(G)}
    cycles = []
    for component in nx.strongly_connected_components(S):
        if len(component) < 2:
            continue
        start = min(component, key=order.__getitem__)
        edges = nx.find_cycle(S.subgraph(component), source=start)
        cycles.append([u for u, _ in edges])
    return sorted(cycles, key=lambda cycle: order[cycle[0]])


def nodes_in_support_cycles(G: nx.MultiDiGraph) -> set[Node]:
    """Every node that lies on some support cycle."""
    S = support_graph(G)
    return {n for c in nx.strongly_connected_components(S) if len(c) > 1 for n in c}


def tension_pairs(G: nx.MultiDiGraph) -> list[tuple[Node, Node]]:
    """The pairs of nodes in tension, each once, as written."""
    return [(u, v) for u, v, k in G.edges(keys=True) if k == "tension"]


def tensions_in_support(G: nx.MultiDiGraph) -> list[tuple[Node, Node, Node]]:
    """Where support rests on claims in tension: a list of ``(node, a, b)``.

    ``node`` rests (through supports and linked arguments) on both ``a`` and ``b``, which are in
    tension; only the first places where the two lines of support meet are given, not everything
    above them. A place is a node, or a support circle as a whole (given at its earliest node), so
    lines that meet inside a circle are still found. When ``b`` itself rests on ``a`` (a claim
    resting on what it is in tension with), ``node`` is ``b``; when ``a`` supports ``b`` directly,
    that is left to the supports-and-opposes rule. Costs one traversal of the support graph per tension.
    """
    S = support_graph(G)
    order = {n: i for i, n in enumerate(G)}
    component = {}
    for nodes in nx.strongly_connected_components(S):
        first = min(nodes, key=order.__getitem__)
        component.update((n, first) for n in nodes)
    found = []
    for a, b in tension_pairs(G):
        below_a = nx.descendants(S, a)
        below_b = nx.descendants(S, b)
        if b in below_a or a in below_b:
            lower, upper = (a, b) if b in below_a else (b, a)
            if not _supports_directly(G, lower, upper):
                found.append((upper, lower, upper))
            continue
        common = below_a & below_b
        places = {
            component[n] for n in common
            if not any(p in common and component[p] != component[n] for p in S.predecessors(n))
        }
        found.extend((n, a, b) for n in sorted(places, key=order.__getitem__))
    return found


def _supports_directly(G: nx.MultiDiGraph, a: Node, b: Node) -> bool:
    """``a`` supports ``b``, or is a premise of a linked argument for ``b``."""
    return any(m == b or (is_argument(G, m) and b in supported(G, m)) for m in supported(G, a))


def grounded_labelling(G: nx.MultiDiGraph) -> dict[Node, str]:
    """The grounded labelling of an argument map: ``in``, ``out`` or ``undec`` for every node.

    Attacks are ``opposes`` edges and ``tension`` edges taken both ways. Support counts only when it
    reaches evidence (evidential argumentation, Oren and Norman 2008):

    1. a node that cannot be backed even ignoring attacks (:func:`supported_nodes`) is ``out``;
    2. a node is ``in`` once every attacker is ``out`` and it is basic, or has an ``in`` supporter
       (for a linked argument: all premises ``in``); it is ``out`` once some attacker is ``in``, or
       when it is not basic and every supporter is ``out`` (for a linked argument: some premise ``out``);
    3. what is left is ``undec``.

    With no supports (every claim an assumption) this is Dung's grounded labelling. A work queue
    visits each node and edge a bounded number of times, so the cost is linear in the map.

    >>> G = nx.MultiDiGraph()
    >>> for n in "abc": G.add_node(n, kind="assumption")
    >>> _ = G.add_edge("a", "b", key="opposes", type="opposes")
    >>> _ = G.add_edge("b", "c", key="opposes", type="opposes")
    >>> sorted(grounded_labelling(G).items())
    [('a', 'in'), ('b', 'out'), ('c', 'in')]
    """
    label: dict[Node, str] = {}
    live_attackers = {n: len(attackers(G, n)) for n in G}
    live_supporters = {n: len(supporters(G, n)) for n in G}  # claims: supporters not out
    missing_premises = {n: premise_count(G, n) for n, kind in G.nodes(data="kind") if kind == "argument"}
    in_support: set[Node] = set()
    queue: deque[Node] = deque()

    def decide(n: Node, value: str) -> None:
        label[n] = value
        queue.append(n)

    def try_in(n: Node) -> None:
        if n in label or live_attackers[n]:
            return
        if n in missing_premises:
            backed = missing_premises[n] == 0
        else:
            backed = is_basic(G, n) or n in in_support
        if backed:
            decide(n, IN)

    backed_at_all = supported_nodes(G)
    for n in G:
        if n not in backed_at_all:
            decide(n, OUT)
    for n in G:
        try_in(n)

    while queue:
        n = queue.popleft()
        if label[n] == IN:
            for m in attacked(G, n):
                if m not in label:
                    decide(m, OUT)
            for m in supported(G, n):
                if m in missing_premises:
                    missing_premises[m] -= 1
                else:
                    in_support.add(m)
                try_in(m)
        else:
            for m in attacked(G, n):
                live_attackers[m] -= 1
                try_in(m)
            for m in supported(G, n):
                if m in label:
                    continue
                if m in missing_premises:
                    decide(m, OUT)
                else:
                    live_supporters[m] -= 1
                    if live_supporters[m] == 0 and not is_basic(G, m):
                        decide(m, OUT)
    return {n: label.get(n, UNDEC) for n in G}


MAX_UNDECIDED = 24  # preferred semantics searches the claims grounded leaves undecided: 2^24 is the ceiling


class TooManyUndecided(ValueError):
    """Preferred extensions would need an exponential search over more undecided nodes than allowed."""

    def __init__(self, count: int, limit: int):
        super().__init__(
            f"{count} claims are undecided under grounded semantics; preferred semantics searches them exhaustively"
            f" and is limited to {limit} (raise --max-undecided, or use --semantics grounded)"
        )
        self.count = count
        self.limit = limit


def is_admissible(G: nx.MultiDiGraph, S: set[Node]) -> bool:
    """True when ``S`` is conflict-free, self-backed and defends each member (DESIGN §5).

    Self-backed: every member is basic or backed by members of ``S``. Defended: every attacker of a
    member is attacked by ``S``, or cannot be backed once what ``S`` attacks is taken away (so an
    attacker whose only support ``S`` defeats needs no direct answer).
    """
    if any(a in S for n in S for a in attackers(G, n)):
        return False
    if backed_within(G, S) != S:
        return False
    beaten = {m for n in S for m in attacked(G, n)}
    can_back = backed_within(G, set(G) - beaten)
    return not any(a in can_back for n in S for a in attackers(G, n))


def preferred_extensions(G: nx.MultiDiGraph, *, max_undecided: int = MAX_UNDECIDED) -> list[set[Node]]:
    """The preferred extensions of an argument map: its maximal admissible sets (see :func:`is_admissible`).

    With no supports these are Dung's preferred extensions. Every extension contains the nodes that
    are ``in`` under the grounded labelling and none that are ``out``, so the search only decides the
    ``undec`` ones: it adds them one at a time, skips any that conflict with what is already in, and
    keeps the admissible sets no other admissible set contains. Exponential in the number of
    undecided nodes in the worst case, so past ``max_undecided`` it raises :class:`TooManyUndecided`.
    Extensions are returned in a fixed order (by their members' order in ``G``).

    >>> G = nx.MultiDiGraph()
    >>> for n in "ab": G.add_node(n, kind="assumption")
    >>> _ = G.add_edge("a", "b", key="tension", type="tension")
    >>> [sorted(s) for s in preferred_extensions(G)]
    [['a'], ['b']]
    """
    labels = grounded_labelling(G)
    base = {n for n, label in labels.items() if label == IN}
    open_ = [n for n in G if labels[n] == UNDEC]
    if len(open_) > max_undecided:
        raise TooManyUndecided(len(open_), max_undecided)
    conflicts = {n: attackers(G, n) | attacked(G, n) for n in open_}

    admissible: list[frozenset[Node]] = []

    def search(i: int, chosen: set[Node]) -> None:
        if i == len(open_):
            candidate = base | chosen
            if is_admissible(G, candidate):
                admissible.append(frozenset(candidate))
            return
        n = open_[i]
        if not (conflicts[n] & chosen) and n not in conflicts[n]:
            chosen.add(n)
            search(i + 1, chosen)
            chosen.discard(n)
        search(i + 1, chosen)

    search(0, set())
    maximal = [s for s in admissible if not any(s < t for t in admissible)]
    order = {n: i for i, n in enumerate(G)}
    return [set(s) for s in sorted(set(maximal), key=lambda s: sorted(order[n] for n in s))]
