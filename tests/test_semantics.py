"""Grounded and preferred semantics, cross-checked against an independent implementation.

On frameworks with no supports, argmap's semantics must be Dung's: they are compared with
python-argumentation (py_arg), fed through argmap's own apx and ICCMA'23 exports. With supports,
the pruned preferred search is compared with a brute force over every subset, straight from the
definition in DESIGN §5.
"""

from __future__ import annotations

import random
import re
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest

from argmap.analysis import (
    TooManyUndecided,
    grounded_labelling,
    is_admissible,
    preferred_extensions,
)
from argmap.export import to_apx, to_i23

py_arg = pytest.importorskip("py_arg", reason="python-argumentation is a test dependency (pip install -e .[test])")
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension  # noqa: E402
from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions  # noqa: E402
from py_arg.import_export.argumentation_framework_from_aspartix_format_reader import (  # noqa: E402
    ArgumentationFrameworkFromASPARTIXFormatReader,
)
from py_arg.import_export.argumentation_framework_from_iccma23_format_reader import (  # noqa: E402
    ArgumentationFrameworkFromICCMA23FormatReader,
)

FRAMEWORKS = 300


def random_framework(rng: random.Random) -> nx.MultiDiGraph:
    """An attack-only map: assumptions, opposes and tensions, no self-attacks (argmap drops self-relations)."""
    G = nx.MultiDiGraph()
    n = rng.randint(1, 9)
    for i in range(n):
        G.add_node(f"m#a{i}", kind="assumption")
    density = rng.choice([0.1, 0.2, 0.35, 0.5])
    for u in range(n):
        for v in range(n):
            if u != v and rng.random() < density:
                kind = "tension" if rng.random() < 0.2 else "opposes"
                if kind == "tension" and G.has_edge(f"m#a{v}", f"m#a{u}", key="tension"):
                    continue
                G.add_edge(f"m#a{u}", f"m#a{v}", key=kind, type=kind)
    return G


def reference_from_apx(G: nx.MultiDiGraph) -> tuple[set[str], list[set[str]]]:
    af = ArgumentationFrameworkFromASPARTIXFormatReader.from_apx(to_apx(G))
    grounded = {str(a).strip('"') for a in get_grounded_extension(af)}
    preferred = [{str(a).strip('"') for a in ext} for ext in get_preferred_extensions(af)]
    return grounded, preferred


def reference_from_i23(G: nx.MultiDiGraph) -> tuple[set[str], list[set[str]]]:
    text = to_i23(G)
    names = dict(re.findall(r"^# (\d+) (.+)$", text, re.M))
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))  # py_arg reads no comments
    af = ArgumentationFrameworkFromICCMA23FormatReader.from_iccma23(body)
    grounded = {names[str(a)[1:]] for a in get_grounded_extension(af)}
    preferred = [{names[str(a)[1:]] for a in ext} for ext in get_preferred_extensions(af)]
    return grounded, preferred


def as_sorted(extensions: list[set[str]]) -> list[list[str]]:
    return sorted(sorted(e) for e in extensions)


@pytest.mark.parametrize("reader", [reference_from_apx, reference_from_i23])
def test_agrees_with_python_argumentation_on_random_frameworks(reader, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(20261122)
    tried = 0
    for _ in range(FRAMEWORKS):
        G = random_framework(rng)
        grounded, preferred = reader(G)
        labels = grounded_labelling(G)
        assert {n for n, label in labels.items() if label == "in"} == grounded, to_apx(G)
        assert as_sorted(preferred_extensions(G)) == as_sorted(preferred), to_apx(G)
        tried += 1
    with capsys.disabled():
        print(f"\n{reader.__name__}: grounded and preferred agree with python-argumentation on {tried} random frameworks")
    assert tried == FRAMEWORKS


def random_map(rng: random.Random) -> nx.MultiDiGraph:
    """A small map with evidence, claims, supports, a linked argument, attacks and tensions."""
    G = nx.MultiDiGraph()
    n = rng.randint(2, 7)
    nodes = [f"m#c{i}" for i in range(n)]
    for node in nodes:
        G.add_node(node, kind=rng.choice(["evidence", "claim", "claim", "conclusion"]))
    for u in nodes:
        for v in nodes:
            if u == v:
                continue
            r = rng.random()
            if r < 0.2:
                G.add_edge(u, v, key="supports", type="supports")
            elif r < 0.3:
                G.add_edge(u, v, key="opposes", type="opposes")
            elif r < 0.35 and not G.has_edge(v, u, key="tension"):
                G.add_edge(u, v, key="tension", type="tension")
    if n >= 3 and rng.random() < 0.5:
        G.add_node("m#arg", kind="argument")
        a, b, c = rng.sample(nodes, 3)
        G.add_edge(a, "m#arg", key="supports", type="supports")
        G.add_edge(b, "m#arg", key="supports", type="supports")
        G.add_edge("m#arg", c, key="supports", type="supports")
    return G


def brute_force_preferred(G: nx.MultiDiGraph) -> list[set[str]]:
    nodes = list(G)
    admissible = [set(s) for k in range(len(nodes) + 1) for s in combinations(nodes, k) if is_admissible(G, set(s))]
    return [s for s in admissible if not any(s < t for t in admissible)]


def test_pruned_preferred_search_equals_brute_force_with_supports() -> None:
    rng = random.Random(7)
    for _ in range(300):
        G = random_map(rng)
        assert as_sorted(preferred_extensions(G)) == as_sorted(brute_force_preferred(G)), list(G.edges(keys=True))


def test_grounded_in_is_inside_every_preferred_extension_with_supports() -> None:
    rng = random.Random(11)
    for _ in range(300):
        G = random_map(rng)
        labels = grounded_labelling(G)
        for extension in preferred_extensions(G):
            assert {n for n, label in labels.items() if label == "in"} <= extension
            assert not {n for n, label in labels.items() if label == "out"} & extension


def support_map(edges: list[tuple[str, str, str]], kinds: dict[str, str]) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, kind in kinds.items():
        G.add_node(node, kind=kind)
    for u, v, k in edges:
        G.add_edge(u, v, key=k, type=k)
    return G


def test_attack_on_a_premise_takes_down_only_what_rests_on_it_alone() -> None:
    G = support_map(
        [("e1", "p", "supports"), ("p", "c", "supports"), ("p", "d", "supports"), ("e2", "d", "supports"),
         ("x", "p", "opposes")],
        {"e1": "evidence", "e2": "evidence", "x": "evidence", "p": "claim", "c": "conclusion", "d": "conclusion"},
    )
    labels = grounded_labelling(G)
    assert (labels["p"], labels["c"], labels["d"]) == ("out", "out", "in")
    assert [sorted(s) for s in preferred_extensions(G)] == [["d", "e1", "e2", "x"]]


def test_linked_argument_falls_when_any_premise_falls() -> None:
    G = support_map(
        [("a", "arg", "supports"), ("b", "arg", "supports"), ("arg", "c", "supports"), ("x", "b", "opposes")],
        {"a": "evidence", "b": "evidence", "x": "evidence", "arg": "argument", "c": "conclusion"},
    )
    labels = grounded_labelling(G)
    assert (labels["b"], labels["arg"], labels["c"]) == ("out", "out", "out")
    assert [sorted(s) for s in preferred_extensions(G)] == [["a", "x"]]


def test_support_only_round_a_cycle_backs_nothing() -> None:
    G = support_map(
        [("p", "q", "supports"), ("q", "p", "supports"), ("q", "c", "supports"), ("q", "e", "opposes")],
        {"p": "claim", "q": "claim", "c": "conclusion", "e": "evidence"},
    )
    labels = grounded_labelling(G)
    assert (labels["p"], labels["q"], labels["c"], labels["e"]) == ("out", "out", "out", "in")
    assert [sorted(s) for s in preferred_extensions(G)] == [["e"]]


def test_an_attacker_whose_support_is_defeated_needs_no_direct_answer() -> None:
    # x attacks c and rests only on p; d defeats p; d and y are in tension, so nothing is grounded.
    # {c, d, e} defends c without ever attacking x: with p beaten, x cannot be backed.
    G = support_map(
        [("e", "c", "supports"), ("p", "x", "supports"), ("x", "c", "opposes"), ("d", "p", "opposes"),
         ("d", "y", "tension")],
        {"e": "evidence", "c": "conclusion", "p": "assumption", "x": "claim", "d": "assumption", "y": "assumption"},
    )
    labels = grounded_labelling(G)
    assert [labels[n] for n in "cdpxy"] == ["undec"] * 5
    assert as_sorted(preferred_extensions(G)) == [["c", "d", "e"], ["e", "p", "x", "y"]]


def test_too_many_undecided_is_refused() -> None:
    G = nx.MultiDiGraph()
    for i in range(30):
        G.add_node(f"a{i}", kind="assumption")
        G.add_node(f"b{i}", kind="assumption")
        G.add_edge(f"a{i}", f"b{i}", key="tension", type="tension")
    with pytest.raises(TooManyUndecided, match="60 claims are undecided"):
        preferred_extensions(G)
    assert len(preferred_extensions(G.subgraph([f"{x}{i}" for i in range(6) for x in "ab"]).copy())) == 64


def test_exports_name_every_claim(tmp_path: Path) -> None:
    G = support_map([("a", "b", "opposes"), ("b", "c", "tension")], {"a": "assumption", "b": "assumption", "c": "claim"})
    assert to_apx(G) == 'arg("a").\narg("b").\narg("c").\natt("a","b").\natt("b","c").\natt("c","b").\n'
    assert to_i23(G) == "p af 3\n# 1 a\n# 2 b\n# 3 c\n1 2\n2 3\n3 2\n"
