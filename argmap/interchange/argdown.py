"""Argdown, as ``argdown json`` (@argdown/cli) writes a document: statements, arguments, relations, sections.

- Each statement (an equivalence class, keyed by its title) is a claim: its text the first member
  that defines it (not a reference), its section the title of its Argdown section, its tags a note
  (a tag that is an argmap kind, as ``argmap export -f argdown`` writes them, is its kind), a
  ``quote`` in its data its quote.
- An argument with a premise-conclusion structure is a linked argument: its main inference's
  premises support its main conclusion together (its id the argument's title); each intermediary
  conclusion is supported the same way by the statements since the conclusion before it. An
  argument without one is a claim (its description), which its relations then attach to.
- Relations: ``support`` and ``entails`` are ``supports``, ``attack`` and ``undercut`` are
  ``opposes`` (on an argument: an attack on its inference), ``contrary`` and ``contradictory`` are a
  ``tension``. A relation from an argument with a premise-conclusion structure starts at its main
  conclusion; a support of such an argument has no place in argmap and is dropped and counted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator

from argmap.interchange.framework import FormatError, claim_ids
from argmap.interchange.imported import Dropped, Imported, assign_kinds, fresh_id, json_document, short
from argmap.model import KINDS, ArgMap, Argument, Claim, Position, Relation

RELATION_TYPES = {"support": "supports", "entails": "supports", "attack": "opposes", "undercut": "opposes",
                  "contrary": "tension", "contradictory": "tension"}


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _dicts(value: object) -> Iterator[dict[str, object]]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _sections(sections: object, into: dict[str, str]) -> dict[str, str]:
    for section in _dicts(sections):
        if isinstance(section.get("id"), str):
            into[section["id"]] = _text(section.get("title")) or section["id"]  # type: ignore[index]
        _sections(section.get("children"), into)
    return into


def _code_point_of(text: str) -> Callable[[int], int]:
    """Where in ``text`` (in Python's characters) a place JavaScript counts in UTF-16 units is.

    >>> _code_point_of("a \U0001F642 #tag")(5)
    4
    """
    astral = [i for i, char in enumerate(text) if char > "\uffff"]
    if not astral:
        return lambda unit: unit
    units = [i + k for k, i in enumerate(astral)]  # the unit where each astral character starts
    return lambda unit: unit - bisect_right(units, unit - 1)


def _untagged(member: dict[str, object]) -> str:
    """A member's text without its tags (``#tag``, ``#(two words)``), which Argdown leaves in it and
    lists apart; the places come from the member's ``ranges``."""
    text = member.get("text")
    if not isinstance(text, str):
        return ""
    place = _code_point_of(text)  # Argdown (JavaScript) counts an emoji as two
    cuts = sorted(((place(r.get("start")), place(r.get("stop"))) for r in _dicts(member.get("ranges")) if r.get("type") == "tag"
                   and isinstance(r.get("start"), int) and isinstance(r.get("stop"), int)), reverse=True)
    for start, stop in cuts:  # type: ignore[assignment]
        if 0 <= start <= stop < len(text) and text[start] == "#":  # type: ignore[operator]
            text = text[:start] + " " + text[stop + 1:]  # type: ignore[operator]
    return text


def read_argdown_json(text: str, path: str, name: str) -> ArgMap:
    """The map of the JSON that ``argdown json`` wrote (``text``, read from ``path``), named ``name``.

    >>> import json
    >>> doc = {"statements": {"T": {"members": [{"text": "Tax sugar.", "startLine": 1}]},
    ...                       "S": {"members": [{"text": "Sugar harms.", "startLine": 2}]}},
    ...        "arguments": {}, "relations": [{"relationType": "support", "from": "S", "to": "T",
    ...                                        "fromType": "equivalence-class", "toType": "equivalence-class"}]}
    >>> m = read_argdown_json(json.dumps(doc), "f.json", "f")
    >>> [(c.id, c.kind, [(r.type, r.target) for r in c.relations]) for c in m.claims]
    [('t', 'conclusion', []), ('s', 'assumption', [('supports', 't')])]
    """
    return import_argdown_json(text, path, name).argmap


def import_argdown_json(text: str, path: str, name: str) -> Imported:
    """:func:`read_argdown_json`, with what the file held and what was dropped."""
    if not text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        raise FormatError("this is Argdown text, not the JSON `argdown json` writes; run `argdown json FILE OUTDIR`"
                          " (npm install @argdown/cli) and import OUTDIR/FILE.json", path, 1)
    document = json_document(text, path)
    if not isinstance(document, dict) or not isinstance(document.get("statements"), dict):
        raise FormatError('not Argdown JSON: expected an object with "statements" (as `argdown json` writes)', path, 1)
    statements: dict[str, object] = document["statements"]
    arguments_in = document.get("arguments", {})
    if not isinstance(arguments_in, dict):
        raise FormatError('"arguments" must be an object keyed by argument title', path, 1)
    section_titles = _sections(document.get("sections"), {})
    dropped = Dropped()
    with_pcs = {title for title, a in arguments_in.items() if isinstance(a, dict) and any(_dicts(a.get("pcs")))}
    claim_of_statement = claim_ids(statements)
    taken_ids = set(claim_of_statement.values())
    claim_of_argument: dict[str, str] = {}
    tried: dict[str, int] = {}
    for title in arguments_in:
        if title not in with_pcs:
            claim_of_argument[title] = fresh_id(title, taken_ids, tried)
            taken_ids.add(claim_of_argument[title])

    def position(members: object) -> Position:
        for member in _dicts(members):
            line, column = member.get("startLine"), member.get("startColumn")
            if isinstance(line, int) and line > 0:
                return Position(path, line, column if isinstance(column, int) and column > 0 else 1)
        return Position(path, 1, 1)

    def defining_text(members: object, fallback: str) -> str:
        texts = [m for m in _dicts(members) if _text(m.get("text"))]
        defined = [m for m in texts if not m.get("isReference")]
        return _text(_untagged((defined or texts)[0])) if texts else fallback

    claims: dict[str, dict[str, object]] = {}
    fixed: set[str] = set()
    # A document that tags statements with argmap's kinds (as `argmap export -f argdown` writes
    # them) leaves a plain claim untagged: then an untagged statement is a claim, not derived.
    typed = any(isinstance(s, dict) and isinstance(s.get("tags"), list) and {"conclusion", "evidence", "assumption"}.intersection(
                t for t in s["tags"] if isinstance(t, str)) for s in statements.values())
    for title, statement in statements.items():
        statement = statement if isinstance(statement, dict) else {}
        claim_id = claim_of_statement[title]
        tags = [t for t in statement.get("tags", []) if isinstance(t, str)] if isinstance(statement.get("tags"), list) else []
        fields: dict[str, object] = {"text": defining_text(statement.get("members"), title),
                                     "position": position(statement.get("members")), "kind": "claim"}
        kinds = [t for t in tags if t in KINDS]
        if kinds or typed:
            fields["kind"] = kinds[0] if kinds else "claim"
            fixed.add(claim_id)
        others = [t for t in tags if t not in KINDS]
        if others:
            fields["note"] = "tags: " + ", ".join(others)
        data = statement.get("data")
        if isinstance(data, dict) and isinstance(data.get("quote"), str) and data["quote"].strip():
            fields["quote"] = data["quote"]
        section = statement.get("section")
        if isinstance(section, str) and section in section_titles:
            fields["section"] = section_titles[section]
        claims[claim_id] = fields
    for title, claim_id in claim_of_argument.items():
        argument = arguments_in[title] if isinstance(arguments_in[title], dict) else {}
        fields = {"text": defining_text(argument.get("members"), title), "position": position(argument.get("members")),
                  "kind": "claim"}
        tags = [t for t in argument.get("tags", []) if isinstance(t, str)] if isinstance(argument.get("tags"), list) else []
        if tags:
            fields["note"] = "an Argdown argument; tags: " + ", ".join(tags)
        section = argument.get("section")
        if isinstance(section, str) and section in section_titles:
            fields["section"] = section_titles[section]
        claims[claim_id] = fields

    relations: dict[str, dict[tuple[str, str, str], Relation]] = {c: {} for c in claims}  # keyed (source, target, type)
    arguments: list[Argument] = []
    main_conclusion: dict[str, str] = {}  # argument title -> claim id of its main conclusion
    argument_id: dict[str, str] = {}
    for title in arguments_in:
        if title not in with_pcs:
            continue
        argument = arguments_in[title]
        steps = list(_dicts(argument.get("pcs")))
        since: list[str] = []
        k = 0
        for step in steps:
            statement_title = step.get("title")
            if not isinstance(statement_title, str) or statement_title not in claim_of_statement:
                dropped.add("steps of a premise-conclusion structure naming no statement", short(str(statement_title)))
                continue
            current = claim_of_statement[statement_title]
            where = position([step])
            role = step.get("role")
            if role in ("main-conclusion", "intermediary-conclusion") and since:
                k += 1
                main = role == "main-conclusion"
                new_id = fresh_id(title if main else f"{title} step {k}", taken_ids, tried)
                taken_ids.add(new_id)
                premises = tuple(dict.fromkeys(since))
                inference = step.get("inference")
                rules = inference.get("inferenceRules") if isinstance(inference, dict) else None
                note = ("inference: " + ", ".join(r for r in rules if isinstance(r, str))) if isinstance(rules, list) and rules else None
                arguments.append(Argument(new_id, premises, tuple(where for _ in premises), current, where, where, note))
                if main:
                    main_conclusion[title] = current
                    argument_id[title] = new_id
                since = [current]
            else:
                since.append(current)
        if title not in argument_id:
            dropped.add("arguments whose premise-conclusion structure has no conclusion", short(title))

    def end(name: object, kind: object) -> tuple[str | None, str]:
        """The claim (or argument) a relation's end names, and what it is."""
        if not isinstance(name, str):
            return None, "none"
        if kind == "argument":
            if name in claim_of_argument:
                return claim_of_argument[name], "claim"
            if name in argument_id:
                return argument_id[name], "argument"
            return None, "none"
        return claim_of_statement.get(name), "claim"

    for relation in _dicts(document.get("relations")):
        written_type = relation.get("relationType")
        rel_type = RELATION_TYPES.get(written_type) if isinstance(written_type, str) else None
        if rel_type is None:
            dropped.add("relations of a type argmap has not", short(str(relation.get("relationType")), 20))
            continue
        source, source_kind = end(relation.get("from"), relation.get("fromType"))
        target, target_kind = end(relation.get("to"), relation.get("toType"))
        if source_kind == "argument":  # an argument's relations are its main conclusion's
            source = main_conclusion[relation["from"]]  # type: ignore[index]
        if source is None or target is None:
            dropped.add("relations naming no statement or argument", f"{relation.get('from')} -> {relation.get('to')}")
            continue
        if target_kind == "argument" and rel_type != "opposes":
            dropped.add("supports of, and tensions with, a reconstructed argument", f"{relation.get('from')} -> {relation.get('to')}")
            continue
        if source == target:
            if source_kind != "argument":  # else an argument supporting its own conclusion: said by its structure already
                dropped.add("relations of a statement to itself", short(str(relation.get("from"))))
            continue
        if rel_type == "tension" and (target, source, rel_type) in relations[target]:
            continue
        relations[source].setdefault((source, target, rel_type), Relation(rel_type, source, target, claims[source]["position"]))  # type: ignore[arg-type]
    made = [
        Claim(claim_id, fields["text"] or claim_id, fields["kind"], fields["position"],  # type: ignore[arg-type]
              quote=fields.get("quote"), quote_position=fields["position"] if fields.get("quote") else None,  # type: ignore[arg-type]
              section=fields.get("section"), note=fields.get("note"),  # type: ignore[arg-type]
              relations=tuple(relations[claim_id].values()))
        for claim_id, fields in claims.items()
    ]
    made = assign_kinds(made, arguments, frozenset(fixed))
    front = document.get("frontMatter") if isinstance(document.get("frontMatter"), dict) else {}
    title = _text(front.get("title")) or f"{name} (Argdown)"
    argmap = ArgMap(name=name, path=path, title=title, position=Position(path, 1, 1), claims=tuple(made),
                    arguments=tuple(arguments))
    described = [
        f"The file holds {len(statements):,} statements, {len(arguments_in):,} arguments"
        f" ({len(with_pcs):,} with a premise-conclusion structure) and {sum(1 for _ in _dicts(document.get('relations'))):,} relations.",
        f"Each statement is a claim; an argument is a linked argument ({len(arguments):,} inferences), or a claim when it has"
        " no premise-conclusion structure.",
    ]
    return Imported(argmap, tuple(described), dropped.lines(), kinds_fixed=frozenset(fixed))
