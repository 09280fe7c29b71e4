"""Export a map's graph for other tools: node-link JSON, GraphML or DOT."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from argmap.check import findings_in_scope
from argmap.dot import diagram_nodes, dot_text, to_dot
from argmap.graph import MapGraph, local_id
from argmap.load import DEFAULT_MAX_BYTES, load_map_set
from argmap.model import MapError

FORMATS = ("json", "graphml", "dot")


def export_graph(maps: MapGraph, name: str) -> nx.MultiDiGraph:
    """The part of the graph that map ``name``'s diagram shows, with plain (str/int) attributes.

    Node ids are the claim ids; claims of other maps keep their ``map#id`` name.
    """
    G = maps.graph
    nodes, _ = diagram_nodes(maps, name)

    def rename(n: str) -> str:
        return local_id(n) if G.nodes[n]["map"] == name else n

    H = nx.MultiDiGraph(name=name, title=maps.maps.by_name()[name].title)
    for n in nodes:
        data = G.nodes[n]
        attrs = {"text": data["text"], "kind": data["kind"], "map": data["map"], "line": data["position"].line}
        attrs.update({k: data[k] for k in ("section", "quote", "note") if data.get(k)})
        H.add_node(rename(n), **attrs)
    shown = set(nodes)
    for u, v, k in G.edges(keys=True):
        if u in shown and v in shown:
            H.add_edge(rename(u), rename(v), key=k, type=k)
    return H


def node_link(H: nx.MultiDiGraph) -> dict[str, object]:
    """networkx node-link data: ``nodes`` with ``id``, ``text``, ``kind``; ``links`` with ``source``, ``target``, ``type``."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": dict(H.graph),
        "nodes": [{"id": n, **data} for n, data in H.nodes(data=True)],
        "links": [{"source": u, "target": v, "type": k} for u, v, k in H.edges(keys=True)],
    }


def export_map(path: str, fmt: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Map file ``path`` (and what it includes) exported as ``fmt`` text."""
    if Path(path).is_dir():
        raise MapError("export takes one map file, not a folder", path=path)
    loaded = load_map_set([path], max_bytes=max_bytes)
    name = loaded.maps[0].name
    maps, findings = findings_in_scope(loaded, name)
    if fmt == "json":
        return json.dumps(node_link(export_graph(maps, name)), indent=2, ensure_ascii=False) + "\n"
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(export_graph(maps, name))) + "\n"
    if fmt == "dot":
        return dot_text(to_dot(maps, name, findings))
    raise MapError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
