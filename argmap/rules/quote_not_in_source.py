"""A quote does not occur in the map's source text.

Quotes are compared after normalising whitespace (any run becomes one space), curly quotes
(to `'` and `"`), dashes (to `-`) and Unicode composition (NFC); otherwise they must match
exactly, case included. A quote that is not in the source misrepresents it.

Fix: copy the quote from the source again, or correct `source:`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

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
INDEX_ABOVE = 50  # quotes; fewer are searched for directly


class SourceIndex:
    """Exact substring search for many quotes in one long text.

    Searching the whole text once per quote costs quotes x text length, which a generated map of
    100,000 claims turns into tens of seconds. Every word inside a quote (not its first or last,
    which may be cut mid-word) is a whole word of the text wherever the quote occurs, so only the
    places where the quote's rarest inner word stands need checking.
    """

    def __init__(self, text: str):
        self.text = text
        self.places: dict[str, list[int]] = {}
        for match in _WORD.finditer(text):
            self.places.setdefault(match.group(), []).append(match.start())

    def __contains__(self, quote: str) -> bool:
        words = list(_WORD.finditer(quote))
        if len(words) < 3:
            return quote in self.text
        inner = min(words[1:-1], key=lambda w: len(self.places.get(w.group(), ())))
        return any(self.text.startswith(quote, at - inner.start()) for at in self.places.get(inner.group(), ()))


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        if argmap.source_text is None:
            continue  # missing-source reports it
        text = normalise(argmap.source_text)
        quotes = sum(1 for claim in argmap.claims if claim.quote is not None)
        source: str | SourceIndex = SourceIndex(text) if quotes > INDEX_ABOVE else text
        for claim in argmap.claims:
            if claim.quote is not None and normalise(claim.quote) not in source:
                short = claim.quote if len(claim.quote) <= 60 else claim.quote[:57] + "..."
                yield Problem(
                    claim.quote_position,  # type: ignore[arg-type]
                    f"the quote of '{claim.id}' is not in {argmap.source}: \"{short}\"",
                    f"{argmap.name}#{claim.id}",
                )
