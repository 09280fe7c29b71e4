"""AM101 unsupported-conclusion: a conclusion whose support does not reach evidence or assumptions."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM101"


def test_a_conclusion_nothing_supports(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
          c:
            text: C
            kind: conclusion
            opposes: [a]
    """, CODE, [(6, 3)])
    assert found[0].message == "conclusion 'c' is not supported: nothing supports it"


def test_a_conclusion_supported_by_a_claim_that_rests_on_nothing(tmp_path):
    found = assert_findings(tmp_path, """
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
    """, CODE, [(9, 3)])
    assert "('y')" in found[0].message


def test_support_only_round_a_cycle_does_not_count(tmp_path):
    found = assert_findings(tmp_path, """
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
    """, CODE, [(9, 3)])
    assert "round a circle" in found[0].message


def test_a_conclusion_on_a_cycle_is_unsupported(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          c:
            text: C
            kind: conclusion
            supports: [a]
          a:
            text: A
            supports: [c]
    """, CODE, [(3, 3)])


def test_a_cycle_that_reaches_evidence_does_support(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [a]
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


def test_a_linked_argument_with_one_unsupported_premise_does_not_support(tmp_path):
    assert_findings(tmp_path, """
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
    """, CODE, [(8, 3)])


def test_a_linked_argument_with_every_premise_supported_does_support(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: evidence
          r:
            text: R
            kind: assumption
          q:
            text: Q
            supports: [c]
          c:
            text: C
            kind: conclusion
        arguments:
          arg:
            premises: [p, r]
            conclusion: c
    """, CODE, [])


def test_a_linked_argument_with_a_premise_that_does_not_exist_does_not_support(tmp_path):
    # AM002 reports the missing premise; the argument must not silently become a one-premise argument.
    assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: assumption
          c:
            text: C
            kind: conclusion
        arguments:
          arg:
            premises: [p, nope]
            conclusion: c
    """, CODE, [(6, 3)])


def test_a_conclusion_resting_on_another_supported_conclusion(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [c1]
          c1:
            text: C1
            kind: conclusion
            supports: [c2]
          c2:
            text: C2
            kind: conclusion
    """, CODE, [])


def test_an_attack_does_not_make_a_conclusion_unsupported(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [c]
          x:
            text: X
            kind: assumption
            opposes: [c, e]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_ignore_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          c1:
            text: C1
            kind: conclusion
            ignore: [AM101]
          c2:
            text: C2
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
