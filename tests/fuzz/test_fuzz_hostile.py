"""Fuzz ``check`` with what a hostile map is made of: very long lines and large, repetitive sources.

Each case repeats a short random unit (spaces, quotes, ``#``, ``:``, letters) thousands of times into
one line of a map (its title, a claim's text, a quote, a key, a flow mapping), or into a source that
many quotes almost match. The oracle is the one every fuzz target uses (a sound result or a clear
``MapError``), and for sources also the meaning of AM301: a quote is reported exactly when it is not
in the source. Nothing is timed (``bench/hostile.py`` measures growth). Budget: ``ARGMAP_FUZZ_HOSTILE``
cases, lines of at most ``ARGMAP_FUZZ_HOSTILE_BYTES`` (``make fuzz`` raises both). The plain-layout
reader still takes quadratic time on some long lines (docs/threat-model.md), so the line length stays
modest until it is replaced; then ``make fuzz FUZZ_HOSTILE_BYTES=1048576``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.check import CheckResult
from argmap.rules.quote_not_in_source import normalise
from tests.fuzz.oracle import budget, check_outcome, whole_words_in

PIECES = ["a", "b", " ", "  ", "'", '"', "#", " #", ":", ": ", "-", ",", "{", "[", "\\", "é", "\t"]
UNITS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
PLACES = ["title", "text", "quote", "key", "flow", "comment"]


def _long_line(place: str, unit: str, times: int) -> str:
    long = unit * times
    if place == "title":
        return f"title: a{long}b:c\nclaims:\n  a:\n    text: A\n"
    if place == "text":
        return f"title: T\nclaims:\n  a:\n    text: {long}\n"
    if place == "quote":
        return f"title: T\nsource: s.txt\nclaims:\n  a:\n    text: A\n    kind: evidence\n    quote: '{long}' \n"
    if place == "key":
        return f"title: T\nclaims:\n  {long}:\n    text: A\n"
    if place == "flow":
        return "{title: T, claims: {" + ", ".join(f"c{i}: {{text: '{unit}'}}" for i in range(times // 4 + 1)) + "}}\n"
    return f"title: T # {long}\nclaims:\n  a:\n    text: 'A' # {long}\n"


def _folder(tmp_path_factory, name: str) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp(name)
    (folder / ".git").mkdir()
    return folder


@settings(max_examples=budget("hostile", 12), deadline=None, suppress_health_check=list(HealthCheck))
@given(place=st.sampled_from(PLACES), unit=UNITS, times=st.integers(1, 40_000))
def test_long_lines_give_a_result_or_a_clear_error(tmp_path_factory, place: str, unit: str, times: int) -> None:  # type: ignore[no-untyped-def]
    times = max(1, min(times, budget("hostile_bytes", 4096) // len(unit)))
    folder = _folder(tmp_path_factory, "long")
    (folder / "s.txt").write_text("A source.", encoding="utf-8")
    path = folder / "m.yaml"
    path.write_text(_long_line(place, unit, times), encoding="utf-8")
    check_outcome(path, folder)
    shutil.rmtree(folder)


@settings(max_examples=budget("hostile", 12), deadline=None, suppress_health_check=list(HealthCheck))
@given(unit=st.lists(st.sampled_from(["a", "b", " ", "a a", "\u2019", "\u2014"]), min_size=1, max_size=5).map("".join),
       times=st.integers(1, 60_000), cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 400), st.booleans()),
                                                   min_size=1, max_size=300))
def test_quotes_in_large_sources_are_found_exactly_when_they_are_there(tmp_path_factory, unit: str, times: int,  # type: ignore[no-untyped-def]
                                                                        cuts: list[tuple[int, int, bool]]) -> None:
    folder = _folder(tmp_path_factory, "source")
    source = unit * times
    (folder / "s.txt").write_text(source, encoding="utf-8")
    quotes = []
    for start, length, spoil in cuts:
        start %= max(len(source), 1)
        quote = source[start:start + length]
        if spoil:
            quote = quote[: len(quote) // 2] + "z" + quote[len(quote) // 2:]
        if quote.strip():
            quotes.append(quote)
    lines = ["title: T", "source: s.txt", "claims:"]
    for i, quote in enumerate(quotes):
        escaped = quote.replace("'", "''")
        lines += [f"  c{i}:", f"    text: C{i}", "    kind: evidence", f"    quote: '{escaped}'"]
    path = folder / "m.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = check_outcome(path, folder)
    if quotes:
        assert isinstance(outcome, CheckResult), outcome
        text = normalise(source)
        reported = {f.claim for f in outcome.findings if f.code == "AM301"}
        # YAML folds a single-quoted scalar's line breaks and keeps its spaces; the quotes here hold neither.
        expected = {f"c{i}" for i, quote in enumerate(quotes) if not whole_words_in(normalise(quote), text)}
        assert reported == expected
    shutil.rmtree(folder)
