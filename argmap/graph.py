"""Turn a set of parsed maps into one networkx graph.

Nodes are claims, named ``map#id``, and linked arguments (``kind="argument"``), like AIF's
inference nodes: premises point at the argument, the argument points at its conclusion.
Edges carry ``type`` (supports, opposes, tension, same-as). The graph is a ``MultiDiGraph`` keyed
by type, because one pair of claims can carry two relations (``a`` supports and opposes ``b``) and
a plain ``DiGraph`` would silently keep only one of them. A tension is symmetric but is stored once,
in the direction it was written.

References that name nothing and relations of a claim to itself are left out of the graph; the
rules AM002 and AM003 report them from the map.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

import networkx as nx

from argmap.model import ArgMap, MapSet, Position

SYMMETRIC_TYPES = frozenset({"tension", "same-as"})


def node_id(map_name: str, local_id: str) -> str:
    return f"{map_name}#{local_id}"


def resolve(reference: str, map_name: str) -> str:
    """The node a reference written in map ``map_name`` names (whether or not it exists)."""
    return reference if "#" in reference else node_id(map_name, reference)


def local_id(node: str) -> str:
    return node.rpartition("#")[2]


def written_relations(argmap: ArgMap) -> Iterator[tuple[str, str, str, Position]]:
    """(type, source node, target node, position) for every relation written in ``argmap``."""
    for claim in argmap.claims:
        for relation in claim.relations:
            yield relation.type, node_id(argmap.name, claim.id), resolve(relation.target, argmap.name), relation.position
    for extension in argmap.extensions:
        for relation in extension.relations:
            yield relation.type, extension.target, resolve(relation.target, argmap.name), relation.position


def written_references(argmap: ArgMap) -> Iterator[tuple[str, Position, str, str | None]]:
    """(target node, position, what names it, the node it is written on) for every reference in ``argmap``."""
    for rel_type, source, target, position in written_relations(argmap):
        name = local_id(source) if source == node_id(argmap.name, local_id(source)) else source
        yield target, position, f"'{rel_type}' of '{name}'", source
    for extension in argmap.extensions:
        yield extension.target, extension.position, "a key of 'claims'", None
    for argument in argmap.arguments:
        node = node_id(argmap.name, argument.id)
        for premise, position in zip(argument.premises, argument.premise_positions, strict=True):
            yield resolve(premise, argmap.name), position, f"a premise of argument '{argument.id}'", node
        yield resolve(argument.conclusion, argmap.name), argument.conclusion_position, f"the conclusion of argument '{argument.id}'", node
    for expectation in argmap.expect:
        yield resolve(expectation.claim, argmap.name), expectation.position, "'expect'", None


def build_graph(maps: MapSet) -> nx.MultiDiGraph:
    """One graph of every claim, argument and relation in ``maps`` (nodes and edges in file order)."""
    G = nx.MultiDiGraph()
    for argmap in maps.all_maps:
        for claim in argmap.claims:
            node = node_id(argmap.name, claim.id)
            if node in G:
                continue  # a duplicate id: AM001 reports it, the first definition stands
            G.add_node(
                node,
                kind=claim.kind,
                text=claim.text,
                map=argmap.name,
                id=claim.id,
                section=claim.section,
                quote=claim.quote,
                note=claim.note,
                ignore=claim.ignore,
                position=claim.position,
            )
        for argument in argmap.arguments:
            node = node_id(argmap.name, argument.id)
            if node in G:
                continue
            G.add_node(
                node,
                kind="argument",
                text=argument.note or "",
                map=argmap.name,
                id=argument.id,
                section=None,
                quote=None,
                note=argument.note,
                ignore=frozenset(),
                position=argument.position,
            )
    for argmap in maps.all_maps:
        for rel_type, source, target, position in written_relations(argmap):
            _add_edge(G, source, target, rel_type, position, argmap.name)
        for argument in argmap.arguments:
            node = node_id(argmap.name, argument.id)
            if G.nodes[node]["position"] != argument.position:
                continue  # a duplicate id
            conclusion = resolve(argument.conclusion, argmap.name)
            premises = {resolve(p, argmap.name): pos for p, pos in zip(argument.premises, argument.premise_positions, strict=True)}
            # A premise that names nothing (AM002) or the conclusion itself (AM003) gets no edge, but
            # still counts: the argument can never have all its premises.
            G.nodes[node]["absent_premises"] = sum(1 for p in premises if p not in G or p == conclusion)
            for premise, position in premises.items():
                if premise != conclusion:
                    _add_edge(G, premise, node, "supports", position, argmap.name, role="premise")
            _add_edge(G, node, conclusion, "supports", argument.conclusion_position, argmap.name, role="conclusion")
    return G


def _add_edge(
    G: nx.MultiDiGraph, source: str, target: str, rel_type: str, position: Position, written_in: str, role: str = ""
) -> None:
    if source == target or source not in G or target not in G:
        return
    if G.has_edge(source, target, key=rel_type):
        return
    if rel_type in SYMMETRIC_TYPES and G.has_edge(target, source, key=rel_type):
        return  # written on both sides: one relation
    G.add_edge(source, target, key=rel_type, type=rel_type, position=position, map=written_in, role=role)


class MapGraph:
    """The maps and their graph, handed to every rule, with a memo so rules share analyses."""

    def __init__(self, maps: MapSet, graph: nx.MultiDiGraph | None = None):
        self.maps = maps
        self.graph = build_graph(maps) if graph is None else graph
        self._memo: dict[object, object] = {}

    def memo(self, function):  # type: ignore[no-untyped-def]
        """``function(self.graph)``, computed once."""
        if function not in self._memo:
            self._memo[function] = function(self.graph)
        return self._memo[function]


def map_members(maps: MapGraph, name: str) -> list[str]:
    """``name`` and every map it includes, directly or not, in first-seen order."""
    by_name = maps.maps.by_name()
    order, queue = [], deque([name])
    while queue:
        current = queue.popleft()
        if current in order or current not in by_name:
            continue
        order.append(current)
        queue.extend(by_name[current].includes)
    return order


def diagram_nodes(maps: MapGraph, name: str) -> tuple[list[str], set[str]]:
    """The nodes a diagram of map ``name`` shows, in graph order, and which of them are external.

    A map shows its own claims and those of the maps it includes; a claim of another map that one of
    its relations names is shown too, marked as external.
    """
    G = maps.graph
    members = set(map_members(maps, name))
    own = {n for n, m in G.nodes(data="map") if m in members}
    external = set()
    for u, v, written in G.edges(data="map"):
        if written == name:
            external.update(n for n in (u, v) if n not in own)
    return [n for n in G if n in own or n in external], external


def shown_names(maps: MapGraph, name: str, nodes: list[str]) -> dict[str, str]:
    """How map ``name`` names its nodes to a user: the bare id for its own, ``map#id`` for others'."""
    return {n: local_id(n) if maps.graph.nodes[n]["map"] == name else n for n in nodes}
