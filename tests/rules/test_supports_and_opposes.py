"""AM202 supports-and-opposes: one claim both supports and attacks another."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM202"


def test_supports_and_opposes_the_same_claim(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b]
            opposes: [b]
          b:
            text: B
    """, CODE, [(7, 15)])
    assert found[0].message == "'a' both supports and opposes 'b'"


def test_supports_and_is_in_tension_written_on_either_side(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b]
            tension: [b]
          b:
            text: B
          c:
            text: C
            kind: assumption
            supports: [d]
          d:
            text: D
            tension: [c]
    """, CODE, [(7, 15), (16, 15)])
    assert [f.message for f in found] == [
        "'a' both supports and is in tension with 'b'",
        "'c' both supports and is in tension with 'd'",
    ]


def test_a_premise_of_a_linked_argument_supports_its_conclusion(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: assumption
            opposes: [c]
          q:
            text: Q
            kind: assumption
          c:
            text: C
            kind: conclusion
            tension: [q]
        arguments:
          arg:
            premises: [p, q]
            conclusion: c
    """, CODE, [(6, 15), (13, 15)])
    assert [f.message for f in found] == ["'p' both supports and opposes 'c'", "'q' both supports and is in tension with 'c'"]


def test_support_and_attack_of_different_claims_is_fine(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b]
            opposes: [c]
          b:
            text: B
            opposes: [c]
          c:
            text: C
            kind: assumption
            supports: [b]
    """, CODE, [])


def test_opposing_what_one_only_supports_indirectly_is_not_this_rule(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [m]
            opposes: [c]
          m:
            text: M
            supports: [c]
          c:
            text: C
    """, CODE, [])


def test_ignore_on_the_supporter_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            ignore: [AM202]
            supports: [b]
            opposes: [b]
          b:
            text: B
          c:
            text: C
            kind: assumption
            supports: [b]
            opposes: [b]
    """, CODE, [(15, 15)])


def test_quiet_on_a_correct_map(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: evidence
            supports: [c]
          x:
            text: X
            kind: assumption
            opposes: [c]
            tension: [e]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_a_tension_between_claims_that_support_each_other_is_reported_once(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b]
            tension: [b]
          b:
            text: B
            kind: assumption
            supports: [a]
    """, CODE, [(7, 15)])
    assert found[0].message == "'a' both supports and is in tension with 'b'"
