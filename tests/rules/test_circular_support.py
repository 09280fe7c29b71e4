"""AM102 circular-support: supports form a cycle; each circle reported once, at its first claim."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM102"

OTHER = """
    title: other
    claims:
      x:
        text: X
        supports: [y]
      y:
        text: Y
"""


def test_two_claims_supporting_each_other_are_reported_once(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            supports: [b]
          b:
            text: B
            supports: [a]
    """, CODE, [(3, 3)])
    assert found[0].message == "support goes round a circle: 'a' -> 'b' -> 'a'"


def test_a_longer_circle_is_reported_once_at_its_first_claim_in_the_file(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          x:
            text: X
            kind: assumption
            supports: [c]
          c:
            text: C
            supports: [a]
          a:
            text: A
            supports: [b]
          b:
            text: B
            supports: [c]
    """, CODE, [(7, 3)])
    assert found[0].message == "support goes round a circle: 'c' -> 'a' -> 'b' -> 'c'"


def test_two_separate_circles_are_reported_separately(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            supports: [b]
          b:
            text: B
            supports: [a]
          c:
            text: C
            supports: [d]
          d:
            text: D
            supports: [c]
    """, CODE, [(3, 3), (9, 3)])


def test_a_circle_through_a_linked_argument(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: assumption
          q:
            text: Q
          c:
            text: C
            supports: [q]
        arguments:
          arg:
            premises: [p, q]
            conclusion: c
    """, CODE, [(6, 3)])


def test_a_circle_that_also_rests_on_evidence_is_still_reported(tmp_path):
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
            supports: [a]
    """, CODE, [(7, 3)])


def test_a_circle_closed_by_a_combined_map_belongs_to_that_map(tmp_path):
    # The combined map adds the relation that closes the circle: checking it alone reports the circle,
    # at the included map's claim, as a finding of the combined map.
    found = assert_findings(tmp_path, """
        title: combined
        include: [other]
        claims:
          other#y:
            supports: [other#x]
    """, CODE, [(3, 3)], others={"other": OTHER})
    assert found[0].path == str(tmp_path / "other.yaml")
    assert found[0].message == "support goes round a circle: 'x' -> 'y' -> 'x' (in combination, in m)"


def test_the_included_map_alone_has_no_circle(tmp_path):
    assert_findings(tmp_path, OTHER, CODE, [], name="other")


def test_ignore_on_the_first_claim_suppresses_it(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            ignore: [AM102]
            supports: [b]
          b:
            text: B
            supports: [a]
          c:
            text: C
            supports: [d]
          d:
            text: D
            supports: [c]
    """, CODE, [(10, 3)])


def test_a_support_to_itself_is_not_a_circle(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [a]
    """, CODE, [])


def test_quiet_on_a_correct_map(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b, c]
            tension: [c]
          b:
            text: B
            supports: [c]
            opposes: [a]
          c:
            text: C
            kind: conclusion
    """, CODE, [])
