"""The relations gathered while the graph is built are those read back from the finished graph."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, reject, settings

from argmap.generate import write_generated
from argmap.graph import build_plain_graph_and_relations, relations
from argmap.load import load_map_set, map_scope, parse_map
from argmap.model import MapError, MapSet
from tests.fuzz.test_fuzz_check import documents

REPO = Path(__file__).resolve().parent.parent


def _same(maps: MapSet) -> None:
    plain, gathered = build_plain_graph_and_relations(maps)
    assert gathered.__dict__ == relations(plain).__dict__
    for field in ("supports", "supporters"):  # in the graph's order of edges, not just the same members
        assert {n: list(v) for n, v in getattr(gathered, field).items()} == getattr(relations(plain), field)


def test_on_the_seed_maps_and_generated_maps(tmp_path: Path) -> None:
    seeds = load_map_set([REPO / "maps"])
    for m in seeds.maps:
        _same(map_scope(seeds, m.name))
    for seed in range(4):
        path = tmp_path / f"gen{seed}.yaml"
        write_generated(path, 400, seed=seed)
        _same(load_map_set([path]))


def test_when_a_pair_gets_supports_after_another_relation(tmp_path: Path) -> None:
    # 'a3' opposes 'c' before it supports it (AM202's case: its supports list must still follow the
    # graph's order of edges), 'b' is in tension with 'a' on both sides, and an argument's premise also
    # supports its conclusion directly.
    (tmp_path / "m.yaml").write_text(textwrap.dedent("""\
        title: T
        claims:
          c: {text: C, kind: conclusion}
          b: {text: B, supports: [c], tension: [a]}
          a: {text: A, opposes: [c], tension: [b], kind: evidence}
          a2: {text: A2, supports: [b, c], opposes: [b]}
          a3: {text: A3, opposes: [c], supports: [b, c]}
          e: {text: E, kind: evidence, supports: [a2]}
        arguments:
          arg: {premises: [a, e, missing], conclusion: c}
        """), encoding="utf-8")
    (tmp_path / "n.yaml").write_text(textwrap.dedent("""\
        title: N
        include: [m]
        claims:
          x: {text: X, kind: evidence, supports: ["m#a"]}
          m#a: {supports: [c, "n#x"]}
        """), encoding="utf-8")
    loaded = load_map_set([tmp_path])
    for m in loaded.maps:
        _same(map_scope(loaded, m.name))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(wrong=False))
def test_on_random_maps(doc: dict) -> None:
    try:
        argmap = parse_map(yaml.safe_dump(doc, sort_keys=False), "m.yaml", "m")
    except MapError:  # a map the loader refuses (claims: {}, say) has no graph
        reject()
    _same(MapSet(maps=(argmap,), extra=()))
