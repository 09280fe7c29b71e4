"""AM301 quote-not-in-source: a quote that does not occur in the source text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert found[1].message == ("the quote of 'e' is not in sources/s.txt: \"China is a major ally\"; nearest, line 1:"
                                " \"China has been a major ally\" (\"is\" where the source has \"has been\")")


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
    # What a web page carries and shows as nothing: a soft hyphen, a zero-width space, a word joiner.
    ("a soft\u00adhyphen and a zero\u200bwidth space\u2060", "softhyphen and a zerowidth space"),
    ("softhyphen and a zerowidth space", "soft\u00adhyphen and a zero\u200bwidth space"),
])
def test_curly_quotes_dashes_and_composition_are_normalised(tmp_path, source, quote):
    assert_findings(tmp_path, one_quote(quote), CODE, [CONTROL], source)


def test_case_must_match(tmp_path):
    assert_findings(tmp_path, one_quote("china has been a major ally"), CODE, [CONTROL, QUOTE], SOURCE)


WORDS = "We are unhappy with the plan. It was illegal. Unemployment rose to 50 percent in 2020.\n"


@pytest.mark.parametrize("quote", ["happy with the plan", "legal", "Unemployment rose to 5", "rose ... ent",
                                   "'unhappy with the pla'"])
def test_a_quote_begins_and_ends_where_words_do(tmp_path, quote):
    # "happy with the plan" is in "unhappy with the plan" as letters, but it says the opposite.
    assert_findings(tmp_path, one_quote(quote), CODE, [CONTROL, QUOTE], WORDS)


@pytest.mark.parametrize("quote", ["We are unhappy with the plan.", "plan. It was", "rose to 50 percent",
                                   "unhappy ... illegal", "'. It was illegal.'", "'2020.'"])
def test_a_quote_of_whole_words_is_found(tmp_path, quote):
    assert_findings(tmp_path, one_quote(quote), CODE, [CONTROL], WORDS)


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


def test_quotes_in_finds_exactly_the_quotes_that_begin_and_end_as_words_do() -> None:
    from argmap.rules.quote_not_in_source import bounded, normalise, quotes_in
    from tests.fuzz.oracle import whole_words_in

    for in_order in (True, False):
        text, quotes = _text_and_quotes(7, [" "], 3000, 600, in_order)  # pieces cut at any character: "at sat" of "cat sat"
        quotes = [normalise(q) for q in quotes if q.strip()]
        expected = {q for q in quotes if whole_words_in(q, text)}
        assert 0 < len(expected) < len(set(quotes))
        assert quotes_in(bounded(text), quotes) == expected


# Issue 21: quotes that help.

OP_ED = (
    "Cities should build more housing.\n\n"
    "Rents have risen by a third in five years, while wages have barely moved. Young families\n"
    "leave for the suburbs, and the commute eats their evenings.\n\n"
    "Zoning rules forbid anything taller than two floors in most of the city.\n"
)


def test_a_quote_with_one_word_changed_shows_the_nearest_passage_its_line_and_the_difference(tmp_path):
    found = assert_findings(tmp_path, one_quote("Rents have risen by a half in five years"), CODE, [CONTROL, QUOTE], OP_ED)
    assert found[1].message == (
        "the quote of 'e' is not in sources/s.txt: \"Rents have risen by a half in five years\"; nearest, line 3:"
        " \"Rents have risen by a third in five years,\" (\"half\" where the source has \"third\")")
    assert found[1].details["nearest"] == {"line": 3, "text": "Rents have risen by a third in five years,"}


def test_other_punctuation_and_left_out_words_are_named(tmp_path):
    found = assert_findings(tmp_path, one_quote("'Young families leave for the suburbs; and the commute eats evenings'"),
                            CODE, [CONTROL, QUOTE], OP_ED)
    assert '"suburbs;" where the source has "suburbs,"' in found[1].message
    assert 'leaves out "their" (write ... where words are skipped)' in found[1].message
    assert "nearest, line 3:" in found[1].message  # the passage starts on line 3 (it goes on to line 4)


def test_nothing_near_says_so(tmp_path):
    found = assert_findings(tmp_path, one_quote("The moon is made of cheese"), CODE, [CONTROL, QUOTE], OP_ED)
    assert found[1].message.endswith("no passage of it is close: copy the quote from the source again, or correct 'source:'")


@pytest.mark.parametrize("quote", [
    "Rents have risen ... while wages have barely moved",
    "Rents have risen \u2026 wages have barely moved",
    "Rents have risen [...] barely moved. Young families",
    "'... the commute eats their evenings'",  # a leading ellipsis: the rest must be there
    "Young families ... leave ... evenings.",  # a paragraph's own line break is a space
])
def test_an_ellipsis_skips_words_within_a_paragraph(tmp_path, quote):
    assert_findings(tmp_path, one_quote(quote), CODE, [CONTROL], OP_ED)


def test_an_ellipsis_does_not_reach_across_paragraphs_or_back(tmp_path):
    found = assert_findings(tmp_path, one_quote("Rents have risen ... taller than two floors"), CODE, [CONTROL, QUOTE], OP_ED)
    assert found[1].message == ("each part of the quote of 'e' is in sources/s.txt, but not in this order within one paragraph:"
                                " '...' skips words inside a paragraph; quote each paragraph in its own claim")
    assert_findings(tmp_path, one_quote("wages have barely moved ... Rents have risen"), CODE, [CONTROL, QUOTE], OP_ED)


def test_a_part_of_an_elided_quote_that_is_nowhere_gets_its_nearest_passage(tmp_path):
    found = assert_findings(tmp_path, one_quote("Rents have risen ... wages have hardly moved"), CODE, [CONTROL, QUOTE], OP_ED)
    assert found[1].message.startswith(
        "the part \"wages have hardly moved\" of the quote of 'e' is not in sources/s.txt: \"wages have hardly moved\";"
        " nearest, line 3: \"wages have barely moved.\" (\"hardly\" where the source has \"barely\")")


def test_a_long_quote_shows_the_part_around_the_difference_in_text_and_all_of_it_in_json(tmp_path):
    words = [f"word{i}" for i in range(60)]
    source = " ".join(words) + "\n"
    quote = words.copy()
    quote[40] = "changed"
    found = assert_findings(tmp_path, one_quote(" ".join(quote)), CODE, [CONTROL, QUOTE], source)
    assert '"… word35 word36 word37 word38 word39 changed word41' in found[1].message
    assert '"changed" where the source has "word40"' in found[1].message
    assert "word0 " not in found[1].message
    assert found[1].full_message.startswith(f"the quote of 'e' is not in sources/s.txt: \"{' '.join(quote)}\"")
    assert found[1].details["quote"] == " ".join(quote)
    assert found[1].as_dict()["message"] == found[1].full_message


def test_quote_search_helpers():
    from argmap.rules.quote_not_in_source import elided_found, source_paragraphs
    paragraphs = source_paragraphs("a b c\nd e\n\n f g  h \n")
    assert paragraphs == "a b c d e\nf g h"
    found, unchecked = elided_found(paragraphs, [("q1", ["a", "e"]), ("q2", ["e", "f"]), ("q3", ["f", "h"]), ("q4", ["c", "b"])])
    assert (found, unchecked) == ({"q1", "q3"}, set())


def test_an_ellipsis_the_source_has_itself_matches_as_written_even_across_paragraphs(tmp_path):
    assert_findings(tmp_path, one_quote("'Wait... What she said'"), CODE, [CONTROL], "She paused. Wait...\n\nWhat she said was true.\n")


def test_past_difflibs_budget_the_quote_is_compared_word_by_word_where_it_was_placed():
    from argmap.rules.quote_not_in_source import NearestPassages

    text = "Rents have risen by a third in five years, while wages have barely moved."
    quote = "have risen by a half in five"
    near = NearestPassages(text, [quote])
    with_difflib = near.nearest(0, quote)
    near.diff_budget = -1
    assert near.nearest(0, quote) == with_difflib
    assert with_difflib.differences == ['"half" where the source has "third"']


def test_the_nearest_passage_search_stops_at_its_budget():
    from argmap.rules.quote_not_in_source import NearestPassages

    near = NearestPassages("one two three four five six\n", ["one two three four five seven"] * 3)
    assert near.nearest(0, "one two three four five seven").text == "one two three four five six"
    near.work = near.budget + 1
    assert near.nearest(1, "one two three four five seven") is None


def test_elided_quotes_past_the_budget_are_reported_unchecked(tmp_path, monkeypatch):
    import argmap.rules.quote_not_in_source as rule

    monkeypatch.setattr(rule, "ELIDED_SCAN", 0)
    monkeypatch.setattr(rule, "ELIDED_STEP", 1)  # a budget of 16 characters scanned: spent in the first paragraph
    found = assert_findings(tmp_path, one_quote("Rents have risen ... Zoning rules"), CODE, [CONTROL, QUOTE], OP_ED * 40)
    assert found[1].message == ("the quote of 'e' was not checked: the map's quotes with '...' take too long to look for in"
                                " sources/s.txt; split them into quotes without '...'")


def _in_one_paragraph(paragraphs: str, parts: list[str]) -> bool:
    """The brute-force oracle: some paragraph has the parts in order, trying every place of each."""
    def fits(paragraph: str, rest: list[str], start: int) -> bool:
        if not rest:
            return True
        at = paragraph.find(rest[0], start)
        while at >= 0:
            if fits(paragraph, rest[1:], at + len(rest[0])):
                return True
            at = paragraph.find(rest[0], at + 1)
        return False
    return any(fits(paragraph, parts, 0) for paragraph in paragraphs.split("\n"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abc ", min_size=1, max_size=12), min_size=1, max_size=4),
       st.lists(st.text("abc", min_size=1, max_size=3), min_size=1, max_size=3))
def test_elided_search_agrees_with_brute_force(paragraphs, parts):
    from argmap.rules.quote_not_in_source import elided_found, source_paragraphs

    text = source_paragraphs("\n\n".join(paragraphs))
    found, unchecked = elided_found(text, [("q", parts)])
    assert unchecked == set()
    assert ("q" in found) == _in_one_paragraph(text, parts)
