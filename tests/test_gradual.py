"""Gradual semantics (DF-QuAD, argmap.gradual): the paper's worked example, its published properties, weights
read from maps, and ``argmap evaluate --semantics gradual``."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.gradual import aggregate, combine, dfquad_strengths


def qbaf(weights: dict[str, float], edges: list[tuple[str, str, str]]) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n, w in weights.items():
        G.add_node(n, kind="claim", weight=w)
    for u, v, key in edges:
        G.add_edge(u, v, key=key)
    return G


# The E-Democracy debate of Rago, Toni, Aurisicchio and Baroni (KR 2016), as Uncertainpy stores it
# (examples/gradual/BAG/RagoEtAlEDemocracy.bag): two alternatives A1, A2, pros P, cons C.
EDEMOCRACY = qbaf(
    {"A1": 0.5, "A2": 0.5, "P1": 0.7, "P2": 0.5, "P3": 0.9, "C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5},
    [("C1", "A2", "opposes"), ("C2", "P2", "opposes"), ("C3", "P2", "opposes"), ("C4", "P2", "opposes"),
     ("P1", "A1", "supports"), ("P2", "A1", "supports"), ("P3", "A2", "supports")],
)


def test_the_e_democracy_example_by_the_papers_definitions():
    s = dfquad_strengths(EDEMOCRACY)
    # P2: attack 1 - (0.8)(0.4)(0.5) = 0.84 > support 0, so 0.5 - 0.5 * 0.84 = 0.08
    assert s["P2"] == pytest.approx(0.08)
    # A1: support 1 - (0.3)(0.92) = 0.724, no attack: 0.5 + 0.5 * 0.724 = 0.862
    assert s["A1"] == pytest.approx(0.862)
    # A2: attack 0.2, support 0.9: 0.5 + 0.5 * 0.7 = 0.85
    assert s["A2"] == pytest.approx(0.85)
    assert {n: s[n] for n in ("P1", "P3", "C1", "C2", "C3", "C4")} == {
        "P1": 0.7, "P3": 0.9, "C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5}
    assert s["A1"] > s["A2"]  # the debate's verdict: A1 is the better alternative


def test_the_papers_functions():
    assert aggregate([]) == 0
    assert aggregate([0.5, 0.5]) == pytest.approx(0.75)
    assert combine(0.4, 0.3, 0.3) == 0.4
    assert combine(0.4, 0.8, 0.3) == pytest.approx(0.4 - 0.4 * 0.5)
    assert combine(0.4, 0.3, 0.8) == pytest.approx(0.4 + 0.6 * 0.5)
    assert combine(0.4, 1.0, 0.0) == 0.0  # a full attack with no support annuls


def test_a_tension_settles_at_the_continuous_models_fixed_point():
    s = dfquad_strengths(qbaf({"a": 0.5, "b": 0.5}, [("a", "b", "tension")]))
    # x = 0.5 - 0.5 x  =>  x = 1/3, the same for both sides of a symmetric tension
    assert s["a"] == pytest.approx(1 / 3, abs=1e-6) and s["b"] == pytest.approx(1 / 3, abs=1e-6)
    s = dfquad_strengths(qbaf({"a": 0.5, "b": 0.5, "c": 0.9}, [("a", "b", "tension"), ("c", "a", "supports")]))
    G = qbaf({"a": 0.5, "b": 0.5, "c": 0.9}, [("a", "b", "tension"), ("c", "a", "supports")])
    # a fixed point: each strength is what DF-QuAD gives from the others
    assert s["a"] == pytest.approx(combine(0.5, s["b"], 0.9), abs=1e-6)
    assert s["b"] == pytest.approx(combine(0.5, s["a"], 0.0), abs=1e-6)
    assert s["a"] > 0.5 > s["b"]
    assert dfquad_strengths(G) == s  # deterministic


def test_a_linked_argument_is_as_strong_as_its_weakest_premise_times_its_weight():
    G = qbaf({"p": 0.8, "q": 0.4, "c": 0.5}, [("p", "arg", "supports"), ("q", "arg", "supports"), ("arg", "c", "supports")])
    G.nodes["arg"].update(kind="argument", weight=0.5)
    s = dfquad_strengths(G)
    assert s["arg"] == pytest.approx(0.2)
    assert s["c"] == pytest.approx(0.5 + 0.5 * 0.2)
    G.nodes["arg"]["absent_premises"] = 1  # a premise that names no claim: the argument carries nothing
    assert dfquad_strengths(G)["c"] == 0.5


@st.composite
def acyclic_qbafs(draw):
    n = draw(st.integers(2, 7))
    nodes = [f"n{i}" for i in range(n)]
    weights = {v: draw(st.floats(0, 1)) for v in nodes}
    edges = []
    for j in range(n):
        for i in range(j):  # only from earlier to later nodes: acyclic
            kind = draw(st.sampled_from([None, None, "supports", "opposes"]))
            if kind:
                edges.append((nodes[i], nodes[j], kind))
    return weights, edges


@settings(max_examples=100, deadline=None)
@given(acyclic_qbafs(), st.data())
def test_monotonicity(framework, data):
    """Raising an attacker's base score never raises a node; raising a supporter's, or the node's own, never lowers it."""
    weights, edges = framework
    before = dfquad_strengths(qbaf(weights, edges))
    raised = data.draw(st.sampled_from(sorted(weights)))
    higher = dict(weights, **{raised: data.draw(st.floats(weights[raised], 1))})
    after = dfquad_strengths(qbaf(higher, edges))
    assert after[raised] >= before[raised] - 1e-12
    for u, v, kind in edges:
        if u == raised and sum(1 for e in edges if e[1] == v) == 1 and not any(e[0] == raised and e[1] != v for e in edges):
            # v's only influence is the raised node, which influences nothing else on the way
            if kind == "opposes":
                assert after[v] <= before[v] + 1e-12
            else:
                assert after[v] >= before[v] - 1e-12


@settings(max_examples=100, deadline=None)
@given(acyclic_qbafs())
def test_balance(framework):
    """A node's strength differs from its base score exactly as its attack and support differ (Baroni et al. 2018)."""
    weights, edges = framework
    s = dfquad_strengths(qbaf(weights, edges))
    for v, w in weights.items():
        va = aggregate(s[u] for u, t, k in edges if t == v and k == "opposes")
        vs = aggregate(s[u] for u, t, k in edges if t == v and k == "supports")
        if va == vs:
            assert s[v] == pytest.approx(w)
        elif va > vs:
            assert s[v] <= w + 1e-12
        else:
            assert s[v] >= w - 1e-12
        assert 0 <= s[v] <= 1


def _map(tmp_path, text):
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


MAP = """\
title: t
claims:
  c:
    text: The motion should pass.
    kind: conclusion
  pro:
    text: It saves lives.
    kind: assumption
    weight: 0.9
    supports: [c]
  con:
    text: It costs too much.
    kind: assumption
    weight: 0.3
    opposes: [c]
"""


def test_evaluate_gradual_from_the_cli(tmp_path):
    path = _map(tmp_path, MAP)
    result = CliRunner().invoke(main, ["evaluate", path, "--semantics", "gradual"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("gradual (DF-QuAD)")
    # c: 0.5 + 0.5 * (0.9 - 0.3) = 0.8, strongest first
    assert lines[2].split()[:3] == ["0.900", "0.90", "pro"]
    assert lines[3].split()[:3] == ["0.800", "0.50", "c"]
    data = json.loads(CliRunner().invoke(main, ["evaluate", path, "--semantics", "gradual", "--format", "json"]).output)
    assert data["strengths"] == {"c": 0.8, "pro": 0.9, "con": 0.3}
    assert data["weights"]["c"] == 0.5


@pytest.mark.parametrize("value, message", [
    ("1.5", "'weight' of claim 'pro' must be a number from 0 to 1 (e.g. weight: 0.8), not '1.5'"),
    ("high", "'weight' of claim 'pro' must be a number from 0 to 1 (e.g. weight: 0.8), not 'high'"),
    ("nan", "not 'nan'"),
    ("", "'weight' of claim 'pro' must be a number from 0 to 1 (e.g. weight: 0.8)"),
    ("[1]", "'weight' of claim 'pro' must be a number from 0 to 1 (e.g. weight: 0.8)"),
])
def test_a_bad_weight_is_one_line_and_exit_2(tmp_path, value, message):
    path = _map(tmp_path, MAP.replace("weight: 0.9", f"weight: {value}"))
    result = CliRunner().invoke(main, ["check", path])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"Error: {path}:9:")
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_a_weight_on_a_linked_argument(tmp_path):
    path = _map(tmp_path, MAP + "arguments:\n  both:\n    premises: [pro, con]\n    conclusion: c\n    weight: 2\n")
    result = CliRunner().invoke(main, ["check", path])
    assert result.exit_code == 2 and f"{path}:20:13: 'weight' of argument 'both' must be a number from 0 to 1" in result.output
    path = _map(tmp_path, MAP + "arguments:\n  both:\n    premises: [pro, con]\n    conclusion: c\n    weight: 0.25\n")
    data = json.loads(CliRunner().invoke(main, ["evaluate", path, "--semantics", "gradual", "--format", "json"]).output)
    assert data["weights"]["both"] == 0.25 and data["strengths"]["both"] == pytest.approx(0.25 * 0.3, abs=1e-3)


def test_an_odd_circle_of_full_attacks_is_settled_by_the_continuous_model():
    # a -> b -> c -> a, each of weight 1: the discrete sweeps swing between 0 and 1 for ever; the continuous
    # model settles at the one fixed point, x = 1 - x, so 0.5 each
    s = dfquad_strengths(qbaf({"a": 1.0, "b": 1.0, "c": 1.0}, [("a", "b", "opposes"), ("b", "c", "opposes"),
                                                                ("c", "a", "opposes")]))
    assert all(v == pytest.approx(0.5, abs=1e-6) for v in s.values())


@st.composite
def cyclic_qbafs(draw):
    n = draw(st.integers(2, 8))
    nodes = [f"n{i}" for i in range(n)]
    weights = {v: draw(st.floats(0, 1)) for v in nodes}
    edges = [(nodes[i], nodes[j], draw(st.sampled_from(["supports", "opposes", "tension"])))
             for i in range(n) for j in range(n) if i != j and draw(st.integers(0, 3)) == 0]
    return weights, edges


@settings(max_examples=100, deadline=None)
@given(cyclic_qbafs())
def test_with_circles_every_strength_is_a_fixed_point_of_the_equations(framework):
    weights, edges = framework
    G = qbaf(weights, edges)
    s = dfquad_strengths(G)
    for v, w in weights.items():
        attack = [u for u, t, k in edges if t == v and k in ("opposes", "tension")]
        attack += [t for u, t, k in edges if u == v and k == "tension"]
        support = [u for u, t, k in edges if t == v and k == "supports"]
        expected = combine(w, aggregate(s[u] for u in attack), aggregate(s[u] for u in support))
        assert s[v] == pytest.approx(expected, abs=1e-6)


def test_explain_under_gradual_semantics_shows_the_arithmetic(tmp_path):
    path = _map(tmp_path, MAP)
    result = CliRunner().invoke(main, ["evaluate", path, "--semantics", "gradual", "--explain", "c"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "'c' has strength 0.800 under gradual semantics (DF-QuAD), from its weight 0.50.",
        "Attacked by 'con' (0.30): together 0.300.",
        "Supported by 'pro' (0.90): together 0.900.",
        "The support is stronger by 0.600, so it gains that share of what its weight lacks of 1.",
    ]
    data = json.loads(CliRunner().invoke(main, ["evaluate", path, "--semantics", "gradual", "--explain", "con",
                                                "--format", "json"]).output)
    assert data == {"semantics": "gradual", "claim": "con", "strength": 0.3, "weight": 0.3, "attack": 0.0,
                    "attackers": [], "support": 0.0, "supporters": []}


def _counted_strengths(monkeypatch: pytest.MonkeyPatch, G: nx.MultiDiGraph) -> tuple[dict[str, float], int]:
    import argmap.gradual as gradual

    computed = 0
    strength = gradual.Influences.strength

    def counting(self, m, s):  # type: ignore[no-untyped-def]
        nonlocal computed
        computed += 1
        return strength(self, m, s)

    monkeypatch.setattr(gradual.Influences, "strength", counting)
    return dfquad_strengths(G), computed  # type: ignore[return-value]


def test_a_large_circle_settles_at_a_fixed_point_computing_only_what_moved(monkeypatch: pytest.MonkeyPatch) -> None:
    # A ring of 400 claims, each attacking the next, and two strong claims of it in tension: one circle. The
    # tension takes 29 sweeps to settle, but the weak claims of the ring pass on less and less of it, so
    # they are computed again only while what they hear still moves (every sweep computed 29 x 400).
    import argmap.gradual as gradual

    n = 400
    edges = [(f"n{i}", f"n{(i + 1) % n}", "opposes") for i in range(n)] + [("n0", "n1", "tension")]
    G = qbaf({f"n{i}": 0.9 if i < 2 else 0.2 for i in range(n)}, edges)
    s, computed = _counted_strengths(monkeypatch, G)
    monkeypatch.undo()
    inf = gradual.Influences(G)
    by_place = [s[m] for m in inf.nodes]
    for i in range(n):
        assert by_place[i] == pytest.approx(inf.strength(i, by_place), abs=1e-8)
    assert computed < 4 * n


def test_strengths_of_part_of_a_map_read_only_that_part():
    G = qbaf({"a": 0.5, "b": 0.5, "c": 0.9, "d": 0.2, "x": 0.7},
             [("a", "b", "tension"), ("c", "a", "supports"), ("d", "c", "opposes"), ("b", "x", "opposes")])
    part = {"a", "b", "c", "d"}  # everything that influences each of them; x is downstream
    s = dfquad_strengths(G, nodes=part)
    assert list(s) == ["a", "b", "c", "d"]  # in the graph's order, whatever the set's
    assert s == {n: v for n, v in dfquad_strengths(G).items() if n in part}


def test_circles_that_never_settle_share_one_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Four claims whose strengths swing for ever, forty times over (a 16 KB map): with 4,000,000 strengths
    # for each circle and no limit for the map, ten of them took 47 s. Smaller budgets here, for speed.
    import argmap.gradual as gradual

    monkeypatch.setattr(gradual, "CIRCLE_WORK", 20_000)
    monkeypatch.setattr(gradual, "MAX_WORK", 50_000)
    weights, edges = {}, []
    for g in range(40):
        a, b, c, d = (f"g{g}{x}" for x in "abcd")
        weights.update({a: 1.0, b: 0.1, c: 0.9, d: 0.9})
        edges += [(a, d, "opposes"), (a, c, "opposes"), (b, a, "tension"), (c, b, "opposes"), (d, a, "opposes"), (d, b, "opposes")]
    s, computed = _counted_strengths(monkeypatch, qbaf(weights, edges))
    assert len(s) == 160 and all(0 <= v <= 1 for v in s.values())
    # Two circles get their 20,000, the third the 10,000 left, the other 37 one sweep each.
    assert gradual.MAX_WORK <= computed <= gradual.MAX_WORK + 4 * 40
    one, alone = _counted_strengths(monkeypatch, qbaf({k: weights[k] for k in ("g0a", "g0b", "g0c", "g0d")}, edges[:6]))
    assert gradual.CIRCLE_WORK <= alone <= gradual.CIRCLE_WORK + 16
    assert one == {k: s[k] for k in one}  # the first circle as if alone


def test_a_weight_of_minus_zero_is_zero() -> None:
    import math

    from argmap.load import parse_map

    weight = parse_map("title: T\nclaims:\n  a:\n    text: A\n    weight: -0\n", "m.yaml", "m").claims[0].weight
    assert weight == 0 and math.copysign(1, weight) == 1  # else shown as -0.00
