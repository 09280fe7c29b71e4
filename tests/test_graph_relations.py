"""The relations gathered from the maps, without the graph's edges, are those read back from the graph."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, reject, settings

from argmap.check import check_graph
from argmap.generate import write_generated
from argmap.graph import MapGraph, build_graph, build_plain_graph, gathered_relations, node_table, relations
from argmap.load import load_map_set, map_scope, parse_map
from argmap.model import MapError, MapSet
from tests.fuzz.test_fuzz_check import documents

REPO = Path(__file__).resolve().parent.parent


def _same(maps: MapSet) -> bool:
    """The gathered relations equal those read from the graph, or there are none; True when there are."""
    plain = build_plain_graph(maps)
    read = relations(plain)
    gathered = gathered_relations(maps, node_table(maps))
    checked = MapGraph(maps)
    assert checked.memo(relations).__dict__ == read.__dict__  # what the rules read, either way
    # The rules find the same on the gathered relations (the edges built only if a rule asks) as on the graph.
    assert check_graph(checked) == check_graph(MapGraph(maps, build_graph(maps)))
    assert checked.plain._node == plain._node and checked.plain._succ == plain._succ and checked.plain._pred == plain._pred
    if gathered is None:
        return False
    assert gathered.__dict__ == read.__dict__
    for field in ("supports", "supporters", "tensions"):  # in the graph's order of edges, not just the same members
        assert getattr(gathered, field) == getattr(read, field)
        assert list(getattr(gathered, field)) == list(getattr(read, field))
    return True


def test_on_the_seed_maps_and_generated_maps(tmp_path: Path) -> None:
    seeds = load_map_set([REPO / "maps"])
    for m in seeds.maps:
        assert _same(map_scope(seeds, m.name))
    for seed in range(4):
        path = tmp_path / f"gen{seed}.yaml"
        write_generated(path, 400, seed=seed)
        assert _same(load_map_set([path]))


def test_when_a_pair_gets_supports_or_tension_after_another_relation_the_graph_is_read(tmp_path: Path) -> None:
    # 'a3' opposes 'c' before it supports it (AM202's case), 'a' opposes 'b' before their tension, and
    # 'a' supports 'b' before their tension: the graph keeps a pair where it was first joined, and the
    # order of the supports and tensions then differs from the order written, so it is read from the graph.
    for claims in ("a3: {text: A3, opposes: [c], supports: [b, c]}", "a: {text: A, opposes: [b], tension: [b]}",
                   "a: {text: A, supports: [b], tension: [c, b]}"):
        (tmp_path / "m.yaml").write_text(textwrap.dedent("""\
            title: T
            claims:
              c: {text: C, kind: conclusion}
              b: {text: B, supports: [c]}
            """) + "  " + claims + "\n", encoding="utf-8")
        assert not _same(load_map_set([tmp_path / "m.yaml"]))


def test_relations_are_gathered_through_symmetric_relations_extensions_and_arguments(tmp_path: Path) -> None:
    # A tension written on both sides and twice, same-as both ways, a supports pair that a tension
    # then joins the other way, a claim alone, an argument with a premise that names nothing and one
    # that is its conclusion, and a premise that also opposes the conclusion (AM202, which then builds
    # the edges to say where); and a map that adds relations to another's claims.
    (tmp_path / "m.yaml").write_text(textwrap.dedent("""\
        title: T
        claims:
          c: {text: C, kind: conclusion}
          b: {text: B, supports: [c], tension: [a, g]}
          a: {text: A, kind: evidence, tension: [b], opposes: [c]}
          d: {text: D, same-as: [b], supports: [c]}
          g: {text: G, kind: evidence, tension: [b], same-as: [d]}
          h: {text: H, kind: evidence, supports: [g, c]}
          e: {text: E, kind: evidence, supports: [b], opposes: [h]}
          lone: {text: L}
          twin: {text: T, same-as: [lone]}
          f: {text: F, supports: [e]}
        arguments:
          arg: {premises: [a, e, missing, c], conclusion: c}
        """), encoding="utf-8")
    (tmp_path / "n.yaml").write_text(textwrap.dedent("""\
        title: N
        include: [m]
        claims:
          x: {text: X, kind: evidence, supports: ["m#a"], tension: ["m#c"]}
          m#a: {supports: ["n#x", "m#d"], tension: ["m#b"]}
          m#c: {tension: [x]}
        """), encoding="utf-8")
    loaded = load_map_set([tmp_path])
    for m in loaded.maps:
        assert _same(map_scope(loaded, m.name))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(wrong=False))
def test_on_random_maps(doc: dict) -> None:
    try:
        argmap = parse_map(yaml.safe_dump(doc, sort_keys=False), "m.yaml", "m")
    except MapError:  # a map the loader refuses (claims: {}, say) has no graph
        reject()
    _same(MapSet(maps=(argmap,), extra=()))
