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


def check(maps: MapGraph) -> Iterator[Problem]:
    for argmap in maps.maps.all_maps:
        if argmap.source_text is None:
            continue  # missing-source reports it
        source = normalise(argmap.source_text)
        for claim in argmap.claims:
            if claim.quote is not None and normalise(claim.quote) not in source:
                short = claim.quote if len(claim.quote) <= 60 else claim.quote[:57] + "..."
                yield Problem(
                    claim.quote_position,  # type: ignore[arg-type]
                    f"the quote of '{claim.id}' is not in {argmap.source}: \"{short}\"",
                    f"{argmap.name}#{claim.id}",
                )
