"""What an importer made of a file: the map, what it held, what was dropped, and the quotes it offers.

The shared steps of the argument formats (AIF, Argdown, Kialo) live here too: ids from the
format's own names, and the kinds that keep argmap's support rules meaningful on a map nobody
typed by hand (:func:`assign_kinds`).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from argmap.interchange.framework import FormatError, claim_ids
from argmap.model import ArgMap, Argument, Claim


@dataclass(frozen=True)
class Imported:
    """One imported file.

    ``described``: header lines saying what the file held and how it was mapped. ``dropped``: what
    argmap cannot express, each kind with a count and up to a few examples (header lines too).
    ``quotes``: for a claim, words the file says were spoken or written (a locution), to be made its
    quote when the source text holds them. ``source_text``: the analysed text the file came with.
    """

    argmap: ArgMap
    described: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    quotes: dict[str, str] = field(default_factory=dict)
    source_text: str | None = None
    kinds_fixed: frozenset[str] = frozenset()  # claims whose kind the file gave (not derived)


class Dropped:
    """What an importer could not carry into the map: counted by kind, with the first few examples."""

    SHOWN = 3

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}

    def add(self, what: str, example: str | None = None) -> None:
        self.counts[what] += 1
        if example is not None:
            shown = self.examples.setdefault(what, [])
            if len(shown) < self.SHOWN:
                shown.append(example)

    def lines(self) -> tuple[str, ...]:
        out = []
        for what, count in self.counts.items():
            examples = self.examples.get(what, [])
            more = f", +{count - len(examples):,} more" if count > len(examples) and examples else ""
            shown = f" ({', '.join(examples)}{more})" if examples else ""
            out.append(f"dropped {count:,} {what}{shown}")
        return tuple(out)


def short(text: str, width: int = 40) -> str:
    """``text`` on one line, cut to ``width`` characters, for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def assign_kinds(claims: list[Claim], arguments: list[Argument], fixed: frozenset[str] = frozenset()) -> list[Claim]:
    """Each claim (but those in ``fixed``) with the kind its place in the map gives it.

    - supported (a ``supports`` or an argument reaches it) and supporting or opposing nothing:
      ``conclusion``, what the text argues for;
    - supported and used for something else: ``claim``, a step of reasoning;
    - supported by nothing: ``assumption``, a premise taken as given (typed ``claim`` it would make
      everything resting on it unsupported); one with no relation at all also ignores AM104
      (a proposition the analyst recorded but related to nothing is no slip of the map's author).

    >>> from argmap.model import Position, Relation
    >>> p = Position("f", 1, 1)
    >>> cs = [Claim("a", "A", "claim", p, relations=(Relation("supports", "a", "b", p),)),
    ...       Claim("b", "B", "claim", p, relations=(Relation("supports", "b", "c", p),)),
    ...       Claim("c", "C", "claim", p), Claim("d", "D", "claim", p)]
    >>> [(c.id, c.kind, sorted(c.ignore)) for c in assign_kinds(cs, [])]
    [('a', 'assumption', []), ('b', 'claim', []), ('c', 'conclusion', []), ('d', 'assumption', ['AM104'])]
    """
    supported: set[str] = set()
    used: set[str] = set()  # supports or opposes something, or is a premise
    related: set[str] = set()
    for claim in claims:
        for rel in claim.relations:
            related.update((claim.id, rel.target))
            if rel.type == "supports":
                supported.add(rel.target)
            if rel.type in ("supports", "opposes"):
                used.add(claim.id)
    for argument in arguments:
        supported.add(argument.conclusion)
        used.update(argument.premises)
        related.update(argument.premises)
        related.add(argument.conclusion)
    targets = {rel.target for claim in claims for rel in claim.relations if rel.type == "opposes"}
    related |= targets
    out = []
    for claim in claims:
        if claim.id in fixed:
            out.append(claim)
            continue
        if claim.id in supported:
            kind = "claim" if claim.id in used else "conclusion"
        else:
            kind = "assumption"
        ignore = claim.ignore | {"AM104"} if claim.id not in related else claim.ignore
        out.append(claim._replace(kind=kind, ignore=frozenset(ignore)))
    return out


def json_document(text: str, path: str) -> object:
    r"""``text`` read as JSON, or a ``FormatError`` with the line where it goes wrong.

    A lone surrogate (``"\ud800"``: half an emoji, as a browser may cut one) is read as U+FFFD,
    the replacement character: no UTF-8 file can hold it.

    >>> json_document(r'["a\ud83d\ude00", "\ud800b"]', "f.json")
    ['a😀', '�b']
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"not valid JSON: {error.msg} (column {error.colno})", path, error.lineno) from None
    except RecursionError:
        raise FormatError("the JSON is nested too deeply", path, 1) from None
    except ValueError as error:  # an integer of over 4,300 digits, which Python will not read
        raise FormatError(f"not JSON argmap can read: {error}", path, 1) from None
    if "\\ud" in text or "\\uD" in text:
        document = _without_surrogates(document)
    return document


def _without_surrogates(document: object) -> object:
    """``document`` with each lone surrogate in its strings made U+FFFD (iteratively: the JSON may be deep)."""
    def fixed(value: object) -> object:
        if isinstance(value, str):
            return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace") if not value.isascii() else value
        return value

    top = [fixed(document)]
    stack: list[list[object] | dict[str, object]] = [top]
    while stack:
        container = stack.pop()
        keys = range(len(container)) if isinstance(container, list) else list(container)
        for key in keys:
            value = fixed(container[key])  # type: ignore[index]
            container[key] = value  # type: ignore[index]
            if isinstance(value, (list, dict)):
                stack.append(value)
        if isinstance(container, dict) and any(not k.isascii() for k in container):
            renamed = {fixed(k): v for k, v in container.items()}
            container.clear()
            container.update(renamed)  # type: ignore[arg-type]
    return top[0]


def fresh_id(name: str, taken: set[str], tried: dict[str, int] | None = None) -> str:
    """A valid id made from ``name`` that is not in ``taken`` (``-2``, ``-3``, ... added when it is).

    ``tried`` (kept by the caller across calls) remembers the last number tried for each stem, so
    that many names of one stem cost linear time, not quadratic.

    >>> fresh_id("RA 7", {"ra-7"})
    'ra-7-2'
    """
    stem = claim_ids([name])[name]
    k = tried.get(stem, 1) if tried is not None else 1
    candidate = stem if k == 1 else f"{stem}-{k}"
    while candidate in taken:
        k += 1
        candidate = f"{stem}-{k}"
    if tried is not None:
        tried[stem] = k
    return candidate
