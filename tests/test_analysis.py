"""argmap.analysis on small hand-built graphs, with hand-worked answers.

Graphs are built as :func:`argmap.graph.build_graph` builds them: a ``networkx.MultiDiGraph`` whose
nodes have a ``kind`` and whose edges are keyed by their ``type``; a linked argument is a node of
kind ``argument`` with a ``supports`` edge from each premise and one to its conclusion.
"""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import (
    backed_within,
    grounded_labelling,
    is_supported,
    isolated_nodes,
    nodes_in_support_cycles,
    relations,
    single_points_of_failure,
    support_below,
    support_components,
    support_cycles,
    supported_nodes,
    tensions_in_support,
    unsupported_conclusions,
)
from argmap.graph import ArgumentGraph

IN, OUT, UNDEC = "in", "out", "undec"
BASIC = ("evidence", "assumption")


def graph(kinds: str | dict[str, str], *edges: str) -> nx.MultiDiGraph:
    """A graph from ``kinds`` (``{node: kind}``, or a string of one-letter nodes, all assumptions)
    and edges written ``"a supports b"``, ``"a opposes b"``, ``"a tension b"``."""
    if isinstance(kinds, str):
        kinds = dict.fromkeys(kinds, "assumption")
    G = nx.MultiDiGraph()
    for node, kind in kinds.items():
        G.add_node(node, kind=kind)
    for edge in edges:
        u, kind, v = edge.split()
        assert u in G and v in G and u != v, edge
        G.add_edge(u, v, key=kind, type=kind)
    return G


def labels(G: nx.MultiDiGraph) -> dict[str, str]:
    result = grounded_labelling(G)
    assert set(result) == set(G)
    return result


# ---------------------------------------------------------------- supported_nodes


def test_basic_nodes_are_supported_and_support_flows_along_supports():
    G = graph(
        {"e": "evidence", "a": "assumption", "x": "claim", "y": "claim", "c": "conclusion", "lone": "claim"},
        "e supports x", "x supports y", "y supports c",
    )
    assert supported_nodes(G) == {"e", "a", "x", "y", "c"}
    assert is_supported(G, "c") and not is_supported(G, "lone")


def test_one_supported_supporter_is_enough_for_a_convergent_support():
    G = graph({"x": "claim", "e": "evidence", "c": "conclusion"}, "x supports c", "e supports c")
    assert supported_nodes(G) == {"e", "c"}


def test_support_only_round_a_cycle_backs_nothing():
    G = graph({"a": "claim", "b": "claim", "c": "conclusion"}, "a supports b", "b supports a", "b supports c")
    assert supported_nodes(G) == set()
    assert unsupported_conclusions(G) == ["c"]


def test_a_cycle_that_something_basic_feeds_is_supported():
    G = graph(
        {"a": "claim", "b": "claim", "c": "conclusion", "e": "evidence"},
        "a supports b", "b supports a", "b supports c", "e supports a",
    )
    assert supported_nodes(G) == {"a", "b", "c", "e"}
    assert unsupported_conclusions(G) == []


def test_a_linked_argument_needs_every_premise():
    kinds = {"p": "evidence", "q": "claim", "arg": "argument", "c": "conclusion"}
    G = graph(kinds, "p supports arg", "q supports arg", "arg supports c")
    assert supported_nodes(G) == {"p"}
    G.nodes["q"]["kind"] = "assumption"
    assert supported_nodes(G) == {"p", "q", "arg", "c"}


def test_a_linked_argument_whose_premise_rests_on_another_argument():
    kinds = {"p": "evidence", "q": "claim", "r": "assumption", "a1": "argument", "a2": "argument", "c": "conclusion"}
    G = graph(kinds, "r supports a1", "a1 supports q", "p supports a2", "q supports a2", "a2 supports c")
    assert supported_nodes(G) == set(G)


def test_attacks_do_not_affect_support():
    G = graph({"e": "evidence", "x": "assumption", "c": "conclusion"}, "e supports c", "x opposes e", "x tension c")
    assert supported_nodes(G) == {"e", "x", "c"}


# ---------------------------------------------------------------- support_cycles


def test_no_supports_no_cycles():
    assert support_cycles(graph("ab", "a opposes b", "b opposes a", "a tension b")) == []


def test_a_cycle_is_given_once_from_its_first_node():
    G = graph({"x": "evidence", "b": "claim", "a": "claim"}, "x supports a", "a supports b", "b supports a")
    assert support_cycles(G) == [["b", "a"]]


def test_separate_cycles_are_given_in_node_order():
    G = graph(
        {n: "claim" for n in "abcde"},
        "c supports d", "d supports e", "e supports c", "a supports b", "b supports a", "b supports c",
    )
    assert support_cycles(G) == [["a", "b"], ["c", "d", "e"]]


def test_overlapping_cycles_are_one_group_and_the_cycle_given_is_real():
    G = graph({n: "claim" for n in "abc"}, "a supports b", "b supports a", "b supports c", "c supports b")
    (cycle,) = support_cycles(G)
    assert cycle[0] == "a"
    assert len(set(cycle)) == len(cycle)
    for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=True):
        assert G.has_edge(u, v, key="supports")


def test_a_cycle_through_a_linked_argument():
    G = graph({"p": "assumption", "q": "claim", "c": "claim", "arg": "argument"},
              "p supports arg", "q supports arg", "arg supports c", "c supports q")
    assert support_cycles(G) == [["q", "arg", "c"]]


# ---------------------------------------------------------------- tensions_in_support


def test_two_lines_of_support_meet_once_at_the_first_common_node():
    G = graph(
        {"a": "assumption", "b": "assumption", "x": "claim", "y": "claim", "c": "conclusion"},
        "a tension b", "a supports x", "b supports x", "x supports y", "y supports c",
    )
    assert tensions_in_support(G) == [("x", "a", "b")]


def test_a_claim_resting_on_one_it_is_in_tension_with_either_way_round():
    base = ("a supports m", "m supports b")
    kinds = {"a": "assumption", "m": "claim", "b": "claim"}
    assert tensions_in_support(graph(kinds, *base, "b tension a")) == [("b", "a", "b")]
    assert tensions_in_support(graph(kinds, *base, "a tension b")) == [("b", "a", "b")]


def test_premises_of_a_linked_argument_in_tension_meet_at_the_argument():
    G = graph(
        {"p": "assumption", "q": "assumption", "arg": "argument", "c": "conclusion"},
        "p tension q", "p supports arg", "q supports arg", "arg supports c",
    )
    assert tensions_in_support(G) == [("arg", "p", "q")]


def test_tension_between_claims_that_never_meet():
    G = graph({"a": "assumption", "b": "assumption", "x": "claim", "y": "claim"}, "a tension b", "a supports x", "b supports y")
    assert tensions_in_support(G) == []


# ---------------------------------------------------------------- grounded_labelling: attacks only


def test_an_unattacked_attacker_is_in_and_its_target_out():
    assert labels(graph("ab", "a opposes b")) == {"a": IN, "b": OUT}


def test_a_chain_of_attacks_alternates():
    assert labels(graph("abc", "a opposes b", "b opposes c")) == {"a": IN, "b": OUT, "c": IN}


def test_a_mutual_attack_is_undecided():
    assert labels(graph("ab", "a opposes b", "b opposes a")) == {"a": UNDEC, "b": UNDEC}


def test_a_tension_attacks_both_ways():
    assert labels(graph("ab", "a tension b")) == {"a": UNDEC, "b": UNDEC}
    assert labels(graph("abc", "a tension b", "c opposes a")) == {"a": OUT, "b": IN, "c": IN}


def test_an_odd_cycle_is_undecided():
    assert labels(graph("abc", "a opposes b", "b opposes c", "c opposes a")) == dict.fromkeys("abc", UNDEC)


def test_an_even_cycle_is_undecided_under_grounded():
    G = graph("abcd", "a opposes b", "b opposes c", "c opposes d", "d opposes a")
    assert labels(G) == dict.fromkeys("abcd", UNDEC)


def test_an_attack_from_an_unattacked_node_settles_a_cycle():
    G = graph("abcx", "a opposes b", "b opposes c", "c opposes a", "x opposes a")
    assert labels(G) == {"x": IN, "a": OUT, "b": IN, "c": OUT}


# ---------------------------------------------------------------- grounded_labelling: with support


def test_an_attacker_with_no_support_does_not_count():
    G = graph({"x": "claim", "e": "evidence"}, "x opposes e")
    assert labels(G) == {"x": OUT, "e": IN}


def test_an_attack_on_a_premise_takes_down_what_rests_only_on_it():
    G = graph(
        {"e1": "evidence", "e2": "evidence", "x": "assumption", "only": "claim", "both": "conclusion", "above": "claim"},
        "x opposes e1", "e1 supports only", "e1 supports both", "e2 supports both", "only supports above",
    )
    assert labels(G) == {"x": IN, "e1": OUT, "e2": IN, "only": OUT, "above": OUT, "both": IN}


def test_a_linked_argument_falls_when_any_premise_falls():
    kinds = {"p": "evidence", "q": "evidence", "x": "assumption", "arg": "argument", "c": "conclusion"}
    edges = ("p supports arg", "q supports arg", "arg supports c")
    assert labels(graph(kinds, *edges)) == {"p": IN, "q": IN, "x": IN, "arg": IN, "c": IN}
    assert labels(graph(kinds, *edges, "x opposes q")) == {"p": IN, "q": OUT, "x": IN, "arg": OUT, "c": OUT}


def test_a_linked_argument_with_an_undecided_premise_is_undecided():
    kinds = {"p": "evidence", "q": "evidence", "x": "assumption", "arg": "argument", "c": "conclusion"}
    G = graph(kinds, "p supports arg", "q supports arg", "arg supports c", "x tension q")
    assert labels(G) == {"p": IN, "q": UNDEC, "x": UNDEC, "arg": UNDEC, "c": UNDEC}


def test_a_claim_with_a_second_argument_survives_the_fall_of_the_first():
    kinds = {"p": "evidence", "q": "evidence", "x": "assumption", "a1": "argument", "a2": "argument", "c": "conclusion"}
    G = graph(kinds, "p supports a1", "a1 supports c", "q supports a2", "a2 supports c", "x opposes p")
    assert labels(G) == {"p": OUT, "q": IN, "x": IN, "a1": OUT, "a2": IN, "c": IN}


def test_support_only_round_a_cycle_is_out():
    G = graph({"a": "claim", "b": "claim", "c": "conclusion"}, "a supports b", "b supports a", "a supports c")
    assert labels(G) == {"a": OUT, "b": OUT, "c": OUT}


def test_an_unattacked_claim_supported_only_by_undecided_evidence_is_undecided():
    G = graph({"e": "evidence", "f": "evidence", "c": "conclusion"}, "e opposes f", "f opposes e", "e supports c")
    assert labels(G) == {"e": UNDEC, "f": UNDEC, "c": UNDEC}


def test_a_supported_claim_attacked_by_an_undecided_one_is_undecided():
    G = graph(
        {"e": "evidence", "c": "conclusion", "x": "assumption", "y": "assumption"},
        "e supports c", "x opposes c", "x tension y",
    )
    assert labels(G) == {"e": IN, "c": UNDEC, "x": UNDEC, "y": UNDEC}


def test_a_defeated_attacker_reinstates_its_target():
    G = graph(
        {"e": "evidence", "c": "conclusion", "x": "assumption", "y": "evidence"},
        "e supports c", "x opposes c", "y opposes x",
    )
    assert labels(G) == {"e": IN, "c": IN, "x": OUT, "y": IN}


def test_a_claim_attacked_by_what_it_rests_on():
    # A support that attacks its own conclusion: the supporter is in, so the conclusion is out.
    G = graph({"e": "evidence", "c": "conclusion"}, "e supports c", "e opposes c")
    assert labels(G) == {"e": IN, "c": OUT}


# ---------------------------------------------------------------- grounded_labelling against references


def dung_grounded(nodes: list[int], attacks: set[tuple[int, int]]) -> dict[int, str]:
    """Dung's grounded labelling, computed the slow obvious way: apply the two rules until nothing changes."""
    label: dict[int, str] = {}
    changed = True
    while changed:
        changed = False
        for n in nodes:
            if n in label:
                continue
            by = [a for a, b in attacks if b == n]
            if all(label.get(a) == OUT for a in by):
                label[n], changed = IN, True
            elif any(label.get(a) == IN for a in by):
                label[n], changed = OUT, True
    return {n: label.get(n, UNDEC) for n in nodes}


@st.composite
def attack_frameworks(draw):
    size = draw(st.integers(min_value=1, max_value=8))
    nodes = list(range(size))
    pairs = [(a, b) for a, b in itertools.permutations(nodes, 2)]
    attacks = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs))) if pairs else set()
    return nodes, attacks


@settings(max_examples=200, deadline=None)
@given(attack_frameworks())
def test_with_attacks_only_it_is_dungs_grounded_labelling(framework):
    nodes, attacks = framework
    G = nx.MultiDiGraph()
    for n in nodes:
        G.add_node(n, kind="assumption")
    for a, b in sorted(attacks):
        G.add_edge(a, b, key="opposes", type="opposes")
    assert grounded_labelling(G) == dung_grounded(nodes, attacks)


def evidential_grounded(G: nx.MultiDiGraph) -> dict[str, str]:
    """§5 of DESIGN.md read literally and computed naively (each rule applied until nothing changes)."""
    kind = dict(G.nodes(data="kind"))
    sup = {n: [u for u, _, k in G.in_edges(n, keys=True) if k == "supports"] for n in G}
    att = {
        n: {u for u, _, k in G.in_edges(n, keys=True) if k in ("opposes", "tension")}
        | {v for _, v, k in G.out_edges(n, keys=True) if k == "tension"}
        for n in G
    }
    backed = {n for n in G if kind[n] in BASIC}
    grew = True
    while grew:
        grew = False
        for n in G:
            if n in backed:
                continue
            if kind[n] == "argument":
                ok = bool(sup[n]) and all(p in backed for p in sup[n])
            else:
                ok = any(p in backed for p in sup[n])
            if ok:
                backed.add(n)
                grew = True
    label = {n: OUT for n in G if n not in backed}
    changed = True
    while changed:
        changed = False
        for n in G:
            if n in label:
                continue
            if kind[n] == "argument":
                backing_in = all(label.get(p) == IN for p in sup[n])
                backing_out = any(label.get(p) == OUT for p in sup[n])
            else:
                backing_in = kind[n] in BASIC or any(label.get(p) == IN for p in sup[n])
                backing_out = kind[n] not in BASIC and all(label.get(p) == OUT for p in sup[n])
            if all(label.get(a) == OUT for a in att[n]) and backing_in:
                label[n], changed = IN, True
            elif any(label.get(a) == IN for a in att[n]) or backing_out:
                label[n], changed = OUT, True
    return {n: label.get(n, UNDEC) for n in G}


@st.composite
def argument_maps(draw):
    """Random maps as build_graph makes them: claims of every kind, linked arguments, self-loops only
    for attacks (a claim that opposes or is in tension with itself), at most one edge of a type per
    ordered pair and one tension per pair of claims."""
    size = draw(st.integers(min_value=1, max_value=7))
    claims = [f"c{i}" for i in range(size)]
    G = nx.MultiDiGraph()
    for c in claims:
        G.add_node(c, kind=draw(st.sampled_from(["claim", "conclusion", "evidence", "assumption"])))
    pairs = list(itertools.permutations(claims, 2))
    loops = [(c, c) for c in claims]
    for rel in ("supports", "opposes", "tension"):
        choices = pairs if rel == "supports" else pairs + loops
        for u, v in draw(st.lists(st.sampled_from(choices), max_size=8)) if choices else []:
            if rel == "tension" and G.has_edge(v, u, key="tension"):
                continue
            G.add_edge(u, v, key=rel, type=rel)
    for i in range(draw(st.integers(min_value=0, max_value=2))):
        conclusion = draw(st.sampled_from(claims))
        others = [c for c in claims if c != conclusion]
        if not others:
            break
        premises = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
        arg = f"arg{i}"
        G.add_node(arg, kind="argument")
        for p in premises:
            G.add_edge(p, arg, key="supports", type="supports")
        G.add_edge(arg, conclusion, key="supports", type="supports")
    return G


@settings(max_examples=200, deadline=None)
@given(argument_maps())
def test_with_supports_it_follows_the_rules_of_the_design(G):
    assert grounded_labelling(G) == evidential_grounded(G)


@settings(max_examples=100, deadline=None)
@given(argument_maps())
def test_what_is_in_is_supported_and_conflict_free(G):
    result = grounded_labelling(G)
    backed = supported_nodes(G)
    for n, value in result.items():
        if value == IN:
            assert n in backed
            assert not any(result[u] == IN for u, _, k in G.in_edges(n, keys=True) if k in ("opposes", "tension"))
        if n not in backed:
            assert value == OUT


# ------------------------------------------------------------ plain relations and the shared analyses


def test_relations_are_the_edges_as_plain_lists_in_graph_order():
    G = graph({"a": "evidence", "b": "claim", "c": "conclusion", "d": "claim"},
              "b supports c", "a supports c", "a supports b", "d opposes c", "b tension d")
    rel = relations(G)
    assert rel.supports == {"a": ["c", "b"], "b": ["c"], "c": [], "d": []}
    assert rel.supporters == {"a": [], "b": ["a"], "c": ["b", "a"], "d": []}
    assert rel.attacks == {"d": {"c", "b"}, "b": {"d"}}  # a tension attacks both ways
    assert rel.attackers == {"c": {"d"}, "b": {"d"}, "d": {"b"}}
    assert rel.tensions == [("b", "d")]
    assert list(rel.order) == ["a", "b", "c", "d"]


def test_a_linked_argument_needs_its_premises_and_those_that_name_nothing():
    G = graph({"p": "evidence", "arg": "argument", "c": "conclusion"}, "p supports arg", "arg supports c")
    G.nodes["arg"]["absent_premises"] = 1
    assert relations(G).premises == {"arg": 2}


def test_support_components_name_each_circle_by_its_first_node():
    G = graph({"x": "claim", "b": "claim", "a": "claim", "e": "evidence"},
              "a supports b", "b supports a", "e supports a", "x supports e")
    assert support_components(G) == {"x": "x", "b": "b", "a": "b", "e": "e"}


def test_isolated_nodes_have_no_edge_either_way():
    G = graph("abcd", "a opposes b")
    assert isolated_nodes(G) == ["c", "d"]


def reference_tensions_in_support(G: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """:func:`tensions_in_support` as first written: two searches of the support graph per tension."""
    S = nx.DiGraph()
    S.add_nodes_from(G)
    S.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k == "supports")
    order = {n: i for i, n in enumerate(G)}
    component = {}
    for nodes in nx.strongly_connected_components(S):
        first = min(nodes, key=order.__getitem__)
        component.update((n, first) for n in nodes)

    def directly(a, b):
        return any(m == b or (G.nodes[m]["kind"] == "argument" and S.has_edge(m, b)) for m in S.successors(a))

    found = []
    for a, b, k in G.edges(keys=True):
        if k != "tension" or a == b:  # a claim in tension with itself: AM003's, not a tension in support
            continue
        below_a, below_b = nx.descendants(S, a), nx.descendants(S, b)
        if b in below_a or a in below_b:
            lower, upper = (a, b) if b in below_a else (b, a)
            if not directly(lower, upper):
                found.append((upper, lower, upper))
            continue
        common = below_a & below_b
        places = {component[n] for n in common
                  if not any(p in common and component[p] != component[n] for p in S.predecessors(n))}
        found.extend((n, a, b) for n in sorted(places, key=order.__getitem__))
    return found


@settings(max_examples=300, deadline=None)
@given(argument_maps())
def test_tensions_in_support_agrees_with_a_search_per_tension(G):
    assert tensions_in_support(G) == reference_tensions_in_support(G)


@settings(max_examples=200, deadline=None)
@given(argument_maps())
def test_support_cycles_are_networkx_cycles_of_its_components(G):
    S = nx.DiGraph((u, v) for u, v, k in G.edges(keys=True) if k == "supports")
    groups = [c for c in nx.strongly_connected_components(S) if len(c) > 1]
    assert nodes_in_support_cycles(G) == set().union(*groups)
    cycles = support_cycles(G)
    assert len(cycles) == len(groups)
    for cycle in cycles:
        assert all(S.has_edge(u, v) for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=True))


@st.composite
def support_webs(draw):
    """Claims joined by many ``supports`` edges in random order: support circles that share nodes."""
    size = draw(st.integers(min_value=2, max_value=12))
    G = nx.MultiDiGraph()
    G.add_nodes_from((f"c{i}" for i in range(size)), kind="claim")
    pairs = list(itertools.permutations(G, 2))
    for u, v in draw(st.lists(st.sampled_from(pairs), max_size=40, unique=True)):
        G.add_edge(u, v, key="supports", type="supports")
    return G


@settings(max_examples=300, deadline=None)
@given(support_webs())
def test_each_support_cycle_is_the_one_networkx_finds_from_the_components_earliest_node(G):
    # support_cycles walks each component itself, so that checking never imports networkx; it must
    # give what nx.find_cycle gave there, or the messages of circular-support would change.
    S = nx.DiGraph((u, v) for u, v, k in G.edges(keys=True) if k == "supports")
    order = {n: i for i, n in enumerate(G)}
    expected = []
    for group in (c for c in nx.strongly_connected_components(S) if len(c) > 1):
        C = nx.DiGraph()
        C.add_nodes_from(sorted(group, key=order.__getitem__))
        C.add_edges_from((u, v) for u in C for v, keys in G.succ[u].items() if "supports" in keys and v in group)
        first = next(iter(C))
        expected.append([u for u, _ in nx.find_cycle(C, source=first)])
    assert support_cycles(G) == sorted(expected, key=lambda cycle: order[cycle[0]])


@settings(max_examples=100, deadline=None)
@given(argument_maps())
def test_analyses_read_the_argument_graph_as_the_networkx_graph(G):
    plain = ArgumentGraph.from_networkx(G)
    for analysis in (supported_nodes, unsupported_conclusions, support_cycles, nodes_in_support_cycles,
                     tensions_in_support, grounded_labelling, isolated_nodes, support_components):
        assert analysis(plain) == analysis(G)
    assert relations(plain).__dict__ == relations(G).__dict__


@settings(max_examples=100, deadline=None)
@given(argument_maps())
def test_analyses_given_shared_relations_answer_as_on_their_own(G):
    rel = relations(G)
    for analysis in (supported_nodes, unsupported_conclusions, support_cycles, nodes_in_support_cycles,
                     tensions_in_support, grounded_labelling):
        assert analysis(G, relations=rel) == analysis(G)


# ------------------------------------------------------------- single points of failure of support


@settings(max_examples=300, deadline=None)
@given(argument_maps(), st.data())
def test_single_points_of_failure_are_those_whose_loss_leaves_no_support(G, data):
    # The reference tries every node below: the claim, with that node gone, is no longer backed
    # (a linked argument still needing each of its premises, the one gone included).
    n = data.draw(st.sampled_from(sorted(G)))
    S = nx.DiGraph()
    S.add_nodes_from(G)
    S.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k == "supports")
    below = nx.ancestors(S, n)
    assert support_below(G, n) == below
    rel = relations(G)
    region = below | {n}
    expected = []
    if n in backed_within(G, region, rel):
        expected = [m for m in G if m in below and n not in backed_within(G, region - {m}, rel)]
    assert single_points_of_failure(G, n) == expected


def test_a_linked_argument_fails_without_any_one_of_its_premises():
    G = graph({"p": "evidence", "q": "evidence", "r": "evidence", "arg": "argument", "c": "conclusion"},
              "p supports arg", "q supports arg", "arg supports c", "r supports q")
    assert single_points_of_failure(G, "c") == ["p", "q", "arg"]  # q stands without r: it is evidence
    G.add_edge("r", "c", key="supports", type="supports")
    assert single_points_of_failure(G, "c") == []  # a second line of support, through r alone
