"""Grounded and preferred semantics against clingo, on frameworks too large to check by brute force.

clingo (the answer-set solver that ASPARTIX runs on) solves argmap's own apx export with the
ASPARTIX-style encodings in tests/aspartix/; argmap's answers must be the same. The frameworks have
25 to 60 arguments (2^25 to 2^60 subsets), self-attacks and long cycles included.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import networkx as nx
import pytest

from argmap.analysis import grounded_labelling, preferred_extensions
from argmap.export import to_apx

clingo = pytest.importorskip("clingo", reason="clingo is a test dependency (pip install -e .[test])")

ENCODINGS = Path(__file__).resolve().parent / "aspartix"
FRAMEWORKS = int(os.environ.get("ARGMAP_CLINGO_FRAMEWORKS", "60"))


def solve(apx: str, heuristic: str) -> list[set[str]]:
    """Every answer of complete.lp with ``heuristic`` (grounded.lp or preferred.lp) under domRec enumeration."""
    # When every argument is settled while grounding, clingo says "domRec ignored: No domain atoms
    # found" (there is one answer then, whatever the heuristic): not worth a line of test output.
    control = clingo.Control(["--heuristic=Domain", "--enum-mode=domRec", "0"], logger=lambda code, message: None)
    control.add("base", [], apx)
    for name in ("complete.lp", heuristic):
        control.add("base", [], (ENCODINGS / name).read_text(encoding="utf-8"))
    control.ground([("base", [])])
    found: list[set[str]] = []
    control.solve(on_model=lambda model: found.append({s.arguments[0].string for s in model.symbols(shown=True)}))
    return found


def large_framework(rng: random.Random) -> nx.MultiDiGraph:
    n = rng.randint(25, 60)
    G = nx.MultiDiGraph()
    names = [f"m#a{i}" for i in range(n)]
    for name in names:
        G.add_node(name, kind="assumption")
    per_argument = rng.choice([1.0, 1.5, 2.0, 3.0])  # attacks per argument on average
    for _ in range(int(n * per_argument)):
        u, v = rng.choice(names), rng.choice(names)
        if u == v and rng.random() < 0.7:
            continue  # some self-attacks, not one in every few attacks
        G.add_edge(u, v, key="opposes", type="opposes")
    cycle = rng.sample(names, rng.randint(3, 12))  # a long cycle, odd or even
    for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=True):
        G.add_edge(u, v, key="opposes", type="opposes")
    return G


def test_clingo_agrees_on_large_frameworks(capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(int(os.environ.get("ARGMAP_FUZZ_SEED", "60")))
    arguments = extensions = self_attacks = undecided = 0
    for _ in range(FRAMEWORKS):
        G = large_framework(rng)
        apx = to_apx(G)
        (grounded,) = solve(apx, "grounded.lp")
        labels = grounded_labelling(G)
        assert {n for n, label in labels.items() if label == "in"} == grounded, apx
        preferred = sorted(sorted(e) for e in solve(apx, "preferred.lp"))
        assert sorted(sorted(e) for e in preferred_extensions(G, max_steps=None)) == preferred, apx  # correctness, not the budget
        arguments += len(G)
        extensions += len(preferred)
        self_attacks += sum(1 for u, v in G.edges() if u == v)
        undecided += sum(1 for label in labels.values() if label == "undec")
    with capsys.disabled():
        print(f"\nclingo: grounded and preferred agree on {FRAMEWORKS} frameworks of 25-60 arguments"
              f" ({arguments} arguments, {self_attacks} self-attacks, {undecided} undecided under grounded,"
              f" {extensions} preferred extensions)")
    assert undecided > FRAMEWORKS  # the search had real work to do


def test_the_encodings_give_the_textbook_answers() -> None:
    # Guards the reference itself: a three-cycle has only the empty preferred extension; a mutual
    # attack has two; an argument attacking itself is in none; one defended argument is grounded.
    assert solve('arg("a"). arg("b"). arg("c"). att("a","b"). att("b","c"). att("c","a").', "preferred.lp") == [set()]
    assert sorted(sorted(e) for e in solve('arg("a"). arg("b"). att("a","b"). att("b","a").', "preferred.lp")) == [["a"], ["b"]]
    assert solve('arg("a"). att("a","a").', "preferred.lp") == [set()]
    assert solve('arg("a"). arg("b"). arg("c"). att("a","b"). att("b","c").', "grounded.lp") == [{"a", "c"}]
