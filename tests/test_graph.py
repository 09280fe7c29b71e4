"""The graph is built as plain dicts (the rules read its nodes), its edges when read, and wrapped in networkx only when asked for."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from argmap.check import check_graph
from argmap.generate import write_generated
from argmap.graph import MapGraph
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
        assert set(G.in_edges(keys=True)) == set(H.in_edges(keys=True))  # in the order written, not H's
        assert G.number_of_edges() == H.number_of_edges() > 0
        assert G._node is not maps.plain._node and G._node == maps.plain._node  # the nodes' data shared, not copied


def test_checking_reads_the_plain_graph_and_makes_no_networkx_graph(tmp_path: Path) -> None:
    for maps in _maps(tmp_path):
        assert check_graph(maps)
        assert maps._graph is None
        assert maps.plain._edges is None  # the rules read the nodes and the relations gathered from the maps
        assert isinstance(maps.graph, nx.MultiDiGraph) and maps.graph is maps.graph
