"""Turn a set of parsed maps into one graph: argmap's own :class:`ArgumentGraph`, and networkx's on demand.

Nodes are claims, named ``map#id``, and linked arguments (``kind="argument"``), like AIF's
inference nodes: premises point at the argument, the argument points at its conclusion.
Edges carry ``type`` (supports, opposes, tension, same-as). The graph is a ``MultiDiGraph`` keyed
by type, because one pair of claims can carry two relations (``a`` supports and opposes ``b``) and
a plain ``DiGraph`` would silently keep only one of them. A tension is symmetric but is stored once,
in the direction it was written.

References that name nothing are left out of the graph (AM002 reports them from the map). So are
relations of a claim to itself, except an attack: a claim that opposes, or is in tension with,
itself keeps that edge (a loop), because it defeats itself and the semantics must see it (a
framework imported from a solver's benchmark often has such arguments). AM003 still reports each
one in a hand-written map.

The graph is an :class:`ArgumentGraph`: plain dicts of nodes and edges with a public interface, which
the rules and analyses read. A networkx ``MultiDiGraph`` with the same nodes and edges is made through
networkx's public API (:func:`to_networkx`) only when something asks for :attr:`MapGraph.graph`
(export, drawing): ``argmap check`` never imports networkx, which takes 0.1 s or more, twice what
checking the seed maps takes without it.
"""

from __future__ import annotations

import functools
import inspect
from collections import deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import count
from typing import TYPE_CHECKING

from argmap.model import ArgMap, Argument, MapSet, Position, Relation

if TYPE_CHECKING:
    import networkx as nx

SYMMETRIC_TYPES = frozenset({"tension", "same-as"})
ATTACK_TYPES = frozenset({"opposes", "tension"})  # the relations kept when a claim points them at itself
Node = Hashable


def node_id(map_name: str, local_id: str) -> str:
    return f"{map_name}#{local_id}"


def resolve(reference: str, map_name: str) -> str:
    """The node a reference written in map ``map_name`` names (whether or not it exists)."""
    return reference if "#" in reference else node_id(map_name, reference)


def local_id(node: str) -> str:
    return node.rpartition("#")[2]


def written_relations(argmap: ArgMap) -> Iterator[tuple[str, str, str, Position]]:
    """(type, source node, target node, position) for every relation written in ``argmap``."""
    name = argmap.name
    for claim in argmap.claims:
        if claim.relations:
            source = node_id(name, claim.id)
            for relation in claim.relations:
                target = relation.target
                yield relation.type, source, target if "#" in target else node_id(name, target), relation.position
    for extension in argmap.extensions:
        for relation in extension.relations:
            yield relation.type, extension.target, resolve(relation.target, argmap.name), relation.position


def written_references(argmap: ArgMap, among: set[str] | None = None) -> Iterator[tuple[str, Position, str, str | None]]:
    """(target node, position, what names it, the node it is written on) for every reference in ``argmap``.

    Given ``among``, only the references to those nodes: each reference is then compared as written,
    and only those that match get a node name and a message.
    """
    name = argmap.name
    prefix = name + "#"
    wanted = None if among is None else among | {n[len(prefix):] for n in among if n.startswith(prefix)}
    for claim in argmap.claims:
        for relation in claim.relations:
            if wanted is None or relation.target in wanted:
                yield resolve(relation.target, name), relation.position, f"'{relation.type}' of '{claim.id}'", prefix + claim.id
    for extension in argmap.extensions:
        source = extension.target
        shown = local_id(source) if source == node_id(name, local_id(source)) else source
        for relation in extension.relations:
            if wanted is None or relation.target in wanted:
                yield resolve(relation.target, name), relation.position, f"'{relation.type}' of '{shown}'", source
    for extension in argmap.extensions:
        if among is None or extension.target in among:
            yield extension.target, extension.position, "a key of 'claims'", None
    for argument in argmap.arguments:
        node = prefix + argument.id
        for premise, position in zip(argument.premises, argument.premise_positions, strict=True):
            if wanted is None or premise in wanted:
                yield resolve(premise, name), position, f"a premise of argument '{argument.id}'", node
        if wanted is None or argument.conclusion in wanted:
            yield resolve(argument.conclusion, name), argument.conclusion_position, f"the conclusion of argument '{argument.id}'", node
    for expectation in argmap.expect:
        if wanted is None or expectation.claim in wanted:
            yield resolve(expectation.claim, name), expectation.position, "'expect'", None


def referenced_nodes(argmap: ArgMap) -> set[str]:
    """Every target node of :func:`written_references`, as one set, without a message per reference.

    Compared with the graph's nodes, it tells which references name nothing.
    """
    written = {relation.target for claim in argmap.claims for relation in claim.relations}
    written.update(relation.target for extension in argmap.extensions for relation in extension.relations)
    for argument in argmap.arguments:
        written.update(argument.premises)
        written.add(argument.conclusion)
    written.update(expectation.claim for expectation in argmap.expect)
    prefix = argmap.name + "#"
    named = {target if "#" in target else prefix + target for target in written}
    named.update(extension.target for extension in argmap.extensions)
    return named


class ArgumentGraph:
    """A map's graph as argmap reads it: nodes with their attributes, and edges keyed by type.

    ``nodes`` maps each node to its attributes (``kind``, ``text``, ``map``, ``id``, ``position``...);
    ``succ`` and ``pred`` map each node to its neighbours one way, and each neighbour to the edges
    between them, keyed by type (``succ[u][v]["supports"]`` holds that edge's ``position``, ``map``
    and ``role``). These are the names and shapes networkx's ``MultiDiGraph`` gives the same data
    (``G.nodes``, ``G.succ``, ``G.pred``), so an analysis written against them reads either graph.
    ``edges`` lists every edge ``(u, v, type)`` in the order written: the order that makes ``succ``
    and ``pred`` both what they are (:func:`to_networkx` adds them so).
    """

    __slots__ = ("nodes", "succ", "pred", "edges")

    def __init__(self, nodes: dict[Node, dict], succ: dict[Node, dict], pred: dict[Node, dict],
                 edges: list[tuple[Node, Node, str]]):
        self.nodes = nodes
        self.succ = succ
        self.pred = pred
        self.edges = edges

    @classmethod
    def from_networkx(cls, G: nx.MultiDiGraph) -> ArgumentGraph:
        """The same nodes and edges as ``G`` (edges keyed by type, in its order each way), read through
        networkx's public API."""
        succ = {u: {v: dict(keys) for v, keys in nbrs.items()} for u, nbrs in G.succ.items()}
        pred = {v: {u: succ[u][v] for u in nbrs} for v, nbrs in G.pred.items()}
        return cls(dict(G.nodes(data=True)), succ, pred, list(G.edges(keys=True)))

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes)

    def __contains__(self, n: object) -> bool:
        return n in self.nodes

    def __len__(self) -> int:
        return len(self.nodes)


def to_networkx(graph: ArgumentGraph) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` with ``graph``'s nodes and edges (keyed by type), in the same order."""
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_nodes_from(graph.nodes.items())
    succ = graph.succ
    G.add_edges_from((u, v, key, succ[u][v][key]) for u, v, key in graph.edges)
    return G


def build_graph(maps: MapSet) -> nx.MultiDiGraph:
    """One networkx graph of every claim, argument and relation in ``maps`` (nodes and edges in file order)."""
    return to_networkx(build_argument_graph(maps))


def build_argument_graph(maps: MapSet) -> ArgumentGraph:
    """One graph of every claim, argument and relation in ``maps`` (nodes and edges in file order)."""
    nodes = node_table(maps)
    return ArgumentGraph(nodes, *_edges(maps, nodes))


def node_table(maps: MapSet) -> dict[str, dict[str, object]]:
    """Each node of the graph of ``maps`` and its attributes, in file order: claims, then linked arguments.

    A linked argument's ``absent_premises`` counts the premises that get no edge (one that names
    nothing, AM002, or the conclusion itself, AM003): the argument can never have all its premises.
    """
    nodes: dict[str, dict[str, object]] = {}
    for argmap in maps.all_maps:
        prefix = argmap.name + "#"
        for claim in argmap.claims:
            node = prefix + claim.id
            if node in nodes:
                continue  # a duplicate id: AM001 reports it, the first definition stands
            nodes[node] = {
                "kind": claim.kind,
                "text": claim.text,
                "map": argmap.name,
                "id": claim.id,
                "section": claim.section,
                "quote": claim.quote,
                "note": claim.note,
                "ignore": claim.ignore,
                "position": claim.position,
                "weight": claim.weight,
            }
        for argument in argmap.arguments:
            node = prefix + argument.id
            if node in nodes:
                continue
            nodes[node] = {
                "kind": "argument",
                "text": argument.note or "",
                "map": argmap.name,
                "id": argument.id,
                "section": argument.section,
                "quote": None,
                "note": argument.note,
                "ignore": frozenset(),
                "position": argument.position,
                "weight": argument.weight,
            }
    for _, _, node, conclusion, premises in _linked_arguments(maps, nodes):
        nodes[node]["absent_premises"] = sum(1 for p in premises if p not in nodes or p == conclusion)
    return nodes


def _linked_arguments(maps: MapSet, nodes: dict[str, dict]) -> Iterator[tuple[ArgMap, Argument, str, str, dict[str, Position]]]:
    """(map, argument, its node, its conclusion's node, each premise's node and position) of every linked argument."""
    for argmap in maps.all_maps:
        name = argmap.name
        for argument in argmap.arguments:
            node = node_id(name, argument.id)
            if nodes[node]["position"] != argument.position:
                continue  # a duplicate id
            premises = {resolve(p, name): pos for p, pos in zip(argument.premises, argument.premise_positions, strict=True)}
            yield argmap, argument, node, resolve(argument.conclusion, name), premises


def _edges_written(maps: MapSet, nodes: dict[str, dict]) -> Iterator[tuple[str, Sequence[Relation], str, str, str]]:
    """Every node's edges out as written, in file order: ``(source, relations, prefix, map, role)``.

    A relation's target is a node, or the id of a node of ``map`` (``prefix`` is ``map#``): the
    claims' relations are handed on as read, not copied to resolve each. ``role`` says which edges a
    linked argument makes (``premise`` into it, ``conclusion`` out of it). Sources and targets may
    name nothing.
    """
    arguments = _linked_arguments(maps, nodes)
    argument = next(arguments, None)
    for argmap in maps.all_maps:
        name = argmap.name
        prefix = name + "#"
        for claim in argmap.claims:
            if claim.relations:
                yield prefix + claim.id, claim.relations, prefix, name, ""
        for extension in argmap.extensions:
            yield extension.target, extension.relations, prefix, name, ""
        while argument is not None and argument[0] is argmap:
            _, written, node, conclusion, premises = argument
            for premise, position in premises.items():
                if premise != conclusion:
                    yield premise, [Relation("supports", premise, node, position)], prefix, name, "premise"
            yield node, [Relation("supports", node, conclusion, written.conclusion_position)], prefix, name, "conclusion"
            argument = next(arguments, None)


def _edges(maps: MapSet, nodes: dict[str, dict]) -> tuple[dict[str, dict], dict[str, dict], list[tuple[str, str, str]]]:
    """The graph's adjacency dicts each way (``succ``, ``pred``), filled as networkx's ``add_edge``
    would fill them, and its edges ``(source, target, type)`` in the order written.

    References that name nothing and relations of a node to itself get no edge, but an attack on
    itself (a loop); a symmetric relation written on both sides is one edge, in the direction first written.
    """
    succ: dict[str, dict] = {node: {} for node in nodes}
    pred: dict[str, dict] = {node: {} for node in nodes}
    edges: list[tuple[str, str, str]] = []
    for source, written, prefix, written_in, role in _edges_written(maps, nodes):
        if source not in nodes:
            continue
        out = succ[source]
        for rel_type, _, target, position in written:
            if "#" not in target:
                target = prefix + target
            if target not in nodes or (target == source and rel_type not in ATTACK_TYPES):
                continue
            keys = out.get(target)
            if keys is not None and rel_type in keys:
                continue
            if rel_type in SYMMETRIC_TYPES and rel_type in succ[target].get(source, ()):
                continue  # written on both sides: one relation
            if keys is None:
                keys = out[target] = pred[target][source] = {}
            keys[rel_type] = {"type": rel_type, "position": position, "map": written_in, "role": role}
            edges.append((source, target, rel_type))
    return succ, pred, edges


@dataclass(eq=False)
class Relations:
    """The nodes and relations of a graph as plain data (see :func:`relations`)."""

    order: dict[Node, int]  # node -> its position in G
    kind: dict[Node, str]
    supports: dict[Node, list[Node]]  # what each node supports, in G's order of edges
    supporters: dict[Node, list[Node]]  # what supports each node, in G's order of in-edges
    attacks: dict[Node, set[Node]]  # what each node attacks (only nodes that attack something)
    attackers: dict[Node, set[Node]]  # what attacks each node (only nodes that are attacked)
    premises: dict[Node, int]  # linked argument -> how many premises it needs
    tensions: list[tuple[Node, Node]]  # the tension edges, as written, in G's order of edges
    same_as: set[Node]  # the nodes a same-as edge joins (the one relation the fields above leave out)
    cache: dict[str, object] = field(default_factory=dict)  # analyses of these relations, computed once


def relations(G: nx.MultiDiGraph | ArgumentGraph) -> Relations:
    """The nodes and relations of ``G`` as plain dicts and lists, read in two passes over its edges.

    Algorithms that visit every node and edge run several times faster on these than through
    networkx's views, and several analyses of one map can share them. Attacks are ``opposes``
    edges and ``tension`` edges taken both ways, as in :func:`attackers`. ``G`` must not change
    while they are in use.
    """
    succ, pred = G.succ, G.pred
    kind = {n: data.get("kind") for n, data in G.nodes.items()}
    order = dict(zip(kind, count()))
    supporters = {v: [u for u, keys in nbrs.items() if "supports" in keys] for v, nbrs in pred.items()}
    supports: dict[Node, list[Node]] = {}
    attacks: dict[Node, set[Node]] = {}
    attackers: dict[Node, set[Node]] = {}
    tensions = []
    same_as: set[Node] = set()
    for u, nbrs in succ.items():  # one pass over the edges: reading them is most of the cost
        below = supports[u] = []
        for v, keys in nbrs.items():
            if "supports" in keys:
                below.append(v)
                if len(keys) == 1:
                    continue  # most pairs of nodes are joined by a ``supports`` edge alone
            if "same-as" in keys:
                same_as.update((u, v))
            if "tension" in keys:
                tensions.append((u, v))
                attacks.setdefault(v, set()).add(u)
                attackers.setdefault(u, set()).add(v)
            elif "opposes" not in keys:
                continue
            attacks.setdefault(u, set()).add(v)
            attackers.setdefault(v, set()).add(u)
    nodes = G.nodes
    premises = {
        n: len(supporters[n]) + nodes[n].get("absent_premises", 0) for n, k in kind.items() if k == "argument"
    }
    return Relations(order, kind, supports, supporters, attacks, attackers, premises, tensions, same_as)


class MapGraph:
    """The maps and their graph, handed to every rule, with a memo so rules share analyses.

    ``argument_graph`` is the graph the rules and analyses read; ``graph`` the same nodes and edges as
    a networkx ``MultiDiGraph``, made (and networkx imported) the first time it is asked for.
    """

    def __init__(self, maps: MapSet):
        self.maps = maps
        self.argument_graph = build_argument_graph(maps)
        self._graph: nx.MultiDiGraph | None = None
        self._memo: dict[object, object] = {}

    @property
    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            self._graph = to_networkx(self.argument_graph)
        return self._graph

    def memo(self, function):  # type: ignore[no-untyped-def]
        """``function(self.argument_graph)``, computed once.

        A function with a ``relations`` parameter (the analyses of :mod:`argmap.analysis`) is also
        given the graph's :func:`relations`, computed once for all of them.
        """
        if function not in self._memo:
            if function is not relations and _takes_relations(function):
                self._memo[function] = function(self.argument_graph, relations=self.memo(relations))
            else:
                self._memo[function] = function(self.argument_graph)
        return self._memo[function]


@functools.cache
def _takes_relations(function: Callable[..., object]) -> bool:
    """Whether ``function`` has a ``relations`` parameter (asked once per function, not once per map)."""
    return "relations" in inspect.signature(function).parameters


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
    G = maps.argument_graph
    members = set(map_members(maps, name))
    own = {n for n, data in G.nodes.items() if data.get("map") in members}
    if len(own) == len(G.nodes):
        return list(G.nodes), set()  # every node is its own: none can be external (the usual case, one map)
    external = set()
    for u, nbrs in G.succ.items():  # every edge
        for v, keys in nbrs.items():
            if any(data.get("map") == name for data in keys.values()):
                external.update(n for n in (u, v) if n not in own)
    return [n for n in G if n in own or n in external], external


def shown_names(maps: MapGraph, name: str, nodes: list[str]) -> dict[str, str]:
    """How map ``name`` names its nodes to a user: the bare id for its own, ``map#id`` for others'."""
    data = maps.argument_graph.nodes
    return {n: local_id(n) if data[n]["map"] == name else n for n in nodes}
