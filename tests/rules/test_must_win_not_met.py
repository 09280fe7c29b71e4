"""AM205 must-win-not-met: a claim changes label once fewer claims than ``must-win:`` asks are defeated."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM205"

MAP = """
    title: t
    claims:
      c:
        text: C
        kind: conclusion
      a:
        text: A
        kind: assumption
        supports: [c]
      b:
        text: B
        kind: assumption
        supports: [c]
      p:
        text: P
        kind: assumption
      q:
        text: Q
        kind: assumption
      d:
        text: D
        kind: conclusion
    arguments:
      linked:
        premises: [p, q]
        conclusion: d
"""  # c rests on two convergent supporters (both must fall); d on a linked argument (either premise); `must-win:` on line 27


def test_two_convergent_supporters_need_two_defeats(tmp_path):
    assert_findings(tmp_path, MAP + """\
    must-win:
      c: 2
    """, CODE, [])


def test_a_pin_above_the_smallest_set_is_reported_with_that_set(tmp_path):
    found = assert_findings(tmp_path, MAP + """\
    must-win:
      c: 3
      d: 2
    """, CODE, [(28, 6), (29, 6)])
    assert found[0].message == "'c' (in) becomes out once 'a', 'b' are defeated: 2 claims, fewer than the 3 'must-win:' asks"
    assert found[1].message == "'d' (in) becomes out once 'p' is defeated: 1 claim, fewer than the 2 'must-win:' asks"


def test_an_answered_attack_counts_as_a_claim_to_win(tmp_path):
    # c has two supporters; x attacks c and y answers x: defeating y alone reinstates x, which defeats c.
    found = assert_findings(tmp_path, """
        title: t
        claims:
          c:
            text: C
            kind: conclusion
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
            opposes: [c]
          y:
            text: Y
            kind: assumption
            opposes: [x]
        must-win:
          c: 2
    """, CODE, [(23, 6)])
    assert found[0].message == "'c' (in) becomes out once 'y' is defeated: 1 claim, fewer than the 2 'must-win:' asks"


def test_a_pin_on_a_missing_claim(tmp_path):
    found = assert_findings(tmp_path, MAP + """\
    must-win:
      nope: 1
    """, CODE, [(28, 3)])
    assert "no claim of the map" in found[0].message
