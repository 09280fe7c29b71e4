"""AM201 tension-in-support: support rests on two claims in tension, or on one in tension with it."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM201"


def test_reported_once_where_the_two_lines_of_support_meet_not_above(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            tension: [b]
            supports: [x]
          b:
            text: B
            kind: assumption
            supports: [x]
          x:
            text: X
            supports: [y]
          y:
            text: Y
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [(12, 3)])
    assert found[0].message == "claim 'x' rests on both 'a' and 'b', which are in tension"


def test_lines_that_meet_only_higher_up_are_reported_there(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [x]
          b:
            text: B
            kind: assumption
            tension: [a]
            supports: [y]
          x:
            text: X
            supports: [c]
          y:
            text: Y
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [(18, 3)])


def test_two_separate_meeting_points_are_each_reported(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            tension: [b]
            supports: [x, y]
          b:
            text: B
            kind: assumption
            supports: [x, y]
          x:
            text: X
          y:
            text: Y
    """, CODE, [(12, 3), (14, 3)])


def test_a_claim_resting_on_a_claim_in_tension_with_it(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [m]
          m:
            text: M
            supports: [b]
          b:
            text: B
            tension: [a]
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [(10, 3)])
    assert found[0].message == "claim 'b' rests on 'a', which is in tension with it"


def test_the_premises_of_a_linked_argument_in_tension(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: assumption
          q:
            text: Q
            kind: assumption
            tension: [p]
          c:
            text: C
            kind: conclusion
        arguments:
          arg:
            premises: [p, q]
            conclusion: c
    """, CODE, [(14, 3)])
    assert found[0].message == "argument 'arg' rests on both 'q' and 'p', which are in tension"


def test_a_tension_written_on_both_sides_is_reported_once(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            tension: [b]
            supports: [x]
          b:
            text: B
            kind: assumption
            tension: [a]
            supports: [x]
          x:
            text: X
    """, CODE, [(13, 3)])


def test_lines_that_meet_inside_a_support_circle_are_still_reported(tmp_path):
    # x rests on a directly and on b through y; the circle x <-> y is AM102's business, the tension is not.
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            tension: [b]
            supports: [x]
          b:
            text: B
            kind: assumption
            supports: [y]
          x:
            text: X
            supports: [y]
          y:
            text: Y
            supports: [x]
    """, CODE, [(12, 3)])


def test_a_direct_support_in_tension_is_left_to_supports_and_opposes(tmp_path):
    # AM202 (an error) already reports "'a' both supports and is in tension with 'b'" at the tension.
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b]
          b:
            text: B
            kind: conclusion
            tension: [a]
    """, CODE, [])


def test_a_tension_added_by_a_combined_map_belongs_to_that_map(tmp_path):
    # The meeting point is a claim of the included map; the combined map made the tension, so it owns the finding.
    found = assert_findings(tmp_path, """
        title: combined
        include: [other]
        claims:
          other#p:
            tension: [other#q]
    """, CODE, [(11, 3)], others={"other": """
        title: other
        claims:
          p:
            text: P
            kind: assumption
            supports: [c]
          q:
            text: Q
            kind: assumption
            supports: [c]
          c:
            text: C
            kind: conclusion
    """})
    assert found[0].path == str(tmp_path / "other.yaml")
    assert found[0].message == "claim 'c' rests on both 'p' and 'q', which are in tension (in combination, in m)"


def test_a_tension_added_by_an_included_map_is_not_reported_again_by_the_map_including_it(tmp_path):
    # mid adds the tension between two claims of base; top only includes mid. The finding is mid's:
    # checking top must not repeat it as top's (checking the folder would print it twice, once per map).
    assert_findings(tmp_path, """
        title: top
        include: [mid]
        claims:
          base#c:
            note: adds nothing that matters here
    """, CODE, [], others={"mid": """
        title: mid
        include: [base]
        claims:
          base#p:
            tension: [base#q]
    """, "base": """
        title: base
        claims:
          p:
            text: P
            kind: assumption
            supports: [c]
          q:
            text: Q
            kind: assumption
            supports: [c]
          c:
            text: C
            kind: conclusion
    """})


def test_tensions_outside_the_support_are_not_reported(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [c]
          b:
            text: B
            kind: assumption
            tension: [a]
          d:
            text: D
            kind: assumption
            supports: [c]
            tension: [b]
          c:
            text: C
            kind: conclusion
    """, CODE, [])


def test_ignore_on_the_meeting_point_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            tension: [b]
            supports: [x, y]
          b:
            text: B
            kind: assumption
            supports: [x, y]
          x:
            text: X
            ignore: [AM201]
          y:
            text: Y
    """, CODE, [(15, 3)])


def test_quiet_on_a_correct_map(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          e:
            text: E
            kind: evidence
            supports: [c]
          f:
            text: F
            kind: assumption
            supports: [c]
          c:
            text: C
            kind: conclusion
    """, CODE, [])
