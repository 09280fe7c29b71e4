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


def test_a_key_repeated_many_times_gives_twenty_findings_and_a_count(tmp_path):
    repeats = "".join(f"  a:\n    text: A{i}\n" for i in range(100_000))
    found = assert_findings(tmp_path, "title: t\nclaims:\n" + repeats, CODE, [(3 + 2 * i, 3) for i in range(1, 22)])
    assert found[-1].message == ("'a' is written again 99,979 more times, from here to line 200001 (first at line 3);"
                                 " only the first is kept")


def test_twenty_one_repeats_are_each_reported(tmp_path):
    repeats = "".join(f"  a:\n    text: A{i}\n" for i in range(22))
    found = assert_findings(tmp_path, "title: t\nclaims:\n" + repeats, CODE, [(3 + 2 * i, 3) for i in range(1, 22)])
    assert all("more times" not in f.message for f in found)


def test_a_claim_id_in_two_sections_or_in_a_section_and_claims_is_reported_at_the_second(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        sections:
          One:
            a:
              text: A
              kind: assumption
              supports: [b]
          Two:
            a:
              text: A again
        claims:
          b:
            text: B
          a:
            text: A a third time
    """, CODE, [(9, 5), (14, 3)])
    assert all("first at line 4" in f.message for f in found)
