"""AM203 contested-conclusion: a supported conclusion that is not ``in`` under the grounded labelling."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM203"


def test_a_conclusion_defeated_by_an_attacker_that_stands(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [c]
          x:
            text: X
            kind: assumption
            opposes: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [(11, 3)])
    assert found[0].message == "conclusion 'c' is out: it is defeated by 'x'"


def test_a_conclusion_in_a_mutual_attack_is_undecided(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [c]
          x:
            text: X
            kind: assumption
            opposes: [c]
          c:
            text: C
            kind: conclusion
            opposes: [x]
    """, CODE, [(11, 3)])
    assert found[0].message == "conclusion 'c' is undec: the attack by 'x' is not answered"


def test_an_attack_on_what_the_conclusion_rests_on(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: evidence
            supports: [c]
          x:
            text: X
            kind: assumption
            opposes: [e]
          c:
            text: C
            kind: conclusion
    """, CODE, [(11, 3)])
    assert found[0].message == "conclusion 'c' is out: none of its support stands: 'e' (out)"


def test_an_answered_attack_leaves_the_conclusion_in(tmp_path):
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
            opposes: [c]
          y:
            text: Y
            kind: assumption
            opposes: [x]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_an_attack_by_an_unsupported_claim_does_not_count(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [c]
          x:
            text: X
            opposes: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_a_second_route_to_evidence_keeps_the_conclusion_in(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [c]
          f:
            text: F
            kind: assumption
            supports: [c]
          x:
            text: X
            kind: assumption
            opposes: [e]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_not_repeated_where_unsupported_conclusion_fires(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          x:
            text: X
            kind: assumption
            opposes: [c]
          y:
            text: Y
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_not_repeated_where_tension_in_support_fires_at_the_conclusion(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            tension: [b]
            supports: [c]
          b:
            text: B
            kind: assumption
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
            kind: assumption
            supports: [c1, c2]
          x:
            text: X
            kind: assumption
            opposes: [c1, c2]
          c1:
            text: C1
            kind: conclusion
            ignore: [AM203]
          c2:
            text: C2
            kind: conclusion
    """, CODE, [(15, 3)])


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


def test_a_tension_is_called_a_tension_not_an_attack(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [c]
          x:
            text: X
            kind: assumption
            tension: [c]
          y:
            text: Y
            kind: assumption
            opposes: [c]
          z:
            text: Z
            kind: assumption
            opposes: [y]
          c:
            text: C
            kind: conclusion
            opposes: [z]
    """, CODE, [(19, 3)])
    assert found[0].message == "conclusion 'c' is undec: the attack by 'y' is not answered; the tension with 'x' is not resolved"


def test_a_conclusion_that_loses_a_tension(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: assumption
            supports: [c]
          x:
            text: X
            kind: assumption
          c:
            text: C
            kind: conclusion
            tension: [x]
          w:
            text: W
            kind: assumption
            opposes: [c]
    """, CODE, [(10, 3)])
    assert found[0].message == "conclusion 'c' is out: it is defeated by 'w'; it loses its tension with 'x'"


def test_a_conclusion_that_attacks_itself(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: evidence
            supports: [c]
          c:
            text: C
            kind: conclusion
            opposes: [c]
    """, CODE, [(7, 3)])
    assert found[0].message == "conclusion 'c' is undec: it attacks itself, so it can never stand"
