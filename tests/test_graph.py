"""argmap's own graph (the rules and analyses read it) and the networkx graph made from it through networkx's
public API only when asked for: the same nodes, edges and relations either way."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from argmap.analysis import grounded_labelling, support_cycles, supported_nodes, tensions_in_support
from argmap.check import check_graph
from argmap.generate import write_generated
from argmap.graph import ArgumentGraph, MapGraph, relations
from argmap.load import load_map_set

REPO = Path(__file__).resolve().parent.parent


def _through_networkx(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same nodes and edges, added one by one through networkx's own methods."""
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **data)
    return H


def _maps(tmp_path: Path) -> list[MapGraph]:
    path = tmp_path / "gen.yaml"
    write_generated(path, 300, seed=3)
    return [MapGraph(load_map_set([REPO / "maps"])), MapGraph(load_map_set([path]))]


def test_the_networkx_graph_is_the_one_networkx_itself_builds_from_the_same_nodes_and_edges(tmp_path: Path) -> None:
    for maps in _maps(tmp_path):
        G = maps.graph
        H = _through_networkx(G)
        assert nx.utils.graphs_equal(G, H)
        assert list(G.edges(keys=True)) == list(H.edges(keys=True))
        assert G.number_of_edges() == H.number_of_edges() > 0
        assert dict(G.nodes(data=True)) == maps.argument_graph.nodes


def test_the_argument_graph_and_the_networkx_graph_answer_alike(tmp_path: Path) -> None:
    for maps in _maps(tmp_path):
        A, G = maps.argument_graph, maps.graph
        assert relations(A).__dict__ == relations(G).__dict__
        for analysis in (supported_nodes, support_cycles, tensions_in_support, grounded_labelling):
            assert analysis(A) == analysis(G)
        back = ArgumentGraph.from_networkx(G)
        assert back.nodes == A.nodes and back.succ == A.succ and back.pred == A.pred


def test_checking_reads_the_argument_graph_and_makes_no_networkx_graph(tmp_path: Path) -> None:
    for maps in _maps(tmp_path):
        assert check_graph(maps)
        assert maps._graph is None
        assert isinstance(maps.graph, nx.MultiDiGraph) and maps.graph is maps.graph
