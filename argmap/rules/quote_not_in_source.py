"""A quote does not occur in the map's source text.

Quotes are compared after normalising whitespace (any run becomes one space), curly quotes
(to `'` and `"`), dashes (to `-`) and Unicode composition (NFC), and leaving out what shows as
nothing (a soft hyphen, zero-width spaces, a word joiner); otherwise they must match
exactly, case included, and begin and end where words do: `happy with the plan` is not a quote of
"unhappy with the plan", nor `rose to 5` of "rose to 50". A quote that is not in the source
misrepresents it.

`...` or `…` (also as `[...]`) in a quote stands for words left out: each part must occur in the
source, in order, within one paragraph (paragraphs are separated by a blank line).

The finding shows the passage of the source nearest the quote, with its line, and what differs
(a word changed, other punctuation, words the quote leaves out); the JSON report keeps the whole
quote and passage (`details`), the text report a part around the first difference. A part of an
elided quote that is nowhere in the source is shown the same way.

Fix: copy the quote from the source again (mark skipped words with `...`), or correct `source:`.

The source, `letter.txt`:

```text
Dear council, most of us work until six and can only study after dinner.
```

Passes:

```yaml
title: Opening hours
source: letter.txt
claims:
  open-late:
    text: The library should open until midnight.
    kind: conclusion
  students-work:
    text: Many students work during the day.
    kind: evidence
    quote: most of us work ... only study after dinner
    supports: [open-late]
```

Fails:

```yaml
title: Opening hours
source: letter.txt
claims:
  open-late:
    text: The library should open until midnight.
    kind: conclusion
  students-work:
    text: Many students work during the day.
    kind: evidence
    quote: most of us work until seven
    supports: [open-late]
```
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress, count, islice
from typing import NamedTuple

from argmap.graph import MapGraph
from argmap.model import Claim
from argmap.rules import Problem

ID = "AM301"
NAME = "quote-not-in-source"
SEVERITY = "error"

_SAME = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


# What a web page's text carries that shows as nothing (a soft hyphen, zero-width spaces, a word joiner,
# a byte-order mark): left out of quotes and sources alike when they are compared.
INVISIBLE = frozenset("\u00ad\u200b\u2060\ufeff")
_COMPARED = str.maketrans({**{chr(k): v for k, v in _SAME.items()}, **dict.fromkeys(INVISIBLE)})

_WORD = re.compile(r"\S+")


def plain_characters(text: str) -> str:
    """``text`` with curly quotes straight and dashes plain, character for character (so positions stay)."""
    return text.translate(_SAME)


_WORD_RUN = re.compile(r"(\w+)")


def bounded(text: str) -> str:
    """``text`` with a mark (NUL) on each side of every run of letters and digits: a quote marked so is
    in the marked source only where it begins and ends as words do.

    >>> bounded("happy") in bounded("We are unhappy."), bounded("rose to 5") in bounded("rose to 50")
    (False, False)
    >>> bounded("are unhappy.") in bounded("We are unhappy."), bounded(". We") in bounded("No. We")
    (True, True)
    """
    # Split at the runs (kept) and joined with the mark: 2.3x faster than substituting each run (0.06 s
    # for a 1.5 MB source, and 0.02 s for 24,000 quotes, at 50,000 generated claims).
    return "\x00".join(_WORD_RUN.split(text))


def quotes_in(marked_text: str, quotes: Iterable[str]) -> set[str]:
    """Which of ``quotes`` (normalised) occur in ``marked_text`` (a source, normalised then :func:`bounded`)
    as whole words at their two ends."""
    marked = {quote: bounded(quote) for quote in quotes}
    found = quotes_found(marked_text, marked.values())
    return {quote for quote, as_marked in marked.items() if as_marked in found}


def normalise(text: str) -> str:
    """Text as quotes are compared: NFC, straight quotes, plain dashes, no invisible characters, single spaces.

    >>> normalise("soft\u00adhyphen \u2018zero\u200bwidth\u2019  \u2014 e\u0301")
    "softhyphen 'zerowidth' - \xe9"
    """
    if text.isascii():  # NFC and the translation leave ASCII as it is
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFC", text).translate(_COMPARED).split())


KEY_WORDS = 4  # how many of a quote's inner words are looked up at once
NEAR = 4096  # characters after the last quote found in which the next one is looked for first
# Quotes left over that are each looked for in the whole text rather than by indexing it: a search
# costs about 1/400 of the index's one pass (measured on a 3 MB text).
SEARCHED_ONE_BY_ONE = 256


def quotes_found(text: str, quotes: Iterable[str]) -> set[str]:
    """Which of ``quotes`` occur in ``text``, exactly, as substrings.

    A map mostly quotes its source in reading order (an article is mapped from the top down), so
    each quote is first looked for just after where the one before it was found, by ``str.find``
    over a few thousand characters. The quotes not found there are looked for in the whole text:
    a few one by one, more at once (:func:`quotes_found_anywhere`). Either way a quote counts as
    found only where it occurs.
    """
    found: set[str] = set()
    elsewhere = []
    at = 0
    find = text.find
    for quote in quotes:
        if quote in found:
            continue
        where = find(quote, at, at + NEAR + len(quote))
        if where < 0:
            elsewhere.append(quote)
        else:
            found.add(quote)
            at = where
    if len(elsewhere) <= SEARCHED_ONE_BY_ONE:
        return found.union(quote for quote in elsewhere if quote in text)
    return found | quotes_found_anywhere(text, elsewhere)


# The work the word index may do (in characters compared, counted from the text and the quotes)
# before the quotes it has not settled are left to the automaton; a map of ordinary quotes stays far
# below it, a hostile one (every quote almost everywhere in a repetitive text) gets there at once.
WORK_PER_CHARACTER = 4
SCAN_SPEED = 64  # how many characters ``str.find`` scans in the time the automaton takes for one
BATCH = 1 << 20  # characters of quotes per automaton: about 200 MB at most (measured: 225 MB peak for a process)
RADIX = 0x110000  # one more than the largest code point


def quotes_found_by_automaton(text: str, quotes: Iterable[str]) -> set[str]:
    """Which of ``quotes`` occur in ``text``: Aho and Corasick's automaton, one pass over the text.

    Time linear in the text and the quotes' total length whatever they are (the word index that
    :func:`quotes_found_anywhere` builds is faster on real maps, but can be made to compare each
    quote at most places of a repetitive text). Quotes are taken ``BATCH`` characters at a time,
    so memory stays bounded; each batch costs one pass over the text.
    """
    found: set[str] = set()
    batch: list[str] = []
    size = 0
    for quote in sorted(set(quotes)):
        if not quote:
            found.add(quote)
            continue
        batch.append(quote)
        size += len(quote)
        if size >= BATCH:
            found |= _automaton_pass(text, batch)
            batch, size = [], 0
    if batch:
        found |= _automaton_pass(text, batch)
    return found


def _automaton_pass(text: str, quotes: list[str]) -> set[str]:
    # The trie's edges in one dictionary, keyed by state * RADIX + character, and its other columns
    # in 4-byte arrays: a third of the memory of a dictionary per state.
    goto: dict[int, int] = {}
    parent = array("i", [0])
    letter = array("i", [0])
    depth = array("i", [0])
    ends: dict[int, str] = {}  # the quote that ends at a state
    for quote in quotes:
        state = 0
        for at, code in enumerate(map(ord, quote), start=1):
            key = state * RADIX + code
            nxt = goto.get(key)
            if nxt is None:
                nxt = goto[key] = len(parent)
                parent.append(state)
                letter.append(code)
                depth.append(at)
            state = nxt
        ends[state] = quote
    size = len(parent)
    fail = array("i", bytes(size * parent.itemsize))
    out = array("i", [-1]) * size  # the nearest state down the failure links where a quote ends
    for state in sorted(range(1, size), key=depth.__getitem__):  # a state's failure is settled before its children's
        up = parent[state]
        if up:
            code = letter[state]
            back = fail[up]
            while back and back * RADIX + code not in goto:
                back = fail[back]
            fail[state] = goto.get(back * RADIX + code, 0)
        target = fail[state]
        out[state] = target if target in ends else out[target]
    found: set[str] = set()
    reported = bytearray(size)  # a state whose quotes (itself and down its output links) are all found
    state = 0
    for code in map(ord, text):
        key = state * RADIX + code
        while state and key not in goto:
            state = fail[state]
            key = state * RADIX + code
        state = goto.get(key, 0)
        if state and not reported[state]:
            at = state if state in ends else out[state]
            reported[state] = 1
            while at > 0 and (at == state or not reported[at]):
                found.add(ends[at])
                reported[at] = 1
                at = out[at]
            if len(found) == len(quotes):
                break
    return found


def quotes_found_anywhere(text: str, quotes: Iterable[str]) -> set[str]:
    """Which of ``quotes`` occur in ``text``, exactly, as substrings; in one pass over the text.

    Searching the whole text once per quote costs quotes x text length, which a generated map of
    100,000 claims turns into tens of seconds. Every word inside a quote (not its first or last,
    which may be cut mid-word) is a whole word of the text wherever the quote occurs, and its inner
    words follow each other in the text. So each quote is filed under its first few inner words
    (as numbers, one per distinct word of the text), and one walk over the text's runs of words
    looks each up among them; only where one matches is the whole quote compared. Quotes of fewer
    than three words have no inner word and are searched for directly.

    That is fast on real maps, but a hostile one can file many quotes under words that are almost
    everywhere in a repetitive text, or have thousands of short quotes each searched for in all
    of it. So the work is counted, and once it passes ``WORK_PER_CHARACTER`` times the text and the
    quotes together, the quotes not yet found are left to :func:`quotes_found_by_automaton`, which
    is linear whatever they are.
    """
    quotes = set(quotes)
    budget = WORK_PER_CHARACTER * (len(text) + sum(map(len, quotes)))
    work = 0
    scan = len(text) // SCAN_SPEED + 1  # one search of the whole text, in the units of the budget
    found = set()
    words = text.split()  # the text's words, as ``\\S+`` finds them
    number: dict[str, int] = {}
    numbers = list(map(number.setdefault, words, count()))  # each word as a number, the same for equal words
    wanted: dict[int, dict[tuple[int, ...], list[tuple[str, int]]]] = {}  # key size -> key -> (quote, where the key starts)
    left: set[str] = set()  # quotes left to the automaton
    for quote in quotes:
        quote_words = quote.split()
        if len(quote_words) < 3:
            work += scan
            if work > budget:
                left.add(quote)
            elif quote in text:
                found.add(quote)
            continue
        inner = quote_words[1:-1][:KEY_WORDS]
        key = tuple(map(number.get, inner))
        if None in key:
            continue  # an inner word the text does not have: the quote is not there
        if " ".join(quote_words) == quote:
            first = len(quote_words[0]) + 1
        else:
            first = next(islice(_WORD.finditer(quote), 1, None)).start()
        wanted.setdefault(len(key), {}).setdefault(key, []).append((quote, first))
    if not wanted:
        return found | (quotes_found_by_automaton(text, left) if left else set())
    starts = _word_starts(text, words)
    startswith = text.startswith
    for size, keys in wanted.items():
        # Each run of ``size`` words, twice: once to look up, once with where it starts.
        runs = [zip(*(islice(numbers, i, None) for i in range(size)), strict=False) for _ in range(2)]
        for at, key in compress(zip(starts, runs[0], strict=False), map(keys.__contains__, runs[1])):
            entries = keys[key]
            work += len(entries) + sum(len(quote) for quote, _ in entries) // SCAN_SPEED
            if work > budget:  # hostile: settle what is left in one linear pass
                left.update(quote for filed in wanted.values() for entries in filed.values() for quote, _ in entries)
                return found | quotes_found_by_automaton(text, left - found)
            for quote, first in entries:
                if startswith(quote, at - first):
                    break
            else:
                continue  # the usual case: words that some quote shares, but no quote here
            rest = [(quote, first) for quote, first in entries if not startswith(quote, at - first)]
            found.update(quote for quote, first in entries if startswith(quote, at - first))
            if rest:
                keys[key] = rest
            else:
                del keys[key]  # every quote filed under it is found: the rest of the text need not look
    return found | (quotes_found_by_automaton(text, left) if left else set())


def _word_starts(text: str, words: list[str]) -> list[int]:
    """Where each of ``words``, the words of ``text``, starts in it."""
    if " ".join(words) == text:  # normalised: words are one space apart, without a loop in Python
        return list(accumulate(map((1).__add__, map(len, words[:-1])), initial=0))
    return [match.start() for match in _WORD.finditer(text)]


# Quotes that skip part of a passage: '...' or '…' (also as '[...]') stands for words left out.
ELLIPSIS = "..."
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")  # a blank line (the source's paragraphs, for elisions)


def elided_parts(quote: str) -> list[str] | None:
    """The parts of a normalised quote that marks words left out with ``...`` or ``…`` (None if it does
    not): each must occur in the source, in this order, within one paragraph.

    >>> elided_parts("most of us [...] can only study … after dinner")
    ['most of us', 'can only study', 'after dinner']
    >>> elided_parts("most of us work") is None
    True
    """
    marked = quote.replace("\u2026", ELLIPSIS).replace("[...]", ELLIPSIS)
    if ELLIPSIS not in marked:
        return None
    parts = [part.strip() for part in marked.split(ELLIPSIS)]
    parts = [part for part in parts if part and part != "."]
    return parts or None


def source_paragraphs(text: str) -> str:
    """The source normalised paragraph by paragraph, one paragraph a line: where elided quotes are sought."""
    return "\n".join(normalise(paragraph) for paragraph in PARAGRAPH_BREAK.split(text))


# Characters ``str.find`` may scan, per character of the source and the quotes, looking for quotes
# with an elision: far more than a map of real quotes needs (it scans each paragraph a few times),
# bounded for a hostile one (thousands of elided quotes whose first part is in every paragraph).
ELIDED_SCAN = 64
ELIDED_STEP = 1024  # a paragraph tried costs as much as scanning this many characters (Python's own work)


def elided_found(paragraphs: str, quotes: Iterable[tuple[str, list[str]]]) -> tuple[set[str], set[str]]:
    """(found, unchecked): which elided ``quotes`` ((quote, its parts)) occur in ``paragraphs`` (from
    :func:`source_paragraphs`): every part, in order, within one paragraph.

    A quote's first part is found leftmost in a paragraph, then each next part as early as it can be
    after it; when one is missing the search goes on at the next paragraph (a later start in the same
    paragraph cannot do better). As in :func:`quotes_found`, each quote is looked for first from the
    paragraph where the one before it was found, ``NEAR`` characters on, then everywhere. The
    characters scanned are counted: the quotes left once they pass ``ELIDED_SCAN`` times the input
    are unchecked (a real map stays far below; a hostile one gets there, and then stops).
    """
    quotes = list(quotes)
    # Each quote may also try a few paragraphs, however short the source.
    budget = ELIDED_SCAN * (len(paragraphs) + sum(len(quote) for quote, _ in quotes)) + 16 * ELIDED_STEP * len(quotes)
    work = 0
    found: set[str] = set()
    unchecked: set[str] = set()
    find = paragraphs.find
    size = len(paragraphs)
    last = 0  # where the paragraph of the last quote found starts

    def search(parts: list[str], start: int, limit: int) -> int:
        """Where the paragraph holding ``parts`` starts (the first part starting before ``limit``), or -1."""
        nonlocal work
        while (at := find(parts[0], start, limit + len(parts[0]))) >= 0:
            end = find("\n", at)
            end = size if end < 0 else end
            work += (at - start) + (end - at) * len(parts) + ELIDED_STEP
            after = at + len(parts[0])
            for part in parts[1:]:
                where = find(part, after, end)
                if where < 0:
                    break
                after = where + len(part)
            else:
                return paragraphs.rfind("\n", 0, at) + 1
            start = end + 1
            if work > budget:
                return -1
        work += min(limit, size) - start
        return -1

    for quote, parts in quotes:
        if work > budget:
            unchecked.add(quote)
            continue
        at = search(parts, last, last + NEAR)
        if at < 0 and work <= budget:
            at = search(parts, 0, size)
        if at >= 0:
            found.add(quote)
            last = at
        elif work > budget:
            unchecked.add(quote)
    return found, unchecked


_PUNCTUATION = "\"'.,;:!?()[]{}<>«»-*_/`"


def _key(word: str) -> str:
    return word.strip(_PUNCTUATION).lower()


class Passage(NamedTuple):
    """The passage of the source nearest a quote that is not there, and how the quote differs from it."""

    line: int
    text: str
    differences: list[str]
    first: int  # the index (in the quote's words) of the first difference, or -1


# Nearest passages: how many of a quote's rarest words anchor the search, how many places of each are
# tried, and the work (words compared) allowed per word of the source and the quotes.
ANCHORS = 3
PLACES = 8
NEAREST_WORK = 64
DIFF_WORK = 2
DIFF_FLOOR = 500_000  # enough for a few hundred quotes of a real map, however short its source
MAX_DIFFED = 400  # words of a quote compared with difflib (longer quotes get the passage alone)


class NearestPassages:
    """Finds, for quotes that are not in ``text``, the passage most like each.

    The source's words are indexed once (lower case, without surrounding punctuation). A quote is
    placed at up to ``PLACES`` occurrences of each of its ``ANCHORS`` rarest words, and each placing
    is scored by the words that match where they stand; the best, if at least half its words
    match, is compared word by word (difflib) to say what differs. Every placing costs the quote's
    length in C-speed comparisons, and the whole search stops (quotes then get no nearest passage)
    once ``NEAREST_WORK`` times the words of the text and the quotes have been compared: bounded and
    linear however many quotes are missing.
    """

    def __init__(self, text: str, quotes: list[str]):
        text = text if text.isascii() else unicodedata.normalize("NFC", text).translate(_SAME)
        self.words = words = text.split()
        first: dict[str, int] = {}
        numbers = list(map(first.setdefault, words, count()))  # each word as the place it first occurs
        self.key_id: dict[str, int] = {}
        key_of = {at: self.key_id.setdefault(_key(word), len(self.key_id)) for word, at in first.items()}
        self.keys = list(map(key_of.__getitem__, numbers))  # each word of the text as the number of its key
        self.frequency = Counter(self.keys)
        self.frequency.pop(self.key_id.get(""), None)  # words of punctuation alone anchor nothing
        self.lines = list(accumulate(len(line.split()) for line in text.split("\n")))  # words up to each line's end
        # The places of the words that anchor the quotes (their rarest words): at most PLACES of each,
        # in one pass that stops looking for a word once it has them.
        self.anchors = [self._anchors(quote) for quote in quotes]
        wanted = {key for anchors in self.anchors for key, _ in anchors}
        self.index: dict[int, list[int]] = {key: [] for key in wanted}
        for at in compress(count(), map(wanted.__contains__, self.keys)):
            places = self.index[self.keys[at]]
            places.append(at)
            if len(places) == PLACES:
                wanted.discard(self.keys[at])
                if not wanted:
                    break
        self.budget = NEAREST_WORK * (len(words) + sum(len(quote.split()) for quote in quotes))
        self.work = 0
        # difflib compares the quote with each word of the window in Python: its budget is counted
        # in (quote words x window words), a few times the words of the text and the quotes.
        self.diff_budget = DIFF_WORK * (len(words) + sum(len(quote.split()) for quote in quotes)) + DIFF_FLOOR
        self.diff_work = 0

    def _anchors(self, quote: str) -> list[tuple[int, int]]:
        """(key, its place in the quote) of the ``ANCHORS`` rarest words of ``quote`` that the text has."""
        keys = [self.key_id.get(_key(word), -1) for word in _words(quote)]
        frequency = self.frequency
        rarest = sorted({key for key in keys if key in frequency}, key=frequency.__getitem__)[:ANCHORS]
        return [(key, keys.index(key)) for key in rarest]

    def nearest(self, which: int, quote: str) -> Passage | None:
        """The passage nearest ``quote``, the ``which``-th of the quotes given when this was made."""
        words = _words(quote)
        if not words or self.work > self.budget:
            return None
        keys = [self.key_id.get(_key(word), -1) for word in words]
        places = {at - offset for key, offset in self.anchors[which] for at in self.index[key]}
        best, best_score = None, 0
        size = len(words)
        for place in sorted(places):
            lo = max(place, 0)
            score = sum(map(int.__eq__, self.keys[lo:place + size], keys[lo - place:]))
            self.work += size
            if score > best_score:
                best, best_score = place, score
        if best is None or best_score * 2 < size:
            return None
        lo, hi = max(best - 3, 0), min(best + size + 3, len(self.words))
        window = self.words[lo:hi]
        if size > MAX_DIFFED:
            first, last = max(best, 0), min(best + size, len(self.words))
            return Passage(self._line(first), " ".join(self.words[first:last]), [], -1)
        self.diff_work += size * len(window)
        if self.diff_work <= self.diff_budget:
            matcher = difflib.SequenceMatcher(None, [_key(w) or w for w in words], [_key(w) or w for w in window], autojunk=False)
            ops = [list(op) for op in matcher.get_opcodes()]
        else:  # past difflib's budget: word by word where the quote was placed
            ops = _aligned(words, window, best - lo)
        # The window has a few words more on either side: those are not part of the passage.
        for op in (ops[0], ops[-1]) if len(ops) > 1 else (ops[0],):
            if op[0] == "insert":
                op[0] = "outside"
        if ops[0][0] == "replace" and ops[0][4] - ops[0][3] > ops[0][2] - ops[0][1]:
            ops[0][3] = ops[0][4] - (ops[0][2] - ops[0][1])
        if ops[-1][0] == "replace" and ops[-1][4] - ops[-1][3] > ops[-1][2] - ops[-1][1]:
            ops[-1][4] = ops[-1][3] + (ops[-1][2] - ops[-1][1])
        kept = [op for op in ops if op[0] != "outside"]
        first, last = kept[0][3], kept[-1][4]
        differences, where = [], -1
        for op, i1, i2, j1, j2 in kept:
            ours, theirs = " ".join(words[i1:i2]), " ".join(window[j1:j2])
            if op == "equal":
                for at, (q, t) in enumerate(zip(words[i1:i2], window[j1:j2], strict=True), i1):
                    # the same word in other punctuation or case; a quote may start or end inside a word
                    if q != t and not (at == 0 and t.endswith(q)) and not (at == size - 1 and t.startswith(q)):
                        differences.append(f'"{q}" where the source has "{t}"')
                        where = at if where < 0 else where
                continue
            if op == "replace":
                differences.append(f'"{ours}" where the source has "{theirs}"')
            elif op == "delete":
                differences.append(f'"{ours}" is not in the source')
            else:  # an insert inside the passage: words the quote leaves out
                differences.append(f'leaves out "{theirs}" (write ... where words are skipped)')
            where = i1 if where < 0 else where
        return Passage(self._line(lo + first), " ".join(window[first:last]), differences, where)

    def _line(self, word: int) -> int:
        return bisect.bisect_right(self.lines, word) + 1


def _words(quote: str) -> list[str]:
    return normalise(quote.replace("\u2026", " ").replace("...", " ")).split()


def _aligned(words: list[str], window: list[str], offset: int) -> list[list]:  # type: ignore[type-arg]
    """difflib's opcodes for ``words`` laid on ``window`` from word ``offset``, word by word (no
    insertions or deletions found): linear, for when difflib's budget is spent."""
    ops: list[list] = []  # type: ignore[type-arg]
    if offset > 0:
        ops.append(["insert", 0, 0, 0, offset])
    for at, word in enumerate(words):
        there = offset + at
        op = "delete" if not 0 <= there < len(window) else "equal" if _key(word) == _key(window[there]) else "replace"
        end = there + 1 if op != "delete" else max(min(there, len(window)), 0)
        start = there if op != "delete" else end
        if ops and ops[-1][0] == op and ops[-1][2] == at and ops[-1][4] == start:
            ops[-1][2], ops[-1][4] = at + 1, end
        else:
            ops.append([op, at, at + 1, start, end])
    if ops[-1][4] < len(window):
        ops.append(["insert", len(words), len(words), ops[-1][4], len(window)])
    return ops


SHOWN = 80  # characters of a quote (and of its nearest passage) a text message shows


def excerpt(words: list[str], at: int, limit: int = SHOWN) -> str:
    """The words around word ``at`` (from its fifth word before), at most about ``limit`` characters,
    with an ellipsis where it is cut.

    >>> excerpt("one two three".split(), 0)
    'one two three'
    >>> excerpt([f"w{i}" for i in range(40)], 20, 20)
    '… w15 w16 w17 w18 w19 …'
    """
    text = " ".join(words)
    if len(text) <= limit:
        return text
    start = max(at - 5, 0)
    shown: list[str] = []
    for word in words[start:]:
        if sum(map(len, shown)) + len(shown) + len(word) > limit:
            break
        shown.append(word)
    if not shown:
        shown = [words[start][:limit]]
    return ("… " if start else "") + " ".join(shown) + (" …" if start + len(shown) < len(words) else "")


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        if argmap.source_text is None:
            continue  # missing-source reports it
        quoted = [(claim, normalise(claim.quote)) for claim in argmap.claims if claim.quote is not None]
        if not quoted:
            continue
        elided = {quote: parts for _, quote in quoted if (parts := elided_parts(quote)) is not None}
        text = bounded(normalise(argmap.source_text))  # marked once, for every search below
        # Every quote as written first: a '...' the source has itself is matched as it stands.
        found = quotes_in(text, (quote for _, quote in quoted))
        unchecked: set[str] = set()
        if elided.keys() - found:
            more, unchecked = elided_found(bounded(source_paragraphs(argmap.source_text)),
                                           ((q, [bounded(p) for p in parts]) for q, parts in elided.items() if q not in found))
            found |= more
        missing = [(claim, quote) for claim, quote in quoted if quote not in found]
        if not missing:
            continue
        sought = [quote for _, quote in missing]  # for an elided quote: its first part not in the source
        if elided:  # which parts of the elided quotes that are missing occur anywhere at all
            parts_found = quotes_in(text, {p for _, q in missing if q in elided for p in elided[q]})
            sought = [next((p for p in elided[q] if p not in parts_found), q) if q in elided else q for _, q in missing]
        near = NearestPassages(argmap.source_text, sought)
        for which, (claim, quote) in enumerate(missing):
            cut = quote in elided
            if cut and quote not in unchecked:
                if sought[which] == quote:  # every part is somewhere
                    yield Problem(
                        claim.quote_position,  # type: ignore[arg-type]
                        f"each part of the quote of '{claim.id}' is in {argmap.source}, but not in this order within one"
                        f" paragraph: '...' skips words inside a paragraph; quote each paragraph in its own claim",
                        f"{argmap.name}#{claim.id}", details={"quote": claim.quote, "parts": elided[quote]},
                    )
                    continue
            yield _not_found(argmap.name, argmap.source, claim, sought[which], which, near, quote in unchecked, cut)


def _not_found(name: str, source: str | None, claim: Claim, quote: str, which: int, near: NearestPassages,
               unchecked: bool, elided: bool) -> Problem:
    words = quote.split()
    what = f"the quote of '{claim.id}'" if not elided else f"the part \"{excerpt(words, 0)}\" of the quote of '{claim.id}'"
    if unchecked:
        what = f"the quote of '{claim.id}'"
        message = (f"{what} was not checked: the map's quotes with '...' take too long to look for in {source};"
                   " split them into quotes without '...'")
        return Problem(claim.quote_position, message, f"{name}#{claim.id}", details={"quote": claim.quote})  # type: ignore[arg-type]
    passage = near.nearest(which, quote)
    if passage is None:
        tail = "; no passage of it is close: copy the quote from the source again, or correct 'source:'"
        details: dict[str, object] = {"quote": claim.quote}
        short, full = excerpt(words, 0), f'{what} is not in {source}: "{" ".join(words)}"{tail}'
        return Problem(claim.quote_position, f'{what} is not in {source}: "{short}"{tail}',  # type: ignore[arg-type]
                       f"{name}#{claim.id}", full_message=full, details=details)
    first = max(passage.first, 0)
    differs = "; ".join(passage.differences[:3]) + ("; …" if len(passage.differences) > 3 else "")
    differs_all = "; ".join(passage.differences)
    nearest_words = passage.text.split()
    shown_passage = excerpt(nearest_words, min(first, len(nearest_words) - 1))
    differs_text = f" ({differs})" if differs else ""
    message = (f'{what} is not in {source}: "{excerpt(words, first)}"; nearest, line {passage.line}:'
               f' "{shown_passage}"{differs_text}')
    full = (f'{what} is not in {source}: "{" ".join(words)}"; nearest, line {passage.line}: "{passage.text}"'
            + (f" ({differs_all})" if differs_all else ""))
    details = {"quote": claim.quote, "nearest": {"line": passage.line, "text": passage.text}, "differences": passage.differences}
    return Problem(claim.quote_position, message, f"{name}#{claim.id}", full_message=full, details=details)  # type: ignore[arg-type]
