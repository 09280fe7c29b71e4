"""What the other side must win (argmap.critical): the sets found against a brute force over every subset."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import OUT, grounded_labelling
from argmap.critical import critical_sets


@st.composite
def maps(draw):
    n = draw(st.integers(2, 7))
    G = nx.MultiDiGraph()
    nodes = [f"n{i}" for i in range(n)]
    for v in nodes:
        G.add_node(v, kind=draw(st.sampled_from(["assumption", "assumption", "claim", "evidence"])))
    for u in nodes:
        for v in nodes:
            if u != v:
                key = draw(st.sampled_from([None, None, None, "supports", "opposes", "tension"]))
                if key:
                    G.add_edge(u, v, key=key, type=key)
    return G, draw(st.sampled_from(nodes))


def defeated(G: nx.MultiDiGraph, chosen: tuple[str, ...]) -> nx.MultiDiGraph:
    """A copy of G where each chosen node has an unattacked attacker of its own."""
    H = G.copy()
    for i, m in enumerate(chosen):
        H.add_node(f"win-{i}", kind="assumption")
        H.add_edge(f"win-{i}", m, key="opposes", type="opposes")
    return H


@settings(max_examples=150, deadline=None)
@given(maps())
def test_the_sets_are_exactly_the_minimal_changing_sets_up_to_the_size(drawn):
    G, n = drawn
    labels = grounded_labelling(G)
    found = critical_sets(G, n, max_size=3)
    assert not found.exhausted
    candidates = [m for m in G if m != n and labels[m] != OUT]
    changing = [set(c) for size in (1, 2, 3) for c in combinations(candidates, size)
                if grounded_labelling(defeated(G, c))[n] != labels[n]]
    minimal = [c for c in changing if not any(other < c for other in changing)]
    assert sorted(map(sorted, minimal)) == sorted(sorted(c) for c, _ in found.sets)
    for chosen, after in found.sets:
        assert grounded_labelling(defeated(G, tuple(chosen)))[n] == after


def test_a_budget_stops_the_search_and_says_so():
    G = nx.MultiDiGraph()
    G.add_node("c", kind="claim")
    for i in range(6):
        G.add_node(f"s{i}", kind="assumption")
        G.add_edge(f"s{i}", "c", key="supports", type="supports")
    found = critical_sets(G, "c", max_size=2, max_checks=10)
    assert found.exhausted and found.checks == 10 and found.sets == []
    assert critical_sets(G, "c", max_size=6).sets == [([f"s{i}" for i in range(6)], "out")]


def test_claims_critical_alone_are_left_out_of_the_larger_sets():
    # A line of 150 claims, each the only support of the one above: defeating any one brings the top
    # down, so no larger set is minimal. The sets of 2 and 3 that hold one are not tried (nor counted).
    G = nx.MultiDiGraph()
    for i in range(150):
        G.add_node(f"c{i}", kind="assumption" if i == 149 else "claim")
        if i:
            G.add_edge(f"c{i}", f"c{i - 1}", key="supports", type="supports")
    found = critical_sets(G, "c0", max_size=3)
    assert found.sets == [([f"c{i}"], "out") for i in range(1, 150)]
    assert found.checks == 149 and found.searched_size == 3 and not found.exhausted
