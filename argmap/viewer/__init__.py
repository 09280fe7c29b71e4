"""One self-contained HTML page per map: Graphviz's layout of the map, made explorable.

The page is ``page.html`` with ``viewer.css`` and the scripts of ``SCRIPTS`` inlined, and the map's
data as one JSON blob: every claim (text, kind, section, note, quote and where it is in the source,
findings, grounded label and why), every relation, the findings, the source texts, the folded groups
of an overview, and Graphviz's SVG of the diagram (twice: plain, and with the quotes in the nodes).
Nothing is fetched: the page opens from disk and sends no request.

Map texts are hostile: in the JSON every ``<``, ``>`` and ``&`` is a ``\\u`` escape, so no text can
close the script element; the page's code writes texts with ``textContent`` only. Graphviz escapes
texts in its SVG; the SVG is still refused if it holds anything that could run (``check_svg``).
The same map gives the same bytes: everything is written in the order of the map files.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree

from argmap.analysis import grounded_labelling, supported_nodes
from argmap.check import Finding, RuleSettings, findings_in_scope
from argmap.debate import explain
from argmap.diagrams import stale_files
from argmap.dot import DEFAULT_TIMEOUT, FORMATS, RenderError, dot_text, layout, printable, to_dot
from argmap.files import output_path, write_all_atomic
from argmap.graph import MapGraph, diagram_nodes, shown_names
from argmap.load import DEFAULT_MAX_BYTES, load_map_set
from argmap.model import ArgMap
from argmap.overview import DEFAULT_THRESHOLD, Overview, overview
from argmap.root import find_root
from argmap.rules.quote_not_in_source import INVISIBLE, plain_characters

RENDER_FORMATS = (*FORMATS, "html")  # what argmap render -f takes: Graphviz's formats, and the page
SCRIPTS = ("panzoom.js", "layout.js", "viewer.js")  # inlined in this order; each defines what the next uses
RELATION_KINDS = ("supports", "opposes", "tension", "same-as")
NEAR = 4096  # characters after the last quote found in which the next is looked for first


@dataclass(frozen=True)
class Page:
    """One map's page: its base file name, the DOT of its diagram (written beside it) and the HTML."""

    name: str
    dot: str
    html: bytes


def _asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def json_for_script(data: object) -> str:
    """``data`` as JSON that can sit inside ``<script type="application/json">`` whatever its strings hold.

    >>> json_for_script({"text": "</script><b>&"})
    '{"text":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_ACTIVE_TAGS = {"script", "foreignobject", "iframe", "object", "embed", "use", "image", "animate", "set", "handler"}


def check_svg(svg: str) -> str:
    """Graphviz's SVG from its ``<svg`` element on (the XML prolog and doctype dropped), or a ``RenderError``
    if it holds an element or attribute that could run or fetch anything in a page (a script, an event
    handler, a link out). Graphviz escapes every text, so this never fails on a map; it is the second
    lock on the door."""
    start = svg.find("<svg")
    if start < 0:
        raise RenderError("Graphviz wrote no SVG for the page")
    body = svg[start:]
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise RenderError(f"Graphviz's SVG cannot be read ({error})") from None
    for element in root.iter():
        tag = element.tag.rpartition("}")[2].lower()
        if tag in _ACTIVE_TAGS:
            raise RenderError(f"Graphviz's SVG holds a <{tag}> element; refusing to put it in a page")
        for name, value in element.attrib.items():
            name = name.rpartition("}")[2].lower()
            if name.startswith("on") or (name == "href" and not value.startswith("#")):
                raise RenderError(f"Graphviz's SVG holds an attribute {name}; refusing to put it in a page")
    return body


def quote_spans(text: str, quotes: Iterable[str | None]) -> list[tuple[int, int] | None]:
    """Where each quote is in ``text``: ``(start, end)`` in ``text``'s characters, or None.

    Quotes are matched as ``argmap check`` matches them (runs of whitespace as one space, curly quotes
    straight, dashes plain), so a quote that check finds is highlighted where it is. Each is looked
    for first just after the one before it (maps quote in reading order), then anywhere.

    >>> quote_spans("He said:  \\u201cno\\u201d, twice.", ['said: "no"', "never", None])
    [(3, 14), None, None]
    """
    flat: list[str] = []
    where: list[int] = []  # for each character of ``flat``, where it starts in ``text``
    space = False
    for i, char in enumerate(text):
        if char in INVISIBLE:
            continue
        if char.isspace():
            space = bool(flat)
            continue
        if space:
            flat.append(" ")
            where.append(i - 1)
            space = False
        flat.append(char)
        where.append(i)
    normal = plain_characters("".join(flat))
    spans: list[tuple[int, int] | None] = []
    at = 0
    for quote in quotes:
        if not quote:
            spans.append(None)
            continue
        wanted = " ".join(plain_characters("".join(c for c in quote if c not in INVISIBLE)).split())
        found = normal.find(wanted, at, at + NEAR + len(wanted))
        if found < 0:
            found = normal.find(wanted)
        if found < 0 or not wanted:
            spans.append(None)
            continue
        at = found
        spans.append((where[found], where[found + len(wanted) - 1] + 1))
    return spans


def javascript_spans(text: str, spans: list[tuple[int, int] | None]) -> list[tuple[int, int] | None]:
    """``spans`` of ``text`` counted as JavaScript counts a string: a character past U+FFFF (an emoji) is two.

    >>> javascript_spans("\U0001F389 The tax works.", [(2, 6), None])
    [(3, 7), None]
    """
    astral = [i for i, char in enumerate(text) if char > "\uffff"] if not text.isascii() else []
    if not astral:
        return spans
    return [None if span is None else (span[0] + bisect_left(astral, span[0]), span[1] + bisect_left(astral, span[1]))
            for span in spans]


def page_data(maps: MapGraph, argmap: ArgMap, findings: list[Finding], folded: Overview | None,
              *, labels_on: bool = False, shown_path: Callable[[str], str] = str) -> dict[str, object]:
    """Everything the page shows about map ``argmap``, as plain JSON data (see ``docs/viewer.md``).

    ``shown_path`` gives the path a map file is shown by (see :func:`pages`).
    """
    G = maps.graph
    nodes, external = diagram_nodes(maps, argmap.name)
    names = shown_names(maps, argmap.name, nodes)
    index = {n: i for i, n in enumerate(nodes)}
    labels = grounded_labelling(G)
    backed = supported_nodes(G)
    order = {n: i for i, n in enumerate(G)}
    by_name = maps.maps.by_name()

    sources: list[dict[str, str]] = []
    source_of: dict[str, int] = {}
    unread: list[dict[str, str]] = []  # sources named but not read (argmap check reports why)
    for name in dict.fromkeys(G.nodes[n]["map"] for n in nodes):
        member = by_name.get(name)
        if member is not None and member.source_text is not None:
            source_of[name] = len(sources)
            sources.append({"map": name, "path": str(member.source), "text": member.source_text})
        elif member is not None and member.source is not None:
            unread.append({"map": name, "path": str(member.source)})
    spans: dict[str, tuple[int, int] | None] = {}
    for name, number in source_of.items():
        mine = [n for n in nodes if G.nodes[n]["map"] == name]
        text = sources[number]["text"]
        found = quote_spans(text, (G.nodes[n].get("quote") for n in mine))
        spans.update(zip(mine, javascript_spans(text, found), strict=True))

    claims = []
    for n in nodes:
        data = G.nodes[n]
        item: dict[str, object] = {"id": names[n], "text": " ".join(printable(data["text"]).split()), "kind": data["kind"],
                                   "map": data["map"], "line": data["position"].line, "label": labels.get(n, "out"),
                                   "why": explain(G, labels, n, names, backed=backed, order=order)}
        for key in ("section", "note", "quote"):
            if data.get(key):
                item[key] = printable(data[key])  # a control character shows as a space, as on the diagram
        if n in external:
            item["external"] = True
        if spans.get(n) is not None:
            item["source"] = source_of[data["map"]]
            item["span"] = list(spans[n])  # type: ignore[arg-type]
        claims.append(item)
    relations = [[index[u], index[v], kind] for u, v, kind in G.edges(keys=True)
                 if u in index and v in index and kind in RELATION_KINDS]

    listed = []
    for f in findings:
        node = None if f.claim is None else (f.claim if "#" in f.claim else f"{f.map}#{f.claim}")
        listed.append({"severity": f.severity, "code": f.code, "rule": f.rule, "message": printable(f.message),
                       "path": shown_path(f.path), "line": f.line, "column": f.column, "claim": index.get(node)})  # type: ignore[arg-type]
    groups = []
    for number, group in enumerate(folded.collapsed if folded is not None and folded.hidden else ()):
        groups.append({"element": f"g{number}", "anchor": index.get(group.anchor) if group.anchor else None,  # type: ignore[arg-type]
                       "members": [index[n] for n in group.nodes if n in index]})
    paths = {name: shown_path(by_name[name].path) for name in dict.fromkeys(G.nodes[n]["map"] for n in nodes) if name in by_name}
    return {"version": 1, "map": argmap.name, "title": printable(argmap.title), "path": shown_path(argmap.path), "paths": paths,
            "labelsOn": labels_on,
            "overview": bool(groups), "claims": claims, "relations": relations, "findings": listed,
            "sources": sources, "unreadSources": unread, "groups": groups}


def element_ids(nodes: list[str], folded: Overview | None) -> dict[str, str]:
    """The SVG element id of each node (``c<n>``, its place in the page's claims) and folded group (``g<n>``)."""
    ids = {n: f"c{i}" for i, n in enumerate(nodes)}
    if folded is not None and folded.hidden:
        for number, group in enumerate(folded.collapsed):
            ids[f"{group.anchor or 'unanchored'} (folded)"] = f"g{number}"
    return ids


_MARKER = re.compile(r"\{\{(title|css|script|data)\}\}")


def render_page(data: dict[str, object], svgs: dict[str, str]) -> bytes:
    """The HTML page: ``page.html`` with the stylesheet, the scripts and the data (with ``svgs``) inlined."""
    script = "\n".join(f"// ---- {name}\n{_asset(name)}" for name in SCRIPTS)
    blob = json_for_script({**data, "svg": svgs})
    values = {"title": html.escape(str(data["title"])), "css": _asset("viewer.css"),
              "script": script.replace("</", "<\\/"), "data": blob}
    # One pass, so that a title holding "{{data}}" stays text.
    page = _MARKER.sub(lambda found: values[found.group(1)], _asset("page.html"))
    return page.encode("utf-8")


def pages(
    paths: Iterable[str],
    *,
    rankdir: str = "LR",
    max_bytes: int = DEFAULT_MAX_BYTES,
    evaluate: bool = False,
    full: bool = False,
    overview_above: int = DEFAULT_THRESHOLD,
    timeout: float = DEFAULT_TIMEOUT,
    engine: str = "dot",
    root: str | None = None,
    settings: RuleSettings | None = None,
    exclude: Callable[[Path], bool] | None = None,
) -> list[Page]:
    """The page of every map at ``paths``, laid out by Graphviz (``engine``).

    The diagram is the one ``argmap render`` draws (an overview above ``overview_above`` claims
    unless ``full``), and its ``.dot`` is the same text. With ``evaluate`` the page is named
    ``<map>.grounded`` and opens with claims coloured by their grounded label. ``root``, ``settings``
    and ``exclude`` are as for :func:`argmap.diagrams.diagrams`. Map files are shown by their path
    from the root (the top of the repository: ``maps/m.yaml``), the same from whatever folder argmap
    runs in and however the map was named on the command line.
    """
    loaded = load_map_set(paths, max_bytes=max_bytes, root=root, exclude=exclude)
    shown_path = functools.cache(partial(_path_from_root, root))
    out = []
    for argmap in loaded.maps:
        maps, findings = findings_in_scope(loaded, argmap.name, settings=settings)
        G = maps.graph
        labels = grounded_labelling(G) if evaluate else None
        nodes, _ = diagram_nodes(maps, argmap.name)
        claims = sum(1 for n in nodes if G.nodes[n]["kind"] != "argument")
        folded = None if full or claims <= overview_above else overview(G, nodes)
        draw = partial(to_dot, maps, argmap.name, findings, rankdir=rankdir, labels=labels, folded=folded)
        plain = dot_text(draw())
        ids = element_ids(nodes, folded)
        svgs = {view: check_svg(layout(dot_text(draw(element_ids=ids, quotes=quotes)), "svg", timeout=timeout,
                                       engine=engine).decode("utf-8"))
                for view, quotes in (("plain", False), ("quotes", True))}
        data = page_data(maps, argmap, findings, folded, labels_on=evaluate, shown_path=shown_path)
        out.append(Page(argmap.name + (".grounded" if evaluate else ""), plain, render_page(data, svgs)))
    return out


def _path_from_root(root: str | None, path: str) -> str:
    """``path`` from its root (see :func:`argmap.root.find_root`), with ``/`` between the parts on every system."""
    return Path(os.path.relpath(os.path.abspath(path), find_root(path, root).named)).as_posix()


def _files(items: Iterable[Page], folder: str) -> list[tuple[Path, bytes]]:
    files = []
    for item in items:
        files.append((output_path(folder, f"{item.name}.dot"), item.dot.encode("utf-8")))
        files.append((output_path(folder, f"{item.name}.html"), item.html))
    return files


def write_pages(items: Iterable[Page], folder: str) -> list[Path]:
    """Write ``<name>.dot`` and ``<name>.html`` for each page into ``folder``, each file atomically."""
    files = _files(items, folder)
    write_all_atomic(files)
    return [path for path, _ in files]


def stale_pages(items: Iterable[Page], folder: str) -> list[str]:
    """What is out of date in ``folder``: one line per ``.dot`` or ``.html`` file that is missing or differs."""
    return stale_files(_files(items, folder))

