"""Turn a set of parsed maps into one networkx graph.

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

The graph is built as plain dicts first (:class:`PlainGraph`, the very dicts a ``MultiDiGraph``
keeps); networkx is imported, and the dicts wrapped in its class, only when something asks for
:attr:`MapGraph.graph`. So ``argmap check`` never imports networkx, which takes 0.1 s or more: twice
what checking the seed maps takes without it. The rules read the nodes and the :class:`Relations`,
which are gathered straight from the maps (:func:`gathered_relations`), so checking builds the
edges' dicts only when a rule needs where an edge was written.
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


class PlainGraph:
    """A map's graph as the three dicts networkx's ``MultiDiGraph`` keeps it in, without networkx.

    ``_node`` maps each node to its attributes, ``_succ`` and ``_pred`` each node to its neighbours
    one way, and each neighbour to a dict of edges keyed by type. The analyses and rules read only
    these dicts (and ``nodes``, ``in``, iteration), so they take either this or a real graph.

    The edges may be given as a function that makes them, called the first time ``_succ`` or
    ``_pred`` is read: checking reads the nodes and :class:`Relations` only, and seldom needs them.
    """

    __slots__ = ("_node", "_edges", "_make_edges")

    def __init__(self, nodes: dict[Node, dict], succ: dict[Node, dict] | None = None, pred: dict[Node, dict] | None = None,
                 *, make_edges: Callable[[], tuple[dict[Node, dict], dict[Node, dict]]] | None = None):
        self._node = nodes
        self._edges = None if succ is None or pred is None else (succ, pred)
        self._make_edges = make_edges

    @property
    def _succ(self) -> dict[Node, dict]:
        return self._adjacency()[0]

    @property
    def _pred(self) -> dict[Node, dict]:
        return self._adjacency()[1]

    def _adjacency(self) -> tuple[dict[Node, dict], dict[Node, dict]]:
        if self._edges is None:
            assert self._make_edges is not None, "a PlainGraph needs its edges or a function that makes them"
            self._edges = self._make_edges()
            self._make_edges = None
        return self._edges

    @property
    def nodes(self) -> dict[Node, dict]:
        """Each node's attributes: ``nodes[n]["kind"]``, as ``G.nodes[n]["kind"]`` reads them."""
        return self._node

    def __iter__(self) -> Iterator[Node]:
        return iter(self._node)

    def __contains__(self, n: object) -> bool:
        return n in self._node

    def __len__(self) -> int:
        return len(self._node)


def to_networkx(plain: PlainGraph) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` holding ``plain``'s nodes and edges (its inner dicts shared, not copied)."""
    import networkx as nx

    G = nx.MultiDiGraph()
    G._node.update(plain._node)
    G._succ.update(plain._succ)  # the same dict as G._adj
    G._pred.update(plain._pred)
    return G


def build_graph(maps: MapSet) -> nx.MultiDiGraph:
    """One graph of every claim, argument and relation in ``maps`` (nodes and edges in file order)."""
    return to_networkx(build_plain_graph(maps))


def build_plain_graph(maps: MapSet) -> PlainGraph:
    """:func:`build_graph`'s nodes and edges, as plain dicts."""
    nodes = node_table(maps)
    return PlainGraph(nodes, *_edges(maps, nodes))


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
                "section": None,
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


def _edges(maps: MapSet, nodes: dict[str, dict]) -> tuple[dict[str, dict], dict[str, dict]]:
    """The graph's adjacency dicts each way (``_succ``, ``_pred``), filled as networkx's ``add_edge``
    would fill them, without its checks and copies: an edge is added directly once its key is new.

    References that name nothing and relations of a node to itself get no edge, but an attack on
    itself (a loop); a symmetric relation written on both sides is one edge, in the direction first written.
    """
    succ: dict[str, dict] = {node: {} for node in nodes}
    pred: dict[str, dict] = {node: {} for node in nodes}
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
    return succ, pred


def gathered_relations(maps: MapSet, nodes: dict[str, dict]) -> Relations | None:
    """The :func:`relations` of the graph of ``maps``, gathered from the maps without building its edges.

    It costs about what building the edges alone does, and checking then needs no edges. The lists
    follow the graph's order of edges, which is the order written unless a pair of nodes gets a ``supports`` or
    ``tension`` edge after an edge of another type (it then sits where the pair was first joined):
    for such a map (rare, and an error AM202 reports when it is supports and opposes) this gives
    None, and the relations are read from the graph.
    """
    supports: dict[str, list[str]] = {node: [] for node in nodes}
    supporters: dict[str, list[str]] = {node: [] for node in nodes}
    attacks: dict[str, set[str]] = {}
    attackers: dict[str, set[str]] = {}
    tension: dict[str, list[str]] = {}  # the tension edges out of each node, as the graph keeps them
    joined: dict[str, set[str]] = {}  # the targets of each node's opposes, tension and same-as edges
    same_as: set[str] = set()
    none: frozenset[str] = frozenset()
    for source, written, prefix, _, _ in _edges_written(maps, nodes):
        if source not in nodes:
            continue
        below = supports[source]
        others = joined.get(source, none)
        for rel_type, _, target, _ in written:
            if "#" not in target:
                target = prefix + target
            if target not in nodes or (target == source and rel_type not in ATTACK_TYPES):
                continue
            if rel_type == "supports":
                if target not in below:
                    if target in others:
                        return None
                    below.append(target)
                    supporters[target].append(source)
                continue
            if rel_type == "tension":
                out = tension.setdefault(source, [])
                if target in out or source in tension.get(target, none):
                    continue  # written twice, or on both sides: one relation
                if target in below or target in others:
                    return None
                out.append(target)
                attacks.setdefault(target, set()).add(source)  # an attack both ways
                attackers.setdefault(source, set()).add(target)
            elif rel_type == "same-as":
                same_as.update((source, target))
            if others is none:
                others = joined[source] = set()
            others.add(target)
            if rel_type != "same-as":
                attacks.setdefault(source, set()).add(target)
                attackers.setdefault(target, set()).add(source)
    kind = {n: data["kind"] for n, data in nodes.items()}
    premises = {n: len(supporters[n]) + data.get("absent_premises", 0) for n, data in nodes.items() if data["kind"] == "argument"}
    tensions = [(u, v) for u in nodes if u in tension for v in tension[u]]
    return Relations(dict(zip(kind, count())), kind, supports, supporters, attacks, attackers, premises, tensions, same_as)


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


def relations(G: nx.MultiDiGraph | PlainGraph) -> Relations:
    """The nodes and relations of ``G`` as plain dicts and lists, read in two passes over its edges.

    Algorithms that visit every node and edge run several times faster on these than through
    networkx's views, and several analyses of one map can share them. Attacks are ``opposes``
    edges and ``tension`` edges taken both ways, as in :func:`attackers`. ``G`` must not change
    while they are in use.
    """
    succ, pred = G._succ, G._pred  # the adjacency dicts themselves: views cost a call per edge
    kind = {n: data.get("kind") for n, data in G._node.items()}  # as ``G.nodes(data="kind")``, without the view
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
    nodes = G._node
    premises = {
        n: len(supporters[n]) + nodes[n].get("absent_premises", 0) for n, k in kind.items() if k == "argument"
    }
    return Relations(order, kind, supports, supporters, attacks, attackers, premises, tensions, same_as)


class MapGraph:
    """The maps and their graph, handed to every rule, with a memo so rules share analyses.

    ``plain`` is the graph as plain dicts, which the rules read; ``graph`` the same nodes and edges
    as a networkx ``MultiDiGraph``, made (and networkx imported) the first time it is asked for.
    The rules read the nodes and the :func:`relations`; ``plain``'s edges are built only when read.
    """

    def __init__(self, maps: MapSet, graph: nx.MultiDiGraph | None = None):
        self.maps = maps
        self._graph = graph
        self._memo: dict[object, object] = {}
        if graph is not None:
            self.plain = PlainGraph(graph._node, graph._succ, graph._pred)
            return
        nodes = node_table(maps)
        gathered = gathered_relations(maps, nodes)
        if gathered is None:
            self.plain = PlainGraph(nodes, *_edges(maps, nodes))
            gathered = relations(self.plain)
        else:
            self.plain = PlainGraph(nodes, make_edges=lambda: _edges(maps, nodes))
        self._memo[relations] = gathered

    @property
    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            self._graph = to_networkx(self.plain)
        return self._graph

    def memo(self, function):  # type: ignore[no-untyped-def]
        """``function(self.plain)``, computed once.

        A function with a ``relations`` parameter (the analyses of :mod:`argmap.analysis`) is also
        given the graph's :func:`relations`, computed once for all of them.
        """
        if function not in self._memo:
            if function is not relations and _takes_relations(function):
                self._memo[function] = function(self.plain, relations=self.memo(relations))
            else:
                self._memo[function] = function(self.plain)
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
    G = maps.graph
    members = set(map_members(maps, name))
    own = {n for n, data in G._node.items() if data.get("map") in members}
    if len(own) == len(G._node):
        return list(G._node), set()  # every node is its own: none can be external (the usual case, one map)
    external = set()
    for u, nbrs in G._succ.items():  # every edge, as ``G.edges(data="map")`` gives them, without a view per edge
        for v, keys in nbrs.items():
            if any(data.get("map") == name for data in keys.values()):
                external.update(n for n in (u, v) if n not in own)
    return [n for n in G if n in own or n in external], external


def shown_names(maps: MapGraph, name: str, nodes: list[str]) -> dict[str, str]:
    """How map ``name`` names its nodes to a user: the bare id for its own, ``map#id`` for others'."""
    data = maps.graph._node
    return {n: local_id(n) if data[n]["map"] == name else n for n in nodes}
