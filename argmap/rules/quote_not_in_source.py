"""A quote does not occur in the map's source text.

Quotes are compared after normalising whitespace (any run becomes one space), curly quotes
(to `'` and `"`), dashes (to `-`) and Unicode composition (NFC); otherwise they must match
exactly, case included. A quote that is not in the source misrepresents it.

Fix: copy the quote from the source again, or correct `source:`.

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
    quote: most of us work until six
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

import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress, count, islice

from argmap.graph import MapGraph
from argmap.rules import Problem

ID = "AM301"
NAME = "quote-not-in-source"
SEVERITY = "error"

_SAME = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


_WORD = re.compile(r"\S+")


def plain_characters(text: str) -> str:
    """``text`` with curly quotes straight and dashes plain, character for character (so positions stay)."""
    return text.translate(_SAME)


def normalise(text: str) -> str:
    """Text as quotes are compared: NFC, straight quotes, plain dashes, single spaces."""
    if text.isascii():  # NFC and the translation leave ASCII as it is
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFC", text).translate(_SAME).split())


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


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        if argmap.source_text is None:
            continue  # missing-source reports it
        quoted = [(claim, normalise(claim.quote)) for claim in argmap.claims if claim.quote is not None]
        if not quoted:
            continue
        found = quotes_found(normalise(argmap.source_text), (quote for _, quote in quoted))
        for claim, quote in quoted:
            if quote not in found:
                short = claim.quote if len(claim.quote) <= 60 else claim.quote[:57] + "..."  # type: ignore[arg-type]
                yield Problem(
                    claim.quote_position,  # type: ignore[arg-type]
                    f"the quote of '{claim.id}' is not in {argmap.source}: \"{short}\"",
                    f"{argmap.name}#{claim.id}",
                )
