"""Debate preparation: which claims stand, why, and a brief for or against one claim.

Everything here reads the graph and the labels of ``argmap.analysis``; the results are plain data
(dicts and lists) that ``format_*`` turns into text, Markdown or JSON.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from argmap.analysis import (
    IN,
    OUT,
    UNDEC,
    SearchBudgetSpent,
    TooManyUndecided,
    attackers,
    grounded_labelling,
    grounded_reasons,
    is_basic,
    preferred_extensions,
    reached_from,
    single_points_of_failure,
    support_below,
    supported_nodes,
    supporters,
    tensions_in_support,
)
from argmap.critical import critical_sets, influencing
from argmap.gradual import dfquad_strengths, shown_strength
from argmap.graph import ArgumentGraph, MapGraph, Relations, diagram_nodes, shown_names
from argmap.graph import relations as plain_relations
from argmap.load import DEFAULT_MAX_BYTES, load_map_set, map_scope
from argmap.model import BASIC_KINDS, MapError, source_details
from argmap.weighing import critical_data, critical_lines, explain_strength, format_strengths, weighing_lines
from argmap.wording import byline, markdown_text, plural

SEMANTICS = ("grounded", "preferred", "gradual")
MAX_DEPTH = 8  # how deep an outline of support goes before it says "..."
MAX_COMEBACKS = 5  # comebacks a brief names to each answer, strongest first (the number of the others is said)
_RANK = {IN: 0, UNDEC: 1, OUT: 2}


@dataclass
class Evaluation:
    """Labels of every node shown, why each that is not ``in`` has its label, and (for preferred
    semantics) the extensions."""

    semantics: str
    names: dict[str, str]  # node -> the id shown to the user
    labels: dict[str, str]
    extensions: list[list[str]] = field(default_factory=list)
    reasons: dict[str, dict[str, object]] = field(default_factory=dict)  # node -> its reason, for out and undec

    def as_dict(self) -> dict[str, object]:
        names = self.names
        out: dict[str, object] = {"semantics": self.semantics, "labels": {names[n]: v for n, v in self.labels.items()}}
        out["reasons"] = {
            names[n]: {**reason, "by": [names.get(m, m) for m in reason["by"]], "why": reason_text(reason, names)}  # type: ignore[union-attr]
            for n, reason in self.reasons.items()
        }
        if self.semantics == "preferred":
            out["extensions"] = [[names[n] for n in ext] for ext in self.extensions]
        return out


def evaluate(G: nx.MultiDiGraph, nodes: list[str], names: dict[str, str], semantics: str = "grounded",
             *, max_undecided: int | None = None, max_steps: int | None = None,
             grounded: dict[str, str] | None = None, relations: Relations | None = None) -> Evaluation:
    """Label ``nodes`` of ``G``, and say why each that is not ``in`` has its label.

    Grounded: the labelling of :func:`argmap.analysis.grounded_labelling` (or ``grounded``, that
    labelling computed already), with the reasons of :func:`argmap.analysis.grounded_reasons`.
    Preferred: the extensions, and a label per node that is ``in`` when it is in every extension
    (accepted sceptically), ``out`` when it is in none, and ``undec`` when only some extensions hold
    it; see :func:`preferred_reasons`.
    """
    rel = plain_relations(G) if relations is None else relations
    labels = grounded_labelling(G, relations=rel) if grounded is None else grounded
    why = grounded_reasons(G, labels, relations=rel)
    shown = set(nodes)
    if semantics == "grounded":
        return Evaluation(semantics, names, {n: labels[n] for n in nodes}, reasons={n: r for n, r in why.items() if n in shown})
    kwargs: dict[str, int | None] = {} if max_undecided is None else {"max_undecided": max_undecided}
    if max_steps is not None:
        kwargs["max_steps"] = max_steps
    extensions = preferred_extensions(G, relations=rel, **kwargs)  # type: ignore[arg-type]
    sceptical = {}
    for n in nodes:
        holding = sum(n in ext for ext in extensions)
        sceptical[n] = IN if holding == len(extensions) else OUT if holding == 0 else UNDEC
    ordered = [[n for n in nodes if n in ext and n in shown] for ext in extensions]
    reasons = preferred_reasons(rel, sceptical, extensions, labels, why)
    return Evaluation(semantics, names, sceptical, ordered, reasons)


def preferred_reasons(rel: Relations, labels: dict[str, str], extensions: list[set[str]], grounded: dict[str, str],
                      grounded_why: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """Why each node that is not ``in`` under preferred semantics (``labels``) has its label.

    ``out`` (in no extension): the grounded reason when grounded already has it ``out``; else
    ``attacks-itself``, or ``in-no-extension`` (``by``: its attackers that some extension holds).
    ``undec`` (in some extensions only): ``in-some-extensions``, with the numbers of those that hold it.
    """
    none: set[str] = set()
    reasons: dict[str, dict[str, object]] = {}
    for n, label in labels.items():
        if label == IN:
            continue
        hostile = rel.attackers.get(n, none)
        if label == UNDEC:
            holding = [i for i, ext in enumerate(extensions, 1) if n in ext]
            reasons[n] = {"label": UNDEC, "because": "in-some-extensions", "by": [], "extensions": holding,
                          "of": len(extensions)}
        elif grounded[n] == OUT:
            reasons[n] = grounded_why[n]
        elif n in hostile:
            reasons[n] = {"label": OUT, "because": "attacks-itself", "by": []}
        else:
            by = sorted((a for a in hostile if any(a in ext for ext in extensions)), key=rel.order.__getitem__)
            reasons[n] = {"label": OUT, "because": "in-no-extension", "by": by, "of": len(extensions)}
    return reasons


def reason_text(reason: dict[str, object], names: dict[str, str]) -> str:
    """A reason of :func:`argmap.analysis.grounded_reasons` or :func:`preferred_reasons` in words."""
    by = [f"'{names.get(m, m)}'" for m in reason["by"]]  # type: ignore[attr-defined]
    listed = _listed(by)
    because = reason["because"]
    if because == "defeated":
        return f"defeated by {listed}, which {'is' if len(by) == 1 else 'are'} in"
    if because == "unsupported":
        return "no support reaches evidence or an assumption, even ignoring attacks"
    if because == "support-out":
        return f"all its support is out: {listed}" if by else "all its support is out"
    if because == "attacks-itself":
        return "it attacks itself, so it can never stand"
    if because == "attacked-by-undecided":
        return f"attacked by {listed}, which {'is' if len(by) == 1 else 'are'} undecided too"
    if because == "support-undecided":
        return f"its support is undecided: {listed}"
    total = reason["of"]
    if because == "in-some-extensions":
        holding = reason["extensions"]
        numbers = ""
        if len(holding) <= 5:  # type: ignore[arg-type]  # a longer list is in the JSON, not worth a line of text
            numbers = f" (extension{'s' if len(holding) > 1 else ''} {', '.join(map(str, holding))})"  # type: ignore[arg-type]
        return f"in {len(holding)} of the {total} preferred extensions{numbers}, so it can stand or fall"  # type: ignore[arg-type]
    if because == "in-no-extension":
        where = f"in none of the {plural(total, 'preferred extension')}"  # type: ignore[arg-type]
        return f"{where}, which hold its attackers {listed}" if by else f"{where}: no position that can be defended holds it"
    raise ValueError(f"unknown reason {because!r}")


def _listed(items: list[str]) -> str:
    """``'a'``, ``'a' and 'b'``, ``'a', 'b' and 'c'``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def format_evaluation(G: nx.MultiDiGraph, result: Evaluation, fmt: str = "text") -> str:
    """The labels as text (a line per node, and under each that is not ``in`` why), or as JSON."""
    if fmt == "json":
        return json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
    counts = {label: sum(v == label for v in result.labels.values()) for label in (IN, OUT, UNDEC)}
    width = max((len(result.names[n]) for n in result.labels), default=0)
    lines = [f"{result.semantics}: {counts[IN]} in, {counts[OUT]} out, {counts[UNDEC]} undec"]
    for n, label in result.labels.items():
        text = " ".join(G.nodes[n]["text"].split()) or f"(linked argument {G.nodes[n]['id']})"
        lines.append(f"{label:<5} {result.names[n]:<{width}}  {text}")
        if n in result.reasons:
            lines.append(f"{'':<{width + 6}}  why: {reason_text(result.reasons[n], result.names)}")
    if result.semantics == "preferred":
        lines.append(f"{plural(len(result.extensions), 'preferred extension')}:")
        lines += [f"  {i}: {', '.join(result.names[n] for n in ext) or '(empty)'}" for i, ext in enumerate(result.extensions, 1)]
    return "\n".join(lines) + "\n"


def _name(G: nx.MultiDiGraph, n: str, names: dict[str, str]) -> str:
    return f"'{names.get(n, n)}'"


def support_route(G: nx.MultiDiGraph, labels: dict[str, str], n: str) -> list[str]:
    """A line of ``in`` support from ``n`` down to evidence or an assumption: the nodes, top first.

    For a linked argument the route follows its first premise (all of them are ``in``).
    """
    route, seen = [n], {n}
    while not is_basic(G, route[-1]):
        current = route[-1]
        nxt = [m for m in supporters(G, current) if labels.get(m) == IN and m not in seen]
        if not nxt:
            break
        nxt.sort(key=lambda m: (not is_basic(G, m), G.nodes[m]["kind"] == "argument"))
        route.append(nxt[0])
        seen.add(nxt[0])
    return route


def undecided_cycle(G: nx.MultiDiGraph, labels: dict[str, str], n: str) -> tuple[list[str], list[str]]:
    """Why ``n`` is undecided: the path of undecided attackers (or supporters) from ``n`` to a circle, and the circle.

    Following undecided attackers first, then undecided supporters, must come back to a node
    already seen: that circle of relations is what grounded semantics cannot settle.
    """
    path, index = [n], {n: 0}
    while True:
        current = path[-1]
        nxt = sorted(a for a in attackers(G, current) if labels.get(a) == UNDEC) or \
            sorted(s for s in supporters(G, current) if labels.get(s) == UNDEC)
        if not nxt:
            return path, []
        m = nxt[0]
        if m in index:
            return path[: index[m] + 1], path[index[m]:] + [m]
        index[m] = len(path)
        path.append(m)


def _kind_phrase(G: nx.MultiDiGraph, n: str) -> str:
    """What kind of ground ``n`` is, for a sentence: ``evidence`` or ``an assumption``."""
    return {"evidence": "evidence", "assumption": "an assumption"}.get(G.nodes[n]["kind"], f"a {G.nodes[n]['kind']}")


def explain(G: nx.MultiDiGraph, labels: dict[str, str], n: str, names: dict[str, str], *,
            backed: set[str] | None = None, order: dict[str, int] | None = None) -> list[str]:
    """Why ``n`` has its grounded label, as lines of text.

    ``in``: the support route that reaches evidence or an assumption (named by its kind) and what
    became of its attackers. ``out``: the attacker that is ``in``, or why no support stands.
    ``undec``: what leaves it open (itself, when it attacks itself) and the circle it goes round.
    To explain many claims, pass ``backed`` (:func:`argmap.analysis.supported_nodes` of ``G``) and
    ``order`` (each node's place in ``G``), computed once for all of them.
    """
    label = labels[n]
    name = _name(G, n, names)
    if backed is None:
        backed = supported_nodes(G)
    lines = [f"{name} is {label} under grounded semantics."]
    if order is None:
        order = {m: i for i, m in enumerate(G)}
    hostile = sorted(attackers(G, n), key=order.__getitem__)
    if label == IN:
        if is_basic(G, n):
            quote = f' (quoted: "{G.nodes[n]["quote"]}")' if G.nodes[n].get("quote") else ""
            given = "taken as given" if G.nodes[n]["kind"] == "assumption" else "taken from the source"
            lines.append(f"It is {_kind_phrase(G, n)}{quote}, {given}, so it needs no support.")
        else:
            route = support_route(G, labels, n)
            end = route[-1]
            path = " <- ".join(_name(G, m, names) for m in route)
            if is_basic(G, end):
                lines.append(f"Its support reaches {_kind_phrase(G, end)} through claims that stand: {path}")
            else:
                lines.append(f"Its support stands: {path}")
            if G.nodes[end].get("quote"):
                lines.append(f'{_name(G, end, names)} quotes the source: "{G.nodes[end]["quote"]}"')
        if hostile:
            for a in hostile:
                lines.append(f"Attacked by {_name(G, a, names)}, which is out: {_why_out(G, labels, backed, a, names, order)}.")
        else:
            lines.append("Nothing attacks it.")
        return lines
    if label == OUT:
        winners = [a for a in hostile if labels[a] == IN]
        if winners:
            for a in winners:
                route = support_route(G, labels, a)
                backing = f" ({' <- '.join(_name(G, m, names) for m in route)})" if len(route) > 1 else ""  # not itself again
                lines.append(f"It is defeated by {_name(G, a, names)}, which is in{backing}.")
        elif n not in backed:
            lines.append("No line of support reaches evidence or an assumption, even ignoring attacks.")
        else:
            for s in supporters(G, n):
                lines.append(f"Its support {_name(G, s, names)} is out: {_why_out(G, labels, backed, s, names, order)}.")
        return lines
    if n in hostile:
        lines.append("It attacks itself, so it can never stand; it falls only if something that stands defeats it.")
        others = [a for a in hostile if a != n and labels[a] == UNDEC]
        if others:
            lines.append("It is also attacked by " + ", ".join(_name(G, a, names) for a in others) + ", undecided too.")
        return lines
    lead, cycle = undecided_cycle(G, labels, n)
    open_attackers = [a for a in hostile if labels[a] == UNDEC]
    open_support = [s for s in supporters(G, n) if labels[s] == UNDEC]
    if open_attackers:
        verb = "which is" if len(open_attackers) == 1 else "which are"
        lines.append("It is attacked by " + ", ".join(_name(G, a, names) for a in open_attackers) + f", {verb} undecided too.")
    elif open_support:
        lines.append("Its support is undecided: " + ", ".join(_name(G, s, names) for s in open_support) + ".")
    if cycle:
        if len(lead) > 1:
            lines.append("That leads, through " + " -> ".join(_name(G, m, names) for m in lead) + ", to a circle.")
        if len(cycle) == 2:
            lines.append(f"{_name(G, cycle[0], names)} attacks itself, so it can never stand;"
                         " what it attacks or supports stays open.")
        else:
            lines.append("The relations go round a circle: " + " -> ".join(_name(G, m, names) for m in cycle)
                         + "; grounded semantics takes no side there (see --semantics preferred for the ways it can fall).")
    return lines


def _why_out(G: nx.MultiDiGraph, labels: dict[str, str], backed: set[str], n: str, names: dict[str, str],
             order: dict[str, int]) -> str:
    # In the map's order: attackers() is a set, whose order changes from one run to the next.
    winners = sorted((a for a in attackers(G, n) if labels[a] == IN), key=order.__getitem__)
    if winners:
        return "defeated by " + ", ".join(_name(G, a, names) for a in winners)
    if n not in backed:
        return "no support reaches evidence or an assumption"
    return "none of its support stands"


# ----------------------------------------------------------------------------------------- briefs


def _item(G: nx.MultiDiGraph, labels: dict[str, str], names: dict[str, str], n: str, relation: str) -> dict[str, object]:
    data = G.nodes[n]
    item: dict[str, object] = {"id": names.get(n, n), "text": " ".join(data["text"].split()), "kind": data["kind"],
                               "label": labels[n], "relation": relation}
    for key in ("quote", "section"):
        if data.get(key):
            item[key] = data[key]
    return item


class _Briefing:
    """Builds the parts of a brief for one claim; shares the labels, the relations and memos between them.

    Everything is read from plain relations, each node's share computed once: on a map of thousands
    of claims the outline of support visits the same supporters many times.
    """

    def __init__(self, G: nx.MultiDiGraph, names: dict[str, str], claim: str, rel: Relations, labels: dict[str, str]):
        self.G = G
        self.names = names
        self.claim = claim
        self.rel = rel
        self.rank: Callable[[str], float] | None = None  # orders the lines of each side, when set
        self.labels = labels
        self.below = sorted(support_below(G, claim, rel), key=rel.order.__getitem__)  # what the claim rests on
        self.quoted = _reaching_quotes(G, rel)
        self._strength: dict[str, tuple[int, int, int]] = {}
        self._ranked: dict[str, list[str]] = {}

    def strength(self, n: str) -> tuple[int, int, int]:
        """Strongest first: standing, then reaching quoted evidence, then the amount of evidence below."""
        if n not in self._strength:
            kind = self.rel.kind
            evidence = sum(1 for m in support_below(self.G, n, self.rel) if kind[m] == "evidence")
            self._strength[n] = (_RANK[self.labels[n]], 0 if n in self.quoted else 1, -evidence)
        return self._strength[n]

    def ranked_supporters(self, n: str) -> list[str]:
        if n not in self._ranked:
            self._ranked[n] = sorted(self.rel.supporters[n], key=self.strength)
        return self._ranked[n]

    def support_outline(self, n: str, depth: int = 0, path: frozenset[str] = frozenset(),
                        shown: set[str] | None = None) -> list[dict[str, object]]:
        """What supports ``n``, strongest first, each with what supports it in turn.

        ``shown`` holds the nodes already given in full in this section of the brief: a node met
        again (a supporter shared by two lines) is given as ``"see": "above"`` without its text or
        its support, so each claim is listed once per section.
        """
        shown = set() if shown is None else shown
        out = []
        ranked = self.ranked_supporters(n)
        if depth == 0 and self.rank is not None:  # the lines of the case, by strength (stable: ties as before)
            ranked = sorted(ranked, key=self.rank)
        for m in ranked:
            relation = "linked argument" if self.rel.kind[m] == "argument" else "supports"
            if m in path:
                out.append({**_item(self.G, self.labels, self.names, m, "supports"), "note": "support goes round a circle here"})
                continue
            if m in shown:
                out.append({"id": self.names.get(m, m), "relation": relation, "label": self.labels[m], "see": "above"})
                continue
            shown.add(m)
            item = _item(self.G, self.labels, self.names, m, relation)
            if depth + 1 < MAX_DEPTH:
                item["support"] = self.support_outline(m, depth + 1, path | {n}, shown)
            elif self.rel.supporters[m]:
                item["note"] = "more support below, not shown"
            out.append(item)
        return out

    def attacks(self) -> list[dict[str, object]]:
        """Attacks on the claim, then attacks on what it rests on; each with its own support.

        An attack from inside the claim's own support (two of its reasons in tension) is not the
        other side's case: it is listed with the weak points instead.
        """
        out: list[dict[str, object]] = []
        by_attacker: dict[str, dict[str, object]] = {}
        targets_of: dict[str, list[str]] = {}
        own = {self.claim, *self.below}
        strongest = self._strongest_first
        shown: set[str] = set()  # the section's nodes given in full, the attackers' support included
        pairs = [(target, a) for target in [self.claim, *self.below]
                 for a in sorted((a for a in attackers(self.G, target) if a not in own), key=strongest)]
        if self.rank is not None:  # the attacks by strength, each attacker's targets in the order above
            first: dict[str, int] = {}
            for i, (_, a) in enumerate(pairs):
                first.setdefault(a, i)
            pairs.sort(key=lambda pair: (self.rank(pair[1]), first[pair[1]]))  # type: ignore[misc]
        for target, a in pairs:
            if a in by_attacker:  # an attacker of two claims of the case is listed once, with both
                by_attacker[a]["targets"].append(self.names.get(target, target))  # type: ignore[attr-defined]
                targets_of[a].append(target)
                continue
            succ = self.G.succ
            kind = "tension" if "tension" in succ[a].get(target, ()) or "tension" in succ[target].get(a, ()) else "opposes"
            shown.add(a)
            item = _item(self.G, self.labels, self.names, a, kind)
            item["target"] = self.names.get(target, target)
            item["targets"] = [item["target"]]
            item["support"] = self.support_outline(a, shown=shown)
            by_attacker[a], targets_of[a] = item, [target]
            out.append(item)
        for a, item in by_attacker.items():
            # What answers the attack: a claim that attacks the attacker (a target pulling back against
            # a tension is the same disagreement, not an answer, unless the attack is also on another
            # claim of the case, which it then answers; nor is the attacker itself).
            answers = [c for c in attackers(self.G, a) if c != a and any(t != c for t in targets_of[a])]
            item["answers"] = [_item(self.G, self.labels, self.names, c, "answers") for c in sorted(answers, key=strongest)]
        return out

    def _strongest_first(self, n: str) -> tuple[int, int]:
        return (_RANK[self.labels[n]], self.rel.order[n])

    def weak_points(self) -> dict[str, list[dict[str, object]]]:
        G, labels, names, rel = self.G, self.labels, self.names, self.rel
        backed = supported_nodes(G, relations=rel)
        below = self.below
        unsupported = [_item(G, labels, names, m, "premise") for m in below
                       if rel.kind[m] not in ("argument",) and m not in backed]
        single = [_item(G, labels, names, m, "single point of failure") for m in single_points_of_failure(G, self.claim, rel)]
        scope = set(below) | {self.claim}
        in_tension = [
            {"at": names.get(n, n), "between": [names.get(a, a), names.get(b, b)]}
            for n, a, b in tensions_in_support(G, relations=rel) if n in scope
        ]
        assumptions = [_item(G, labels, names, m, "assumption") for m in below if rel.kind[m] == "assumption"]
        none: set[str] = set()
        self_attacking = [_item(G, labels, names, m, "attacks itself") for m in [self.claim, *below]
                          if m in rel.attackers.get(m, none)]
        return {"unsupported_premises": unsupported, "single_points_of_failure": single,
                "resting_on_tension": in_tension, "attacks_itself": self_attacking, "assumptions": assumptions}


def _reaching_quotes(G: nx.MultiDiGraph, rel: Relations) -> set[str]:
    """The nodes whose support reaches quoted evidence or a quoted assumption (those included)."""
    nodes = G.nodes
    return reached_from((n for n, kind in rel.kind.items() if kind in BASIC_KINDS and nodes[n].get("quote")), rel.supports)


def brief(G: nx.MultiDiGraph | ArgumentGraph, claim: str, names: dict[str, str], side: str = "for", *,
          relations: Relations | None = None, labels: dict[str, str] | None = None) -> dict[str, object]:
    """A debate brief on ``claim`` as plain data: the case for, the case against, weak points, rebuttals.

    ``side`` says whose seat it is written from: ``for`` defends the claim, ``against`` attacks it
    (the same findings, with the cases swapped and the rebuttals read as what the other side will say).
    ``relations`` and ``labels`` are those of ``G``, when computed already.
    """
    rel = plain_relations(G) if relations is None else relations
    b = _Briefing(G, names, claim, rel, grounded_labelling(G, relations=rel) if labels is None else labels)
    reach = influencing(G, claim)  # all a brief shows, and all that can change the claim's label
    strength = dfquad_strengths(G, nodes=reach)
    b.rank = lambda n: -shown_strength(strength[n])  # each side's lines strongest first, under gradual semantics
    node_of = {shown: n for n, shown in names.items()}
    ranked = {"case_for": b.support_outline(claim, shown={claim}), "case_against": b.attacks()}
    for items in ranked.values():
        for item in items:
            item["strength"] = shown_strength(strength[node_of.get(item["id"], item["id"])])  # type: ignore[index]
    attacks = ranked["case_against"]
    rebuttals = []
    for a in attacks:
        # Every answer the map holds, those that fall included: a fallen answer is what the attacking
        # side's counter-rebuttal (listed under it) already beats.
        answers = a["answers"]
        # What answers each answer: the counter-rebuttal the attacking side can come back with.
        countered = {c["id"]: [names.get(m, m) for m in sorted(attackers(G, node_of.get(c["id"], c["id"])),
                                                                key=lambda m: (-shown_strength(strength[m]), rel.order[m]))
                               if b.labels[m] != OUT and names.get(m, m) not in (c["id"], a["id"])]
                     for c in answers}
        # The strongest few comebacks to each answer: in a clique of 400 claims in tension, all of them
        # made the brief 491 MB (attacks x answers x comebacks).
        more = {c: len(by) - MAX_COMEBACKS for c, by in countered.items() if len(by) > MAX_COMEBACKS}
        rebuttal = {"attack": a["id"], "on": a["target"], "targets": a["targets"],
                    "answered_by": [c["id"] for c in answers if c["label"] != OUT],
                    "fallen_answers": [c["id"] for c in answers if c["label"] == OUT],
                    "countered_by": {c: by[:MAX_COMEBACKS] for c, by in countered.items()}}
        rebuttals.append({**rebuttal, "more_comebacks": more} if more else rebuttal)
    best_for = ranked["case_for"][0] if ranked["case_for"] else None
    best_against = attacks[0] if attacks else None
    found = critical_sets(G, claim, labels=b.labels, reach=reach)
    return {
        "side": side,
        "claim": {**_item(G, b.labels, names, claim, "claim"), "id": names.get(claim, claim),
                  "strength": shown_strength(strength[claim])},
        "case_for": ranked["case_for"],
        "case_against": attacks,
        "weak_points": b.weak_points(),
        "rebuttals": rebuttals,
        "weighing": weighing_lines(best_for, best_against, against=side == "against"),
        # The attacking side must win a set that brings the claim down; the defending side one that lifts it.
        "must_win": {**critical_data(found, names),
                     "why": critical_lines(found, names, who="the other side" if side == "for" else "we", direction="down"),
                     "lift": critical_lines(found, names, who="we" if side == "for" else "they", direction="up")},
    }


def _outline(items: Iterable[dict[str, object]], indent: int = 0) -> list[str]:
    lines = []
    for item in items:
        pad = "  " * indent
        if item.get("see") == "above":
            what = "linked argument " if item.get("relation") == "linked argument" else ""
            lines.append(f"{pad}- {what}`{item['id']}` — *{item['label']}* (see above)")
            continue
        strength = f", strength {item['strength']:.2f}" if "strength" in item else ""
        head = f"{pad}- **{markdown_text(item['text']) or '(linked argument)'}** `{item['id']}` — *{item['label']}*{strength}"
        if item.get("relation") == "linked argument":
            head = f"{pad}- linked argument `{item['id']}` (all premises together) — *{item['label']}*{strength}"
        if item.get("target"):
            targets = ", ".join(f"`{t}`" for t in item.get("targets", [item["target"]]))  # type: ignore[union-attr]
            head += f", {'in tension with' if item['relation'] == 'tension' else 'attacks'} {targets}"
        lines.append(head)
        if item.get("quote"):
            where = f" ({markdown_text(item['section'])})" if item.get("section") else ""
            lines.append(f'{pad}  > "{markdown_text(item["quote"])}"{where}')
        if item.get("note"):
            lines.append(f"{pad}  ({markdown_text(item['note'])})")
        lines += _outline(item.get("support", []), indent + 1)  # type: ignore[arg-type]
    return lines


def format_brief(data: dict[str, object], fmt: str = "markdown") -> str:
    """The brief as Markdown a person can print and speak from, or as JSON."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    claim = data["claim"]
    weak = data["weak_points"]
    against = data["side"] == "against"
    subject = markdown_text(claim["text"]) or f"linked argument `{claim['id']}`"  # type: ignore[index]
    lines = [f"# Brief {'against' if against else 'for'}: {subject}", ""]
    lines.append(f"`{claim['id']}` ({claim['kind']}) stands as **{claim['label']}** under grounded semantics"  # type: ignore[index]
                 + (f", strength {claim['strength']:.2f} under gradual semantics (DF-QuAD)." if "strength" in claim else "."))  # type: ignore[operator]
    lines.append("")
    about = data.get("source")
    if about:
        lines += [f"From *{markdown_text(about['title'])}*: {markdown_text(byline(about))}", ""]  # type: ignore[index, arg-type]
        if about.get("note"):  # type: ignore[union-attr]
            lines += [f"({markdown_text(about['note'])})", ""]  # type: ignore[index]

    def section(title: str, body: list[str], empty: str) -> None:
        lines.extend([f"## {title}", "", *(body or [empty]), ""])

    case_for = _outline(data["case_for"])  # type: ignore[arg-type]
    case_against = _outline(data["case_against"])  # type: ignore[arg-type]
    if against:
        section("Our case: what attacks the claim", case_against, "Nothing in the map attacks it: argue from outside the map.")
        section("Their case: what supports the claim", case_for, "Nothing supports it: they can only assert it.")
    else:
        section("Case for", case_for, "Nothing supports it: it is only asserted.")
        section("Case against", case_against, "Nothing in the map attacks it or what it rests on.")

    # One line per claim, with every weakness found in it (a premise can be unsupported and the
    # single point of failure at once); a tension names two claims and gets a line of its own.
    weak_of: dict[str, tuple[dict[str, object], list[str]]] = {}
    for key, words in (("unsupported_premises", "unsupported premise"),
                       ("single_points_of_failure", "single point of failure: without it the claim has no backing"),
                       ("attacks_itself", "attacks itself, so it can never stand"),
                       ("assumptions", "assumption taken as given")):
        for item in weak[key]:  # type: ignore[index]
            weak_of.setdefault(item["id"], (item, []))[1].append(words)
    weak_lines = [f"- **{markdown_text(item['text'])}** `{claim_id}`: {'; '.join(words)}" for claim_id, (item, words) in weak_of.items()]
    for item in weak["resting_on_tension"]:  # type: ignore[index]
        weak_lines.append(f"- `{item['at']}` rests on `{item['between'][0]}` and `{item['between'][1]}`, which are in tension")
    section("Where their case is weak" if against else "Weak points", weak_lines, "None found in the map.")

    rebuttal_lines = []
    for r in data["rebuttals"]:  # type: ignore[union-attr]
        answers = ", ".join([f"`{a}`" for a in r["answered_by"]] + [f"`{a}` (out)" for a in r.get("fallen_answers", [])])
        on = ", ".join(f"`{t}`" for t in r.get("targets", [r["on"]]))
        countered, more = r.get("countered_by", {}), r.get("more_comebacks", {})
        back = "; ".join(f"to `{c}`, {', '.join(f'`{m}`' for m in by)}" + (f" and {more[c]:,} more" if c in more else "")
                         for c, by in countered.items() if by)
        if against:
            line = f"- To our `{r['attack']}` (on {on}) they will answer: {answers or 'nothing in the map'}"
            rebuttal_lines.append(line + (f"; we come back with: {back}" if back else ""))
        else:
            line = f"- `{r['attack']}` (on {on}): {('answered by ' + answers) if answers else 'unanswered'}"
            rebuttal_lines.append(line + (f"; they can come back: {back}" if back else ""))
    section("What they will answer" if against else "Expected rebuttals", rebuttal_lines, "No attacks to answer.")
    if "weighing" in data:
        section("Weighing", list(data["weighing"]), "")  # type: ignore[call-overload]
        title = "What we must win" if against else "What they must win"
        section(title, [f"- {line}" for line in data["must_win"]["why"]], "")  # type: ignore[index]
        if data["claim"]["label"] != IN:  # type: ignore[index]
            section("What would lift it" if against else "What we must win to lift it",
                    [f"- {line}" for line in data["must_win"]["lift"]], "")  # type: ignore[index]
    return "\n".join(lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------------------ from a map file


@dataclass
class Subject:
    """A map loaded for evaluation: the graph of its scope, the nodes its diagram shows, their names."""

    maps: MapGraph  # the graph with its analyses' memo (on the relations gathered from the maps)
    nodes: list[str]
    names: dict[str, str]
    path: str = ""  # the map file, for messages

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self.maps.graph

    @property
    def argument_graph(self) -> ArgumentGraph:
        """The same nodes and edges as :attr:`graph` in argmap's own plain dicts, which ``evaluate`` and
        ``brief`` read: at 50,000 claims making the networkx graph costs 0.4 s and reading through its
        views is several times slower."""
        return self.maps.argument_graph

    @property
    def grounded(self) -> dict[str, str]:
        """The grounded labelling of the graph, computed once."""
        return self.maps.memo(grounded_labelling)

    def node(self, claim: str) -> str:
        """The node a user's ``id`` or ``map#id`` names, or a ``MapError`` that says what was meant, if it
        can tell (an id of an included map, ``map#id``, or one spelt alike), else lists what exists."""
        for n, shown in self.names.items():
            if claim in (shown, n):
                return n
        shown = list(self.names.values())
        meant = [s for s in shown if s.endswith("#" + claim)] or difflib.get_close_matches(claim, shown, n=1)
        if meant:
            raise MapError(f"no claim '{claim}' in this map; did you mean '{meant[0]}'?", path=self.path)
        raise MapError(f"no claim '{claim}' in this map; its ids include: {', '.join(shown[:8])}", path=self.path)


def load_subject(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, root: str | None = None) -> Subject:
    if Path(path).is_dir():
        raise MapError("give one map file, not a folder", path=path)
    loaded = load_map_set([path], max_bytes=max_bytes, root=root)
    name = loaded.maps[0].name
    maps = MapGraph(map_scope(loaded, name))
    nodes, _ = diagram_nodes(maps, name)
    return Subject(maps, nodes, shown_names(maps, name, nodes), path)


def evaluate_map(path: str, *, semantics: str = "grounded", fmt: str = "text", explain_claim: str | None = None,
                 max_undecided: int | None = None, max_steps: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 root: str | None = None) -> str:
    """``argmap evaluate``: the labels (and extensions) of a map, and optionally why one claim has its label."""
    if explain_claim and semantics == "preferred":
        raise MapError("--explain says why a claim has its grounded label (or its strength, with --semantics gradual);"
                       " under preferred semantics its place differs from one extension to another: leave out one of the two")
    subject = load_subject(path, max_bytes=max_bytes, root=root)
    G = subject.argument_graph
    target = subject.node(explain_claim) if explain_claim else None
    if semantics == "gradual":
        strengths = dfquad_strengths(G)
        if target is None:
            return format_strengths(G, subject.nodes, subject.names, strengths, fmt)
        return explain_strength(G, strengths, target, subject.names, fmt)
    try:
        result = evaluate(G, subject.nodes, subject.names, semantics, max_undecided=max_undecided, max_steps=max_steps,
                          grounded=subject.grounded, relations=subject.maps.memo(plain_relations))
    except (TooManyUndecided, SearchBudgetSpent) as error:
        raise MapError(str(error), path=path) from None
    if target is None:
        return format_evaluation(G, result, fmt)
    why = explain(G, subject.grounded, target, subject.names)
    found = critical_sets(G, target, labels=subject.grounded)
    if fmt == "json":
        return json.dumps({**result.as_dict(), "explain": {"claim": subject.names[target], "why": why,
                                                            "must_win": critical_data(found, subject.names)}},
                          indent=2, ensure_ascii=False) + "\n"
    return "\n".join([*why, "What the other side must win to change it:", *critical_lines(found, subject.names)]) + "\n"


def brief_map(path: str, claim: str, *, side: str = "for", fmt: str = "markdown",
              max_bytes: int = DEFAULT_MAX_BYTES, root: str | None = None) -> str:
    """``argmap brief``: a debate brief on one claim of a map."""
    subject = load_subject(path, max_bytes=max_bytes, root=root)
    n = subject.node(claim)
    G = subject.argument_graph
    data = brief(G, n, subject.names, side, relations=subject.maps.memo(plain_relations), labels=subject.grounded)
    about = source_details(subject.maps.maps.by_name()[G.nodes[n]["map"]])
    return format_brief({**data, "source": about} if about else data, fmt)
