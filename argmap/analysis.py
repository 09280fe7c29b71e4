"""Graph algorithms on argument maps, written like networkx's own: a function of ``G`` returning plain data.

``G`` is an :class:`argmap.graph.ArgumentGraph` or a networkx ``MultiDiGraph`` with the same nodes and
edges (:func:`argmap.graph.build_graph`): both are read through ``G.nodes``, ``G.succ`` and ``G.pred``
only. Nodes have a ``kind`` (``conclusion``, ``claim``, ``evidence``, ``assumption`` or ``argument`` for
a linked argument), edges are keyed by their type.
Every function here runs in time linear in the size of the graph, except where its docstring says.

The whole-map algorithms work on :func:`relations`, the graph's edges as plain dicts of lists, which
they take as an optional ``relations`` argument: computed once and handed to each (as
:meth:`argmap.graph.MapGraph.memo` does), a set of rules reads the graph once.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from argmap.graph import Node, Relations, relations
from argmap.model import BASIC_KINDS

if TYPE_CHECKING:
    import networkx as nx

IN, OUT, UNDEC = "in", "out", "undec"


def _relations(G: nx.MultiDiGraph, given: Relations | None) -> Relations:
    return relations(G) if given is None else given


def is_basic(G: nx.MultiDiGraph, n: Node) -> bool:
    """True when ``n`` needs no support: it is evidence or an assumption."""
    return G.nodes[n]["kind"] in BASIC_KINDS


def is_argument(G: nx.MultiDiGraph, n: Node) -> bool:
    return G.nodes[n]["kind"] == "argument"


def supporters(G: nx.MultiDiGraph, n: Node) -> list[Node]:
    """The nodes with a ``supports`` edge into ``n`` (claims, or linked arguments, or an argument's premises)."""
    return [u for u, keys in G.pred[n].items() if "supports" in keys]


def premise_count(G: nx.MultiDiGraph, n: Node) -> int:
    """How many premises linked argument ``n`` needs, counting those that name no claim."""
    return len(supporters(G, n)) + G.nodes[n].get("absent_premises", 0)


def supported(G: nx.MultiDiGraph, n: Node) -> list[Node]:
    """The nodes ``n`` has a ``supports`` edge into."""
    return [v for v, keys in G.succ[n].items() if "supports" in keys]


def attackers(G: nx.MultiDiGraph, n: Node) -> set[Node]:
    """Nodes that attack ``n``: those that oppose it and those in tension with it (either way)."""
    found = {u for u, keys in G.pred[n].items() if "opposes" in keys or "tension" in keys}
    found.update(v for v, keys in G.succ[n].items() if "tension" in keys)
    return found


def attacked(G: nx.MultiDiGraph, n: Node) -> set[Node]:
    """Nodes that ``n`` attacks: those it opposes and those in tension with it (either way)."""
    found = {v for v, keys in G.succ[n].items() if "opposes" in keys or "tension" in keys}
    found.update(u for u, keys in G.pred[n].items() if "tension" in keys)
    return found


def supported_nodes(G: nx.MultiDiGraph, relations: Relations | None = None) -> set[Node]:
    """The nodes whose support reaches evidence or assumptions, ignoring attacks.

    A claim is supported when it is basic, or one of its supporters is supported; a linked argument
    when all its premises are. This is the least fixed point, so support that only goes round a
    cycle counts for nothing. Computed with a work queue: each edge is looked at once.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", kind="evidence"); G.add_node("c", kind="conclusion"); G.add_node("x", kind="claim")
    >>> _ = G.add_edge("e", "c", key="supports", type="supports")
    >>> sorted(supported_nodes(G))
    ['c', 'e']
    """
    return set(_supported(_relations(G, relations)))


def _supported(rel: Relations) -> set[Node]:
    if "supported" not in rel.cache:
        rel.cache["supported"] = _backed(rel, None)
    return rel.cache["supported"]  # type: ignore[return-value]


def backed_within(G: nx.MultiDiGraph, allowed: set[Node], relations: Relations | None = None) -> set[Node]:
    """The nodes of ``allowed`` whose support reaches evidence or assumptions through ``allowed`` only.

    Like :func:`supported_nodes` on the subgraph of ``allowed``, except that a linked argument still
    needs every one of its premises, including those outside ``allowed``.
    """
    if relations is None:  # read only what ``allowed`` needs
        nodes = G.nodes
        missing = {n: premise_count(G, n) for n in allowed if nodes[n]["kind"] == "argument"}
        done = {n for n in allowed if nodes[n]["kind"] in BASIC_KINDS}
        return _spread_support(done, missing, lambda n: supported(G, n), allowed)
    return _backed(relations, allowed)


def _backed(rel: Relations, allowed: set[Node] | None) -> set[Node]:
    """:func:`backed_within` on plain relations; ``None`` allows every node."""
    if allowed is None:
        missing = dict(rel.premises)
        done = {n for n, k in rel.kind.items() if k in BASIC_KINDS}
    else:
        missing = {n: rel.premises[n] for n in allowed if n in rel.premises}
        done = {n for n in allowed if rel.kind[n] in BASIC_KINDS}
    return _spread_support(done, missing, rel.supports.__getitem__, allowed)


def _spread_support(
    done: set[Node], missing: dict[Node, int], supported_by: Callable[[Node], list[Node]], allowed: set[Node] | None
) -> set[Node]:
    """``done`` (the basic nodes) and every node of ``allowed`` their support reaches, a linked
    argument only once its ``missing`` premises are all reached; ``done`` and ``missing`` are used up."""
    queue = list(done)
    for n in queue:  # the list grows as it is read: a work queue
        for m in supported_by(n):
            if m in done or (allowed is not None and m not in allowed):
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


def support_below(G: nx.MultiDiGraph, n: Node, relations: Relations | None = None) -> set[Node]:
    """Everything ``n`` rests on: the nodes whose support reaches it (like ``nx.ancestors`` of the support graph)."""
    return reached_from([n], _relations(G, relations).supporters) - {n}


def reached_from(starts: Iterable[Node], neighbours: dict[Node, list[Node]]) -> set[Node]:
    """``starts`` and every node reached from them along ``neighbours`` (``supports`` to go up, ``supporters`` down)."""
    seen = set(starts)
    queue = list(seen)
    for m in queue:
        for p in neighbours[m]:
            if p not in seen:
                seen.add(p)
                queue.append(p)
    return seen


def single_points_of_failure(G: nx.MultiDiGraph, n: Node, relations: Relations | None = None) -> list[Node]:
    """The nodes below ``n`` without any one of which its support no longer reaches evidence or
    assumptions (a linked argument still needing each of its premises), in node order.

    A claim with a single supporter that is backed rests on it and on all that rests under it: such
    a line is followed down first, a step at a time. Below it, each node sought lies on every line of
    support, so only the nodes of one line are tried, each by spreading support again without it;
    and a try that still gets through finds another line, which every node not yet tried must also
    lie on. The cost is a spread over what is below for each node found past the single line and
    each narrowing, not one for every node below.
    """
    rel = _relations(G, relations)
    kind, supporters_of, premises = rel.kind, rel.supporters, rel.premises
    region = support_below(G, n, rel) | {n}
    backed = _backed(rel, region)
    if n not in backed:
        return []
    found: set[Node] = set()
    top = n  # the foot of the single line down from n
    while kind[top] not in BASIC_KINDS and top not in premises:
        backers = [s for s in supporters_of[top] if s in backed]
        if len(backers) != 1 or backers[0] in found:
            break
        top = backers[0]
        found.add(top)
    if kind[top] not in BASIC_KINDS:
        region = support_below(G, top, rel) | {top}
        untried = _line_of_support(rel, region, top) - {top}  # type: ignore[operator]  # top is backed
        while untried:
            m = untried.pop()
            other = _line_of_support(rel, region - {m}, top)
            if other is None:
                found.add(m)
            else:
                untried &= other
    return sorted(found, key=rel.order.__getitem__)


def _line_of_support(rel: Relations, allowed: set[Node], n: Node) -> set[Node] | None:
    """The nodes of one line of support within ``allowed`` that brings ``n`` to evidence or
    assumptions (for a linked argument, all of its premises), or None when there is none.

    Support spreads up from the basic nodes as in :func:`_spread_support`; each node keeps the
    supporter that completed it, and the line is read back down from ``n`` along those.
    """
    kind, supports, supporters_of, premises = rel.kind, rel.supports, rel.supporters, rel.premises
    missing = {m: premises[m] for m in allowed if m in premises}
    done = {m for m in allowed if kind[m] in BASIC_KINDS}
    completed_by: dict[Node, Node] = {}
    queue = list(done)
    for m in queue:
        if n in done:
            break
        for up in supports[m]:
            if up in done or up not in allowed:
                continue
            if up in missing:
                missing[up] -= 1
                if missing[up]:
                    continue
            done.add(up)
            completed_by[up] = m
            queue.append(up)
    if n not in done:
        return None
    line = {n}
    stack = [n]
    while stack:
        m = stack.pop()
        if kind[m] in BASIC_KINDS:
            continue
        for p in supporters_of[m] if m in premises else (completed_by[m],):
            if p not in line:
                line.add(p)
                stack.append(p)
    return line


def unsupported_conclusions(G: nx.MultiDiGraph, relations: Relations | None = None) -> list[Node]:
    """Conclusions whose support does not reach evidence or assumptions, in node order."""
    rel = _relations(G, relations)
    backed = _supported(rel)
    return [n for n, kind in rel.kind.items() if kind == "conclusion" and n not in backed]


def support_components(G: nx.MultiDiGraph, relations: Relations | None = None) -> dict[Node, Node]:
    """Each node's strongly connected component of the support graph, named by its earliest node in ``G``.

    Nodes that support each other round a circle share a component; every other node is its own.
    One depth-first pass (Tarjan's algorithm, without recursion): the condensation that
    :func:`support_cycles` and :func:`tensions_in_support` are built on.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc": G.add_node(n, kind="claim")
    >>> _ = G.add_edge("a", "b", key="supports"); _ = G.add_edge("b", "a", key="supports")
    >>> support_components(G)
    {'a': 'a', 'b': 'a', 'c': 'c'}
    """
    rel = _relations(G, relations)
    component = _components(rel)
    return {n: component[n] for n in rel.kind}


def _components(rel: Relations) -> dict[Node, Node]:
    if "components" in rel.cache:
        return rel.cache["components"]  # type: ignore[return-value]
    supports, supporters, order = rel.supports, rel.supporters, rel.order
    component: dict[Node, Node] = {}
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    stack: list[Node] = []
    # A node that nothing supports, or that supports nothing, is on no circle: its own component,
    # which the search need not visit (most evidence, assumptions and conclusions).
    for root in rel.kind:
        if root in index or not supporters[root] or not supports[root]:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        work = [(root, iter(supports[root]))]
        while work:
            v, successors = work[-1]
            for w in successors:
                if not supports[w]:
                    continue
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    work.append((w, iter(supports[w])))
                    break
                if w not in component and index[w] < low[v]:  # w is on the stack
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                if low[v] == index[v]:
                    if stack[-1] == v:
                        stack.pop()
                        component[v] = v
                    else:
                        at = len(stack) - 1
                        while stack[at] != v:
                            at -= 1
                        members = stack[at:]
                        del stack[at:]
                        first = min(members, key=order.__getitem__)
                        for m in members:
                            component[m] = first
    every = dict(zip(rel.kind, rel.kind, strict=True))  # each node its own, but those on a circle
    every.update(component)
    rel.cache["components"] = every
    return every


def support_cycles(G: nx.MultiDiGraph, relations: Relations | None = None) -> list[list[Node]]:
    """One cycle for each group of nodes that support each other round a circle.

    Each strongly connected component of the support graph with more than one node yields one cycle
    in it: the first that a walk from its earliest node in ``G``'s order closes (see
    :func:`_first_cycle`), so each circle is reported once, the same way each time.
    """
    rel = _relations(G, relations)
    order = rel.order
    groups: dict[Node, list[Node]] = {}
    for n, first in _components(rel).items():
        if n != first:
            groups.setdefault(first, [first]).append(n)
    cycles = [_first_cycle(first, rel.supports, set(members)) for first, members in groups.items()]
    return sorted(cycles, key=lambda cycle: order[cycle[0]])


def _first_cycle(first: Node, supports: dict[Node, list[Node]], inside: set[Node]) -> list[Node]:
    """The cycle ``nx.find_cycle(C, source=first)`` finds in component ``C`` (the nodes ``inside``).

    Every node of a strongly connected component has a ``supports`` edge to another inside it, so
    networkx's depth-first search from ``first`` never backtracks before it closes a cycle: it
    follows each node's first such edge until it reaches a node already on its path. That is done
    here directly (tests/test_analysis.py holds the two equal on random graphs).
    """
    path: list[Node] = []
    at: dict[Node, int] = {}
    n = first
    while n not in at:
        at[n] = len(path)
        path.append(n)
        n = next(m for m in supports[n] if m in inside)
    return path[at[n]:]


def nodes_in_support_cycles(G: nx.MultiDiGraph, relations: Relations | None = None) -> set[Node]:
    """Every node that lies on some support cycle."""
    rel = _relations(G, relations)
    component = _components(rel)
    firsts = {first for n, first in component.items() if n != first}
    return {n for n, first in component.items() if first in firsts}


def isolated_nodes(G: nx.MultiDiGraph, relations: Relations | None = None) -> list[Node]:
    """The nodes with no edge at all, in node order: claims that play no part in the argument.

    Like ``nx.isolates``, without counting each node's edges: a node is isolated when it has no
    neighbour either way. Given the graph's relations, read from them (every edge is a support, an
    attack or a same-as), without the graph's edges.
    """
    if relations is None:
        succ, pred = G.succ, G.pred
        return [n for n in G if not succ[n] and not pred[n]]
    rel = relations
    supports, supporters, attacks, attackers, same_as = rel.supports, rel.supporters, rel.attacks, rel.attackers, rel.same_as
    return [
        n for n in rel.kind
        if not supports[n] and not supporters[n] and n not in attacks and n not in attackers and n not in same_as
    ]


def tension_pairs(G: nx.MultiDiGraph) -> list[tuple[Node, Node]]:
    """The pairs of nodes in tension, each once, as written."""
    return [(u, v) for u, v, k in G.edges(keys=True) if k == "tension"]


def tensions_in_support(G: nx.MultiDiGraph, relations: Relations | None = None) -> list[tuple[Node, Node, Node]]:
    """Where support rests on claims in tension: a list of ``(node, a, b)``.

    ``node`` rests (through supports and linked arguments) on both ``a`` and ``b``, which are in
    tension; only the first places where the two lines of support meet are given, not everything
    above them. A place is a node, or a support circle as a whole (given at its earliest node), so
    lines that meet inside a circle are still found. When ``b`` itself rests on ``a`` (a claim
    resting on what it is in tension with), ``node`` is ``b``; when ``a`` supports ``b`` directly,
    that is left to the supports-and-opposes rule.

    Costs, for each tension, a walk over what rests on its two sides (in a map whose support is
    shallow, a few nodes each), on plain relations; the support circles are found once for all. The
    two sides are walked a level of each in turn, so that when one rests on the other (a long chain
    of support, say) the walk ends where they meet, whichever way round the tension is written; the
    first meeting places are told from the edges the walks have read. Sides that do not rest on each
    other are walked to the top: a tension deep in a map costs that depth.
    """
    rel = _relations(G, relations)
    order, supports, kind = rel.order, rel.supports, rel.kind
    component = _components(rel)

    found = []
    for a, b in rel.tensions:
        if a == b:
            continue  # a claim in tension with itself rests on nothing twice: AM003 reports it
        if component[a] == component[b]:  # on one support circle: each rests on the other
            lower, upper = a, b
        else:
            lower = upper = None
            above_a, above_b = {a}, {b}  # what the walk from each side has reached, the side included
            level_a, level_b = [a], [b]
            while level_a or level_b:  # a level of each side in turn (written out twice: the hot loop)
                up = []
                for n in level_a:
                    for m in supports[n]:
                        if m not in above_a:
                            above_a.add(m)
                            up.append(m)
                level_a = up
                if b in above_a:
                    lower, upper = a, b
                    break
                up = []
                for n in level_b:
                    for m in supports[n]:
                        if m not in above_b:
                            above_b.add(m)
                            up.append(m)
                level_b = up
                if a in above_b:  # and so b is not above a, or the two would be on one circle
                    lower, upper = b, a
                    break
            if lower is None:
                common = above_a & above_b  # neither side is in it: neither rests on the other
                if common:
                    # A first meeting place has no supporter in ``common`` outside its own circle.
                    # Read from the edges out of ``common`` (which the walks have read) rather than
                    # those into it: a conclusion may have thousands of supporters.
                    over_common = {m for p in common for m in supports[p] if component[m] != component[p]}
                    places = {component[n] for n in common if n not in over_common}
                    found.extend((n, a, b) for n in sorted(places, key=order.__getitem__))
                continue
        if not any(m == upper or (kind[m] == "argument" and upper in supports[m]) for m in supports[lower]):
            found.append((upper, lower, upper))
    return found


def grounded_labelling(G: nx.MultiDiGraph, relations: Relations | None = None) -> dict[Node, str]:
    """The grounded labelling of an argument map: ``in``, ``out`` or ``undec`` for every node.

    Attacks are ``opposes`` edges and ``tension`` edges taken both ways. Support counts only when it
    reaches evidence (evidential argumentation, Oren and Norman 2008):

    1. a node that cannot be backed even ignoring attacks (:func:`supported_nodes`) is ``out``;
    2. a node is ``in`` once every attacker is ``out`` and it is basic, or has an ``in`` supporter
       (for a linked argument: all premises ``in``); it is ``out`` once some attacker is ``in``, or
       when it is not basic and every supporter is ``out`` (for a linked argument: some premise ``out``);
    3. what is left is ``undec``.

    A node that attacks itself (an ``opposes`` or ``tension`` loop) is among its own attackers, so
    it is never ``in``; it is ``out`` only when another attacker is ``in`` or its support fails.
    With no supports (every claim an assumption) this is Dung's grounded labelling. A work queue
    visits each node and edge a bounded number of times, so the cost is linear in the map. (Each
    step only ever adds a label that the rules force, so the order of the queue does not matter.)

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc": G.add_node(n, kind="assumption")
    >>> _ = G.add_edge("a", "b", key="opposes", type="opposes")
    >>> _ = G.add_edge("b", "c", key="opposes", type="opposes")
    >>> sorted(grounded_labelling(G).items())
    [('a', 'in'), ('b', 'out'), ('c', 'in')]
    """
    rel = _relations(G, relations)
    kind, supports, supporters_of, attacks = rel.kind, rel.supports, rel.supporters, rel.attacks
    no_attacks: set[Node] = set()
    label: dict[Node, str] = {}
    live_attackers = {n: len(found) for n, found in rel.attackers.items()}  # attackers not yet out
    live_supporters = {n: len(found) for n, found in supporters_of.items()}  # claims: supporters not out
    missing_premises = dict(rel.premises)
    basic = {n for n, k in kind.items() if k in BASIC_KINDS}
    in_support: set[Node] = set()
    queue: list[Node] = []

    def try_in(n: Node) -> None:
        if n in label or live_attackers.get(n):
            return
        if n in missing_premises:
            backed = missing_premises[n] == 0
        else:
            backed = n in basic or n in in_support
        if backed:
            label[n] = IN
            queue.append(n)

    backed_at_all = _supported(rel)
    for n in kind:
        if n not in backed_at_all:
            label[n] = OUT
            queue.append(n)
    for n in kind:
        try_in(n)

    for n in queue:  # the list grows as it is read: a work queue
        if label[n] == IN:
            for m in attacks.get(n, no_attacks):
                if m not in label:
                    label[m] = OUT
                    queue.append(m)
            for m in supports[n]:
                if m in missing_premises:
                    missing_premises[m] -= 1
                else:
                    in_support.add(m)
                try_in(m)
        else:
            for m in attacks.get(n, no_attacks):
                live_attackers[m] -= 1
                try_in(m)
            for m in supports[n]:
                if m in label:
                    continue
                if m in missing_premises:
                    label[m] = OUT
                    queue.append(m)
                else:
                    live_supporters[m] -= 1
                    if live_supporters[m] == 0 and m not in basic:
                        label[m] = OUT
                        queue.append(m)
    return {n: label.get(n, UNDEC) for n in kind}


def grounded_reasons(G: nx.MultiDiGraph, labels: dict[Node, str] | None = None,
                     relations: Relations | None = None) -> dict[Node, dict[str, object]]:
    """Why each node that is not ``in`` has its grounded label, as plain data, in node order.

    Each reason is ``{"label": ..., "because": ..., "by": [nodes]}``; ``by`` names the nodes it
    rests on, in node order. For an ``out`` node, ``because`` is

    - ``defeated``: an attacker is ``in`` (``by``: those attackers);
    - ``unsupported``: no line of support reaches evidence or an assumption, even ignoring attacks;
    - ``support-out``: its support could reach evidence or an assumption, but all of it is ``out``
      (``by``: the supporters, or a linked argument's premises, that are out).

    For an ``undec`` node:

    - ``attacks-itself``: it opposes, or is in tension with, itself, so it can never be ``in``;
    - ``attacked-by-undecided``: an attacker is ``undec`` too (``by``: those attackers);
    - ``support-undecided``: its support is ``undec`` (``by``: those supporters or premises).

    ``labels`` is the grounded labelling of ``G`` when computed already.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc": G.add_node(n, kind="assumption")
    >>> _ = G.add_edge("a", "b", key="opposes", type="opposes")
    >>> _ = G.add_edge("c", "c", key="opposes", type="opposes")
    >>> grounded_reasons(G)
    {'b': {'label': 'out', 'because': 'defeated', 'by': ['a']}, 'c': {'label': 'undec', 'because': 'attacks-itself', 'by': []}}
    """
    rel = _relations(G, relations)
    labels = grounded_labelling(G, relations=rel) if labels is None else labels
    backed = _supported(rel)
    order = rel.order.__getitem__
    none: set[Node] = set()
    reasons: dict[Node, dict[str, object]] = {}
    for n in rel.kind:
        label = labels[n]
        if label == IN:
            continue
        hostile = rel.attackers.get(n, none)
        below = rel.supporters[n]
        if label == OUT:
            winners = [a for a in hostile if labels[a] == IN]
            if winners:
                because, by = "defeated", winners
            elif n not in backed:
                because, by = "unsupported", []
            else:
                because, by = "support-out", [s for s in below if labels[s] == OUT]
        elif n in hostile:
            because, by = "attacks-itself", []
        else:
            open_attackers = [a for a in hostile if labels[a] == UNDEC]
            if open_attackers:
                because, by = "attacked-by-undecided", open_attackers
            else:
                because, by = "support-undecided", [s for s in below if labels[s] == UNDEC]
        reasons[n] = {"label": label, "because": because, "by": sorted(by, key=order)}
    return reasons


MAX_UNDECIDED: int | None = None  # no ceiling on the claims grounded leaves undecided: the budget of steps bounds the search
MAX_STEPS = 1_000_000  # the default budget of preferred semantics' search (1-3 s; see preferred_extensions)


class TooManyUndecided(ValueError):
    """Preferred extensions would need an exponential search over more undecided nodes than allowed."""

    def __init__(self, count: int, limit: int):
        super().__init__(
            f"{count} claims are undecided under grounded semantics; preferred semantics searches them"
            f" and is limited to {limit} (raise --max-undecided, or use --semantics grounded)"
        )
        self.count = count
        self.limit = limit


class SearchBudgetSpent(ValueError):
    """The search for preferred extensions visited its budget of search nodes without finishing."""

    def __init__(self, steps: int, undecided: int):
        super().__init__(
            f"preferred semantics stopped after {steps:,} search steps over the {undecided} claims grounded leaves"
            f" undecided, without finishing (raise --max-steps, or use --semantics grounded)"
        )
        self.steps = steps
        self.undecided = undecided


class TooManyExtensions(SearchBudgetSpent):
    """Every group of undecided nodes was decided, but together they give more extensions than the budget lists."""

    def __init__(self, steps: int, undecided: int, count: int, groups: int):
        ValueError.__init__(
            self, f"preferred semantics finds {count:,} extensions: the {undecided} claims grounded leaves undecided"
            f" fall into {groups} groups, each decided alone, and every way of combining their answers is one;"
            f" too many to list within {steps:,} steps (use --semantics grounded)")
        self.steps, self.undecided, self.count, self.groups = steps, undecided, count, groups


def is_admissible(G: nx.MultiDiGraph, S: set[Node], relations: Relations | None = None) -> bool:
    """True when ``S`` is conflict-free, self-backed and defends each member (DESIGN §5).

    Conflict-free: no member attacks a member, itself included (a claim that attacks itself is in no
    admissible set). Self-backed: every member is basic or backed by members of ``S``. Defended: every
    attacker of a member is attacked by ``S``, or cannot be backed once what ``S`` attacks is taken
    away (so an attacker whose only support ``S`` defeats needs no direct answer).
    """
    rel = _relations(G, relations)
    none: set[Node] = set()
    hostile = {a for n in S for a in rel.attackers.get(n, none)}
    if hostile & S:
        return False
    if _backed(rel, set(S)) != S:
        return False
    beaten = {m for n in S for m in rel.attacks.get(n, none)}
    can_back = _backed(rel, set(rel.kind) - beaten)
    return not (hostile & can_back)


def preferred_extensions(G: nx.MultiDiGraph, *, max_undecided: int | None = MAX_UNDECIDED, max_steps: int | None = MAX_STEPS,
                         relations: Relations | None = None) -> list[set[Node]]:
    """The preferred extensions of an argument map: its maximal admissible sets (see :func:`is_admissible`).

    With no supports these are Dung's preferred extensions. Every extension contains the nodes that
    are ``in`` under the grounded labelling and none that are ``out``, so the search only decides the
    ``undec`` ones, in node order, each first taken in and then left out. A branch is cut as soon as
    no way of deciding the rest can give a new maximal admissible set: when what is taken in is in
    conflict; when a member cannot be backed even by every node still open; when an attacker of a
    member can be backed even after everything still open has attacked what it can; or when all it
    could still hold lies inside an admissible set found already. What is left is checked whole.

    The open nodes are decided most entangled first (the most attacks among them), ties in node
    order. Exponential in the number of undecided nodes in the worst case: past ``max_undecided``
    undecided nodes it raises :class:`TooManyUndecided` before searching, and once it has taken
    ``max_steps`` steps :class:`SearchBudgetSpent` (None lifts either limit). A search node costs
    one step plus one per two nodes of the map (its checks read the whole map), and one more per 32
    admissible sets found so far (it is compared with each), so the budget bounds the time taken:
    1,000,000 steps take 1 to 3 seconds on maps of 60 to 3,000 claims (10 s at 50,000).
    Extensions are returned in a fixed order (by their members' order in ``G``).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n in "abc": G.add_node(n, kind="assumption")
    >>> _ = G.add_edge("a", "b", key="tension", type="tension")
    >>> _ = G.add_edge("c", "c", key="opposes", type="opposes")
    >>> [sorted(s) for s in preferred_extensions(G)]
    [['a'], ['b']]
    """
    rel = _relations(G, relations)
    labels = grounded_labelling(G, relations=rel)
    base = frozenset(n for n, label in labels.items() if label == IN)
    undecided = [n for n in rel.kind if labels[n] == UNDEC]
    if max_undecided is not None and len(undecided) > max_undecided:
        raise TooManyUndecided(len(undecided), max_undecided)
    none: set[Node] = set()
    attackers_of, attacks_of, kind = rel.attackers, rel.attacks, rel.kind
    everything = set(rel.kind)
    node_cost = 1 + len(rel.kind) // 2  # each node's checks read the whole map
    steps = 0

    def spend(cost: int) -> None:
        nonlocal steps
        steps += cost
        if max_steps is not None and steps > max_steps:
            raise SearchBudgetSpent(max_steps, len(undecided))

    def search(open_: list[Node]) -> list[frozenset[Node]]:
        """The maximal sets of ``open_`` that, with ``base``, are admissible."""
        found: list[frozenset[Node]] = []
        inside = set(open_)
        # The most entangled first: deciding them settles the most of the rest.
        degree = {n: len(attackers_of.get(n, none) & inside) + len(attacks_of.get(n, none) & inside) for n in open_}
        open_ = sorted(open_, key=lambda n: -degree[n])

        def hopeless(i: int, chosen: frozenset[Node], possible: frozenset[Node]) -> bool:
            """No set between ``base | chosen`` and ``possible`` can be a new maximal admissible set."""
            if any(possible <= t for t in found):
                return True
            if chosen - _backed(rel, set(possible)):
                return True  # a member that even every open node cannot back
            beaten = {m for n in possible for m in attacks_of.get(n, none)}
            can_back = _backed(rel, everything - beaten)
            if any(a in can_back for n in chosen for a in attackers_of.get(n, none)):
                return True
            return any(addable(n, chosen, possible) for n in open_[:i] if n not in chosen)

        def addable(n: Node, chosen: frozenset[Node], possible: frozenset[Node]) -> bool:
            """Whether left-out ``n`` could join every admissible set the branch can give, which is
            then not maximal: ``n`` can be in conflict with none of it, is backed by what is surely
            in, and each attacker of ``n`` cannot be backed once what is surely in, and ``n``, attack it."""
            hostile = attackers_of.get(n, none)
            if n in hostile or hostile & possible or attacks_of.get(n, none) & possible:
                return False
            sure = base | chosen
            if kind[n] not in BASIC_KINDS and n not in _backed(rel, set(sure | {n})):
                return False
            beaten = {m for m in sure | {n} for m in attacks_of.get(m, none)}
            standing = [a for a in hostile if a not in beaten]
            if any(kind[a] in BASIC_KINDS for a in standing):
                return False  # an attacker that needs no support and is not answered
            if standing:
                can_back = _backed(rel, everything - beaten)
                return not any(a in can_back for a in standing)
            return True

        # Depth first, taking each node in before leaving it out, on a stack of its own (no
        # recursion: a map may leave hundreds undecided): (next open node, taken in, still possible).
        stack: list[tuple[int, frozenset[Node], frozenset[Node]]] = [(0, frozenset(), base | inside)]
        while stack:
            i, chosen, possible = stack.pop()
            spend(node_cost + len(found) // 32)  # a node, and its comparisons with the sets found so far
            if hopeless(i, chosen, possible):
                continue
            if i == len(open_):
                if is_admissible(G, set(possible), rel):  # possible is now base | chosen
                    found.append(possible)
                continue
            n = open_[i]
            stack.append((i + 1, chosen, possible - {n}))
            hostile = attackers_of.get(n, none)
            if n not in hostile and not (hostile & chosen) and not (attacks_of.get(n, none) & chosen):
                stack.append((i + 1, chosen | {n}, possible))
        return [s - base for s in found if not any(s < t for t in found)]

    # Each region of the undecided nodes is searched alone, and the extensions are every way of
    # putting together one answer of each region.
    answers = [search(region) for region in _undecided_regions(rel, labels)]
    count = 1
    for each in answers:
        count *= len(each)
    if max_steps is not None and steps + count > max_steps:
        raise TooManyExtensions(max_steps, len(undecided), count, len(answers))
    spend(count)
    order = rel.order
    extensions = {base.union(*parts) for parts in itertools.product(*answers)}
    return [set(s) for s in sorted(extensions, key=lambda s: sorted(order[n] for n in s))]


def _undecided_regions(rel: Relations, labels: dict[Node, str]) -> list[list[Node]]:
    """The undecided nodes in groups that preferred semantics can decide one at a time, each in node order.

    Two undecided nodes are in one group when a chain of relations (supports or attacks, either
    way) joins them through nodes that are not ``in``. ``in`` nodes are in every extension and no
    undecided node attacks them, so an admissible set is, group by group, an admissible set of each.
    """
    group: dict[Node, Node] = {}
    for start in rel.kind:
        if labels[start] == IN or start in group:
            continue
        group[start] = start
        queue = [start]
        for n in queue:
            for neighbours in (rel.supports[n], rel.supporters[n], rel.attacks.get(n, ()), rel.attackers.get(n, ())):
                for m in neighbours:
                    if m not in group and labels[m] != IN:
                        group[m] = start
                        queue.append(m)
    regions: dict[Node, list[Node]] = {}
    for n in rel.kind:
        if labels[n] == UNDEC:
            regions.setdefault(group[n], []).append(n)
    return list(regions.values())
