"""Draw argument maps as Graphviz diagrams (DOT text) and lay them out with Graphviz's ``dot``.

The DOT text is written here directly (``DotGraph``), formatted exactly as pydot 4's ``to_string()``
formatted it when the diagrams were built from pydot objects: at 100,000 claims pydot's objects and
its quoting, redone for every attribute of every node, cost more than everything else. pydot is still
what the tests read the DOT back with.

Every id and label is quoted and escaped here: pydot 4 left DOT keywords unquoted, split ids at ``:``
and passed backslashes through, and Graphviz itself reads ``\\N``, ``\\G``, ``\\l`` and HTML
entities inside labels. The escapes below were checked against the real ``dot`` (and are tested
with hypothesis): a label is one level of backslash escaping, a tooltip two.

Conventions: supports point at what they support (the supported claim above), opposes end in a bar,
tensions are dashed lines without arrowheads that do not constrain the layout, conclusions are bold
with a double border, evidence shows its quote as a tooltip, findings colour the border and are
named in the label, sections and included maps are clusters, and a legend explains it all.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from argmap.check import Finding
from argmap.files import OutputError, signals_deferred
from argmap.graph import MapGraph, diagram_nodes, local_id, map_members, resolve
from argmap.model import source_details
from argmap.overview import Collapsed, Overview
from argmap.wording import byline, plural

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("svg", "png", "pdf", "dot")
RANKDIRS = ("TB", "LR", "BT", "RL")
WRAP = 32
DEFAULT_TIMEOUT = 120.0
MAX_SHOWN = 2000  # characters of one text drawn in a label; Graphviz cannot draw a node past 65,535 points
FOLD = 2000  # characters per line of a quoted DOT string (see _quoted)

FONT = "Helvetica"
KIND_STYLE: dict[str, dict[str, str]] = {
    "conclusion": {"fillcolor": "#fff2cc", "penwidth": "2.5", "peripheries": "2", "fontname": "Helvetica-Bold",
                   "fontsize": "13"},
    "claim": {"fillcolor": "#ffffff"},
    "evidence": {"fillcolor": "#dae8fc", "shape": "note"},
    "assumption": {"fillcolor": "#f2f2f2", "style": "rounded,dashed,filled"},
    "argument": {"shape": "ellipse", "fillcolor": "#e6e6e6", "fontsize": "9", "style": "filled", "margin": "0.02"},
}
EXTERNAL_STYLE = {"style": "rounded,dashed", "color": "#888888", "fontcolor": "#555555"}
EDGE_STYLE: dict[str, dict[str, str]] = {
    "supports": {"color": "#2e7d32", "arrowtail": "normal", "dir": "back"},
    "opposes": {"color": "#c62828", "arrowtail": "tee", "dir": "back", "penwidth": "1.5"},
    "tension": {"color": "#e65100", "style": "dashed", "dir": "none", "constraint": "false", "penwidth": "1.5"},
    "same-as": {"color": "#7b7b7b", "style": "dotted", "dir": "none", "constraint": "false"},
}
FINDING_COLOR = {"error": "#d50000", "warning": "#ff8f00"}
ENGINES = ("dot", "sfdp", "neato", "fdp", "twopi", "circo")
# Force-directed engines overlap nodes unless told otherwise, and spline routing dominates their time.
ENGINE_OPTIONS = {e: ["-Goverlap=prism", "-Gsplines=false"] for e in ENGINES if e != "dot"}
LARGE_DIAGRAM = 120  # nodes; above this, cheaper layout settings (measured: 1,000 claims, 127 s -> 33 s)
LARGE_LAYOUT = {"mclimit": "0.3", "nslimit": "3", "nslimit1": "3", "searchsize": "20", "remincross": "false"}
LABEL_FILL = {"in": "#b9e4bb", "out": "#f4b4b4", "undec": "#fbe7a1"}


class RenderError(OutputError):
    """Graphviz could not be run, or failed: the diagram cannot be made (exit status 2)."""


# Unicode's category Cc ("control") is exactly U+0000-U+001F and U+007F-U+009F, and stays so (a
# stability policy of Unicode); tests compare this with unicodedata over every code point.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters (which YAML's escapes can carry) turned into spaces; line breaks stay."""
    return _CONTROL.sub(" ", text)


def _quoted(text: str, escape: Callable[[str], str]) -> str:
    """``text`` escaped by ``escape`` and quoted, broken with DOT's backslash-newline every ``FOLD`` characters.

    Graphviz 2.43's scanner fails on a quoted string with more than 16 KB between two backslashes
    ("longer than 16384?"); it drops a backslash-newline before anything reads the string. Each piece
    is escaped on its own, so no escape is split.
    """
    if len(text) <= FOLD:
        return '"' + escape(text) + '"'
    pieces = [escape(text[i:i + FOLD]) for i in range(0, len(text), FOLD)]
    return '"' + "\\\n".join(pieces) + '"'


def _label_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _tooltip_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("\\", "\\\\\\\\").replace('"', '\\"')


def _id_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def dot_label(text: str) -> str:
    """A quoted DOT string that Graphviz shows as ``text``, whatever it contains.

    Graphviz decodes HTML entities and one level of backslash escapes (``\\N`` is the node's name)
    in labels, so ``&`` and ``\\`` are escaped as well as ``"``. Line breaks become ``\\n``.
    """
    return _quoted(printable(text), _label_escape)


def dot_tooltip(text: str) -> str:
    """A quoted DOT string for a tooltip: Graphviz unescapes backslashes twice there."""
    flat = " ".join(printable(text).split())
    return _quoted(flat, _tooltip_escape)


def dot_id(name: str) -> str:
    """A quoted DOT id (so ``node``, ``graph`` or ``1st`` are never read as keywords or numbers)."""
    return _quoted(name, _id_escape)


# How pydot 4 (pydot.core: quote_id_if_necessary, quote_attr_if_necessary) decides whether to quote an
# id or an attribute value: copied, so that the DOT written here is byte for byte what it wrote.
_KEYWORDS = ("graph", "subgraph", "digraph", "node", "edge", "strict")
# pydot's ``^([0-9]+\.?[0-9]*|[0-9]*\.[0-9]+)$`` and ``^[_a-zA-Z][a-zA-Z0-9_:"]*[a-zA-Z0-9_"]+$``, rewritten to
# match the same strings without two quantifiers that can take the same character (which backtrack for
# quadratic time on a long run of digits or letters that fails at its end).
_NUMERIC = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_DOUBLE_QUOTED = re.compile(r'^".*"$', re.S)
_HTML = re.compile(r"^<.*>$", re.S)
_WORD = re.compile(r"^[_a-zA-Z][a-zA-Z0-9_]*$")
_WORD_WITH_PORTS = re.compile(r'[_a-zA-Z][a-zA-Z0-9_:"]*[a-zA-Z0-9_"]$')
_WITH_PORT = re.compile(r"^([^:]*):([^:]*)$")
_PYDOT_ESCAPES = {ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}


def _pydot_quoted(s: str) -> str:
    return '"' + s.translate(_PYDOT_ESCAPES) + '"'


def _any_needs_quotes(s: str) -> bool | None:
    if s.isdigit():
        return False
    if s.isalnum():
        return s[0].isdigit()
    if any(ord(c) > 0x7F or ord(c) == 0 for c in s) and not _DOUBLE_QUOTED.match(s) and not _HTML.match(s):
        return True
    if _NUMERIC.match(s) or _DOUBLE_QUOTED.match(s) or _HTML.match(s):
        return False
    return None


def _id_needs_quotes(s: str) -> bool:
    if s.lower() in _KEYWORDS:
        return False
    needs = _any_needs_quotes(s)
    if needs is not None:
        return needs
    if _WORD.match(s) or _WORD_WITH_PORTS.match(s):
        return False
    port = _WITH_PORT.match(s)
    if port:
        return _id_needs_quotes(port.group(1)) or _id_needs_quotes(port.group(2))
    return True


def _is_quoted(s: str) -> bool:
    return len(s) > 1 and s[0] == '"' and s[-1] == '"'


@lru_cache(maxsize=1024)
def _graph_id(name: str) -> str:
    """A graph's or cluster's name as pydot wrote it."""
    if not name or _is_quoted(name):
        return name
    return _pydot_quoted(name) if name.lower() in _KEYWORDS or _id_needs_quotes(name) else name


def _node_id(name: str) -> str:
    """A node id (in a node statement or an edge) as pydot wrote it: unchanged, for a quoted ``dot_id``."""
    if not (len(name) > 1 and name[0] == '"' and name[-1] == '"'):  # _is_quoted, inline: once per node and edge
        # pydot read ports into unquoted names, and this writer does not: every id here is a dot_id.
        raise ValueError(f"DOT node ids must be quoted (see dot_id), not {name!r}")
    return name


@lru_cache(maxsize=4096)
def _plain_value(value: str) -> str:
    if value == "":
        return '""'
    if value.lower() in _KEYWORDS or _any_needs_quotes(value) is not False:
        return _pydot_quoted(value)
    return value


def _value(value: str) -> str:
    """An attribute value as pydot wrote it: a quoted string (``dot_label``, ``dot_tooltip``) as it is."""
    return value if len(value) > 1 and value[0] == '"' and value[-1] == '"' else _plain_value(value)


def _attr_list(attrs: dict[str, str]) -> str:
    if type(attrs) is SharedAttrs:
        return attrs.listed
    if not attrs:
        return ""
    return " [" + ", ".join([f"{key}={_value(value)}" for key, value in attrs.items()]) + "]"


class SharedAttrs(dict[str, str]):
    """Attributes that many statements share (the style of a kind of edge), written out once for all.

    A diagram of 100,000 claims repeats a few such lists hundreds of thousands of times. Do not change
    one once it is made: its text is kept.
    """

    __slots__ = ("listed",)

    def __init__(self, attrs: dict[str, str]) -> None:
        super().__init__(attrs)
        self.listed = _attr_list(dict(self))


class DotGraph:
    """A directed graph, or a cluster of one, that writes itself as DOT text exactly as pydot 4 did.

    Statements are formatted (and encoded in UTF-8) when they are added, and written in the order
    they were added (pydot numbered the children of each graph and wrote them in that order): graph
    attributes first, then node and edge defaults, nodes, edges and clusters as they came. Node ids
    must be quoted DOT ids (``dot_id``); attribute values may be plain (quoted as pydot quoted them)
    or already quoted.
    """

    __slots__ = ("name", "keyword", "attributes", "body")

    def __init__(self, name: str, *, cluster: bool = False) -> None:
        self.name = name
        self.keyword = "subgraph" if cluster else "digraph"
        self.attributes: dict[str, str] = {}
        self.body: list[bytes | DotGraph] = []

    def set(self, key: str, value: str) -> None:
        self.attributes[key] = value

    def set_node_defaults(self, **attrs: str) -> None:
        self._add(f"node{_attr_list(attrs)};\n" if attrs else "\n")

    def set_edge_defaults(self, **attrs: str) -> None:
        self._add(f"edge{_attr_list(attrs)};\n" if attrs else "\n")

    def add_node(self, node_id: str, attrs: dict[str, str]) -> None:
        self._add(f"{_node_id(node_id)}{_attr_list(attrs)};\n")

    def add_edge(self, source: str, target: str, attrs: dict[str, str]) -> None:
        self._add(f"{_node_id(source)} -> {_node_id(target)}{_attr_list(attrs)};\n")

    def add_subgraph(self, cluster: DotGraph) -> None:
        self.body.append(cluster)

    def _add(self, statement: str) -> None:
        self.body.append(statement.encode("utf-8"))

    def pieces(self) -> Iterator[bytes]:
        """The DOT text in UTF-8, a statement at a time."""
        name = _graph_id(self.name)
        head = f"{self.keyword} {name} {{\n" if name else f"{self.keyword} {{\n"
        yield (head + "".join(f"{key}={_value(value)};\n" for key, value in self.attributes.items())).encode("utf-8")
        for item in self.body:
            if isinstance(item, bytes):
                yield item
            else:
                yield from item.pieces()
        yield b"}\n"

    def to_bytes(self) -> bytes:
        return b"".join(self.pieces())


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """``text``, cut to ``limit`` characters ending in an ellipsis if longer: what a label can show."""
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def wrap(text: str, width: int = WRAP) -> str:
    """``text`` with its whitespace collapsed, shortened, and broken into lines of about ``width`` characters.

    The lines are ``textwrap.wrap``'s. Its general machinery costs more than all the rest of a large
    diagram; for words of at most ``width`` characters (one space apart, once collapsed) it comes
    down to filling each line greedily, which is done here directly.
    """
    flat = shorten(" ".join(printable(text).split()))
    words = flat.split(" ")
    if max(map(len, words)) > width:  # a word to break: textwrap's rules for that
        return "\n".join(textwrap.wrap(flat, width, break_on_hyphens=False)) or " "
    lines = []
    line = words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return "\n".join(lines) or " "


def neighbourhood(G: nx.MultiDiGraph, node: str, depth: int) -> set[str]:
    """The nodes at most ``depth`` relations away from ``node``, whatever the relations' direction."""
    seen = {node}
    frontier = [node]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for m in (*G.predecessors(n), *G.successors(n)):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    return seen


def resolve_focus(maps: MapGraph, name: str, focus: str) -> str | None:
    """The node ``focus`` names in map ``name``'s diagram, or None if it is not drawn there."""
    nodes, _ = diagram_nodes(maps, name)
    candidates = [resolve(focus, name)] if "#" in focus else [n for n in nodes if n.rpartition("#")[2] == focus]
    found = [n for n in candidates if n in nodes]
    return found[0] if found else None


def _node_label(G: nx.MultiDiGraph, n: str, findings: list[Finding], external: bool, home: str,
                quotes: bool = False) -> str:
    data = G.nodes[n]
    if data["kind"] == "argument":
        text = "linked\n" + shorten(data["id"])
    else:
        text = wrap(data["text"])
        if quotes and data.get("quote"):
            text += "\n\u201c" + wrap(data["quote"]) + "\u201d"
    if external:
        text = f"[{data['map']}]\n{text}"
    counts: dict[str, int] = {}
    for f in findings:
        counts[f"{f.code} {f.rule}"] = counts.get(f"{f.code} {f.rule}", 0) + 1
    marks = [f"\u26a0 {name}" + (f" \u00d7{n}" if n > 1 else "") for name, n in counts.items()]
    return "\n".join([text, *marks])


def _tooltip(G: nx.MultiDiGraph, n: str, findings: list[Finding]) -> str:
    data = G.nodes[n]
    parts = [f"{n}"]
    if data.get("quote"):
        parts.append(f'"{data["quote"]}"')
    if data.get("section"):
        parts.append(f"section: {data['section']}")
    if data.get("note"):
        parts.append(f"note: {data['note']}")
    parts.extend(f"{f.severity} {f.code}: {f.message}" for f in findings)
    return " | ".join(parts)


def _legend(evaluated: bool = False) -> dict[str, str]:
    rows = [
        ('<TD BGCOLOR="#fff2cc" BORDER="2"><B>conclusion</B></TD>', "must be supported"),
        ('<TD BGCOLOR="#ffffff">claim</TD>', "a reason"),
        ('<TD BGCOLOR="#dae8fc">evidence</TD>', "quoted from the source (hover)"),
        ('<TD BGCOLOR="#f2f2f2">assumption</TD>', "taken as given"),
        ('<TD BGCOLOR="#e6e6e6">linked</TD>', "premises that only work together"),
        ('<TD><FONT COLOR="#2e7d32">&#8212;&#8212;&#9654;</FONT></TD>', "supports"),
        ('<TD><FONT COLOR="#c62828">&#8212;&#8212;|</FONT></TD>', "opposes"),
        ('<TD><FONT COLOR="#e65100">- - - -</FONT></TD>', "tension"),
        ('<TD><FONT COLOR="#7b7b7b">&#183;&#183;&#183;&#183;</FONT></TD>', "same claim as"),
        ('<TD><FONT COLOR="#d50000">&#9888; red border</FONT></TD>', "error finding"),
        ('<TD><FONT COLOR="#ff8f00">&#9888; orange border</FONT></TD>', "warning finding"),
    ]
    if evaluated:
        rows[:5] = [
            (f'<TD BGCOLOR="{LABEL_FILL["in"]}">in</TD>', "stands under grounded semantics"),
            (f'<TD BGCOLOR="{LABEL_FILL["out"]}">out</TD>', "defeated, or its support is"),
            (f'<TD BGCOLOR="{LABEL_FILL["undec"]}">undec</TD>', "undecided: caught in a circle of attacks"),
            ('<TD BORDER="2"><B>bold, double</B></TD>', "conclusion"),
            ('<TD>note shape</TD>', "evidence; dashed: assumption"),
        ]
    body = "".join(f'<TR>{cell}<TD ALIGN="LEFT">{text}</TD></TR>' for cell, text in rows)
    table = f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="2"><TR><TD COLSPAN="2"><B>Legend</B></TD></TR>{body}</TABLE>>'
    return {"label": table, "shape": "plaintext", "style": "solid", "fontsize": "8", "fontname": FONT}


def to_dot(
    maps: MapGraph,
    name: str,
    findings: Iterable[Finding] = (),
    *,
    rankdir: str = "LR",
    focus: str | None = None,
    depth: int = 2,
    legend: bool = True,
    labels: dict[str, str] | None = None,
    folded: Overview | None = None,
    subtitle: str | None = None,
    element_ids: dict[str, str] | None = None,
    quotes: bool = False,
) -> DotGraph:
    """The diagram of map ``name`` (with the maps it includes) as a ``DotGraph`` (see ``dot_text``).

    ``findings`` are drawn on the claims they are about; ``focus`` (a node of the diagram) limits it
    to the claims at most ``depth`` relations away. Nodes, edges and clusters come out in the order of
    the map files, so the same map always gives the same DOT text. With ``labels`` (grounded
    labels of the nodes), each node is filled by its label instead of its kind. With ``folded`` (an
    overview of the map), only its kept claims are drawn, and each folded group as one node. With
    ``element_ids`` (node, or ``"<anchor> (folded)"`` for a folded group, to a plain word), those nodes
    get that ``id`` in Graphviz's SVG (the interactive page finds them by it), and each relation between
    two of them ``e-<id of u>-<id of v>-<relation>``; with ``quotes``, evidence shows its quote under its text.
    """
    # argmap's own graph, read as plain dicts: the networkx graph (made only for a focus) took 0.35 s to
    # make at 50,000 claims, a tenth of the export.
    G = maps.argument_graph
    by_name = maps.maps.by_name()
    argmap = by_name[name]
    nodes, external = diagram_nodes(maps, name)
    if focus is not None:
        near = neighbourhood(maps.graph.subgraph(nodes), focus, depth)
        nodes = [n for n in nodes if n in near]
    if folded is not None:
        kept = set(folded.kept)
        nodes = [n for n in nodes if n in kept]
    shown = set(nodes)
    large = len(nodes) > LARGE_DIAGRAM

    on_node: dict[str, list[Finding]] = {}
    loose: list[Finding] = []
    members = set(map_members(maps, name))
    for f in findings:
        node = None if f.claim is None else (f.claim if "#" in f.claim else f"{f.map}#{f.claim}")
        if node in G:
            on_node.setdefault(node, []).append(f)
        elif f.map in members:
            loose.append(f)

    title = shorten(argmap.title) if focus is None else f"{shorten(argmap.title)}: around '{shorten(focus.rpartition('#')[2])}'"
    if subtitle:
        title += f": {shorten(subtitle)}"
    about = source_details(argmap)
    if about.get("url") or about.get("author") or about.get("date"):
        title += f"\n{shorten(byline(about))}"
    if labels is not None:
        title += " (which claims stand, grounded semantics)"
    if folded is not None and folded.hidden:
        title += (f"\nOverview: {len(nodes)} of {len(nodes) + folded.hidden} claims; grey boxes fold the rest"
                  " (argmap render --full draws everything, --focus ID one part)")
    if loose:
        title += "\n" + "\n".join(f"\u26a0 {f.code} {f.rule}: {shorten(f.message)}" for f in loose[:5])
    graph = DotGraph(dot_id(name))
    graph.set("label", dot_label(title))
    settings = {"labelloc": "t", "fontsize": "18", "fontname": FONT, "rankdir": rankdir, "newrank": "true",
                "nodesep": "0.25", "ranksep": "0.45", "compound": "true"}
    if large:
        settings.update(LARGE_LAYOUT)
    for key, value in settings.items():
        graph.set(key, value)
    graph.set_node_defaults(shape="box", style="rounded,filled", fontname=FONT, fontsize="11", margin="0.12,0.06")
    graph.set_edge_defaults(arrowsize="0.8")

    clusters: dict[tuple[str, str | None], DotGraph] = {}
    map_clusters: dict[str, DotGraph] = {}

    def container(n: str) -> DotGraph:
        data = G.nodes[n]
        owner = data["map"]
        if n in external:
            return graph
        parent = graph
        if owner != name:
            if owner not in map_clusters:
                sub = DotGraph(f"cluster_{len(clusters) + len(map_clusters)}", cluster=True)
                sub.set("label", dot_label(shorten(by_name[owner].title)))
                sub.set("style", "rounded")
                sub.set("color", "#9e9e9e")
                sub.set("fontsize", "14")
                graph.add_subgraph(sub)
                map_clusters[owner] = sub
            parent = map_clusters[owner]
        section = data.get("section")
        if not section:
            return parent
        key = (owner, section)
        if key not in clusters:
            sub = DotGraph(f"cluster_{len(clusters) + len(map_clusters)}", cluster=True)
            sub.set("label", dot_label(wrap(section, 40)))
            sub.set("style", "rounded,filled")
            sub.set("fillcolor", "#fafafa")
            sub.set("color", "#d0d0d0")
            sub.set("fontsize", "11")
            sub.set("fontcolor", "#616161")
            parent.add_subgraph(sub)
            clusters[key] = sub
        return clusters[key]

    ids = {n: dot_id(n) for n in nodes}
    for n in nodes:
        data = G.nodes[n]
        found = on_node.get(n, [])
        attrs = dict(KIND_STYLE.get(data["kind"], {}))
        if labels is not None and n in labels:
            attrs["fillcolor"] = LABEL_FILL[labels[n]]
            attrs["tooltip_label"] = labels[n]
        if n in external:
            attrs.update(EXTERNAL_STYLE)
        if found:
            worst = "error" if any(f.severity == "error" for f in found) else "warning"
            attrs.update(color=FINDING_COLOR[worst], penwidth="3", fontcolor="#000000")
        attrs["label"] = dot_label(_node_label(G, n, found, n in external, name, quotes))
        label_note = attrs.pop("tooltip_label", None)
        attrs["tooltip"] = dot_tooltip(_tooltip(G, n, found) + (f" | grounded: {label_note}" if label_note else ""))
        if element_ids is not None and n in element_ids:
            attrs["id"] = element_ids[n]
        container(n).add_node(ids[n], attrs)

    edge_attrs = {k: SharedAttrs(style) for k, style in EDGE_STYLE.items()}  # the same for every edge of a type
    for u, nbrs in G.succ.items():  # every edge, as ``G.edges(keys=True)`` gives them
        if u not in shown:
            continue
        for v, keys in nbrs.items():
            if v not in shown:
                continue
            for k in keys:
                attrs = edge_attrs[k]
                if element_ids is not None and u in element_ids and v in element_ids:
                    attrs = {**attrs, "id": f"e-{element_ids[u]}-{element_ids[v]}-{k}"}
                if k in ("supports", "opposes"):
                    # Written from the supported claim to its supporter, drawn backwards, so that with
                    # rankdir=TB what is supported sits above what supports it.
                    graph.add_edge(ids[v], ids[u], attrs)
                else:
                    graph.add_edge(ids[u], ids[v], attrs)

    for group in folded.collapsed if folded is not None else ():
        _add_folded(graph, G, group, on_node, element_ids)

    if legend:
        # Without edges it is laid out as a component of its own, beside the argument, not in it.
        graph.add_node(dot_id("argmap legend"), _legend(evaluated=labels is not None))
    return graph


def _add_folded(graph: DotGraph, G: nx.MultiDiGraph, group: Collapsed, on_node: dict[str, list[Finding]],
                element_ids: dict[str, str] | None = None) -> None:
    """One node for a folded group: how many claims, of which kinds, and which findings it hides."""
    kinds: dict[str, int] = {}
    for n in group.nodes:
        kinds[G.nodes[n]["kind"]] = kinds.get(G.nodes[n]["kind"], 0) + 1
    counts: dict[str, int] = {}
    for n in group.nodes:
        for f in on_node.get(n, []):
            counts[f"{f.code} {f.rule}"] = counts.get(f"{f.code} {f.rule}", 0) + 1
    where = "below" if group.anchor is not None else "under no conclusion"
    lines = [f"+{plural(len(group.nodes), 'claim')} {where}", ", ".join(plural(v, k) for k, v in sorted(kinds.items()))]
    lines += [f"\u26a0 {name} \u00d7{n}" for name, n in sorted(counts.items())]
    node = f"{group.anchor or 'unanchored'} (folded)"
    worst = {f.severity for n in group.nodes for f in on_node.get(n, [])}
    attrs = {"shape": "box", "style": "rounded,dashed,filled", "fillcolor": "#eeeeee", "fontsize": "10",
             "label": dot_label("\n".join(lines)), "tooltip": dot_tooltip(", ".join(local_id(n) for n in group.nodes[:50]))}
    if worst:
        attrs["color"] = FINDING_COLOR["error" if "error" in worst else "warning"]
    if element_ids is not None and node in element_ids:
        attrs["id"] = element_ids[node]
    graph.add_node(dot_id(node), attrs)
    if group.anchor is not None:
        graph.add_edge(dot_id(group.anchor), dot_id(node),
                       {"color": "#9e9e9e", "style": "dashed", "dir": "back", "arrowtail": "normal"})


def dot_text(graph: DotGraph) -> str:
    """The DOT text of ``graph``."""
    return graph.to_bytes().decode("utf-8")


def dot_bytes(graph: DotGraph) -> bytes:
    """``dot_text(graph)`` in UTF-8, without ever holding the whole text as a ``str``.

    One ``\\u26a0`` in a label makes Python hold the whole text two bytes a character, and encoding it
    reserves three more: for 100,000 claims (51 MB of DOT) that was about 250 MB more.
    """
    return graph.to_bytes()


def layout(dot_source: str, fmt: str, *, timeout: float = DEFAULT_TIMEOUT, engine: str = "dot") -> bytes:
    """Run Graphviz on ``dot_source`` and return the ``fmt`` output (svg, png or pdf).

    Called directly rather than through pydot's ``create_*``, which prints Graphviz's errors to
    stdout and raises ``AssertionError``.
    """
    executable = shutil.which(engine)
    if executable is None:
        raise RenderError(
            f"Graphviz's '{engine}' program was not found; install Graphviz (Debian: apt-get install graphviz)"
            " or render with -f dot"
        )
    extra = ENGINE_OPTIONS.get(engine, [])
    process = None
    try:
        # A signal (Ctrl-C, SIGTERM) that came between the start of dot and the handling below would
        # leave it running: the command line's handlers hold signals back until then.
        with signals_deferred():
            process = subprocess.Popen([executable, f"-T{fmt}", *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE)
        out, err = process.communicate(dot_source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(process)
        raise RenderError(
            f"Graphviz's {engine} took longer than {timeout:g} s; draw less (leave out --full for an overview,"
            " or --focus ID --depth N for one part), try --engine sfdp, or -f dot to skip the layout"
        ) from None
    except OSError as error:  # found, but not a program that runs (a bad #! line, a broken install)
        _end(process)
        raise RenderError(
            f"Graphviz's '{engine}' at {executable} cannot be run ({error.strerror}); reinstall Graphviz or render with -f dot"
        ) from None
    except BaseException:  # interrupted, terminated: dot goes too
        _end(process)
        raise
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        status = f"exit {process.returncode}" if process.returncode > 0 else f"killed by signal {-process.returncode}"
        raise RenderError(f"Graphviz failed ({status}): {detail[0] if detail else 'no message'}; -f dot writes the DOT"
                          " without Graphviz")
    if not out:
        raise RenderError(f"Graphviz's {engine} wrote no {fmt} (it exited 0 with no output); reinstall Graphviz or render"
                          " with -f dot")
    return out


def _end(process: subprocess.Popen[bytes] | None) -> None:
    """Kill ``process`` (if it was started) and wait for it, so that no Graphviz outlives a failed layout."""
    if process is None:
        return
    with signals_deferred():
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
