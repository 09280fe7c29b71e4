"""AM004 comment-in-text: a plain value cut short by ' #', reported at the '#'."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM004"


def test_a_text_cut_by_a_hash_before_a_word_is_reported_at_the_hash(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: We are #1 in the world
            kind: conclusion
          b:
            text: B
            kind: evidence
            quote: the #MeToo movement
            supports: [a]
    """, CODE, [(4, 18), (9, 16)], source_text="the #MeToo movement")
    assert found[0].message.startswith("the text of 'a' stops at \"We are\": YAML reads ' #' as the start of a comment")
    assert found[0].claim == "a"


def test_a_cut_title_is_reported(tmp_path):
    assert_findings(tmp_path, """
        title: Why we are #1
        claims:
          a:
            text: A
            kind: conclusion
            ignore: [AM101]
    """, CODE, [(1, 19)])


def test_comments_written_as_comments_and_quoted_hashes_are_fine(tmp_path):
    assert_findings(tmp_path, """
        title: t  # the title
        claims:
          a:
            text: "We are #1 in the world"   # quoted, so whole
            kind: conclusion
          b:
            text: B #
            kind: assumption   #assumed
            supports: [a]
          c:
            text: 'C # D'
            kind: assumption
            supports: [a]
    """, CODE, [])


def test_ignore_silences_it_for_the_claim(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: We are #1 in the world
            kind: conclusion
            ignore: [AM004, AM101]
    """, CODE, [])
