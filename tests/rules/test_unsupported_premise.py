"""AM103 unsupported-premise: a plain claim used as support that is not supported itself."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM103"


def test_a_claim_that_supports_but_rests_on_nothing(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          x:
            text: X
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [(3, 3)])
    assert found[0].message == "'x' supports 'c' but is not supported itself"


def test_every_unsupported_link_of_a_chain_is_reported(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          x:
            text: X
            supports: [y]
          y:
            text: Y
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [(3, 3), (6, 3)])


def test_a_premise_of_a_linked_argument(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: evidence
          q:
            text: Q
          c:
            text: C
            kind: conclusion
        arguments:
          arg:
            premises: [p, q]
            conclusion: c
    """, CODE, [(6, 3)])
    assert found[0].message == "'q' supports 'arg' but is not supported itself"


def test_claims_on_a_circle_are_left_to_circular_support(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            supports: [b]
          b:
            text: B
            supports: [a, c]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_basic_and_supported_claims_and_conclusions_are_not_reported(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: evidence
            supports: [y]
          a:
            text: A
            kind: assumption
            supports: [y]
          y:
            text: Y
            supports: [c]
          u:
            text: U
            kind: conclusion
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_an_unsupported_claim_that_supports_nothing_is_not_reported(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          x:
            text: X
            opposes: [e]
          e:
            text: E
            kind: assumption
    """, CODE, [])


def test_ignore_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          x:
            text: X
            ignore: [AM103]
            supports: [c]
          y:
            text: Y
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [(7, 3)])


def test_quiet_on_a_correct_map(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: evidence
            supports: [m]
          m:
            text: M
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [])
