"""AM301 quote-not-in-source: a quote that does not occur in the source text."""

from __future__ import annotations

import pytest

from .common import assert_findings

CODE = "AM301"

SOURCE = "China has been a major ally of North Korea for some time now.\nIt sent troops and fighters to help repel UN forces.\n"


def one_quote(quote: str) -> str:
    """A map whose evidence ``e`` quotes ``quote`` (written as is, at line 11, column 12).

    A control claim comes first: its quote is in no source, so it is always reported, at CONTROL;
    a test that expects only CONTROL therefore cannot pass merely because no quote was checked.
    """
    return f"""
        title: t
        source: sources/s.txt
        claims:
          control:
            text: Not in the source
            kind: evidence
            quote: xyzzy
          e:
            text: E
            kind: evidence
            quote: {quote}
    """


CONTROL = (7, 12)
QUOTE = (11, 12)


def test_a_quote_that_is_not_in_the_source(tmp_path):
    found = assert_findings(tmp_path, one_quote("China is a major ally"), CODE, [CONTROL, QUOTE], SOURCE)
    assert found[1].message == "the quote of 'e' is not in sources/s.txt: \"China is a major ally\""


def test_each_missing_quote_is_reported_and_found_quotes_are_not(tmp_path):
    assert_findings(tmp_path, """
        title: t
        source: sources/s.txt
        claims:
          a:
            text: A
            kind: evidence
            quote: a major ally of North Korea
            supports: [c]
          b:
            text: B
            kind: evidence
            quote: "It sent ships"
            supports: [c]
          c:
            text: C
            quote: >-
              help repel
              EU forces
    """, CODE, [(12, 12), (16, 12)], SOURCE)


@pytest.mark.parametrize("quote", [
    "a major ally of North Korea",
    "some time now. It sent troops",  # a line break in the source matches a space
    '"major   ally of\u00a0North Korea"',  # a run of spaces, a no-break space
    "|-\n              for some time\n              now.  It sent",  # a block scalar with a line break
])
def test_whitespace_is_normalised(tmp_path, quote):
    assert_findings(tmp_path, one_quote(quote), CODE, [CONTROL], SOURCE)


@pytest.mark.parametrize(("source", "quote"), [
    ("He said \u201cno\u201d and left.", "'He said \"no\" and left.'"),
    ("He said \"no\" and left.", "He said \u201cno\u201d and left."),
    ("it\u2019s a buffer state", "it's a buffer state"),
    ("it's a buffer state", "it\u2019s a buffer state"),
    ("the 1950\u20131953 war \u2014 a turning point", "the 1950-1953 war - a turning point"),
    ("the 1950-1953 war - a turning point", "the 1950\u20131953 war \u2014 a turning point"),
    ("caf\u0065\u0301 culture", "caf\u00e9 culture"),  # decomposed in the source, composed in the quote
])
def test_curly_quotes_dashes_and_composition_are_normalised(tmp_path, source, quote):
    assert_findings(tmp_path, one_quote(quote), CODE, [CONTROL], source)


def test_case_must_match(tmp_path):
    assert_findings(tmp_path, one_quote("china has been a major ally"), CODE, [CONTROL, QUOTE], SOURCE)


def test_punctuation_other_than_quotes_and_dashes_must_match(tmp_path):
    assert_findings(tmp_path, one_quote("some time now; It sent troops"), CODE, [CONTROL, QUOTE], SOURCE)


def test_a_source_that_cannot_be_read_is_left_to_missing_source(tmp_path):
    assert_findings(tmp_path, one_quote("anything at all"), CODE, [])


def test_ignore_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        source: sources/s.txt
        claims:
          a:
            text: A
            kind: evidence
            quote: paraphrased, not quoted
            ignore: [AM301]
          b:
            text: B
            kind: evidence
            quote: also paraphrased
    """, CODE, [(12, 12)], SOURCE)


def test_quiet_on_a_correct_map(tmp_path):
    assert_findings(tmp_path, """
        title: t
        source: sources/s.txt
        claims:
          e:
            text: E
            kind: evidence
            quote: "China has been a major ally of North Korea"
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [], SOURCE)


def _text_and_quotes(seed: int, spaces: list[str], words: int, quotes: int, in_order: bool) -> tuple[str, list[str]]:
    """A text of ``words`` random words and ``quotes`` pieces of it (some changed so they are not in it),
    taken at random places or from the start onwards."""
    import random

    rng = random.Random(seed)
    vocabulary = ["the", "a", "cat", "sat", "on", "mat", "dog", "ran", "far", "x"]
    text = "".join(rng.choice(vocabulary) + rng.choice(spaces) for _ in range(words)).strip()
    starts = sorted(rng.randrange(len(text) - 40) for _ in range(quotes))
    if not in_order:
        rng.shuffle(starts)
    pieces = []
    for start in starts:
        quote = text[start:start + rng.randint(1, 60)].strip()
        if rng.random() < 0.3:  # some that are not there
            quote = quote.replace("a", "o", 1)
        if rng.random() < 0.1:
            quote = quote.replace(" ", "  ", 1)
        pieces.append(quote)
    return text, pieces


def test_each_way_of_searching_finds_exactly_what_plain_search_finds() -> None:
    from argmap.rules.quote_not_in_source import NEAR, SEARCHED_ONE_BY_ONE, quotes_found, quotes_found_anywhere

    for spaces in ([" "], [" ", "  ", "\n", " \t"]):  # normalised text, and any other
        # In reading order over a long text: found near the last, and the rest (fewer than are searched
        # one by one, then more); in no order: more quotes left over than are searched one by one.
        for words, count, in_order in ((25000, 300, True), (25000, 3000, True), (3000, 2000, False), (25000, 3000, False)):
            text, quotes = _text_and_quotes(5, spaces, words, count, in_order)
            expected = {quote for quote in quotes if quote in text}
            assert quotes_found(text, quotes) == expected
            assert quotes_found_anywhere(text, quotes) == expected
            missing = len(set(quotes) - expected)
            assert missing < SEARCHED_ONE_BY_ONE if count == 300 else missing > SEARCHED_ONE_BY_ONE
            assert len(text) > 20 * NEAR or words == 3000
