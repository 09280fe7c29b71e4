"""A quote does not occur in the map's source text.

Quotes are compared after normalising whitespace (any run becomes one space), curly quotes
(to `'` and `"`), dashes (to `-`) and Unicode composition (NFC); otherwise they must match
exactly, case included. A quote that is not in the source misrepresents it.

Fix: copy the quote from the source again, or correct `source:`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress, count
from operator import add

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
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as quotes are compared: NFC, straight quotes, plain dashes, single spaces."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_SAME)).strip()


_WORD = re.compile(r"\S+")
KEY_WORDS = 4  # how many of a quote's inner words are looked up at once


def quotes_found(text: str, quotes: Iterable[str]) -> set[str]:
    """Which of ``quotes`` occur in ``text``, exactly, as substrings; in one pass over the text.

    Searching the whole text once per quote costs quotes x text length, which a generated map of
    100,000 claims turns into tens of seconds. Every word inside a quote (not its first or last,
    which may be cut mid-word) is a whole word of the text wherever the quote occurs, and its inner
    words follow each other in the text with the same whitespace between them. So each quote is
    filed under its first few inner words, and one walk over the text's words looks each run of
    words up among them; only where one matches is the whole quote compared. Quotes of fewer than
    three words have no inner word and are searched for directly.
    """
    found = set()
    wanted: dict[int, dict[str, list[tuple[str, int]]]] = {}  # number of words -> key -> (quote, where the key starts)
    for quote in set(quotes):
        words = list(_WORD.finditer(quote))
        if len(words) < 3:
            if quote in text:
                found.add(quote)
            continue
        inner = words[1:-1][:KEY_WORDS]
        first = inner[0].start()
        wanted.setdefault(len(inner), {}).setdefault(quote[first:inner[-1].end()], []).append((quote, first))
    if not wanted:
        return found
    starts, ends = _word_spans(text)
    for size, keys in wanted.items():
        runs = map(text.__getitem__, map(slice, starts, ends[size - 1:]))  # each run of ``size`` words
        for i in compress(count(), map(keys.__contains__, runs)):
            at = starts[i]
            for quote, first in keys[text[at:ends[i + size - 1]]]:
                if quote not in found and text.startswith(quote, at - first):
                    found.add(quote)
    return found


def _word_spans(text: str) -> tuple[list[int], list[int]]:
    """Where each word of ``text`` starts, and where it ends."""
    if text and " ".join(text.split()) == text:  # normalised: words are split at single spaces, without a loop in Python
        lengths = list(map(len, text.split(" ")))
        starts = list(accumulate(map((1).__add__, lengths[:-1]), initial=0))
        return starts, list(map(add, starts, lengths))
    return [match.start() for match in _WORD.finditer(text)], [match.end() for match in _WORD.finditer(text)]


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
