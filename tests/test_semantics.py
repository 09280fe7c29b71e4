"""Grounded and preferred semantics, cross-checked against an independent implementation.

On frameworks with no supports, argmap's semantics must be Dung's: they are compared with
python-argumentation (py_arg), fed through argmap's own apx and ICCMA'23 exports. With supports,
the pruned preferred search is compared with a brute force over every subset, straight from the
definition in DESIGN §5.
"""

from __future__ import annotations

import json
import os
import random
import re
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest

from argmap.analysis import (
    SearchBudgetSpent,
    TooManyExtensions,
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

# How many random frameworks each reader's cross-check runs (``make fuzz`` runs many more).
FRAMEWORKS = {"apx": int(os.environ.get("ARGMAP_SEMANTICS_FRAMEWORKS", "1000")),
              "i23": int(os.environ.get("ARGMAP_SEMANTICS_FRAMEWORKS_I23", "300"))}


def random_framework(rng: random.Random) -> nx.MultiDiGraph:
    """An attack-only map: assumptions, opposes and tensions, with self-attacks and planted cycles.

    Sizes run from the empty framework and single arguments up to 9; some arguments attack
    themselves (by ``opposes`` or by a ``tension`` with themselves), and a planted cycle of attacks
    of length 2 to 6 (odd or even) goes through some of the others.
    """
    G = nx.MultiDiGraph()
    n = rng.choice([0, 1, 1, 2]) if rng.random() < 0.1 else rng.randint(1, 9)
    for i in range(n):
        G.add_node(f"m#a{i}", kind="assumption")
    density = rng.choice([0.05, 0.1, 0.2, 0.35, 0.5])
    self_attacks = rng.choice([0.0, 0.1, 0.25, 0.5])
    for u in range(n):
        if rng.random() < self_attacks:
            kind = "tension" if rng.random() < 0.2 else "opposes"
            G.add_edge(f"m#a{u}", f"m#a{u}", key=kind, type=kind)
        for v in range(n):
            if u != v and rng.random() < density:
                add_attack(G, rng, f"m#a{u}", f"m#a{v}")
    if n >= 2 and rng.random() < 0.5:
        cycle = rng.sample(range(n), rng.randint(2, min(n, 6)))
        for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            add_attack(G, rng, f"m#a{u}", f"m#a{v}")
    return G


def add_attack(G: nx.MultiDiGraph, rng: random.Random, u: str, v: str) -> None:
    kind = "tension" if rng.random() < 0.2 else "opposes"
    if kind == "tension" and G.has_edge(v, u, key="tension"):
        return
    G.add_edge(u, v, key=kind, type=kind)


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
    rng = random.Random(int(os.environ.get("ARGMAP_FUZZ_SEED", "20261122")))
    count = FRAMEWORKS[reader.__name__.rpartition("_")[2]]
    tried = 0
    seen = {"self-attacks": 0, "empty": 0, "one argument": 0, "odd cycles": 0, "even cycles": 0}
    for _ in range(count):
        G = random_framework(rng)
        grounded, preferred = reader(G)
        labels = grounded_labelling(G)
        assert {n for n, label in labels.items() if label == "in"} == grounded, to_apx(G)
        assert as_sorted(preferred_extensions(G, max_undecided=None)) == as_sorted(preferred), to_apx(G)
        tried += 1
        seen["self-attacks"] += any(u == v for u, v in G.edges())
        seen["empty"] += len(G) == 0
        seen["one argument"] += len(G) == 1
        lengths = {len(c) for c in nx.simple_cycles(nx.DiGraph(attack_pairs(G))) if len(c) > 1}
        seen["odd cycles"] += any(k % 2 for k in lengths)
        seen["even cycles"] += any(k % 2 == 0 for k in lengths)
    shapes = ", ".join(f"{k} {v}" for k, v in seen.items())
    with capsys.disabled():
        print(f"\n{reader.__name__}: grounded and preferred agree with python-argumentation on {tried} random frameworks ({shapes})")
    assert tried == count
    assert all(seen.values()), seen  # every shape the issue names was tried


def attack_pairs(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    pairs = []
    for u, v, k in G.edges(keys=True):
        pairs.append((u, v))
        if k == "tension":
            pairs.append((v, u))
    return pairs


def random_map(rng: random.Random) -> nx.MultiDiGraph:
    """A small map with evidence, claims, supports, a linked argument, attacks and tensions."""
    G = nx.MultiDiGraph()
    n = rng.randint(2, 7)
    nodes = [f"m#c{i}" for i in range(n)]
    for node in nodes:
        G.add_node(node, kind=rng.choice(["evidence", "claim", "claim", "conclusion"]))
    for u in nodes:
        if rng.random() < 0.1:
            G.add_edge(u, u, key="opposes", type="opposes")  # a claim that defeats itself
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


def larger_map(rng: random.Random) -> nx.MultiDiGraph:
    """6 to 11 claims of every kind, up to two linked arguments, supports, attacks, tensions and self-attacks."""
    G = nx.MultiDiGraph()
    nodes = [f"m#c{i}" for i in range(rng.randint(6, 11))]
    for node in nodes:
        G.add_node(node, kind=rng.choice(["evidence", "assumption", "claim", "claim", "conclusion"]))
    supports, opposes, tensions = rng.choice([(0.1, 0.1, 0.05), (0.15, 0.15, 0.05), (0.2, 0.08, 0.08)])
    for u in nodes:
        if rng.random() < 0.08:
            G.add_edge(u, u, key="opposes", type="opposes")
        for v in nodes:
            r = rng.random()
            if u == v:
                continue
            if r < supports:
                G.add_edge(u, v, key="supports", type="supports")
            elif r < supports + opposes:
                G.add_edge(u, v, key="opposes", type="opposes")
            elif r < supports + opposes + tensions and not G.has_edge(v, u, key="tension"):
                G.add_edge(u, v, key="tension", type="tension")
    for j in range(rng.randint(0, 2)):
        a, b, c = rng.sample(nodes, 3)
        G.add_node(f"m#arg{j}", kind="argument")
        G.add_edge(a, f"m#arg{j}", key="supports", type="supports")
        G.add_edge(b, f"m#arg{j}", key="supports", type="supports")
        G.add_edge(f"m#arg{j}", c, key="supports", type="supports")
    return G


def test_pruned_preferred_search_equals_brute_force_on_larger_maps(capsys: pytest.CaptureFixture[str]) -> None:
    # Up to 13 nodes: 8,192 subsets each, every one checked by brute force.
    rng = random.Random(int(os.environ.get("ARGMAP_FUZZ_SEED", "13")))
    count = int(os.environ.get("ARGMAP_BRUTE_FORCE_MAPS", "50"))
    extensions = 0
    for _ in range(count):
        G = larger_map(rng)
        found = as_sorted(preferred_extensions(G, max_steps=None))
        assert found == as_sorted(brute_force_preferred(G)), list(G.edges(keys=True))
        extensions += len(found)
    with capsys.disabled():
        print(f"\nbrute force: preferred search agrees on {count} maps of 6-13 nodes with supports ({extensions} extensions)")


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
        preferred_extensions(G, max_undecided=24)
    assert len(preferred_extensions(G.subgraph([f"{x}{i}" for i in range(6) for x in "ab"]).copy())) == 64


def test_a_search_past_its_budget_stops_with_a_clear_message() -> None:
    # 2^30 preferred extensions: no budget would ever finish listing them.
    G = nx.MultiDiGraph()
    for i in range(30):
        G.add_node(f"a{i}", kind="assumption")
        G.add_node(f"b{i}", kind="assumption")
        G.add_edge(f"a{i}", f"b{i}", key="tension", type="tension")
    with pytest.raises(SearchBudgetSpent, match=r"stopped after 2,000 search steps over the 60 claims .*raise --max-steps"):
        preferred_extensions(G, max_undecided=None, max_steps=2000)
    # With the default budget each tension is decided at once, and it is the listing that cannot be done:
    # said as such (it said "raise --max-steps", which no budget a machine can hold would satisfy).
    with pytest.raises(TooManyExtensions, match=r"finds 1,073,741,824 extensions: .* fall into 30 groups"):
        preferred_extensions(G, max_undecided=None)
    small = G.subgraph([f"{x}{i}" for i in range(6) for x in "ab"]).copy()
    assert len(preferred_extensions(small, max_steps=None)) == 64
    with pytest.raises(SearchBudgetSpent):
        preferred_extensions(small, max_steps=64)  # 64 leaves alone need more steps than that


def test_exports_name_every_claim(tmp_path: Path) -> None:
    G = support_map([("a", "b", "opposes"), ("b", "c", "tension")], {"a": "assumption", "b": "assumption", "c": "claim"})
    assert to_apx(G) == 'arg("a").\narg("b").\narg("c").\natt("a","b").\natt("b","c").\natt("c","b").\n'
    assert to_i23(G) == "p af 3\n# 1 a\n# 2 b\n# 3 c\n1 2\n2 3\n3 2\n"


def test_a_claim_that_attacks_itself_through_a_map_file(tmp_path: Path) -> None:
    """Loaded from YAML, a self-attack stays in the graph: the claim is never in, and every export keeps it."""
    from argmap.check import check_paths
    from argmap.debate import load_subject
    from argmap.export import export_map

    path = tmp_path / "m.yaml"
    path.write_text(
        "title: t\n"
        "claims:\n"
        "  e:\n    text: E\n    kind: evidence\n    supports: [c]\n"
        "  c:\n    text: C\n    kind: conclusion\n    opposes: [c, d]\n"
        "  d:\n    text: D\n    kind: assumption\n    tension: [d]\n"
        "  f:\n    text: F\n    kind: assumption\n",
        encoding="utf-8",
    )
    subject = load_subject(str(path))
    G = subject.graph
    assert G.has_edge("m#c", "m#c", key="opposes") and G.has_edge("m#d", "m#d", key="tension")
    labels = grounded_labelling(G)
    assert (labels["m#c"], labels["m#d"], labels["m#e"], labels["m#f"]) == ("undec", "undec", "in", "in")
    assert [sorted(s) for s in preferred_extensions(G)] == [["m#e", "m#f"]]
    apx = export_map(str(path), "apx")
    assert 'att("c","c").' in apx and 'att("d","d").' in apx and 'att("c","d").' in apx
    i23 = export_map(str(path), "i23")
    assert "2 2\n" in i23 and "3 3\n" in i23
    links = json.loads(export_map(str(path), "json"))["links"]
    assert {"source": "c", "target": "c", "type": "opposes"} in links and {"source": "d", "target": "d", "type": "tension"} in links
    assert '<edge source="c" target="c" id="opposes">' in export_map(str(path), "graphml")
    assert '"m#c" -> "m#c"' in export_map(str(path), "dot")
    argdown = export_map(str(path), "argdown")
    assert "[c]: C #conclusion\n    -> [c]\n    -> [d]" in argdown and "[d]: D #assumption\n    >< [d]" in argdown
    codes = [(f.code, f.claim) for f in check_paths([str(path)]).findings]
    assert ("AM003", "c") in codes and ("AM003", "d") in codes
    assert not [c for c in codes if c[0] == "AM201"]  # a tension with itself is no tension in support


def test_a_self_attacker_defeated_from_outside_no_longer_blocks() -> None:
    # Dung: b attacks itself and c; a attacks b. Grounded: a in, b out, c in.
    G = support_map([("b", "b", "opposes"), ("b", "c", "opposes"), ("a", "b", "opposes")],
                    {"a": "assumption", "b": "assumption", "c": "assumption"})
    assert grounded_labelling(G) == {"a": "in", "b": "out", "c": "in"}
    assert as_sorted(preferred_extensions(G)) == [["a", "c"]]


def test_evaluate_past_its_step_budget_says_what_to_do(tmp_path: Path) -> None:
    from tests.helpers import assert_no_traceback, invoke, write_map

    pairs = "".join(f"  a{i}:\n    text: A{i}\n    kind: assumption\n    tension: [b{i}]\n"
                    f"  b{i}:\n    text: B{i}\n    kind: assumption\n" for i in range(30))
    path = write_map(tmp_path, "title: t\nclaims:\n" + pairs)
    result = invoke("evaluate", path, "--semantics", "preferred", "--max-undecided", "100", "--max-steps", "500")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {path}: preferred semantics stopped after 500 search steps over the 60 claims grounded leaves"
        " undecided, without finishing (raise --max-steps, or use --semantics grounded)"
    ]
    assert_no_traceback(result.stdout, result.stderr)
    assert invoke("evaluate", path, "--max-steps", "1").exit_code == 0  # grounded needs no search
