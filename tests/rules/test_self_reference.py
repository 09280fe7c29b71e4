"""AM003 self-reference: a claim related to itself, or an argument concluding one of its premises."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM003"


def test_each_relation_type_to_itself_is_reported_at_the_reference(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b, a]
            opposes: [a]
            tension: [a]
            same-as: [a]
          b:
            text: B
    """, CODE, [(6, 19), (7, 15), (8, 15), (9, 15)])
    assert [f.message for f in found] == ["'a' supports itself", "'a' opposes itself", "'a' tension itself", "'a' same-as itself"]


def test_a_reference_to_itself_through_its_own_map_name(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [m#a]
    """, CODE, [(6, 16)])


def test_an_argument_whose_conclusion_is_among_its_premises(tmp_path):
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
            premises: [p, c]
            conclusion: c
    """, CODE, [(12, 17)])


def test_an_argument_whose_conclusion_is_a_premise_named_through_the_map(tmp_path):
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
            premises: [p, m#c]
            conclusion: c
    """, CODE, [(12, 17)])


def test_not_repeated_as_circular_support(tmp_path):
    # The self-reference is the one slip; AM102 must not also call it a circle.
    assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: assumption
            supports: [p]
          c:
            text: C
            kind: conclusion
            supports: [c]
        arguments:
          arg:
            premises: [p, c]
            conclusion: c
    """, "AM102", [])


def test_a_self_reference_to_a_missing_claim_is_left_to_dangling_reference(tmp_path):
    assert_findings(tmp_path, """
        title: combined
        claims:
          other#x:
            supports: [other#x]
    """, CODE, [])


def test_ignore_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            ignore: [AM003]
            supports: [a, b]
          b:
            text: B
            kind: assumption
            supports: [b]
    """, CODE, [(11, 16)])


def test_quiet_on_a_correct_map(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b]
            same-as: [other#a]
          b:
            text: B
            kind: conclusion
        arguments:
          arg:
            premises: [a]
            conclusion: b
    """, CODE, [], others={"other": """
        title: other
        claims:
          a:
            text: A
            kind: assumption
    """})


def test_a_relation_of_an_extension_to_the_claim_it_extends(tmp_path):
    assert_findings(tmp_path, """
        title: combined
        include: [other]
        claims:
          other#x:
            supports: [other#x]
    """, CODE, [(5, 16)], others={"other": """
        title: other
        claims:
          x:
            text: X
            kind: assumption
    """})
