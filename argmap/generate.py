"""Synthetic argument maps of any size, for benchmarks and tests.

:func:`generate` builds a map that looks like a large real one: support trees toward conclusions
(a few per cent of the claims; depth 3 to 6, two to five supporters per claim), claims that support
a second parent elsewhere (cross-links), attacks (``opposes``), tensions, linked arguments, sections,
and evidence whose quotes come from a generated source text. About 2.3 relations per claim; most
cross-links, attacks and tensions join claims written near each other (the same topic), a fifth
join any two claims of the map. A few real defects are planted, about
one per thousand claims each and at least one of each: an unsupported conclusion, a support circle,
a misquote and a reference to a claim that does not exist (AM101, AM102, AM301 and AM002).

The output is the same, byte for byte, for the same size and seed. The YAML is written directly as
text: every generated text is plain lowercase words, so double-quoting each string is enough.
"""

from __future__ import annotations

import bisect
import random
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from argmap.files import write_atomic

MIN_CLAIMS = 10
CONCLUSION_SHARE = 0.03
CROSS_LINKS = 0.6  # per claim: supports of a second parent
OPPOSES = 0.45  # per claim
TENSIONS = 0.3  # per claim
LINKED = 0.15  # share of claims with three or more supporters that get a linked argument
DEFECT_RATE = 0.001
LOCAL = 0.8  # share of cross-links, attacks and tensions between claims at most NEARBY claims apart
NEARBY = 200

ADJECTIVES = (
    "local", "national", "rural", "urban", "public", "private", "small", "large", "new", "old", "early", "late",
    "strong", "weak", "rising", "falling", "steady", "costly", "cheap", "slow", "fast", "open", "closed", "central",
    "regional", "foreign", "domestic", "annual", "recent", "common", "rare", "stable", "modest", "major", "minor",
)
NOUNS = (
    "council", "budget", "library", "school", "market", "river", "road", "harbour", "factory", "farm", "clinic",
    "station", "bridge", "park", "museum", "tax", "wage", "price", "rent", "loan", "trade", "tariff", "export",
    "import", "union", "court", "law", "policy", "plan", "report", "survey", "study", "census", "election", "vote",
    "party", "mayor", "minister", "region", "town", "village", "city", "border", "treaty", "alliance", "army",
    "harvest", "drought", "flood", "forest", "energy", "grid", "fuel", "water", "transport", "railway", "airport",
    "hospital", "teacher", "student", "worker", "family", "tenant", "owner", "bank", "fund", "debt", "deficit",
    "growth", "inflation", "demand", "supply", "industry", "service", "sector", "agency", "office", "committee",
)
VERBS = (
    "raises", "lowers", "supports", "weakens", "funds", "limits", "protects", "threatens", "improves", "delays",
    "requires", "replaces", "reduces", "increases", "shapes", "blocks", "favours", "harms", "serves", "follows",
)
LINKS = ("of", "in", "for", "near", "after", "before", "under", "with", "across", "beyond")
SECTION_WORDS = ("Background", "Economy", "Politics", "History", "Outlook", "Costs", "Benefits", "Risks",
                 "Society", "Security", "Trade", "Environment", "Reform", "Evidence", "Objections", "Summary")
MISQUOTE_WORD = "allegedly"  # in no generated sentence, so a quote containing it is never in the source


@dataclass
class _Claim:
    index: int
    id: str
    depth: int
    parent: int | None
    kind: str = "claim"
    text: str = ""
    section: str | None = None
    quote: str | None = None
    children: list[int] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    opposes: list[str] = field(default_factory=list)
    tension: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GeneratedMap:
    """A generated map's YAML and the source text its quotes come from."""

    yaml: str
    source: str
    claims: int
    relations: int
    defects: dict[str, int]


class _Generator:
    def __init__(self, claims: int, seed: int, source_path: str):
        if claims < MIN_CLAIMS:
            raise ValueError(f"a generated map needs at least {MIN_CLAIMS} claims")
        self.n = claims
        self.seed = seed
        self.source_path = source_path
        self.rng = random.Random(seed)
        self.claims: list[_Claim] = []
        self.arguments: list[tuple[str, list[str], str]] = []
        self.sentences: list[str] = []
        self.k = 0

    # --- words -----------------------------------------------------------------------------------

    def _phrase(self) -> list[str]:
        r = self.rng
        return ["the", r.choice(ADJECTIVES), r.choice(NOUNS)] if r.random() < 0.6 else ["the", r.choice(NOUNS)]

    def _sentence(self) -> list[str]:
        r = self.rng
        words = self._phrase() + [r.choice(VERBS)] + self._phrase()
        if r.random() < 0.7:
            words += [r.choice(LINKS)] + self._phrase()
        return words

    @staticmethod
    def _text(words: list[str]) -> str:
        return " ".join(words).capitalize() + "."

    def _new(self, depth: int, parent: int | None) -> _Claim:
        index = len(self.claims)
        r = self.rng
        claim = _Claim(index, f"{r.choice(ADJECTIVES)}-{r.choice(NOUNS)}-{index}", depth, parent)
        claim.text = self._text(self._sentence())
        self.claims.append(claim)
        if parent is not None:
            self.claims[parent].children.append(index)
        return claim

    # --- structure -------------------------------------------------------------------------------

    def _tree(self, budget: int, section: str | None) -> None:
        r = self.rng
        root = self._new(0, None)
        root.kind = "conclusion"
        members = [root]
        max_depth = r.randint(3, 6)
        frontier = deque([root])
        while frontier and len(members) < budget:
            node = frontier.popleft()
            if node.depth >= max_depth:
                continue
            for _ in range(min(r.randint(2, 5), budget - len(members))):
                child = self._new(node.depth + 1, node.index)
                members.append(child)
                frontier.append(child)
        for claim in members:
            claim.section = section

    def build(self) -> GeneratedMap:
        r = self.rng
        k = max(1, round(self.n * DEFECT_RATE))
        reserved = 2 * k + 3 * k  # unsupported conclusions (with their one supporter), support circles
        tree_claims = self.n - reserved
        trees = max(1, round(tree_claims * CONCLUSION_SHARE))
        sections = [f"{SECTION_WORDS[i % len(SECTION_WORDS)]} {i // len(SECTION_WORDS) + 1}"
                    for i in range(max(2, trees // 5))]
        target = max(3, tree_claims // trees)
        while len(self.claims) < tree_claims:
            left = tree_claims - len(self.claims)
            if left < 3:  # too few for a tree of its own: extra supporters of earlier claims
                for _ in range(left):
                    parent = r.randrange(len(self.claims))
                    self._new(self.claims[parent].depth + 1, parent)
                break
            budget = left if left < 2 * target else target
            self._tree(budget, r.choice(sections) if r.random() < 0.8 else None)
        for claim in self.claims:
            if claim.parent is None:
                continue
            if not claim.children:
                claim.kind = "evidence" if r.random() < 0.7 else "assumption"
            claim.supports.append(self.claims[claim.parent].id)  # written on the supporter
        self.k = k
        self._linked_arguments()
        self._cross_links()
        self._attacks()
        self._quotes()
        defects = self._defects(k)
        return self._render(defects)

    def _linked_arguments(self) -> None:
        r = self.rng
        for claim in self.claims:
            if len(claim.children) >= 3 and r.random() < LINKED:
                size = 3 if len(claim.children) >= 4 and r.random() < 0.5 else 2
                premises = [self.claims[i] for i in r.sample(claim.children, size)]
                for premise in premises:
                    premise.supports.remove(claim.id)
                self.arguments.append((f"because-{claim.id}", [p.id for p in premises], claim.id))

    def _cross_links(self) -> None:
        r = self.rng
        # Targets are earlier claims that need support (claims and conclusions): supports always
        # point to an earlier claim, so no cross-link closes a circle.
        targets = [c.index for c in self.claims if c.kind in ("claim", "conclusion")]
        for _ in range(int(CROSS_LINKS * len(self.claims))):
            source = self.claims[r.randrange(1, len(self.claims))]
            if source.kind == "conclusion":
                continue
            below = bisect.bisect_left(targets, source.index)
            if below == 0:
                continue
            # Mostly a claim nearby (the same topic, a few trees back), sometimes one far away.
            lowest = 0 if r.random() >= LOCAL else bisect.bisect_left(targets, source.index - NEARBY)
            target = self.claims[targets[r.randrange(lowest, below)]]
            if target.id in source.supports or target.index == source.parent:
                continue
            source.supports.append(target.id)

    def _attacks(self) -> None:
        r = self.rng
        n = len(self.claims)
        related: set[tuple[int, int]] = set()
        by_id = {c.id: c.index for c in self.claims}
        for claim in self.claims:
            for target in claim.supports:
                related.add((claim.index, by_id[target]))
                related.add((by_id[target], claim.index))
        for _, premises, conclusion in self.arguments:
            for premise in premises:
                related.add((by_id[premise], by_id[conclusion]))
                related.add((by_id[conclusion], by_id[premise]))
        for relation, share in (("opposes", OPPOSES), ("tension", TENSIONS)):
            for _ in range(int(share * n)):
                a = r.randrange(n)
                b = r.randrange(max(0, a - NEARBY), min(n, a + NEARBY)) if r.random() < LOCAL else r.randrange(n)
                if a == b or (a, b) in related:
                    continue
                related.add((a, b))
                related.add((b, a))
                getattr(self.claims[a], relation).append(self.claims[b].id)

    def _quotes(self) -> None:
        r = self.rng
        for claim in self.claims:
            if claim.kind != "evidence":
                continue
            sentence = self._text(self._sentence())
            self.sentences.append(sentence)
            words = sentence[:-1].split()
            start = r.randrange(0, max(1, len(words) - 5))
            claim.quote = " ".join(words[start:start + r.randint(5, 8)])
            if r.random() < 0.2:  # filler between the quoted sentences
                self.sentences.append(self._text(self._sentence()))

    def _defects(self, k: int) -> dict[str, int]:
        r = self.rng
        for _ in range(k):  # an unsupported conclusion: its one supporter rests on nothing
            conclusion = self._new(0, None)
            conclusion.kind = "conclusion"
            leaf = self._new(1, None)
            leaf.supports.append(conclusion.id)
        for _ in range(k):  # a support circle of three claims
            a, b, c = self._new(1, None), self._new(1, None), self._new(1, None)
            a.supports.append(b.id)
            b.supports.append(c.id)
            c.supports.append(a.id)
        evidence = [c for c in self.claims if c.kind == "evidence"]
        for claim in r.sample(evidence, min(k, len(evidence))):
            words = claim.quote.split()  # type: ignore[union-attr]
            words[r.randrange(len(words))] = MISQUOTE_WORD
            claim.quote = " ".join(words)
        supporters = [c for c in self.claims[: self.n - 5 * k] if c.kind != "conclusion"]
        for j, claim in enumerate(r.sample(supporters, k)):
            claim.supports.append(f"missing-claim-{j}")
        return {"AM101": k, "AM102": k, "AM301": min(k, len(evidence)), "AM002": k}

    # --- output ----------------------------------------------------------------------------------

    def _render(self, defects: dict[str, int]) -> GeneratedMap:
        r = self.rng
        order = list(range(self.n - 5 * self.k))
        for index in range(len(order), self.n):  # scatter the planted claims through the file
            order.insert(r.randrange(len(order) + 1), index)
        out = [
            f'title: "Generated map of {self.n} claims, seed {self.seed}"\n',
            f'source: "{self.source_path}"\n',
            "claims:\n",
        ]
        relations = 0
        for index in order:
            c = self.claims[index]
            out.append(f'  {c.id}:\n    text: "{c.text}"\n')
            if c.kind != "claim":
                out.append(f'    kind: "{c.kind}"\n')
            if c.section is not None:
                out.append(f'    section: "{c.section}"\n')
            if c.quote is not None:
                out.append(f'    quote: "{c.quote}"\n')
            for key in ("supports", "opposes", "tension"):
                targets = getattr(c, key)
                if targets:
                    relations += len(targets)
                    out.append(f"    {key}: [{', '.join(f'{chr(34)}{t}{chr(34)}' for t in targets)}]\n")
        if self.arguments:
            out.append("arguments:\n")
            for argument_id, premises, conclusion in self.arguments:
                relations += len(premises) + 1
                listed = ", ".join(f'"{p}"' for p in premises)
                out.append(f'  {argument_id}:\n    premises: [{listed}]\n    conclusion: "{conclusion}"\n')
        source = self._source_text()
        return GeneratedMap("".join(out), source, self.n, relations, defects)

    def _source_text(self) -> str:
        paragraphs = [" ".join(self.sentences[i:i + 6]) for i in range(0, len(self.sentences), 6)]
        return "\n\n".join(paragraphs) + "\n"


def generate(claims: int, seed: int = 0, *, name: str = "generated") -> GeneratedMap:
    """A synthetic map of ``claims`` claims whose ``source:`` is ``sources/<name>.txt``."""
    return _Generator(claims, seed, f"sources/{name}.txt").build()


def write_generated(path: str | Path, claims: int, seed: int = 0) -> GeneratedMap:
    """Write a generated map to ``path`` and its source text to ``sources/<stem>.txt`` beside it."""
    target = Path(path)
    generated = generate(claims, seed, name=target.stem)
    write_atomic(target.parent / "sources" / f"{target.stem}.txt", generated.source.encode("utf-8"))
    write_atomic(target, generated.yaml.encode("utf-8"))
    return generated
