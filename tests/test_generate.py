"""The map generator: deterministic, valid, realistic in shape, and its planted defects are found."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from argmap.generate import MIN_CLAIMS, generate, write_generated
from argmap.graph import MapGraph
from argmap.load import load_map, load_map_set
from tests.helpers import invoke

N = 400


def test_same_seed_same_bytes_other_seed_other_map():
    first, again, other = generate(N, seed=7), generate(N, seed=7), generate(N, seed=8)
    assert first.yaml == again.yaml and first.source == again.source
    assert first.yaml != other.yaml


def test_written_map_and_source_load(tmp_path):
    made = write_generated(tmp_path / "big.yaml", N, seed=3)
    assert (tmp_path / "big.yaml").read_text(encoding="utf-8") == made.yaml
    assert (tmp_path / "sources" / "big.txt").read_text(encoding="utf-8") == made.source
    argmap = load_map(tmp_path / "big.yaml")
    assert argmap.source == "sources/big.txt" and argmap.source_text == made.source
    assert len(argmap.claims) == N == made.claims


def test_shape_is_that_of_a_large_real_map(tmp_path):
    write_generated(tmp_path / "m.yaml", N, seed=1)
    argmap = load_map(tmp_path / "m.yaml")
    kinds = Counter(c.kind for c in argmap.claims)
    assert 0.02 * N <= kinds["conclusion"] <= 0.06 * N
    assert kinds["evidence"] > 0 and kinds["assumption"] > 0 and kinds["claim"] > 0
    assert all(c.quote for c in argmap.claims if c.kind == "evidence")
    types = Counter(r.type for c in argmap.claims for r in c.relations)
    assert types["supports"] and types["opposes"] and types["tension"]
    assert argmap.arguments and all(2 <= len(a.premises) <= 3 for a in argmap.arguments)
    assert len({c.section for c in argmap.claims if c.section}) >= 2
    relations = sum(types.values()) + sum(len(a.premises) + 1 for a in argmap.arguments)
    assert 2 <= relations / N <= 3
    # Claims that support two parents (cross-links).
    assert any(sum(r.type == "supports" for r in c.relations) >= 2 for c in argmap.claims)
    # Support trees three to six levels deep (a linked argument adds a step): support distances.
    G = MapGraph(load_map_set([tmp_path / "m.yaml"])).graph
    distance = {n: 0 for n, kind in G.nodes(data="kind") if kind == "conclusion"}
    frontier = list(distance)
    while frontier:
        frontier = [u for v in frontier for u, _, k in G.in_edges(v, keys=True) if k == "supports" and u not in distance]
        distance.update((u, 1 + min(distance[v] for _, v, k in G.out_edges(u, keys=True) if v in distance)) for u in frontier)
    assert 3 <= max(distance.values()) <= 6 + 3


def test_check_finds_exactly_the_planted_errors(tmp_path):
    made = write_generated(tmp_path / "m.yaml", N, seed=2)
    result = invoke("check", tmp_path / "m.yaml", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    errors = Counter(f["code"] for f in report["findings"] if f["severity"] == "error")
    assert errors == Counter(made.defects) == Counter({"AM101": 1, "AM102": 1, "AM301": 1, "AM002": 1})
    assert report["summary"]["claims"] == N and report["summary"]["relations"] == made.relations


def test_defects_scale_with_size():
    assert generate(3000, seed=0).defects == {"AM101": 3, "AM102": 3, "AM301": 3, "AM002": 3}


def test_cli_writes_the_map_and_its_source(tmp_path):
    result = invoke("generate", "--claims", "60", "--seed", "4", "-o", tmp_path / "out" / "g.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "g.yaml").read_text(encoding="utf-8") == generate(60, 4, name="g").yaml
    assert (tmp_path / "out" / "sources" / "g.txt").is_file()
    printed = invoke("generate", "--claims", "60", "--seed", "4")
    assert printed.exit_code == 0 and printed.stdout == generate(60, 4).yaml


def test_cli_refuses_too_few_claims():
    result = invoke("generate", "--claims", str(MIN_CLAIMS - 1))
    assert result.exit_code == 2
    with pytest.raises(ValueError):
        generate(MIN_CLAIMS - 1)
