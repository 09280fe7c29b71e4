"""A map as a Mermaid flowchart, which GitHub (and GitLab, and many Markdown tools) draw natively.

The diagram keeps the conventions of the Graphviz diagrams as far as Mermaid allows: what is
supported sits left of its supporters (``flowchart RL``, supports point at what they support);
conclusions are bold with a double-bordered box; evidence is a blue flag; assumptions are dashed;
linked arguments are small grey circles; opposes end in a cross (Mermaid has no bar); tensions are
orange dotted lines and ``same-as`` grey dotted lines labelled "same as", both without arrowheads;
sections and included maps are subgraphs; a claim with a finding gets a red (error) or orange
(warning) border and the finding's code under its text.

Node ids are ``n0``, ``n1``... in graph order, so no claim id can clash with Mermaid's keywords or
arrow syntax, and every text is written as a quoted label with Mermaid's entity codes for anything
that could end or change it (``"``, ``#``, ``<``, ``>``, ``&``, backticks...), so any text is safe.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from argmap.check import Finding
from argmap.graph import MapGraph, diagram_nodes, map_members
from argmap.model import MapError

MAX_TEXT = 300  # characters of a claim's text shown in its box
MAX_EDGES = 500  # Mermaid's own limit (maxEdges, which a diagram cannot raise): past it, it draws only an error
SHAPES = {  # (open, close) around the quoted label
    "conclusion": ("[[", "]]"),
    "claim": ("(", ")"),
    "evidence": (">", "]"),
    "assumption": ("(", ")"),
    "argument": ("((", "))"),
}
CLASSES = {
    "conclusion": "fill:#fff2cc,stroke:#333333,stroke-width:2.5px,font-weight:bold",
    "claim": "fill:#ffffff,stroke:#333333",
    "evidence": "fill:#dae8fc,stroke:#6c8ebf",
    "assumption": "fill:#f2f2f2,stroke:#666666,stroke-dasharray:5 3",
    "argument": "fill:#e6e6e6,stroke:#999999,font-size:10px",
    "external": "fill:#ffffff,stroke:#888888,stroke-dasharray:3 3,color:#555555",
    "warning": "stroke:#ff8f00,stroke-width:3px",
    "error": "stroke:#d50000,stroke-width:3px",
}
ARROWS = {"supports": "-->", "opposes": "--x", "tension": "-.-", "same-as": "-. same as .-"}
LINK_STYLE = {
    "supports": "stroke:#2e7d32,stroke-width:1.5px",
    "opposes": "stroke:#c62828,stroke-width:2px",
    "tension": "stroke:#e65100,stroke-width:2px",
    "same-as": "stroke:#7b7b7b",
}
# Characters written as Mermaid entity codes inside a quoted label: what ends the string, starts an
# entity, or is read as HTML or Markdown.
ESCAPED_CHARACTERS = frozenset('"#&<>`%\\;|{}[]()*_~=')


def mermaid_text(text: str, limit: int | None = MAX_TEXT) -> str:
    """``text`` as the inside of a quoted Mermaid label: one line, shortened, special characters as entity codes.

    >>> mermaid_text('Say "no" & <mean> it #1')
    'Say #34;no#34; #38; #60;mean#62; it #35;1'
    """
    flat = " ".join("".join(" " if c < " " or "\x7f" <= c <= "\x9f" or c in "\u2028\u2029" else c for c in text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "\u2026"
    return "".join(f"#{ord(c)};" if c in ESCAPED_CHARACTERS else c for c in flat)


def to_mermaid(maps: MapGraph, name: str, findings: Iterable[Finding] = ()) -> str:
    """Map ``name`` (with the maps it includes) as a Mermaid flowchart, findings drawn on their claims."""
    G = maps.graph
    by_name = maps.maps.by_name()
    nodes, external = diagram_nodes(maps, name)
    ids = {n: f"n{i}" for i, n in enumerate(nodes)}
    on_node: dict[str, list[Finding]] = {}
    for f in findings:
        node = None if f.claim is None else (f.claim if "#" in f.claim else f"{f.map}#{f.claim}")
        if node in ids:
            on_node.setdefault(node, []).append(f)

    lines = ["---", f"title: {json.dumps(' '.join(by_name[name].title.split()), ensure_ascii=False)}", "---",
             "flowchart RL",
             "  %% argmap: supports point at what they support; opposes end in a cross; dotted lines are tensions"
             " (orange) and same-as (grey)"]
    lines += [f"  classDef {cls} {style}" for cls, style in CLASSES.items()]

    # Subgraphs: one per included map, and one per section inside its map, in first-seen order.
    groups: dict[tuple[str, str | None], list[str]] = {}
    for n in nodes:
        data = G.nodes[n]
        owner = data.get("map")
        key = ("", None) if n in external else (owner if owner != name else "", data.get("section") or None)
        groups.setdefault(key, []).append(n)

    def node_line(n: str, indent: str) -> str:
        data = G.nodes[n]
        kind = data["kind"]
        text = f"linked: {data.get('id', n.rpartition('#')[2])}" if kind == "argument" else data["text"]
        if n in external:
            text = f"[{data['map']}] {text}"
        parts = [mermaid_text(text)]
        codes: dict[str, int] = {}
        for f in on_node.get(n, []):
            codes[f"{f.code} {f.rule}"] = codes.get(f"{f.code} {f.rule}", 0) + 1
        parts += [mermaid_text(f"\u26a0 {code}" + (f" \u00d7{count}" if count > 1 else "")) for code, count in codes.items()]
        opening, closing = SHAPES.get(kind, ("(", ")"))
        cls = "external" if n in external else kind if kind in CLASSES else "claim"
        return f'{indent}{ids[n]}{opening}"{"<br/>".join(parts)}"{closing}:::{cls}'

    subgraphs = 0
    for owner in [""] + [m for m in map_members(maps, name) if m != name]:
        inside = [(key, group) for key, group in groups.items() if key[0] == owner]
        if not inside:
            continue
        indent = "  "
        if owner:
            lines.append(f'  subgraph s{subgraphs} ["{mermaid_text(by_name[owner].title, 120)}"]')
            subgraphs += 1
            indent = "    "
        for (_, section), group in inside:
            if section is None:
                lines += [node_line(n, indent) for n in group]
                continue
            lines.append(f'{indent}subgraph s{subgraphs} ["{mermaid_text(section, 120)}"]')
            subgraphs += 1
            lines += [node_line(n, indent + "  ") for n in group]
            lines.append(f"{indent}end")
        if owner:
            lines.append("  end")

    links: dict[str, list[int]] = {}
    count = 0
    shown = set(nodes)
    for u, v, k in G.edges(keys=True):
        if u in shown and v in shown and k in ARROWS:
            lines.append(f"  {ids[u]} {ARROWS[k]} {ids[v]}")
            links.setdefault(k, []).append(count)
            count += 1
    for n, found in on_node.items():
        worst = "error" if any(f.severity == "error" for f in found) else "warning"
        lines.append(f"  class {ids[n]} {worst}")
    if count > MAX_EDGES:
        raise MapError(f"map '{name}' makes a flowchart of {count:,} relations, and Mermaid draws at most {MAX_EDGES}"
                       " (GitHub shows an error instead); export -f dot, or render the map (a large one as an overview)",
                       path=by_name[name].path)
    for k in ARROWS:
        if k in links:
            lines.append(f"  linkStyle {','.join(map(str, links[k]))} {LINK_STYLE[k]}")
    return "\n".join(lines) + "\n"
