"""Export a map's graph for other tools: node-link JSON, GraphML, DOT, Mermaid, Argdown, AIF or the attack framework."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from argmap.check import RuleSettings, check_ignore_codes, findings_in_scope
from argmap.dot import DotGraph, dot_bytes, dot_text, to_dot
from argmap.files import OutputError
from argmap.graph import MapGraph, diagram_nodes, map_members, shown_names
from argmap.interchange.aif import to_aif
from argmap.load import DEFAULT_MAX_BYTES, load_map_set, map_scope
from argmap.mermaid import to_mermaid
from argmap.model import MapError, MapSet, source_details
from argmap.report import escape_controls

FORMATS = ("json", "graphml", "dot", "mermaid", "apx", "i23", "argdown", "aif")


def export_graph(maps: MapGraph, name: str) -> nx.MultiDiGraph:
    """The part of the graph that map ``name``'s diagram shows, with plain (str/int) attributes.

    Node ids are the claim ids; claims of other maps keep their ``map#id`` name.
    """
    G = maps.graph
    nodes, _ = diagram_nodes(maps, name)
    rename = shown_names(maps, name, nodes).__getitem__
    argmap = maps.maps.by_name()[name]
    # What the map says of its text (source file, url, author, date, note), as graph attributes.
    about = {("source" if key == "file" else key): value for key, value in source_details(argmap).items() if key != "title"}
    H = nx.MultiDiGraph(name=name, title=argmap.title, **about)
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


def attack_framework(H: nx.MultiDiGraph) -> tuple[list[str], list[tuple[str, str]]]:
    """The attack framework of a map: every node, and every attack (opposes, and tension both ways).

    Supports are left out: this is the abstract framework that Dung-style solvers read.
    """
    attacks: list[tuple[str, str]] = []
    for u, v, k in H.edges(keys=True):
        if k == "opposes":
            attacks.append((u, v))
        elif k == "tension":
            attacks.extend([(u, v), (v, u)])
    return list(H), list(dict.fromkeys(attacks))  # each once, where first found


def to_apx(H: nx.MultiDiGraph) -> str:
    """ASPARTIX format: ``arg("id").`` and ``att("a","b").``, ids as quoted strings."""
    nodes, attacks = attack_framework(H)
    lines = [f"arg({json.dumps(n)})." for n in nodes]
    lines += [f"att({json.dumps(a)},{json.dumps(b)})." for a, b in attacks]
    return "\n".join(lines) + "\n"


def to_i23(H: nx.MultiDiGraph) -> str:
    """ICCMA 2023 format: ``p af N``, then ``i j`` per attack; comment lines name each argument."""
    nodes, attacks = attack_framework(H)
    index = {n: i for i, n in enumerate(nodes, start=1)}
    lines = [f"p af {len(nodes)}"]
    lines += [f"# {index[n]} {n}" for n in nodes]
    lines += [f"{index[a]} {index[b]}" for a, b in attacks]
    return "\n".join(lines) + "\n"


# Argdown (https://argdown.org) reads these characters as markup anywhere in a line: escape them.
_ARGDOWN_MARKUP = str.maketrans({c: "\\" + c for c in "\\@#*_[]<>{}/="})
_ARGDOWN_SHORTCODE = re.compile(r"([.:])(?=\S)")  # ``.x.`` and ``:x:`` are shortcodes for symbols
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029{}=]")


def argdown_text(text: str) -> str:
    """``text`` as Argdown statement text on one line: whitespace collapsed, markup escaped."""
    flat = " ".join("".join(" " if c < " " or "\x7f" <= c <= "\x9f" else c for c in text).split())
    return _ARGDOWN_SHORTCODE.sub(r"\\\1", flat.translate(_ARGDOWN_MARKUP))


def argdown_string(text: str) -> str:
    """A double-quoted YAML string for Argdown's data and front matter (no braces or ``=``, which end them)."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def to_argdown(maps: MapGraph, name: str) -> str:
    """Map ``name`` as an Argdown document: the same claims and relations, for Argdown's tools.

    Each claim is a statement ``[id]: text`` (kinds other than ``claim`` as tags, the quote as data
    ``{quote: ...}``), followed by the relations written on it: ``+> [b]`` supports, ``-> [b]``
    opposes, ``>< [b]`` tension (Argdown's contradiction). A linked argument is an Argdown argument
    ``<id>`` with its premise-conclusion structure. Sections are headings (under a heading per map
    when the map includes others). ``same-as`` has no Argdown relation: it becomes a comment.
    """
    G = maps.graph
    nodes, external = diagram_nodes(maps, name)
    shown = shown_names(maps, name, nodes)
    inside = set(nodes)

    def ref(n: str) -> str:
        return f"<{shown[n]}>" if G.nodes[n]["kind"] == "argument" else f"[{shown[n]}]"

    pcs: dict[str, tuple[list[str], str]] = {}
    for n in nodes:
        if G.nodes[n]["kind"] != "argument":
            continue
        premises = [u for u, _, role in G.in_edges(n, data="role") if role == "premise" and u in inside]
        conclusions = [v for _, v, role in G.out_edges(n, data="role") if role == "conclusion" and v in inside]
        if premises and conclusions and G.nodes[n].get("absent_premises", 0) == 0:
            pcs[n] = (premises, conclusions[0])

    same_as: list[str] = []

    def relations(n: str) -> list[str]:
        lines = []
        for _, v, k, role in G.out_edges(n, keys=True, data="role"):
            if v not in inside or (role == "premise" and v in pcs) or (role == "conclusion" and n in pcs):
                continue
            if k == "same-as":
                same_as.append(f"// {ref(n)} is the same claim as {ref(v)}")
                continue
            argument = "argument" in (G.nodes[n]["kind"], G.nodes[v]["kind"])
            symbol = {"supports": "+>", "opposes": "->", "tension": "->" if argument else "><"}[k]
            lines.append(f"    {symbol} {ref(v)}")
        return lines

    def statement(n: str) -> str:
        data = G.nodes[n]
        line = f"[{shown[n]}]: {argdown_text(data['text'])}"
        if data["kind"] != "claim":
            line += f" #{data['kind']}"
        if data.get("quote"):
            line += f" {{quote: {argdown_string(data['quote'])}}}"
        return "\n".join([line, *relations(n)])

    def argument(n: str) -> str:
        note = G.nodes[n].get("note")
        head = f"<{shown[n]}>: {argdown_text(note)}" if note else f"<{shown[n]}>"
        rest = relations(n)
        if n not in pcs:
            return "\n".join([head, *rest])
        premises, conclusion = pcs[n]
        steps = [f"({i}) {ref(p)}" for i, p in enumerate(premises, start=1)]
        steps += ["----", f"({len(premises) + 1}) {ref(conclusion)}"]
        block = f"{head}\n\n" + "\n".join(steps)
        return block + (f"\n\n<{shown[n]}>\n" + "\n".join(rest) if rest else "")

    members = map_members(maps, name)
    titles = {m.name: m.title for m in maps.maps.all_maps}
    claims = [n for n in nodes if G.nodes[n]["kind"] != "argument"]
    blocks = [f"===\ntitle: {argdown_string(titles[name])}\n==="]
    # Statements before the first heading belong to no section: claims of other maps, and (in a
    # map of its own) claims without a section.
    top = [n for n in claims if n in external or (len(members) == 1 and G.nodes[n].get("section") is None)]
    blocks += [statement(n) for n in top]
    blocks += [argument(n) for n in nodes if G.nodes[n]["kind"] == "argument"]
    placed = set(top)
    for member in members:
        level = "#"
        if len(members) > 1:
            blocks.append(f"# {argdown_text(titles.get(member, member))}")
            level = "##"
            unsectioned = [n for n in claims if n not in placed and G.nodes[n]["map"] == member and not G.nodes[n].get("section")]
            blocks += [statement(n) for n in unsectioned]
            placed.update(unsectioned)
        sections: dict[str, list[str]] = {}
        for n in claims:
            if n not in placed and G.nodes[n]["map"] == member:
                sections.setdefault(G.nodes[n].get("section") or "", []).append(n)
        for section, group in sections.items():
            blocks.append(f"{level} {argdown_text(section)}")
            blocks += [statement(n) for n in group]
    if len(blocks) == 1:
        # Argdown's parser rejects a document of front matter alone (or with only a comment after
        # it): a map with no claims is its title as a heading, which Argdown reads as an empty section.
        blocks.append(f"# {argdown_text(titles[name])}")
    if same_as:
        blocks.append("\n".join(same_as))
    return "\n\n".join(blocks) + "\n"


def export_map(path: str, fmt: str, *, max_bytes: int = DEFAULT_MAX_BYTES, root: str | None = None,
               settings: RuleSettings | None = None) -> str:
    """Map file ``path`` (and what it includes) exported as ``fmt`` text."""
    made = _export(path, fmt, max_bytes, root, settings)
    return made if isinstance(made, str) else dot_text(made)


def export_bytes(path: str, fmt: str, *, max_bytes: int = DEFAULT_MAX_BYTES, root: str | None = None,
                 settings: RuleSettings | None = None, output: str | None = None) -> bytes:
    """``export_map(path, fmt)`` in UTF-8, for a file: a DOT export is never held whole as text (see ``dot_bytes``).

    ``output``, the file it is for, must not be one the export reads (the map, a map it includes, a source).
    """
    made = _export(path, fmt, max_bytes, root, settings, output)
    return made.encode("utf-8") if isinstance(made, str) else dot_bytes(made)


def _export(path: str, fmt: str, max_bytes: int, root: str | None, settings: RuleSettings | None = None,
            output: str | None = None) -> str | DotGraph:
    if Path(path).is_dir():
        raise MapError("export takes one map file, not a folder", path=path)
    loaded = load_map_set([path], max_bytes=max_bytes, root=root)
    if output is not None:
        _refuse_input(output, loaded)
    name = loaded.maps[0].name
    if fmt in ("dot", "mermaid"):  # the diagrams, the only exports that draw findings and so run the check
        maps, findings = findings_in_scope(loaded, name, settings=settings)  # as render draws them
        return to_dot(maps, name, findings) if fmt == "dot" else to_mermaid(maps, name, findings)
    check_ignore_codes(loaded)  # an unknown rule code is bad input for every command
    maps = MapGraph(map_scope(loaded, name))
    if fmt == "argdown":
        return to_argdown(maps, name)
    if fmt == "aif":
        argmap = loaded.maps[0]
        if not argmap.claims:  # a map that only relates the claims of the maps it includes
            raise MapError(f"map '{name}' has no claims of its own, only relations between the maps it includes, which"
                           " AIF has no node for; export each included map, or use -f json", path=path)
        return json.dumps(to_aif(argmap), indent=1, ensure_ascii=False) + "\n"
    if fmt == "json":
        return json.dumps(node_link(export_graph(maps, name)), indent=2, ensure_ascii=False) + "\n"
    if fmt == "graphml":  # XML 1.0 cannot hold most control characters: written out as \xNN, as on a terminal
        return escape_controls("\n".join(nx.generate_graphml(export_graph(maps, name))) + "\n")
    if fmt == "apx":
        return to_apx(export_graph(maps, name))
    if fmt == "i23":
        return to_i23(export_graph(maps, name))
    raise MapError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")


def _refuse_input(output: str, loaded: MapSet) -> None:
    """An ``OutputError`` when ``output`` is a file the maps were read from: a map or its source."""
    target = Path(output).resolve()
    for argmap in loaded.all_maps:
        read = [Path(argmap.path)] + ([Path(argmap.path).parent / argmap.source] if argmap.source else [])
        for file in read:
            if file.resolve() == target:
                what = "the map" if file == Path(argmap.path) else f"the source of {argmap.path}"
                raise OutputError(f"refusing to overwrite {what}, {output}, with the export; choose another -o")
