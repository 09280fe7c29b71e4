"""A pro/con outline of a whole map, Kialo-style: each conclusion, the claims for and against it, and
theirs in turn, as a Markdown tree to hand out.

Each claim is listed once in full; met again (a claim that backs two others), it is named with "see
above". Each line carries the claim's grounded label and DF-QuAD strength, and its quote and section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.analysis import attackers, supporters
from argmap.debate import load_subject
from argmap.gradual import dfquad_strengths, shown_strength
from argmap.load import DEFAULT_MAX_BYTES
from argmap.wording import markdown_text

if TYPE_CHECKING:
    import networkx as nx

MAX_DEPTH = 8


def outline(G: nx.MultiDiGraph, nodes: list[str], names: dict[str, str], labels: dict[str, str], title: str) -> str:
    """The pro/con outline of the ``nodes`` of ``G``: every conclusion as a root, then every claim not yet
    shown that supports or attacks nothing shown (so each claim of the map appears)."""
    strength = dfquad_strengths(G)
    order = {n: i for i, n in enumerate(G)}
    shown_nodes = set(nodes)
    done: set[str] = set()
    lines = [f"# {markdown_text(title)}: for and against", "",
             "Each claim with its label (grounded) and strength (DF-QuAD, 0 to 1). **Pro** backs the claim above it,"
             " **Con** attacks it; a claim met again is named with \"see above\".", ""]

    def line(n: str, role: str, depth: int) -> None:
        data = G.nodes[n]
        pad = "  " * depth
        text = markdown_text(data["text"]) or "(linked argument: all premises together)"
        if n in done:
            lines.append(f"{pad}- {role} `{names.get(n, n)}` (see above)")
            return
        done.add(n)
        lines.append(f"{pad}- {role} **{text}** `{names.get(n, n)}` — *{labels[n]}*, {shown_strength(strength[n]):.2f}")
        if data.get("quote"):
            where = f" ({markdown_text(data['section'])})" if data.get("section") else ""
            lines.append(f'{pad}  > "{markdown_text(data["quote"])}"{where}')
        if depth + 1 >= MAX_DEPTH:
            if supporters(G, n) or attackers(G, n):
                lines.append(f"{pad}  - (more below, not shown)")
            return
        key = lambda m: (-shown_strength(strength[m]), order[m])  # noqa: E731
        for m in sorted((m for m in supporters(G, n) if m in shown_nodes), key=key):
            line(m, "Pro:" if G.nodes[n]["kind"] != "argument" else "Premise:", depth + 1)
        for m in sorted((m for m in attackers(G, n) if m in shown_nodes and m != n), key=key):
            line(m, "Con:", depth + 1)

    roots = [n for n in nodes if G.nodes[n]["kind"] == "conclusion"]
    for n in roots:
        lines.append(f"## {markdown_text(G.nodes[n]['text'])}")
        lines.append("")
        line(n, "Conclusion:", 0)
        lines.append("")
    rest = [n for n in nodes if n not in done]
    if rest:
        lines += ["## Other claims", ""]
        for n in rest:
            if n not in done:
                line(n, "Claim:", 0)
    return "\n".join(lines).rstrip("\n") + "\n"


def outline_map(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, root: str | None = None) -> str:
    """``argmap outline``: the pro/con outline of a map, as Markdown."""
    subject = load_subject(path, max_bytes=max_bytes, root=root)
    return outline(subject.graph, subject.nodes, subject.names, subject.grounded, subject.maps.maps.maps[0].title)
