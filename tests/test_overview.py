"""Overviews of large maps, per-conclusion diagrams and the layout options for big maps."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from argmap.cli import main
from argmap.generate import write_generated
from argmap.overview import overview, steps_below
from tests.test_analysis import argument_maps

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def tree() -> nx.MultiDiGraph:
    """c <- a <- a1 <- a2, c <- b; x attacks a; u stands apart."""
    G = nx.MultiDiGraph()
    for n, kind in {"c": "conclusion", "a": "claim", "a1": "claim", "a2": "evidence", "b": "evidence",
                    "x": "assumption", "u": "assumption"}.items():
        G.add_node(n, kind=kind)
    for u, v in [("a", "c"), ("a1", "a"), ("a2", "a1"), ("b", "c")]:
        G.add_edge(u, v, key="supports", type="supports")
    G.add_edge("x", "a", key="opposes", type="opposes")
    return G


def test_overview_keeps_what_is_near_the_conclusions_and_folds_the_rest_once() -> None:
    G = tree()
    view = overview(G, list(G), depth=1)
    assert view.kept == ["c", "a", "b"]
    groups = {g.anchor: g.nodes for g in view.collapsed}
    assert groups == {"a": ["a1", "a2", "x"], None: ["u"]}
    view = overview(G, list(G), depth=2)
    assert view.kept == ["c", "a", "a1", "b", "x"]
    assert sorted(n for g in view.collapsed for n in g.nodes) == ["a2", "u"]


def test_overview_shrinks_its_depth_to_the_budget() -> None:
    G = tree()
    assert overview(G, list(G), depth=2, budget=1).kept == ["c"]
    assert overview(G, list(G), depth=2, budget=2).kept == ["c", "a", "b"]
    assert overview(G, list(G), depth=2, budget=3).kept == ["c", "a", "b"]
    assert overview(G, list(G), depth=2, budget=4).kept == ["c", "a", "a1", "b", "x"]


@pytest.fixture(scope="module")
def big_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    write_generated(path, 400, seed=3)
    return path


def test_large_map_is_drawn_as_an_overview_by_default(big_map: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(big_map), "-f", "dot", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    dot = (tmp_path / "big.dot").read_text(encoding="utf-8")
    assert "Overview: " in dot and " below" in dot and "(folded)" in dot
    drawn = [line for line in dot.splitlines() if line.startswith('"big#') and "->" not in line and "(folded)" not in line]
    assert 0 < len(drawn) < 150
    full = CliRunner().invoke(main, ["render", str(big_map), "-f", "dot", "-o", str(tmp_path / "full"), "--full"])
    assert full.exit_code == 0
    assert "Overview" not in (tmp_path / "full" / "big.dot").read_text(encoding="utf-8")
    above = CliRunner().invoke(main, ["render", str(big_map), "-f", "dot", "-o", str(tmp_path / "a"), "--overview-above", "1000"])
    assert above.exit_code == 0 and "Overview" not in (tmp_path / "a" / "big.dot").read_text(encoding="utf-8")


def test_folded_groups_count_every_hidden_claim(big_map: Path, tmp_path: Path) -> None:
    import re

    CliRunner().invoke(main, ["render", str(big_map), "-f", "dot", "-o", str(tmp_path)])
    dot = (tmp_path / "big.dot").read_text(encoding="utf-8")
    shown, total = map(int, re.search(r"Overview: (\d+) of (\d+) claims", dot).groups())
    counted = re.findall(r'label="\+(\d+) (claims?) (?:below|under no conclusion)', dot)
    hidden = sum(int(n) for n, _ in counted)
    assert shown + hidden == total
    assert all(word == ("claim" if n == "1" else "claims") for n, word in counted), counted
    assert "\\u26a0" not in dot and "⚠ AM" in dot  # folded findings are named


def test_per_conclusion_diagrams(big_map: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(big_map), "-f", "dot", "-o", str(tmp_path), "--per-conclusion"])
    assert result.exit_code == 0, result.output
    parts = sorted(p.name for p in tmp_path.glob("big.*.dot"))
    assert parts and all(p.count(".") == 2 for p in parts)
    text = (tmp_path / parts[0]).read_text(encoding="utf-8")
    assert "rests on and what attacks it" in text


@needs_dot
def test_overview_of_a_large_map_lays_out_quickly(big_map: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(big_map), "-o", str(tmp_path), "--timeout", "60"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "big.svg").read_bytes().rstrip().endswith(b"</svg>")


@pytest.mark.skipif(shutil.which("sfdp") is None, reason="Graphviz's sfdp is not installed")
def test_other_engine(big_map: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(big_map), "-o", str(tmp_path), "--engine", "sfdp", "--full"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "big.svg").read_bytes().rstrip().endswith(b"</svg>")


@settings(max_examples=200, deadline=None)
@given(argument_maps())
def test_steps_below_are_what_each_node_rests_on_or_is_attacked_by(G):
    # As networkx's views list them: supports and opposes into the node, tensions either way.
    steps = steps_below(G)
    assert list(steps) == list(G)
    for n in G:
        assert steps[n] == [u for u, _, k in G.in_edges(n, keys=True) if k in ("supports", "opposes")] + \
            [v for _, v, k in G.out_edges(n, keys=True) if k == "tension"] + \
            [u for u, _, k in G.in_edges(n, keys=True) if k == "tension"]


def test_a_folded_group_of_one_says_claim(tmp_path: Path) -> None:
    """"+1 claims below" was the label of a group of one; counts of kinds agree with their number too."""
    path = tmp_path / "m.yaml"
    path.write_text(
        "title: t\nclaims:\n"
        "  c:\n    text: C\n    kind: conclusion\n"
        "  a:\n    text: A\n    supports: [c]\n"
        "  a1:\n    text: A1\n    supports: [a]\n"
        "  a2:\n    text: A2\n    kind: evidence\n    supports: [a1]\n"
        "  a3:\n    text: A3\n    kind: evidence\n    supports: [a1]\n"
        "  u:\n    text: U\n    kind: assumption\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["render", str(path), "-f", "dot", "-o", str(tmp_path / "out"), "--overview-above", "2"])
    assert result.exit_code == 0, result.output
    dot = (tmp_path / "out" / "m.dot").read_text(encoding="utf-8")
    assert "+1 claim under no conclusion\\n1 assumption" in dot
    assert "claims under no conclusion" not in dot
    assert "+2 claims below\\n2 evidence" in dot
