"""AIF JSON (AIFdb, OVA): ``{"nodes": [...], "edges": [...], "locutions": [...]}``, read and written.

Reading (see docs/interchange.md for the whole mapping):

- an ``I`` node (a proposition) is a claim, its id the node's ``nodeID`` (made a valid claim id);
- an ``RA`` node (an inference) with one premise is a ``supports``; with several, or when a ``CA``
  attacks it, or when it names a scheme, a linked argument (its id the RA's) with the scheme as note;
- a ``CA`` node (a conflict) is an ``opposes`` from the attacker to its target (a claim, or the
  argument of an RA: an undercut); two CAs between the same claims, one each way, are a ``tension``;
- an ``MA`` node (a rephrase) is a ``same-as``;
- the dialogue layer: an ``L`` node (a locution, ``Speaker : words``) anchored by a ``YA`` node on a
  proposition gives that claim's speaker (a note) and its words (a quote, where the source text
  holds them); the rest of the dialogue (``TA``, other ``YA`` and ``L``) is dropped and counted;
- what argmap cannot express (attacks on attacks, linked attacks, preferences, inferences with no
  premise or no conclusion, edges to nodes that do not exist) is dropped and counted, never silently.

Writing (:func:`to_aif`) is the inverse: each supports an RA, each linked argument an RA with the
argument's id, each opposes a CA, a tension two CAs, a same-as an MA, a quote a locution asserting
its claim. What AIF has no place for (kinds, sections, notes, the title and source) goes under an
``"argmap"`` key on the node or the document, which other AIF tools ignore and argmap reads back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from argmap.interchange.framework import FormatError, claim_ids
from argmap.interchange.imported import Dropped, Imported, assign_kinds, fresh_id, json_document, short
from argmap.model import KINDS, ArgMap, Argument, Claim, Position, Relation
from argmap.wording import plural

DEFAULT_SCHEMES = frozenset({"", "RA", "Default Inference", "Default Conflict", "CA", "Default Rephrase", "MA"})
DIALOGUE = ("L", "YA", "TA")
TYPES = frozenset({"I", "RA", "CA", "MA", "PA", *DIALOGUE})
_DIALOGUE_NAMES = {"L": "locutions (L) of the dialogue", "YA": "illocutions (YA) of the dialogue",
                   "TA": "transitions (TA) of the dialogue"}


def _ident(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value)


def _speaker_and_words(text: str) -> tuple[str | None, str]:
    """A locution's ``Speaker : words`` split (AIFdb's form), else (None, text)."""
    speaker, sep, words = text.partition(" : ")
    if sep and 0 < len(speaker) <= 60 and "\n" not in speaker and words.strip():
        return speaker.strip(), words.strip()
    return None, text.strip()


def read_aif(text: str, path: str, name: str) -> ArgMap:
    """The map of AIF JSON ``text`` (read from ``path``), named ``name``.

    >>> import json
    >>> doc = {"nodes": [{"nodeID": "1", "type": "I", "text": "Tax sugar."},
    ...                  {"nodeID": "2", "type": "I", "text": "Sugar harms."},
    ...                  {"nodeID": "3", "type": "RA", "text": "Default Inference"}],
    ...        "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "1"}]}
    >>> m = read_aif(json.dumps(doc), "f.json", "f")
    >>> [(c.id, c.kind, [(r.type, r.target) for r in c.relations]) for c in m.claims]
    [('1', 'conclusion', []), ('2', 'assumption', [('supports', '1')])]
    """
    return import_aif(text, path, name).argmap


def import_aif(text: str, path: str, name: str) -> Imported:
    """:func:`read_aif`, with what the file held, what was dropped, and the locutions' words."""
    document = json_document(text, path)
    analysed = None
    if isinstance(document, dict) and isinstance(document.get("AIF"), dict):  # OVA 3 / xAIF: AIF inside, with the text
        analysed = _ova_text(document.get("text"))
        top = document.get("argmap")
        document = {**document["AIF"], "argmap": top} if isinstance(top, dict) else document["AIF"]
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise FormatError('not AIF JSON: expected an object with a "nodes" list (and "edges")', path, 1)
    edges_in = document.get("edges", [])
    if not isinstance(edges_in, list):
        raise FormatError('"edges" must be a list of {"fromID": ..., "toID": ...}', path, 1)
    dropped = Dropped()
    nodes: dict[str, dict[str, object]] = {}
    order: list[str] = []
    for index, node in enumerate(document["nodes"]):
        if not isinstance(node, dict):
            raise FormatError(f"nodes[{index}] must be an object with nodeID, type and text", path, 1)
        node_id, kind = _ident(node.get("nodeID")), node.get("type")
        if isinstance(kind, str) and kind.upper() in TYPES:
            kind = node["type"] = kind.upper()  # "ra" is "RA": the specification's types, in any case
        if node_id is None or not isinstance(kind, str):
            raise FormatError(f"nodes[{index}] needs a nodeID (text or number) and a type (I, RA, CA, MA, ...)", path, 1)
        if node_id in nodes:
            raise FormatError(f"nodes[{index}]: nodeID {node_id!r} is used twice; each node needs its own", path, 1)
        nodes[node_id] = node
        order.append(node_id)
    succ: dict[str, list[str]] = defaultdict(list)
    pred: dict[str, list[str]] = defaultdict(list)
    joined: set[tuple[str, str]] = set()
    repeated = 0
    for index, edge in enumerate(edges_in):
        if not isinstance(edge, dict):
            raise FormatError(f"edges[{index}] must be an object with fromID and toID", path, 1)
        u, v = _ident(edge.get("fromID")), _ident(edge.get("toID"))
        if u not in nodes or v not in nodes:
            dropped.add("edges naming a node that does not exist", f"{u} -> {v}")
            continue
        if (u, v) in joined:  # OVA and AIFdb data hold some: an RA would seem to have two premises
            repeated += 1
            continue
        joined.add((u, v))  # type: ignore[arg-type]
        succ[u].append(v)  # type: ignore[index]
        pred[v].append(u)  # type: ignore[index]

    types: dict[str, str] = {n: node["type"] for n, node in nodes.items()}  # type: ignore[misc]
    type_of = types.__getitem__
    by_type: dict[str, list[str]] = defaultdict(list)
    for n in order:
        by_type[types[n]].append(n)

    def data(node_id: str) -> dict[str, object]:
        extra = nodes[node_id].get("argmap")
        return extra if isinstance(extra, dict) else {}

    def node_text(node_id: str) -> str:
        value = nodes[node_id].get("text")
        return value if isinstance(value, str) else ""

    propositions = by_type["I"]
    ids = claim_ids(propositions)
    taken = set(ids.values())
    is_claim = set(propositions).__contains__
    where = Position(path, 1, 1)

    # Inferences: premises -> RA -> conclusions. An RA becomes an argument when it needs an id.
    attacked_ra = {v for ca in by_type["CA"] for v in succ[ca] if type_of(v) == "RA"}
    supports: list[tuple[str, str]] = []
    arguments: list[Argument] = []
    argument_ids: dict[str, str] = {}  # RA node -> the id of (its first) argument
    tried: dict[str, int] = {}
    for ra in by_type["RA"]:
        premises = [u for u in pred[ra] if is_claim(u)]
        conclusions = [v for v in succ[ra] if is_claim(v)]
        for u in pred[ra]:
            if type_of(u) in ("RA", "MA", "PA"):  # a CA on an RA is an attack on the argument (below)
                dropped.add("inferences with an S-node premise", f"{u} -> {ra}")
        for v in succ[ra]:
            if type_of(v) in ("RA", "CA", "MA", "PA"):
                dropped.add("inferences concluding an S-node", f"{ra} -> {v}")
        if not premises or not conclusions:
            dropped.add("inferences (RA) with no premise or no conclusion", ra)
            continue
        extra = data(ra)
        scheme = nodes[ra].get("scheme") or node_text(ra)
        scheme = scheme.strip() if isinstance(scheme, str) else ""
        note = _text_field(extra, "note")
        if note is None and scheme not in DEFAULT_SCHEMES and "argument" not in extra:
            note = f"scheme: {scheme}"
        as_argument = len(premises) > 1 or ra in attacked_ra or note is not None or "argument" in extra
        for conclusion in conclusions:
            if not as_argument:
                supports.append((ids[premises[0]], ids[conclusion]))
                continue
            wanted = extra.get("argument") if isinstance(extra.get("argument"), str) else ra
            argument_id = fresh_id(wanted, taken, tried)
            taken.add(argument_id)
            argument_ids.setdefault(ra, argument_id)
            arguments.append(Argument(argument_id, tuple(ids[p] for p in premises), tuple(where for _ in premises),
                                      ids[conclusion], where, where, note))

    # Conflicts: attacker -> CA -> target.
    attacks: list[tuple[str, str]] = []
    for ca in by_type["CA"]:
        attackers = [u for u in pred[ca] if is_claim(u)]
        targets = [v for v in succ[ca] if type_of(v) in ("I", "RA")]
        others = [v for v in succ[ca] if type_of(v) in ("CA", "MA", "PA")]
        if others:
            dropped.add("attacks on an attack, rephrase or preference", ca)
            continue
        if len(attackers) > 1:
            dropped.add("linked attacks (a CA with several attackers)", ca)
            continue
        if not attackers or len(targets) != 1:
            dropped.add("conflicts (CA) with no attacker or not one target", ca)
            continue
        target = targets[0]
        if type_of(target) == "RA" and target not in argument_ids:
            dropped.add("attacks on an inference that was dropped", ca)
            continue
        attacks.append((ids[attackers[0]], ids[target] if is_claim(target) else argument_ids[target]))

    same: list[tuple[str, str]] = []
    for ma in by_type["MA"]:
        sources = [u for u in pred[ma] if is_claim(u)]
        targets = [v for v in succ[ma] if is_claim(v)]
        if len(sources) != 1 or len(targets) != 1:
            dropped.add("rephrases (MA) without one proposition on each side", ma)
            continue
        same.append((ids[sources[0]], ids[targets[0]]))

    # The dialogue layer: a locution anchored on a proposition gives its speaker and words; the
    # speaker is the text's "Speaker : " (AIFdb) or the participant the locution names (OVA).
    speakers = _speakers(document)
    said: dict[str, tuple[str | None, str]] = {}
    used_dialogue: set[str] = set()
    for ya in by_type["YA"]:
        locutions = [u for u in pred[ya] if type_of(u) == "L"]
        claims_said = [v for v in succ[ya] if is_claim(v)]
        if len(locutions) == 1 and len(claims_said) == 1 and claims_said[0] not in said:
            speaker, words = _speaker_and_words(node_text(locutions[0]))
            said[claims_said[0]] = (speaker or speakers.get(locutions[0]), words)
            used_dialogue.update((ya, locutions[0]))
    for n in propositions:
        for v in succ[n]:
            if is_claim(v):
                dropped.add("edges from one proposition straight to another (no RA, CA or MA between)", f"{n} -> {v}")
    for n in order:
        kind = type_of(n)
        if kind in DIALOGUE:
            if n not in used_dialogue:
                dropped.add(_DIALOGUE_NAMES[kind])
        elif kind == "PA":
            dropped.add("preferences (PA)", n)
        elif kind not in ("I", "RA", "CA", "MA"):
            dropped.add(f"nodes of type {short(kind, 12)!r}", n)

    # Tensions: a conflict each way between two claims.
    attack_set = set(attacks)
    relations: dict[str, list[Relation]] = defaultdict(list)
    done: set[tuple[str, str]] = set()
    for a, b in attacks:
        if (a, b) in done:
            continue
        done.add((a, b))
        if a != b and (b, a) in attack_set:
            if (b, a) not in done:
                relations[a].append(Relation("tension", a, b, where))
            done.add((b, a))
        else:
            relations[a].append(Relation("opposes", a, b, where))
    for a, b in dict.fromkeys(supports):
        relations[a].append(Relation("supports", a, b, where))
    for a, b in dict.fromkeys(same):
        relations[a].append(Relation("same-as", a, b, where))

    claims: list[Claim] = []
    fixed: set[str] = set()
    quotes: dict[str, str] = {}
    empty = 0
    for n in propositions:
        claim_id = ids[n]
        extra = data(n)
        text_value = " ".join(node_text(n).split())
        if not text_value:
            empty += 1
            text_value = "(no text in the AIF file)"
        kind = extra.get("kind") if extra.get("kind") in KINDS else "claim"
        if extra.get("kind") in KINDS:
            fixed.add(claim_id)
        note, quote = _text_field(extra, "note"), _text_field(extra, "quote")
        if n in said:
            speaker, words = said[n]
            if speaker and note is None and not extra:
                note = f"said by {speaker}"
            if words and quote is None and not extra:
                quotes[claim_id] = words
        section = _text_field(extra, "section")
        claims.append(Claim(claim_id, text_value, kind, where, quote=quote, quote_position=where if quote else None,
                            section=section, note=note, relations=tuple(relations.get(claim_id, ()))))
    claims = assign_kinds(claims, arguments, frozenset(fixed))
    top = document.get("argmap") if isinstance(document.get("argmap"), dict) else {}
    title = top.get("title") if isinstance(top.get("title"), str) and top.get("title").strip() else f"{name} (AIF)"
    source = _text_field(top, "source")
    argmap = ArgMap(name=name, path=path, title=title, position=where, source=source, claims=tuple(claims),
                    arguments=tuple(arguments))
    kinds = defaultdict(int)
    for n in order:
        kinds[type_of(n)] += 1
    held = ", ".join(f"{count:,} {kind}" for kind, count in sorted(kinds.items()))
    described = [f"The file holds {len(order):,} nodes ({held or 'none'}) and {len(edges_in):,} edges."]
    if repeated:
        described.append(f"{plural(repeated, 'edge')} repeating an earlier one (the same fromID and toID) read once.")
    if said:
        described.append(f"{len(said):,} propositions have a locution: its speaker is the claim's note,"
                         " its words the quote where the source text holds them.")
    if empty:
        described.append(f"{empty:,} I-nodes have no text: they read '(no text in the AIF file)'.")
    if analysed:
        described.append("The analysed text is in the file (OVA): it is the map's source.")
    return Imported(argmap, tuple(described), dropped.lines(), quotes, source_text=analysed, kinds_fixed=frozenset(fixed))


def _ova_text(value: object) -> str | None:
    """The analysed text OVA keeps beside the AIF: a string, or ``{"txt": ...}`` (HTML either way)."""
    if isinstance(value, dict):
        value = value.get("txt")
    return value if isinstance(value, str) and value.strip() else None


def _text_field(extra: dict[str, object], key: str) -> str | None:
    """A text argmap wrote under ``"argmap"`` (``note``, ``quote``, ...): None unless it is text, and not blank."""
    value = extra.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _speakers(document: dict[str, object]) -> dict[str, str]:
    """Each locution's speaker, from ``locutions`` (``personID``) and ``participants`` (OVA's names)."""
    names: dict[str, str] = {}
    for person in _list(document.get("participants")):
        if isinstance(person, dict):
            key = _ident(person.get("participantID"))
            name = " ".join(str(person.get(k) or "") for k in ("firstname", "surname")).strip()
            if key is not None and name:
                names[key] = " ".join(name.split())
    found: dict[str, str] = {}
    for locution in _list(document.get("locutions")):
        if isinstance(locution, dict):
            node, person = _ident(locution.get("nodeID")), _ident(locution.get("personID"))
            if node is not None and person in names:
                found[node] = names[person]  # type: ignore[index]
    return found


def to_aif(argmap: ArgMap) -> dict[str, object]:
    """``argmap`` as an AIF JSON document (see the module's docstring); relations to other maps'
    claims (``map#id``) and extensions have no node to go to and are left out.

    >>> from argmap.interchange.aif import read_aif
    >>> import json
    >>> doc = {"nodes": [{"nodeID": "a", "type": "I", "text": "A"}, {"nodeID": "b", "type": "I", "text": "B"},
    ...     {"nodeID": "x", "type": "CA", "text": "Default Conflict"}],
    ...     "edges": [{"fromID": "a", "toID": "x"}, {"fromID": "x", "toID": "b"}]}
    >>> m = read_aif(json.dumps(doc), "f", "f")
    >>> [n["type"] for n in to_aif(m)["nodes"]]
    ['I', 'I', 'CA']
    """
    taken = {claim.id for claim in argmap.claims} | {a.id for a in argmap.arguments}
    local = taken.copy()
    nodes: list[dict[str, object]] = []
    edges: list[dict[str, object]] = []
    locutions: list[dict[str, object]] = []
    counter = [0]

    def node_id(prefix: str) -> str:
        while True:
            counter[0] += 1
            candidate = f"{prefix}{counter[0]}"
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    def edge(u: str, v: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": u, "toID": v})

    def s_node(kind: str, text: str, sources: Iterable[str], target: str, extra: dict[str, object] | None = None,
               given: str | None = None) -> None:
        nid = given or node_id(kind.lower() + "-")
        node: dict[str, object] = {"nodeID": nid, "text": text, "type": kind}
        if kind in ("RA", "CA", "MA"):
            node["scheme"] = text
        if extra:
            node["argmap"] = extra
        nodes.append(node)
        for u in sources:
            edge(u, nid)
        edge(nid, target)

    quoted = []
    for claim in argmap.claims:
        extra: dict[str, object] = {"kind": claim.kind}
        for key in ("quote", "section", "note"):
            if getattr(claim, key) is not None:
                extra[key] = getattr(claim, key)
        nodes.append({"nodeID": claim.id, "text": claim.text, "type": "I", "argmap": extra})
        if claim.quote is not None:
            quoted.append(claim)
    seen_tension: set[frozenset[str]] = set()
    for claim in argmap.claims:
        for rel in claim.relations:
            if rel.target not in local:
                continue
            if rel.type == "supports":
                s_node("RA", "Default Inference", [claim.id], rel.target)
            elif rel.type == "opposes":
                s_node("CA", "Default Conflict", [claim.id], rel.target)
            elif rel.type == "same-as":
                s_node("MA", "Default Rephrase", [claim.id], rel.target)
            elif frozenset((claim.id, rel.target)) not in seen_tension:
                seen_tension.add(frozenset((claim.id, rel.target)))
                s_node("CA", "Default Conflict", [claim.id], rel.target)
                s_node("CA", "Default Conflict", [rel.target], claim.id)
    for argument in argmap.arguments:
        if argument.conclusion not in local or any(p not in local for p in argument.premises):
            continue
        extra = {"argument": argument.id} if argument.note is None else {"argument": argument.id, "note": argument.note}
        s_node("RA", "Default Inference", argument.premises, argument.conclusion, extra, given=argument.id)
    for claim in quoted:
        said, asserting = node_id("l-"), node_id("ya-")
        nodes.append({"nodeID": said, "text": claim.quote, "type": "L"})
        nodes.append({"nodeID": asserting, "text": "Asserting", "type": "YA", "scheme": "Asserting"})
        edge(said, asserting)
        edge(asserting, claim.id)
        locutions.append({"nodeID": said})
    top: dict[str, object] = {"title": argmap.title}
    if argmap.source is not None:
        top["source"] = argmap.source
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "argmap": top}
