"""AM204 expectation-not-met: a claim's grounded label differs from the map's ``expect:``."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM204"

MAP = """
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
        tension: [z]
      z:
        text: Z
        kind: assumption
      c:
        text: C
        kind: conclusion
"""  # labels: e in, x in, c out, y and z undec; `expect:` starts on line 21


def test_every_label_that_differs_is_reported_at_its_expectation(tmp_path):
    found = assert_findings(tmp_path, MAP + """\
    expect:
      c: in
      e: in
      x: out
      y: undec
      z: in
    """, CODE, [(22, 6), (24, 6), (26, 6)])
    assert [f.message for f in found] == [
        "expected 'c' to be in, but it is out",
        "expected 'x' to be out, but it is in",
        "expected 'z' to be in, but it is undec",
    ]


def test_quiet_when_every_expectation_is_met(tmp_path):
    assert_findings(tmp_path, MAP + """\
    expect:
      c: out
      e: in
      x: in
      y: undec
      z: undec
    """, CODE, [])


def test_an_expectation_in_flow_style(tmp_path):
    assert_findings(tmp_path, MAP + """\
    expect: {c: out, x: out}
    """, CODE, [(21, 21)])


def test_an_expectation_about_a_claim_of_another_map(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            opposes: [other#x]
        expect:
          other#x: in
    """, CODE, [(8, 12)], others={"other": """
        title: other
        claims:
          x:
            text: X
            kind: assumption
    """})
    assert found[0].message == "expected 'other#x' to be in, but it is out"


def test_an_expectation_about_a_linked_argument(tmp_path):
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
            kind: conclusion
        arguments:
          arg:
            premises: [p, q]
            conclusion: c
        expect:
          arg: in
    """, CODE, [(16, 8)])


def test_an_expectation_about_a_missing_claim_is_left_to_dangling_reference(tmp_path):
    assert_findings(tmp_path, MAP + """\
    expect:
      nope: in
    """, CODE, [])


def test_ignore_on_the_claim_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            ignore: [AM204]
            opposes: [b]
          b:
            text: B
            kind: assumption
        expect:
          a: out
          b: in
    """, CODE, [(13, 6)])
