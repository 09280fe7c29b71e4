"""The DOT writer (``argmap.dot.DotGraph``): byte for byte what pydot 4 wrote for the same diagram.

Diagrams used to be built as pydot objects; now the DOT is written directly. Each test draws the
same diagrams twice, once with ``DotGraph`` and once with ``PydotGraph`` below (the same calls made
on real pydot objects, as the old code made them), and compares the texts, then reads the DOT back
with pydot and compares the nodes, edges, clusters and attributes with the pydot objects.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pydot
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import argmap.dot
from argmap.diagrams import diagrams
from argmap.dot import DotGraph, _graph_id, _value, dot_bytes, dot_id, dot_label, dot_text, printable
from argmap.export import export_bytes, export_map
from argmap.generate import write_generated

REPO = Path(__file__).resolve().parent.parent


class PydotGraph:
    """``DotGraph``'s interface over pydot objects: how the diagrams were built before."""

    def __init__(self, name: str, *, cluster: bool = False) -> None:
        self.graph = pydot.Subgraph(name) if cluster else pydot.Dot(name, graph_type="digraph", strict=False)

    def set(self, key: str, value: str) -> None:
        self.graph.set(key, value)

    def set_node_defaults(self, **attrs: str) -> None:
        self.graph.set_node_defaults(**attrs)

    def set_edge_defaults(self, **attrs: str) -> None:
        self.graph.set_edge_defaults(**attrs)

    def add_node(self, node_id: str, attrs: dict[str, str]) -> None:
        self.graph.add_node(pydot.Node(node_id, **attrs))

    def add_edge(self, source: str, target: str, attrs: dict[str, str]) -> None:
        self.graph.add_edge(pydot.Edge(source, target, **attrs))

    def add_subgraph(self, cluster: PydotGraph) -> None:
        self.graph.add_subgraph(cluster.graph)

    def to_bytes(self) -> bytes:
        return self.graph.to_string().encode("utf-8")


def _statements(graph: pydot.Graph) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    """Every node, edge and cluster of ``graph`` (clusters recursively), with its attributes, in order."""
    out: list[tuple[str, str, tuple[tuple[str, str], ...]]] = []
    out.append(("graph", graph.get_name(), tuple(graph.get_attributes().items())))
    items = [(n.get_sequence(), "node", n) for n in graph.get_nodes()]
    items += [(e.get_sequence(), "edge", e) for e in graph.get_edges()]
    items += [(s.get_sequence(), "subgraph", s) for s in graph.get_subgraphs()]
    for _, kind, item in sorted(items, key=lambda t: t[0]):
        if kind == "subgraph":
            out.extend(_statements(item))
        elif kind == "node":
            out.append(("node", item.get_name(), tuple(item.get_attributes().items())))
        else:
            out.append(("edge", f"{item.get_source()} -> {item.get_destination()}", tuple(item.get_attributes().items())))
    return out


def _as_written(statements: list[tuple[str, str, tuple[tuple[str, str], ...]]]) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    """Attribute values as pydot reads them back: with their quotes, and without DOT's backslash-newlines."""
    def read(value: str) -> str:
        return (pydot.quote_attr_if_necessary(value) if value != "" else '""').replace("\\\n", "")

    return [(kind, name.replace("\\\n", ""), tuple((k, read(v)) for k, v in attrs)) for kind, name, attrs in statements]


def both(monkeypatch: pytest.MonkeyPatch, draw):  # type: ignore[no-untyped-def]
    """What ``draw()`` gives with the direct writer, and with pydot objects."""
    direct = draw()
    with monkeypatch.context() as patch:
        built: list[PydotGraph] = []

        class Recording(PydotGraph):
            def __init__(self, name: str, *, cluster: bool = False) -> None:
                super().__init__(name, cluster=cluster)
                if not cluster:
                    built.append(self)

        patch.setattr(argmap.dot, "DotGraph", Recording)
        old = draw()
    return direct, old, [g.graph for g in built]


def assert_same(direct: str, old: str, graph: pydot.Dot, *, parse: bool = False) -> None:
    assert direct == old  # byte for byte
    if parse:  # pydot's parser takes seconds for a few hundred nodes: only some tests read the DOT back
        (parsed,) = pydot.graph_from_dot_data(direct)
        assert _statements(parsed) == _as_written(_statements(graph))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "gen.yaml"
    write_generated(path, 130, seed=7)  # over 120 nodes: the large layout
    return path


def first_claim(path: Path) -> str:
    return next(iter(yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]))


def test_export_dot_of_a_generated_map_is_what_pydot_wrote(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    direct, old, graphs = both(monkeypatch, lambda: export_map(str(generated), "dot"))
    assert len(graphs) == 1 and "subgraph cluster_" in direct and "mclimit=0.3;" in direct  # clusters, large layout
    assert_same(direct, old, graphs[0], parse=True)
    assert export_bytes(str(generated), "dot") == direct.encode("utf-8")


@pytest.mark.parametrize("options", [
    {"overview_above": 40},  # an overview, with folded groups
    {"full": True, "evaluate": True},
    {"per_conclusion": True, "depth": 1},
    {"focus": "", "depth": 2, "rankdir": "TB"},
])
def test_render_of_a_generated_map_is_what_pydot_wrote(generated: Path, monkeypatch: pytest.MonkeyPatch,
                                                        options: dict) -> None:
    if "focus" in options:
        options = {**options, "focus": first_claim(generated)}
    direct, old, graphs = both(monkeypatch, lambda: diagrams([str(generated)], **options))
    assert [d.name for d in direct] == [d.name for d in old] and len(graphs) == len(direct) >= 1
    for new, before, graph in zip(direct, old, graphs, strict=True):
        assert_same(new.dot, before.dot, graph)


@pytest.mark.parametrize("evaluate", [False, True])
def test_render_of_the_repository_maps_is_what_pydot_wrote(monkeypatch: pytest.MonkeyPatch, evaluate: bool) -> None:
    direct, old, graphs = both(monkeypatch, lambda: diagrams([str(REPO / "maps")], evaluate=evaluate))
    assert any(d.dot.count("subgraph cluster_") > 2 for d in direct)  # the combined map: clusters in clusters
    for new, before, graph in zip(direct, old, graphs, strict=True):
        assert_same(new.dot, before.dot, graph, parse=evaluate)


HARD = ['He said "no"', "back\\slash \\N and a trailing backslash\\", "first\nsecond", "a < b & c",
        "node", "graph edge", "中国 😀", "tab\there\x85", "x" * 5000, "1st", "0", "a:b", ""]


def test_hard_ids_and_texts_are_written_as_pydot_wrote_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims: dict = {"c": {"text": "Conclusion", "kind": "conclusion"}}
    for i, text in enumerate(HARD):
        key = ["node", "edge", "graph", "strict", "1st", "0", "a-b", "n7", "digraph", "subgraph", "n10", "n11",
               "n12"][i]
        claims[key] = {"text": text or "empty?", "section": text or "s", "supports": ["c"], "note": text}
    (tmp_path / "m.yaml").write_text(yaml.safe_dump({"title": 'Title "quoted" \\ & <b>', "claims": claims},
                                                    allow_unicode=True), encoding="utf-8")
    direct, old, graphs = both(monkeypatch, lambda: diagrams([str(tmp_path / "m.yaml")], full=True))
    for new, before, graph in zip(direct, old, graphs, strict=True):
        assert_same(new.dot, before.dot, graph, parse=True)


VALUES = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789.-_aZ:\"<>#, \n\r\x00é", max_size=10),
    st.sampled_from(["", "0", "01", "1.5", ".5", "5.", "1e5", "graph", "Node", "strict", "box", "#fff", "a b",
                     "rounded,filled", "Helvetica-Bold", "<<B>x</B>>", '"q"', '"', "²", "٣", "x\n", "3\n"]),
)


@given(VALUES)
def test_values_are_quoted_as_pydot_quoted_them(value: str) -> None:
    node = pydot.Node('"n"', a=value)
    assert f'"n" [a={_value(value)}];' == node.to_string()


@given(VALUES)
def test_graph_names_are_quoted_as_pydot_quoted_them(name: str) -> None:
    expected = pydot.Dot(name, graph_type="digraph").to_string()
    assert DotGraph(name).to_bytes().decode("utf-8") == expected
    assert _graph_id(name) == pydot.quote_id_if_necessary(name)


@given(st.text(max_size=40))
def test_ids_and_labels_are_written_unchanged(text: str) -> None:
    graph = DotGraph(dot_id("g"))
    graph.add_node(dot_id(text), {"label": dot_label(text)})
    graph.add_edge(dot_id(text), dot_id(text + "2"), {})
    old = pydot.Dot(dot_id("g"), graph_type="digraph")
    old.add_node(pydot.Node(dot_id(text), label=dot_label(text)))
    old.add_edge(pydot.Edge(dot_id(text), dot_id(text + "2")))
    assert dot_text(graph) == old.to_string()
    assert dot_bytes(graph) == old.to_string().encode("utf-8")


def test_unquoted_node_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="quoted"):
        DotGraph(dot_id("g")).add_node("a:b", {})


def test_printable_turns_exactly_the_control_characters_into_spaces() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    expected = "".join(" " if unicodedata.category(c) == "Cc" and c != "\n" else c for c in every)
    assert printable(every) == expected


def test_wrap_breaks_lines_as_textwrap_does() -> None:
    """``wrap`` fills lines itself when no word is too long, and must give ``textwrap.wrap``'s lines."""
    import random
    import textwrap

    from argmap.dot import shorten, wrap

    rng = random.Random(7)
    pieces = ["a", "bb", "ccc", "dddd", "e" * 10, "f" * 31, "g" * 32, "h" * 33, "i-j-k-l-m-n-o-p-q-r-s-t-u", "  ", "\n",
              "\t", "\u00a0", "x\u2028y", "", "\u00e9" * 5, "\x1f"]
    for _ in range(20000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        for width in (32, 40, 10):
            lines = textwrap.wrap(shorten(" ".join(printable(text).split())), width, break_on_hyphens=False)
            assert wrap(text, width) == ("\n".join(lines) or " ")
