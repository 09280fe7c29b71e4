"""Weighing for debaters: claims' strengths under gradual semantics, what the other side must win, and
how the strongest line for a claim compares with the strongest against, in words a debater can say.

Everything is computed by :mod:`argmap.gradual` and :mod:`argmap.critical`; this module words it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from argmap.critical import CriticalSets
from argmap.gradual import Influences, aggregate, shown_strength
from argmap.model import DEFAULT_ARGUMENT_WEIGHT, DEFAULT_CLAIM_WEIGHT
from argmap.wording import plural

if TYPE_CHECKING:
    import networkx as nx


def weight_of(G: nx.MultiDiGraph, n: str) -> float:
    """The weight written on ``n``, or the default for its kind."""
    w = G.nodes[n].get("weight")
    if w is None:
        return DEFAULT_ARGUMENT_WEIGHT if G.nodes[n]["kind"] == "argument" else DEFAULT_CLAIM_WEIGHT
    return w


def format_strengths(G: nx.MultiDiGraph, nodes: list[str], names: dict[str, str], strengths: dict[str, float],
                     fmt: str = "text") -> str:
    """``evaluate --semantics gradual``: each node's weight and DF-QuAD strength (3 decimals), strongest first."""
    place = {n: i for i, n in enumerate(nodes)}
    ranked = sorted(nodes, key=lambda n: (-shown_strength(strengths[n]), place[n]))
    if fmt == "json":
        data = {"semantics": "gradual", "model": "DF-QuAD",
                "strengths": {names[n]: shown_strength(strengths[n]) for n in nodes},
                "weights": {names[n]: weight_of(G, n) for n in nodes}}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    width = max((len(names[n]) for n in nodes), default=0)
    lines = ["gradual (DF-QuAD): strength from 0 to 1, from each claim's weight (0.5 unless written)",
             f"{'strength':<8}  {'weight':<6}  {'id':<{width}}  text"]
    for n in ranked:
        text = " ".join(G.nodes[n]["text"].split()) or f"(linked argument {G.nodes[n]['id']})"
        lines.append(f"{strengths[n]:<8.3f}  {weight_of(G, n):<6.2f}  {names[n]:<{width}}  {text}")
    return "\n".join(lines) + "\n"


_RANK = {"out": 0, "undec": 1, "in": 2}


def lowers(found: CriticalSets, after: str) -> bool:
    """Whether a set that gives ``after`` brings the claim down (``in`` to ``undec`` or ``out``, ``undec`` to ``out``)."""
    return _RANK[after] < _RANK[found.label]


def explain_strength(G: nx.MultiDiGraph, strengths: dict[str, float], n: str, names: dict[str, str],
                     fmt: str = "text") -> str:
    """``evaluate --semantics gradual --explain``: how DF-QuAD arrives at ``n``'s strength, step by step."""
    inf = Influences(G)
    name = f"'{names.get(n, n)}'"
    w, s = weight_of(G, n), strengths[n]
    i = inf.place[n]
    argument = inf.is_argument[i]

    def side(places: list[int]) -> tuple[list[dict[str, object]], float]:
        ranked = [inf.nodes[j] for j in sorted(set(places), key=lambda j: (-shown_strength(strengths[inf.nodes[j]]), j))]
        return [{"id": names.get(m, m), "strength": shown_strength(strengths[m])} for m in ranked], aggregate(strengths[m] for m in ranked)

    attack, va = side(inf.attackers[i])
    if argument:
        premises, weakest = side(inf.supporters[i])
        support, vs = [], 0.0
    else:
        support, vs = side(inf.supporters[i])
    if fmt == "json":
        data = {"semantics": "gradual", "claim": names.get(n, n), "strength": shown_strength(s), "weight": w,
                "attack": round(va, 3), "attackers": attack, "support": round(vs, 3), "supporters": support}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    listed = lambda items: ", ".join(f"'{i['id']}' ({i['strength']:.2f})" for i in items)  # noqa: E731
    lines = [f"{name} has strength {s:.3f} under gradual semantics (DF-QuAD), from its weight {w:.2f}."]
    if argument:
        lines.append(f"A linked argument: its weight times its weakest premise, of {listed(premises)}.")
    lines.append(f"Attacked by {listed(attack)}: together {va:.3f}." if attack else "Nothing attacks it.")
    if not argument:
        lines.append(f"Supported by {listed(support)}: together {vs:.3f}." if support else "Nothing supports it.")
    if va == vs and not argument:
        lines.append("Attack and support balance, so it keeps its weight.")
    elif va > vs:
        lines.append(f"The attack is stronger by {va - vs:.3f}, so it loses that share of its weight.")
    elif not argument:
        lines.append(f"The support is stronger by {vs - va:.3f}, so it gains that share of what its weight lacks of 1.")
    return "\n".join(lines) + "\n"


def critical_lines(found: CriticalSets, names: dict[str, str], *, who: str = "the other side",
                   direction: str | None = None) -> list[str]:
    """What ``who`` must win to change the claim's label, as sentences.

    ``direction`` ``"down"`` or ``"up"`` keeps only the sets that bring the claim down, or lift it.
    """
    name = f"'{names.get(found.claim, found.claim)}'"
    if direction == "down" and found.label == "out":
        return [f"{name} is out already: there is nothing to bring down."]
    lines = []
    sets = found.sets if direction is None else [(c, a) for c, a in found.sets if lowers(found, a) == (direction == "down")]
    for chosen, after in sets:
        listed = [f"'{names.get(m, m)}'" for m in chosen]
        joined = listed[0] if len(listed) == 1 else "both " + " and ".join(listed) if len(listed) == 2 else \
            "all of " + ", ".join(listed[:-1]) + " and " + listed[-1]
        lines.append(f"Defeat {joined}: {name} goes from {found.label} to {after}.")
    limit = f"{found.max_size} claim{'s' if found.max_size > 1 else ''}"
    if found.exhausted:
        size = found.searched_size + 1
        lines.append(f"(The search stopped after {found.checks:,} tries, among sets of {size} claim{'s' if size > 1 else ''}"
                     f" of the {found.candidates:,} that can reach it; there may be more.)")
    elif not found.candidates:
        lines.append(f"Nothing else in the map that stands or is open reaches {name}: only defeating it directly changes it.")
    elif not sets and found.candidates <= found.max_size:  # every set of them was tried: no number of points will do
        change = {"down": "brings down", "up": "lifts"}.get(direction or "", "changes")
        which = "the one claim that reaches" if found.candidates == 1 else f"any of the {found.candidates} claims that reach"
        together = "" if found.candidates == 1 else ", or all of them together,"
        # Out with every attacker defeated: it lacks support that stands, which no defeat gives it.
        remedy = "it needs support that stands" if found.label == "out" else "only defeating it directly does"
        lines.append(f"Defeating {which} {name}{together} never {change} it: {remedy} (searched {plural(found.checks, 'set')}).")
    elif not sets:
        change = {"down": "brings down", "up": "lifts"}.get(direction or "", "changes")
        lines.append(f"No set of at most {found.max_size} of the {found.candidates} claims that reach {name} {change} it: short of"
                     f" defeating it directly, {who} must win at least {found.max_size + 1} points (searched"
                     f" {found.checks:,} sets).")
    else:
        lines.append(f"(Every set of at most {limit} was tried: {found.checks:,} sets of the {found.candidates} claims"
                     " that can reach it.)")
    return lines


def critical_data(found: CriticalSets, names: dict[str, str]) -> dict[str, object]:
    return {"claim": names.get(found.claim, found.claim), "label": found.label,
            "sets": [{"defeat": [names.get(m, m) for m in chosen], "becomes": after} for chosen, after in found.sets],
            "max_size": found.max_size, "checks": found.checks, "complete": not found.exhausted}


def strength_words(s: float) -> str:
    """A strength as a debater says it."""
    return "very strong" if s >= 0.8 else "strong" if s >= 0.6 else "middling" if s >= 0.4 else "weak" if s >= 0.2 \
        else "very weak"


def weighing_lines(best_for: dict[str, object] | None, best_against: dict[str, object] | None, *, against: bool) -> list[str]:
    """The weighing: the strongest line for against the strongest line against, in words.

    Each line is a brief item with ``id``, ``label`` (grounded) and ``strength`` (DF-QuAD); ``against`` says
    whose seat speaks. The strengths weigh every line; the labels say which stand once attacks are settled.
    """
    ours, theirs = (best_against, best_for) if against else (best_for, best_against)
    if ours is None and theirs is None:
        return ["Neither side has a line in the map: the round is won outside it."]
    if theirs is None:
        return [f"Our strongest line, `{ours['id']}` ({ours['strength']:.2f}, {strength_words(ours['strength'])}),"  # type: ignore[index,str-format]
                " meets nothing on their side in the map: extend it and ask them for a line of their own."]
    if ours is None:
        return [f"We have no line in the map; theirs is `{theirs['id']}` ({theirs['strength']:.2f},"  # type: ignore[index,str-format]
                f" {strength_words(theirs['strength'])}): attack it directly or bring evidence the map does not hold."]  # type: ignore[index,arg-type]
    so, st = ours["strength"], theirs["strength"]
    head = (f"Our strongest line is `{ours['id']}` ({so:.2f}, {strength_words(so)}, {ours['label']});"  # type: ignore[str-format]
            f" theirs is `{theirs['id']}` ({st:.2f}, {strength_words(st)}, {theirs['label']}).")  # type: ignore[str-format,arg-type]
    if abs(so - st) < 0.05:  # type: ignore[operator]
        say = ("The two lines weigh about the same: the round turns on the clash between them, so answer theirs"
               " before extending ours.")
    elif so > st:  # type: ignore[operator]
        say = (f"Say: \"Even if you grant them `{theirs['id']}`, our `{ours['id']}` outweighs it: it has more"
               " behind it and less against it in this debate.\"")
    else:
        say = (f"Their line outweighs ours: do not race it. Take out `{theirs['id']}` (see the blocks) or show why"
               f" `{ours['id']}` matters more than its strength says.")
    return [head, say]
