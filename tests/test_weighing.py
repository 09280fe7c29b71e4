"""Weighing in the brief: lines ranked by DF-QuAD strength, the weighing section, counter-rebuttals from
either seat, and what each side must win."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main

MOTION = """\
title: Ban phones in schools
claims:
  ban:
    text: Schools should ban phones.
    kind: conclusion
  focus:
    text: Phones break pupils' focus.
    kind: assumption
    weight: 0.9
    supports: [ban]
  bullying:
    text: Phones carry bullying into class.
    kind: assumption
    weight: 0.4
    supports: [ban]
  safety:
    text: Parents need to reach their children.
    kind: assumption
    weight: 0.6
    opposes: [ban]
  landline:
    text: The school office can pass on messages.
    kind: assumption
    opposes: [safety]
  emergency:
    text: In an emergency the office line is jammed.
    kind: assumption
    opposes: [landline]
"""


def brief(tmp_path: Path, *args: str) -> str:
    path = tmp_path / "m.yaml"
    path.write_text(MOTION, encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_against_seat_gets_the_counter_rebuttal_already_in_the_map(tmp_path):
    out = brief(tmp_path, "ban", "--side", "against")
    assert "- To our `safety` (on `ban`) they will answer: `landline` (out); we come back with: to `landline`, `emergency`" in out


def test_the_for_seat_is_warned_of_the_counter_rebuttal(tmp_path):
    out = brief(tmp_path, "ban")
    assert "- `safety` (on `ban`): answered by `landline` (out); they can come back: to `landline`, `emergency`" in out


def test_lines_are_ranked_by_strength_and_weighed(tmp_path):
    out = brief(tmp_path, "ban")
    case_for = out[out.index("## Case for"):out.index("## Case against")]
    assert case_for.index("`focus`") < case_for.index("`bullying`")  # 0.9 before 0.4
    assert "`focus` — *in*, strength 0.90" in case_for
    weighing = out[out.index("## Weighing"):].splitlines()
    assert weighing[2] == "Our strongest line is `focus` (0.90, very strong, in); theirs is `safety` (0.45, middling, in)."
    assert weighing[3].startswith("Say: \"Even if you grant them `safety`, our `focus` outweighs it")
    against = brief(tmp_path, "ban", "--side", "against")
    weighing = against[against.index("## Weighing"):].splitlines()
    assert weighing[2] == "Our strongest line is `safety` (0.45, middling, in); theirs is `focus` (0.90, very strong, in)."
    assert weighing[3].startswith("Their line outweighs ours: do not race it. Take out `focus`")


def test_what_each_side_must_win(tmp_path):
    out = brief(tmp_path, "ban")
    # ban is out: safety defeats it, because emergency beats the answer landline
    assert "## What they must win\n\n- 'ban' is out already: there is nothing to bring down.\n" in out
    section = out[out.index("## What we must win to lift it"):].splitlines()
    assert section[2:5] == [
        "- Defeat 'safety': 'ban' goes from out to in.",
        "- Defeat 'emergency': 'ban' goes from out to in.",
        "- (Every set of at most 2 claims was tried: 5 sets of the 4 claims that can reach it.)",
    ]
    data = json.loads(brief(tmp_path, "ban", "--format", "json"))
    assert data["must_win"]["sets"] == [{"defeat": ["safety"], "becomes": "in"}, {"defeat": ["emergency"], "becomes": "in"}]
    # with emergency gone, landline answers safety and ban stands on two convergent supporters
    path = tmp_path / "m.yaml"
    path.write_text(MOTION.replace("    opposes: [landline]\n", ""), encoding="utf-8")
    out = CliRunner().invoke(main, ["brief", str(path), "ban", "--side", "against"]).output
    section = out[out.index("## What we must win"):].splitlines()
    assert section[2:5] == [
        "- Defeat 'landline': 'ban' goes from in to out.",
        "- Defeat both 'focus' and 'bullying': 'ban' goes from in to out.",
        "- (Every set of at most 2 claims was tried: 4 sets of the 3 claims that can reach it.)",
    ]


def test_evaluate_explain_names_what_must_be_won(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(textwrap.dedent(MOTION), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--explain", "ban", "--format", "json"])
    data = json.loads(result.output)["explain"]["must_win"]
    assert data["complete"] and data["sets"][0] == {"defeat": ["safety"], "becomes": "in"}


def test_the_motion_map_brief_against_has_the_counter_rebuttals():
    result = CliRunner().invoke(main, ["brief", "docs/debate-maps/compulsory-voting.yaml", "motion", "--side", "against"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert ("- To our `not-free` (on `motion`) they will answer: `blank-ballot` (out); we come back with: to"
            " `blank-ballot`, `not-silence`") in out
    assert ("- To our `uninformed` (on `everyone-counted`) they will answer: `voters-learn` (out); we come back with:"
            " to `voters-learn`, `few-studies`") in out
    # ranked by strength, a line given in full before it is referred to
    case = out[out.index("## Their case"):out.index("## Where their case is weak")]
    assert case.index("**Compulsory voting makes parties speak to everyone") < case.index("`everyone-counted` — *out* (see above)")


def test_must_win_pins_the_seed_map_in_ci(tmp_path):
    """On the seed map 'protects' takes two defeats to move; a pin of 2 holds, a pin of 3 names the pair."""
    import shutil

    root = Path(__file__).resolve().parents[1]
    (tmp_path / "sources").mkdir()
    shutil.copy(root / "maps/sources/why-does-china-protect-north-korea.txt", tmp_path / "sources")
    text = (root / "maps/why-does-china-protect-north-korea.yaml").read_text(encoding="utf-8")
    path = tmp_path / "why-does-china-protect-north-korea.yaml"
    path.write_text(text + "must-win:\n  protects: 2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "AM205" not in result.output
    path.write_text(text + "must-win:\n  protects: 3\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert ("error AM205 must-win-not-met: 'protects' (in) becomes undec once 'integral-to-survival', 'shields-nk'"
            " are defeated: 2 claims, fewer than the 3 'must-win:' asks") in result.output


def test_what_must_be_won_when_nothing_small_moves_the_claim(tmp_path):
    result = CliRunner().invoke(main, ["evaluate", "maps/why-china-supports-north-korea.yaml", "--explain", "thesis"])
    assert result.output.splitlines()[-2:] == [
        "What the other side must win to change it:",
        "No set of at most 2 of the 39 claims that reach 'thesis' changes it: short of defeating it directly, the other"
        " side must win at least 3 points (searched 780 sets).",
    ]
    out = brief(tmp_path, "focus")  # an assumption nothing reaches
    assert out.endswith("## What they must win\n\n- Nothing else in the map that stands or is open reaches 'focus':"
                        " only defeating it directly changes it.\n")


TIES = """\
title: Two comebacks as strong as each other
claims:
  x:
    text: The claim.
    kind: conclusion
  e:
    text: Evidence for the claim.
    kind: assumption
    supports: [x]
  a:
    text: An attack on the claim.
    kind: assumption
    opposes: [x]
  c:
    text: An answer to the attack.
    kind: assumption
    opposes: [a]
  m:
    text: A comeback to the answer.
    kind: assumption
    opposes: [c]
    tension: [n]
  n:
    text: Another comeback, in tension with the first.
    kind: assumption
    opposes: [c]
"""


def test_lines_as_strong_as_shown_keep_the_maps_order(tmp_path):
    # m and n are each 1/3 (a tension of two claims of weight 0.5); the sweeps that settle the tension stop
    # with one of them above the other by less than 10^-9, which must not decide which is said first.
    path = tmp_path / "ties.yaml"
    path.write_text(TIES, encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(path), "x"])
    assert result.exit_code == 0, result.output
    assert "- `a` (on `x`): answered by `c`; they can come back: to `c`, `m`, `n`" in result.output
