"""AM001 duplicate-id: an id (or any key) written twice, reported at the second occurrence."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM001"


def test_a_claim_id_written_twice_is_reported_at_the_second(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b]
          b:
            text: B
          a:
            text: A again
    """, CODE, [(9, 3)])
    assert "first at line 3" in found[0].message


def test_every_repeat_after_the_first_is_reported(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
          a:
            text: A2
          a:
            text: A3
    """, CODE, [(5, 3), (7, 3)])


def test_a_key_written_twice_inside_a_claim(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            text: A, said differently
    """, CODE, [(6, 5)])
    assert "'text'" in found[0].message


def test_a_top_level_key_written_twice(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
        title: u
    """, CODE, [(5, 1)])


def test_an_argument_id_written_twice(tmp_path):
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
            premises: [p]
            conclusion: c
          arg:
            premises: [p]
            conclusion: c
    """, CODE, [(13, 3)])


def test_an_argument_may_not_reuse_a_claim_id(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: assumption
          c:
            text: C
            kind: conclusion
        arguments:
          p:
            premises: [p]
            conclusion: c
    """, CODE, [(10, 3)])
    assert "line 3" in found[0].message


def test_the_same_id_in_two_maps_is_not_a_duplicate(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [other#a]
    """, CODE, [], others={"other": """
        title: other
        claims:
          a:
            text: A in another map
            kind: conclusion
    """})


def test_quiet_on_a_correct_map(tmp_path):
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
        arguments:
          arg:
            premises: [a]
            conclusion: b
        expect:
          b: in
    """, CODE, [])
