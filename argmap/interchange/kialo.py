"""Kialo's text export, in both layouts seen in public repositories.

- 2018: ``Discussion Title: T``, then one claim a line: ``1. thesis``, ``1.1. Pro: text``,
  ``1.1.1. Con: text``; markdown escapes (``\\(``).
- Current: ``Discussion Name:`` with the name on the next line; ``1. Thesis:`` or ``1. Question:``
  (a question has several ``1.x. Thesis:`` children) with the text on the lines below; children
  indented two spaces a level; footnotes ``[n]`` and a closing ``Sources:`` list of ``[n] url``;
  CRLF line ends.

A thesis is a ``conclusion``; a Pro ``supports`` its parent, a Con ``opposes`` it; a question is the
map's title. A claim whose text is ``-> See 1.2.3.`` is Kialo's link to a claim that stands
elsewhere: claim 1.2.3 gets the link's relation to the link's parent. A claim's id is its number
(``1.2.3`` is ``1-2-3``); its footnotes' sources are its note. The other kinds follow from the tree
(:func:`argmap.interchange.imported.assign_kinds`): a pro or con nothing supports is an assumption.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.interchange.framework import FormatError, claim_ids
from argmap.interchange.imported import Dropped, Imported, assign_kinds, short
from argmap.model import ArgMap, Claim, Position, Relation
from argmap.wording import plural

LABELS = {"pro": "supports", "con": "opposes", "thesis": "thesis", "question": "question"}
_MARKDOWN_ESCAPED = frozenset("()[]*_#\\`>-.!+{}")


@dataclass
class _Node:
    number: str
    label: str  # supports, opposes, thesis, question, or "" (a 2018 root)
    line: int
    lines: list[str] = field(default_factory=list)


def _marker(line: str) -> tuple[str, str] | None:
    """``("1.2.3", rest)`` for a line ``1.2.3. rest`` (``1.2.3.`` alone too), else None."""
    token, _, rest = line.partition(" ")
    if not token.endswith(".") or len(token) < 2:
        return None
    parts = token[:-1].split(".")
    if not all(part.isdigit() and part.isascii() for part in parts):
        return None
    return ".".join(part.lstrip("0") or "0" for part in parts), rest.strip()  # not int(): no digit limit


def _label(rest: str) -> tuple[str, str]:
    word, colon, after = rest.partition(":")
    label = LABELS.get(word.strip().lower()) if colon and len(word) <= 8 else None
    if label is None:
        return "", rest
    return label, after.strip()


def _unescape(text: str) -> str:
    """Markdown's backslash escapes (``\\(`` is ``(``), as Kialo's 2018 export writes them."""
    if "\\" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _MARKDOWN_ESCAPED:
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _footnotes(text: str) -> list[str]:
    """The numbers of the ``[n]`` footnotes in ``text``, in order."""
    found, at = [], text.find("[")
    while at >= 0:
        end = text.find("]", at)
        if end < 0:
            break
        inside = text[at + 1:end]
        if inside.isdigit() and inside.isascii() and len(inside) <= 6:
            found.append(inside)
        at = text.find("[", at + 1)
    return found


def read_kialo(text: str, path: str, name: str) -> ArgMap:
    """The map of Kialo export ``text`` (read from ``path``), named ``name``.

    >>> m = read_kialo("Discussion Title: Tax sugar?\\n\\n1. Sugar should be taxed.\\n1.1. Pro: Sugar harms.\\n", "k.txt", "k")
    >>> [(c.id, c.kind, [(r.type, r.target) for r in c.relations]) for c in m.claims]
    [('1', 'conclusion', []), ('1-1', 'assumption', [('supports', '1')])]
    """
    return import_kialo(text, path, name).argmap


def import_kialo(text: str, path: str, name: str) -> Imported:
    """:func:`read_kialo`, with what the file held and what was dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    at = 0
    while at < len(lines) and not lines[at].strip():
        at += 1
    if at == len(lines):
        raise FormatError("the file is empty; a Kialo export starts with 'Discussion Title:' or 'Discussion Name:'", path, 1)
    head, colon, rest = lines[at].strip().partition(":")
    if not colon or head.strip().lower() not in ("discussion title", "discussion name"):
        raise FormatError(f"expected 'Discussion Title: ...' or 'Discussion Name:' but found '{short(lines[at])}'", path, at + 1)
    layout = "2018" if head.strip().lower() == "discussion title" else "current"
    title = rest.strip()
    at += 1
    if not title:
        while at < len(lines) and not lines[at].strip():
            at += 1
        if at < len(lines) and _marker(lines[at].strip()) is None:
            title = lines[at].strip()
            at += 1
    nodes: dict[str, _Node] = {}
    order: list[_Node] = []
    sources: dict[str, str] = {}
    current: _Node | None = None
    in_sources = False
    numbered_text = 0  # lines of a claim's text that start like a number
    for number in range(at, len(lines)):
        line = lines[number].strip()
        if not line:
            continue
        if in_sources:
            if line.startswith("["):
                key, _, url = line[1:].partition("]")
                if key.isdigit() and key.isascii():
                    sources.setdefault(key, url.strip())
                continue
            if _marker(line) is None:
                continue
        if line.lower() == "sources:":
            in_sources, current = True, None
            continue
        found = _marker(line)
        if found is None:
            if current is None:
                raise FormatError(f"expected a numbered claim like '1.1. Pro: ...' but found '{short(line)}'", path, number + 1)
            current.lines.append(line)
            continue
        claim_number, rest = found
        label, words = _label(rest)
        parent = claim_number.rpartition(".")[0]
        if current is not None and not label and (claim_number in nodes or not parent or parent not in nodes):
            # No Pro:, Con: or Thesis:, and no place in the tree (a number taken, a second root, no
            # parent): a line of the claim above that starts with a number ("1. health", "2014. Sales fell.").
            current.lines.append(line)
            numbered_text += 1
            continue
        in_sources = False
        if claim_number in nodes:
            raise FormatError(f"claim {claim_number} is numbered twice; each number is one claim", path, number + 1)
        if parent and parent not in nodes:
            raise FormatError(f"claim {claim_number} comes before its parent {parent}", path, number + 1)
        if parent and not label:
            raise FormatError(f"claim {claim_number} is neither 'Pro:' nor 'Con:'", path, number + 1)
        current = _Node(claim_number, label, number + 1, [words] if words else [])
        nodes[claim_number] = current
        order.append(current)
    if not order:
        last = max((k for k, line in enumerate(lines) if line.strip()), default=0)
        raise FormatError("no claims: a Kialo export lists them numbered (1., 1.1., ...)", path, last + 1)

    dropped = Dropped()
    question = None
    root = order[0]
    if root.label == "question":
        question = _unescape(" ".join(root.lines).strip())
    ids = claim_ids(node.number.replace(".", "-") for node in order)  # 1.2.3 is 1-2-3 (cut if too long)
    links: list[tuple[_Node, str]] = []
    claims: dict[str, dict[str, object]] = {}
    fixed: set[str] = set()
    for node in order:
        if node is root and question is not None:
            continue
        words = _unescape(" ".join(" ".join(node.lines).split()))
        if words.startswith("-> See "):
            target = words[len("-> See "):].strip().rstrip(".")
            links.append((node, target))
            continue
        claim_id = ids[node.number.replace(".", "-")]
        notes = [sources[k] for k in dict.fromkeys(_footnotes(words)) if k in sources]
        relation_type = node.label if node.label in ("supports", "opposes") else None
        parent = node.number.rpartition(".")[0]
        relations = []
        if relation_type and parent in nodes and nodes[parent] is root and question is not None:
            dropped.add("pros and cons of the question itself (not of a thesis)", node.number)
        elif relation_type and parent in nodes:
            relations.append(Relation(relation_type, claim_id, ids[parent.replace(".", "-")], Position(path, node.line, 1)))
        if node.label in ("thesis", "") and (node is root or nodes.get(parent) is root):
            fixed.add(claim_id)
        claims[claim_id] = {"text": words or f"(claim {node.number} has no text)", "line": node.line,
                            "note": "sources: " + "; ".join(notes) if notes else None, "relations": relations}
    for node, target in links:
        source = ids.get(target.replace(".", "-"))
        parent = ids.get(node.number.rpartition(".")[0].replace(".", "-"))
        if node.label not in ("supports", "opposes") or source not in claims or parent not in claims:
            dropped.add("'-> See' links to no claim of the file", f"{node.number} -> {target}")
            continue
        if source == parent:
            dropped.add("'-> See' links to the claim they are under", f"{node.number} -> {target}")
            continue
        relation = Relation(node.label, source, parent, Position(path, node.line, 1))  # type: ignore[arg-type]
        if relation[:3] not in {r[:3] for r in claims[source]["relations"]}:  # type: ignore[attr-defined]
            claims[source]["relations"].append(relation)  # type: ignore[attr-defined]
    made = [
        Claim(claim_id, fields["text"], "conclusion" if claim_id in fixed else "claim",  # type: ignore[arg-type]
              Position(path, fields["line"], 1), note=fields["note"], relations=tuple(fields["relations"]))  # type: ignore[arg-type]
        for claim_id, fields in claims.items()
    ]
    made = assign_kinds(made, [], frozenset(fixed))
    argmap = ArgMap(name=name, path=path, title=question or title or f"{name} (Kialo)", position=Position(path, 1, 1),
                    claims=tuple(made))
    pros = sum(1 for n in order if n.label == "supports")
    cons = sum(1 for n in order if n.label == "opposes")
    described = [
        f"The file ({layout} layout) holds {plural(len(order), 'numbered claim')}: {plural(len(fixed), 'thesis')},"
        f" {plural(pros, 'pro')} and {plural(cons, 'con')} ({len(links):,} of them '-> See' links)"
        f"{', under a question' if question else ''}.",
        "A thesis is a conclusion, a pro supports its parent, a con opposes it; a link adds its relation to the claim it names.",
    ]
    if sources:
        described.append(f"{len(sources):,} footnote sources are the notes of the claims that cite them.")
    if numbered_text:
        described.append(f"{plural(numbered_text, 'line')} that start with a number but no Pro:, Con: or Thesis:"
                         " (1. health, 2014. Sales fell.) are read as text of the claim above.")
    return Imported(argmap, tuple(described), dropped.lines(), kinds_fixed=frozenset(fixed))
