"""AM303 evidence-without-quote: an ``evidence`` claim with no quote."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM303"


def test_evidence_without_a_quote(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: evidence
            supports: [c]
          f:
            text: F
            kind: evidence
            note: a note is not a quote
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [(3, 3), (7, 3)])
    assert found[0].message == "evidence 'e' has no quote"


def test_other_kinds_need_no_quote(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b]
          b:
            text: B
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_ignore_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: evidence
            ignore: [AM303]
          f:
            text: F
            kind: evidence
    """, CODE, [(7, 3)])


def test_quiet_on_a_correct_map(tmp_path):
    assert_findings(tmp_path, """
        title: t
        source: sources/s.txt
        claims:
          e:
            text: E
            kind: evidence
            quote: some words
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [], "Here are some words.\n")
