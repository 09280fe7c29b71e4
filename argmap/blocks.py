"""Blocks: for each argument the other side can run against our position, our answers, written in advance.

A block is a tree that alternates seats: their argument, our answers to it (what in the map attacks it
or what it directly rests on), their comebacks to each answer, our replies to those, down to ``depth``
levels (3 by default), the ``MAX_ANSWERS`` strongest under each card (the number of the others said).
Every claim is a card: its text, id, label, strength, and the quote and section a debater cites, with
the title of its map (for a claim that quotes nothing, the nearest quoted evidence beneath it). An
argument with no answer in the map says "unanswered".

From the ``for`` seat their arguments are what attacks the claim or what it rests on; from the
``against`` seat they are the claim's own lines of support.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from argmap.analysis import attackers, support_below, supporters
from argmap.critical import influencing
from argmap.debate import load_subject
from argmap.gradual import dfquad_strengths, shown_strength
from argmap.load import DEFAULT_MAX_BYTES
from argmap.model import MapError

if TYPE_CHECKING:
    import networkx as nx

DEPTH = 3
MAX_CITED = 2  # quoted evidence cited on a card whose claim quotes nothing itself
MAX_ANSWERS = 5  # answers given under one card, strongest first (the number of the others is said)
FORMATS = ("markdown", "html", "json")


class _Blocks:
    def __init__(self, G: nx.MultiDiGraph, names: dict[str, str], labels: dict[str, str], claim: str,
                 titles: dict[str, str]):
        self.G, self.names, self.labels, self.claim, self.titles = G, names, labels, claim, titles
        self.strength = dfquad_strengths(G, nodes=influencing(G, claim))  # every card reaches the claim
        self.order = {n: i for i, n in enumerate(G)}
        self._answers: dict[str, list[tuple[str, str]]] = {}

    def rank(self, n: str) -> tuple[float, int]:
        """Strongest first (as shown), then in the map's order."""
        return -shown_strength(self.strength.get(n, 0.0)), self.order[n]

    def card(self, n: str) -> dict[str, object]:
        data = self.G.nodes[n]
        card: dict[str, object] = {"id": self.names.get(n, n), "text": " ".join(data["text"].split()) or "(linked argument)",
                                   "kind": data["kind"], "label": self.labels[n], "strength": shown_strength(self.strength[n])}
        card["cite"] = [self._cite(m) for m in self._nearest_quoted(n)]
        return card

    def _nearest_quoted(self, n: str) -> list[str]:
        """``n`` if it quotes the source; else the nearest quoted claims beneath it (at most ``MAX_CITED``),
        found breadth first, so a card costs what it cites, not the whole of its support."""
        if self.G.nodes[n].get("quote"):
            return [n]
        found: list[str] = []
        seen, level = {n}, [n]
        while level and len(found) < MAX_CITED:
            below = []
            for m in level:
                for k in supporters(self.G, m):
                    if k not in seen:
                        seen.add(k)
                        below.append(k)
            below.sort(key=self.rank)
            found += [k for k in below if self.G.nodes[k].get("quote")][: MAX_CITED - len(found)]
            level = below
        return found

    def _cite(self, n: str) -> dict[str, object]:
        data = self.G.nodes[n]
        return {"id": self.names.get(n, n), "quote": data["quote"], "section": data.get("section"),
                "source": self.titles.get(data.get("map"), "")}

    def all_answers(self, n: str) -> list[tuple[str, str]]:
        """(answer, what it attacks) for ``n``: what attacks ``n`` or what it directly rests on (a linked
        argument's premises included), strongest first; computed once per node."""
        if n not in self._answers:
            targets = [n, *supporters(self.G, n)]
            targets += [p for m in targets[1:] if self.G.nodes[m]["kind"] == "argument" for p in supporters(self.G, m)]
            found: dict[str, str] = {}
            for target in targets:
                for a in sorted(attackers(self.G, target), key=self.order.__getitem__):
                    if a not in found and a != target:
                        found[a] = target
            self._answers[n] = sorted(found.items(), key=lambda item: self.rank(item[0]))
        return self._answers[n]

    def tree(self, n: str, level: int, depth: int, path: frozenset[str]) -> tuple[list[dict[str, object]], int]:
        """The answers to ``n`` (at most ``MAX_ANSWERS``, strongest first), each with its own, and how many
        weaker answers are left out."""
        if level > depth:
            return [], 0
        answers = [(a, target) for a, target in self.all_answers(n) if a not in path]
        out = []
        for a, target in answers[:MAX_ANSWERS]:
            item = {**self.card(a), "on": self.names.get(target, target)}
            # The claim an answer attacks pulling back (a tension, or two claims opposing each other) is
            # the same disagreement, not a comeback: it is left out below, as everything on the path is.
            item["answers"], item["more"] = self.tree(a, level + 1, depth, path | {a, target})
            out.append(item)
        return out, max(0, len(answers) - MAX_ANSWERS)


def blocks(G: nx.MultiDiGraph, claim: str, names: dict[str, str], labels: dict[str, str], side: str = "for", *,
           depth: int = DEPTH, titles: dict[str, str] | None = None) -> dict[str, object]:
    """The blocks on ``claim`` as plain data, for the ``side`` whose seat they are written from.

    ``titles`` gives each map's title (by map name), which a card cites as its source.
    """
    b = _Blocks(G, names, labels, claim, titles or {})
    base = frozenset({claim})
    if side == "for":
        own = {claim, *support_below(G, claim)}
        theirs: dict[str, str] = {}
        for target in [claim, *sorted(own - {claim}, key=b.order.__getitem__)]:
            for a in sorted(attackers(G, target), key=b.order.__getitem__):
                if a not in own and a not in theirs:
                    theirs[a] = target
        arguments = sorted(theirs.items(), key=lambda item: b.rank(item[0]))
    else:
        arguments = sorted(((m, claim) for m in supporters(G, claim)), key=lambda item: b.rank(item[0]))
    out = []
    for a, target in arguments:
        item = {**b.card(a), "on": names.get(target, target)}
        item["answers"], item["more"] = b.tree(a, 1, depth, base | {a, target})
        out.append(item)
    return {"side": side, "claim": b.card(claim), "depth": depth, "blocks": out}


_SEATS = ("Our answer", "Their comeback", "Our reply", "Their comeback", "Our reply")


def _cites(card: dict[str, object]) -> list[tuple[str, str]]:
    """(quote, where) for each citation of a card."""
    return [(c["quote"], f"{c['source']}{', ' + c['section'] if c.get('section') else ''}")  # type: ignore[index]
            for c in card.get("cite", [])]  # type: ignore[union-attr]


def format_markdown(data: dict[str, object]) -> str:
    claim = data["claim"]
    against = data["side"] == "against"
    lines = [f"# Blocks {'against' if against else 'for'}: {claim['text']}", "",  # type: ignore[index]
             f"`{claim['id']}` is *{claim['label']}*, strength {claim['strength']:.2f}. For each argument they can run,"  # type: ignore[index]
             f" our answers, {data['depth']} levels deep, strongest first.", ""]

    def head(card: dict[str, object]) -> str:
        return f"**{card['text']}** `{card['id']}` — *{card['label']}*, {card['strength']:.2f}"

    def answers(items: list[dict[str, object]], level: int) -> None:
        pad = "  " * (level - 1)
        for item in items:
            lines.append(f"{pad}- {_SEATS[level - 1]} (on `{item['on']}`): {head(item)}")
            for quote, where in _cites(item):
                lines.append(f'{pad}  > "{quote}" ({where})')
            answers(item["answers"], level + 1)  # type: ignore[arg-type]
            if item.get("more"):
                lines.append(f"{pad}  - ({item['more']} weaker {'answer' if item['more'] == 1 else 'answers'} in the map, not shown)")

    if not data["blocks"]:
        lines.append("They have no argument against our position in the map.")
    for i, block in enumerate(data["blocks"], 1):  # type: ignore[arg-type]
        lines.append(f"## Block {i}: {block['text']}")
        lines.append("")
        lines.append(f"They run `{block['id']}` (on `{block['on']}`) — *{block['label']}*, strength {block['strength']:.2f}")
        for quote, where in _cites(block):
            lines.append(f'> "{quote}" ({where})')
        lines.append("")
        if block["answers"]:
            answers(block["answers"], 1)
            if block.get("more"):
                lines.append(f"- ({block['more']} weaker {'answer' if block['more'] == 1 else 'answers'} in the map, not shown)")
        else:
            lines.append("**Unanswered**: nothing in the map attacks it or what it directly rests on.")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


_CSS = """body{font-family:Georgia,serif;max-width:50em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.4em}h2{font-size:1.15em;border-top:1px solid #999;padding-top:.6em}
section{break-inside:avoid;page-break-inside:avoid}
.card{border:1px solid #bbb;border-radius:4px;padding:.4em .6em;margin:.4em 0}
.seat{font-variant:small-caps;color:#555}.id{font-family:monospace}
.in{color:#1a7f37}.out{color:#b42318}.undec{color:#9a6700}
blockquote{margin:.3em 0 .3em 1em;font-style:italic}ul{list-style:none;padding-left:1.2em}
.unanswered{color:#b42318;font-weight:bold}
@media print{body{margin:0;max-width:none}a{color:inherit}}"""


def format_html(data: dict[str, object]) -> str:
    """A printable page: one file, no scripts, no outside resources; every text of the map escaped."""
    e = html.escape
    claim = data["claim"]
    against = data["side"] == "against"
    title = f"Blocks {'against' if against else 'for'}: {claim['text']}"  # type: ignore[index]

    def card(item: dict[str, object], seat: str) -> str:
        label = e(str(item["label"]))
        quotes = "".join(f"<blockquote>&ldquo;{e(str(q))}&rdquo; <cite>{e(w)}</cite></blockquote>" for q, w in _cites(item))
        on = f" on <span class=\"id\">{e(str(item['on']))}</span>" if "on" in item else ""
        return (f"<div class=\"card\"><span class=\"seat\">{e(seat)}</span>{on}: <strong>{e(str(item['text']))}</strong>"
                f" <span class=\"id\">{e(str(item['id']))}</span> &mdash; <span class=\"{label}\">{label}</span>,"
                f" {item['strength']:.2f}{quotes}</div>")

    def tree(items: list[dict[str, object]], level: int) -> str:
        if not items:
            return ""
        parts = [f"<li>{card(i, _SEATS[level - 1])}{tree(i['answers'], level + 1)}{more(i)}</li>" for i in items]  # type: ignore[arg-type]
        return "<ul>" + "".join(parts) + "</ul>"

    def more(item: dict[str, object]) -> str:
        count = item.get("more") or 0
        return f"<p class=\"more\">({count} weaker answer{'' if count == 1 else 's'} in the map, not shown)</p>" if count else ""

    body = [f"<h1>{e(title)}</h1>",
            f"<p><span class=\"id\">{e(str(claim['id']))}</span> is {e(str(claim['label']))}, strength"  # type: ignore[index]
            f" {claim['strength']:.2f}. For each argument they can run, our answers, {data['depth']} levels deep.</p>"]  # type: ignore[index]
    if not data["blocks"]:
        body.append("<p>They have no argument against our position in the map.</p>")
    for i, block in enumerate(data["blocks"], 1):  # type: ignore[arg-type]
        answers = (tree(block["answers"], 1) + more(block)) or \
            "<p class=\"unanswered\">Unanswered: nothing in the map attacks it or what it directly rests on.</p>"
        body.append(f"<section><h2>Block {i}: {e(str(block['text']))}</h2>{card(block, 'They run')}{answers}</section>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{e(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def blocks_map(path: str, claim: str, *, side: str = "for", fmt: str = "markdown", depth: int = DEPTH,
               max_bytes: int = DEFAULT_MAX_BYTES, root: str | None = None) -> str:
    """``argmap blocks``: the blocks on one claim of a map, as Markdown, HTML or JSON."""
    if fmt not in FORMATS:
        raise MapError(f"unknown format '{fmt}'; expected one of: {', '.join(FORMATS)}")
    subject = load_subject(path, max_bytes=max_bytes, root=root)
    n = subject.node(claim)
    titles = {m.name: m.title for m in subject.maps.maps.all_maps}
    data = blocks(subject.graph, n, subject.names, subject.grounded, side, depth=depth, titles=titles)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return format_html(data) if fmt == "html" else format_markdown(data)
