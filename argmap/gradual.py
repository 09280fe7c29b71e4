"""Gradual semantics: a strength from 0 to 1 for every claim, from the weights a map gives its claims.

argmap uses DF-QuAD (Rago, Toni, Aurisicchio and Baroni, *Discontinuity-free decision support with
quantitative argumentation debates*, KR 2016). Each node has a base score, its ``weight:`` (0.5 when
none is written, 1 for a linked argument). Its strength combines the base score with the strengths of
its attackers and supporters:

- each side is aggregated as ``F(v1, ..., vn) = 1 - (1 - v1) ... (1 - vn)`` (0 when there is none);
- with ``va`` the attackers' aggregate and ``vs`` the supporters', the strength is ``w`` when
  ``va == vs``, ``w - w * (va - vs)`` when the attack is stronger, and ``w + (1 - w) * (vs - va)``
  when the support is.

An attack is an ``opposes`` edge or either direction of a ``tension``. A linked argument needs all its
premises together: its base score is its weight times the strength of its weakest premise (0 when a
premise names no claim), and only its attackers (undercuts) are weighed against it.

On a map without circles of relations the strengths are computed once each, in order, exactly as the
paper defines them. Where relations go round a circle (every tension is one) the paper's definition
does not apply: there a strength is a fixed point of its equations, as in the continuous form of DF-QuAD
of Potyka (*Continuous dynamical systems for weighted bipolar argumentation*, KR 2018; also
Uncertainpy's ``ContinuousDFQuADModel``), ``ds/dt = f(s) - s``, whose fixed points are exactly those.
argmap finds it by sweeps of the discrete update from the base scores, each computing again only what
hears a strength that moved (see :func:`_sweep`), and, where those swing without settling, by
integrating the continuous model with fourth-order Runge-Kutta steps, until no strength moves by more
than ``tolerance`` (see :func:`_settle_circle`). Each circle (a strongly connected group of nodes) is
settled on its own, everything upstream of it first, so the cost is linear in the map plus what moves
on its circles (each claim of the large circle of a generated map is computed 22 to 28 times on
average, whatever its size), within a budget of work for each circle and for the map (see ``MAX_WORK``).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from heapq import heapify, heappop, heappush
from typing import TYPE_CHECKING

from argmap.model import DEFAULT_ARGUMENT_WEIGHT, DEFAULT_CLAIM_WEIGHT

if TYPE_CHECKING:
    import networkx as nx

Node = Hashable
TOLERANCE = 1e-9
MAX_SWEEPS = 1_000  # sweeps of the discrete update on one circle before integrating the continuous model
STEP = 0.1  # the integration step on circles (Potyka's examples use 0.1 too)
# Strengths computed settling circles. A circle may compute the larger of CIRCLE_WORK and
# CIRCLE_WORK_PER_MEMBER a member (a generated map's large circle takes 22 to 28 a member; a small
# circle of supports between weights 0 and 1 settles to 10^-6 only after hundreds of thousands); a map,
# all its circles together, the larger of MAX_WORK and WORK_PER_NODE a node. Past either, the state
# reached stands (each circle is swept once at least). With a limit for each circle only, ten circles
# of four claims that never settle took 47 s, and a 60,000-claim map of many circles 172 s.
CIRCLE_WORK = 4_000_000  # about 5 s
CIRCLE_WORK_PER_MEMBER = 100
MAX_WORK = 4_000_000
WORK_PER_NODE = 40
DIGITS = 3  # a strength as argmap shows it, and compares it


def shown_strength(s: float) -> float:
    """A strength as argmap shows it: to ``DIGITS`` decimals.

    Briefs, blocks and outlines order claims by this, then by their place in the map: strengths the
    same as shown (such as two sides of like tensions) differ only by where the sweeps on a circle
    stopped, well within ``TOLERANCE``, and must not reorder the lines.
    """
    return round(s, DIGITS)


class Influences:
    """Who attacks and who supports each node, read once from the graph's public API.

    Given ``nodes``, only those (in ``G``'s order) and the edges between them: the strengths of a set
    of nodes that holds everything influencing each of them need nothing else. Each node is known by
    its place in :attr:`nodes` (``place[n]``), and the strengths are a list in that order: the large
    circle of a generated map of 100,000 claims (62,138 claims, 1.45 million strengths computed) settles
    in 2.1 s so, where looking each neighbour up by name in dicts took 5.0 s.
    """

    def __init__(self, G: nx.MultiDiGraph, nodes: Collection[Node] | None = None):
        self.nodes: list[Node] = list(G) if nodes is None else [n for n in G if n in nodes]
        self.place: dict[Node, int] = {n: i for i, n in enumerate(self.nodes)}
        self.attackers: list[list[int]] = [[] for _ in self.nodes]
        self.supporters: list[list[int]] = [[] for _ in self.nodes]
        data = [G.nodes[n] for n in self.nodes]
        self.is_argument: list[bool] = [d.get("kind") == "argument" for d in data]
        self.weight: list[float] = [
            (DEFAULT_ARGUMENT_WEIGHT if argument else DEFAULT_CLAIM_WEIGHT) if d.get("weight") is None else d["weight"]
            for d, argument in zip(data, self.is_argument, strict=True)
        ]
        self.absent: list[int] = [d.get("absent_premises", 0) for d in data]
        place = self.place
        for i, u in enumerate(self.nodes):  # every edge between the nodes, in G's order
            for v, keys in G.succ[u].items():
                j = place.get(v)
                if j is None:
                    continue
                for key in keys:
                    if key == "opposes":
                        self.attackers[j].append(i)
                    elif key == "tension":
                        self.attackers[j].append(i)
                        if i != j:
                            self.attackers[i].append(j)
                    elif key == "supports":
                        self.supporters[j].append(i)

    def influencers(self, i: int) -> list[int]:
        return self.attackers[i] + self.supporters[i]

    def strength(self, i: int, s: Sequence[float] | Mapping[int, float]) -> float:
        """DF-QuAD's strength of node ``i`` given the strengths ``s`` (by place) of what influences it.

        :func:`aggregate` and :func:`combine` written out: this runs once per node per sweep of a circle.
        """
        rest = 1.0
        for a in self.attackers[i]:
            rest *= 1.0 - s[a]
        va = 1.0 - rest
        w = self.weight[i]
        if self.is_argument[i]:
            premises = self.supporters[i]
            w = 0.0 if self.absent[i] or not premises else w * min(s[p] for p in premises)
            vs = 0.0
        else:
            rest = 1.0
            for m in self.supporters[i]:
                rest *= 1.0 - s[m]
            vs = 1.0 - rest
        if va >= vs:
            return w - w * (va - vs)
        return w + (1.0 - w) * (vs - va)


def aggregate(values) -> float:  # type: ignore[no-untyped-def]
    """DF-QuAD's aggregation of one side: ``1 - prod(1 - v)``, 0 for no values."""
    rest = 1.0
    for v in values:
        rest *= 1.0 - v
    return 1.0 - rest


def combine(w: float, va: float, vs: float) -> float:
    """DF-QuAD's combination of a base score ``w`` with the attack ``va`` and the support ``vs``."""
    if va >= vs:
        return w - w * (va - vs)
    return w + (1.0 - w) * (vs - va)


def dfquad_strengths(G: nx.MultiDiGraph, *, nodes: Collection[Node] | None = None,
                     tolerance: float = TOLERANCE) -> dict[Node, float]:
    """The DF-QuAD strength of every node of ``G`` (or of ``nodes``, which must hold whatever influences
    each of them, as :func:`argmap.critical.influencing` gives), from 0 to 1, in node order.

    Nodes carry an optional ``weight`` (their base score: ``DEFAULT_CLAIM_WEIGHT``, or
    ``DEFAULT_ARGUMENT_WEIGHT`` for ``kind="argument"``, when it is ``None`` or absent); edges are keyed
    ``supports``, ``opposes`` or ``tension``. See the module's docstring for the definition.

    Examples
    --------
    The E-Democracy debate of Rago et al. (2016): P1 and P2 support A1; C2, C3 and C4 attack P2.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, w in [("A1", 0.5), ("P1", 0.7), ("P2", 0.5), ("C2", 0.2), ("C3", 0.6), ("C4", 0.5)]:
    ...     G.add_node(n, weight=w)
    >>> for u, v, key in [("P1", "A1", "supports"), ("P2", "A1", "supports"),
    ...                   ("C2", "P2", "opposes"), ("C3", "P2", "opposes"), ("C4", "P2", "opposes")]:
    ...     _ = G.add_edge(u, v, key=key)
    >>> {n: round(v, 3) for n, v in dfquad_strengths(G).items()}
    {'A1': 0.862, 'P1': 0.7, 'P2': 0.08, 'C2': 0.2, 'C3': 0.6, 'C4': 0.5}
    """
    import networkx as nx

    inf = Influences(G, nodes)
    # The condensation of the influence graph (on the nodes' places), upstream first: each group is
    # settled once all it hears is.
    places = range(len(inf.nodes))
    H = nx.DiGraph()
    H.add_nodes_from(places)
    H.add_edges_from((m, i) for i in places for m in inf.influencers(i))
    s = [0.0 for _ in places]
    left = max(MAX_WORK, WORK_PER_NODE * len(places))  # the map's work, all circles together
    C = nx.condensation(H)
    for c in nx.lexicographical_topological_sort(C, key=lambda c: min(C.nodes[c]["members"])):
        members = sorted(C.nodes[c]["members"])
        if len(members) == 1 and not H.has_edge(members[0], members[0]):
            s[members[0]] = inf.strength(members[0], s)
        else:
            work = _Work(min(left, max(CIRCLE_WORK, CIRCLE_WORK_PER_MEMBER * len(members))))
            given = work.left
            _settle_circle(inf, members, s, tolerance, work)
            left -= given - work.left
    return dict(zip(inf.nodes, s, strict=True))


class _Work:
    """How many strengths a circle may still compute (see ``CIRCLE_WORK``)."""

    __slots__ = ("left",)

    def __init__(self, left: int):
        self.left = left


def _settle_circle(inf: Influences, members: list[int], s: list[float], tolerance: float, work: _Work) -> None:
    """Find a fixed point of DF-QuAD's equations on the circle ``members``, starting from their base scores.

    First by sweeps of the discrete DF-QuAD update in node order, each strength replaced at once
    (Gauss-Seidel), each sweep over only the members that hear a strength that moved (see
    :func:`_sweep`): on a tension this settles in a few dozen sweeps, and on a circle of thousands of
    claims in about a hundred. Where the sweeps do not settle (an odd circle of strong attacks makes
    them swing), by integrating the continuous model ``ds/dt = f(s) - s`` from the base scores (RK4),
    whose limit is what Potyka (2018) takes as the strength there. Both spend from ``work``; when it
    runs out, the state reached stands.
    """
    for n in members:
        s[n] = inf.weight[n]
    if _sweep(inf, members, s, tolerance, work) or work.left <= 0:
        return
    for n in members:
        s[n] = inf.weight[n]

    class View(dict):  # the state of the circle, over the settled strengths upstream (not copied)
        def __missing__(self, m: int) -> float:
            return s[m]

    def derivative(state: dict[int, float]) -> dict[int, float]:
        view = View(state)
        return {n: inf.strength(n, view) - state[n] for n in members}

    h = STEP
    while work.left > 0:
        work.left -= 4 * len(members)
        x = {n: s[n] for n in members}
        k1 = derivative(x)
        k2 = derivative({n: x[n] + h / 2 * k1[n] for n in members})
        k3 = derivative({n: x[n] + h / 2 * k2[n] for n in members})
        k4 = derivative({n: x[n] + h * k3[n] for n in members})
        for n in members:
            s[n] = min(1.0, max(0.0, x[n] + h / 6 * (k1[n] + 2 * k2[n] + 2 * k3[n] + k4[n])))
        if max(abs(v) for v in k1.values()) <= tolerance:
            return


def _sweep(inf: Influences, members: list[int], s: list[float], tolerance: float, work: _Work) -> bool:
    """Sweeps of the discrete update over ``members`` in their order, until none moves or ``work`` runs
    out (the first sweep is always whole): whether they settled.

    The first sweep computes every member. A member whose strength has moved by more than
    ``tolerance`` since it last did so tells the members that hear it (attacked or supported by it),
    and only those are computed again: later in the same sweep when they come after it, in the next
    sweep when they come before. The sweeps settle when no member has anything left to hear, within
    ``MAX_SWEEPS``. On a large circle most strengths settle within a few dozen sweeps while a few go
    on moving (a strong circle within the circle), so this computes each member 22 to 28 times on
    average whatever the circle's size, where sweeping every member took 44 sweeps at 6,230 members and 109
    at 31,146 (generated maps of 10,000 and 50,000 claims).
    """
    place = {n: i for i, n in enumerate(members)}
    hearers: list[list[int]] = [[] for _ in members]
    for i, n in enumerate(members):
        for m in dict.fromkeys(inf.influencers(n)):  # once each: a claim can both attack and support another
            j = place.get(m)
            if j is not None:
                hearers[j].append(i)
    told = [s[n] for n in members]  # each member's strength when its hearers were last told
    now, later = list(range(len(members))), []
    waiting, next_waiting = [True] * len(members), [False] * len(members)
    strength = inf.strength
    computed = 0
    for _ in range(MAX_SWEEPS):
        if computed and computed >= work.left:
            break  # the work is spent (but the first sweep, which gives every member a strength)
        while now:
            computed += 1
            i = heappop(now)
            waiting[i] = False
            n = members[i]
            new = s[n] = strength(n, s)
            if abs(new - told[i]) > tolerance:
                told[i] = new
                for j in hearers[i]:
                    if j > i:
                        if not waiting[j]:
                            waiting[j] = True
                            heappush(now, j)
                    elif not next_waiting[j]:
                        next_waiting[j] = True
                        later.append(j)
        if not later:
            work.left -= computed
            return True
        heapify(later)
        now, later = later, now
        waiting, next_waiting = next_waiting, waiting
    work.left -= computed
    return False
