"""AM104 orphan-claim: a claim with no relation at all."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM104"


def test_a_claim_with_no_relation(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [c]
          c:
            text: C
            kind: conclusion
          lone:
            text: Lone
          fact:
            text: A fact nobody uses
            kind: assumption
    """, CODE, [(10, 3), (12, 3)])
    assert found[0].message == "'lone' has no relation to any other claim"


def test_a_conclusion_with_no_relation_is_left_to_unsupported_conclusion(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_any_relation_in_or_out_counts(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            tension: [b]
          b:
            text: B
            kind: assumption
          c:
            text: C
            kind: assumption
            opposes: [d]
          d:
            text: D
            kind: assumption
          p:
            text: P
            kind: assumption
          q:
            text: Q
            kind: assumption
        arguments:
          arg:
            premises: [p]
            conclusion: q
    """, CODE, [])


def test_a_relation_to_another_map_counts(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            same-as: [other#x]
    """, CODE, [], others={"other": """
        title: other
        claims:
          x:
            text: X
            kind: assumption
    """})


def test_a_relation_to_a_missing_id_is_left_to_dangling_reference(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [nope]
          b:
            text: B
            kind: assumption
            supports: [b]
    """, CODE, [])


def test_being_named_only_by_expect_is_no_relation(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
        expect:
          a: in
    """, CODE, [(3, 3)])


def test_ignore_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            ignore: [AM104]
          b:
            text: B
    """, CODE, [(6, 3)])


def test_quiet_on_a_correct_map(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: evidence
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [])
