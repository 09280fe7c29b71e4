"""``argmap blocks`` (answers written in advance, as Markdown, HTML or JSON) and ``argmap outline`` (pro/con)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from tests.test_weighing import MOTION

SEED = "maps/why-does-china-protect-north-korea.yaml"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def motion(tmp_path: Path) -> str:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "s.txt").write_text("Phones break focus. The office line is jammed in an emergency.",
                                                encoding="utf-8")
    text = MOTION.replace("title: Ban phones in schools\n", "title: Ban phones in schools\nsource: sources/s.txt\n")
    text = text.replace("    text: In an emergency the office line is jammed.\n    kind: assumption\n",
                        "    text: In an emergency the office line is jammed.\n    kind: evidence\n"
                        "    quote: The office line is jammed in an emergency\n    section: Safety\n")
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_blocks_for_answer_each_attack_three_levels_deep(motion):
    data = json.loads(run("blocks", motion, "ban", "--format", "json"))
    assert [b["id"] for b in data["blocks"]] == ["safety"]
    answer = data["blocks"][0]["answers"][0]
    assert (answer["id"], answer["on"], answer["label"]) == ("landline", "safety", "out")
    comeback = answer["answers"][0]
    assert comeback["id"] == "emergency"
    assert comeback["cite"] == [{"id": "emergency", "quote": "The office line is jammed in an emergency",
                                 "section": "Safety", "source": "Ban phones in schools"}]
    assert comeback["answers"] == []  # nothing in the map replies to it
    out = run("blocks", motion, "ban")
    assert "- Our answer (on `safety`): **The school office can pass on messages.** `landline` — *out*, 0.25" in out
    assert '    > "The office line is jammed in an emergency" (Ban phones in schools, Safety)' in out


def test_blocks_against_say_unanswered(motion):
    out = run("blocks", motion, "ban", "--side", "against")
    assert out.startswith("# Blocks against: Schools should ban phones.")
    assert out.count("**Unanswered**: nothing in the map attacks it or what it directly rests on.") == 2  # focus, bullying
    assert out.index("`focus`") < out.index("`bullying`")  # strongest first


def test_depth_limits_the_levels(motion):
    data = json.loads(run("blocks", motion, "ban", "--format", "json", "--depth", "1"))
    assert data["blocks"][0]["answers"][0]["answers"] == []


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_blocks_html_is_one_page_with_the_map_text_escaped(tmp_path, motion):
    hostile = Path(motion).read_text(encoding="utf-8").replace(
        "Parents need to reach their children.", "Parents <script>alert(1)</script> & \"kids\"")
    path = tmp_path / "h.yaml"
    path.write_text(hostile, encoding="utf-8")
    page = run("blocks", str(path), "ban", "--format", "html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kids&quot;" in page
    parsed = _Collect()
    parsed.feed(page)
    tags = {t for t, _ in parsed.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags  # self-contained
    assert not any(v and ("http:" in v or "https:" in v) for _, attrs in parsed.tags for v in attrs.values())
    assert "@media print" in page
    assert "Parents <script>alert(1)</script> & \"kids\"" in "".join(parsed.text)


def test_blocks_on_the_seed_map():
    out = run("blocks", SEED, "protects")
    assert out.splitlines()[0] == "# Blocks for: China continues to protect North Korea for various reasons."
    assert "## Block 1: North Korea is an unreliable partner for any foreign power." in out
    # the tension's other side pulling back is not a comeback
    block = out[out.index("## Block 1"):out.index("## Block 2")]
    assert "Our answer (on `unreliable-partner`): **North Korea is a buffer state" not in block
    run("blocks", SEED, "reason-strategic", "--side", "against", "--format", "html")


def test_outline_of_a_map(motion):
    out = run("outline", motion)
    assert out.splitlines()[0] == "# Ban phones in schools: for and against"
    assert "\n".join(out.splitlines()[6:12]) == """\
- Conclusion: **Schools should ban phones.** `ban` — *out*, 0.74
  - Pro: **Phones break pupils' focus.** `focus` — *in*, 0.90
  - Pro: **Phones carry bullying into class.** `bullying` — *in*, 0.40
  - Con: **Parents need to reach their children.** `safety` — *in*, 0.45
    - Con: **The school office can pass on messages.** `landline` — *out*, 0.25
      - Con: **In an emergency the office line is jammed.** `emergency` — *in*, 0.50"""


def test_outline_names_a_claim_met_again_and_covers_every_claim():
    out = run("outline", "maps/china-and-north-korea.yaml")
    lines = [line for line in out.splitlines() if line.lstrip().startswith("- ") and "`" in line]
    full = [line for line in lines if "(see above)" not in line]
    ids = [line.split("`")[1] for line in full]
    assert len(ids) == len(set(ids))  # each claim in full once
    assert any("(see above)" in line for line in lines)
    counts = run("evaluate", "maps/china-and-north-korea.yaml").splitlines()[0]  # "grounded: a in, b out, c undec"
    assert len(ids) == sum(int(part.split()[-2]) for part in counts.split(","))


def test_at_most_five_answers_under_a_card_and_the_rest_counted(tmp_path):
    answers = "".join(f"  r{i}:\n    text: Reply {i}.\n    kind: assumption\n    weight: 0.{i + 1}\n    opposes: [x]\n"
                      for i in range(7))
    path = tmp_path / "m.yaml"
    path.write_text("title: t\nclaims:\n  c:\n    text: C.\n    kind: conclusion\n  e:\n    text: E.\n"
                    "    kind: assumption\n    supports: [c]\n  x:\n    text: X.\n    kind: assumption\n"
                    "    opposes: [c]\n" + answers, encoding="utf-8")
    data = json.loads(run("blocks", str(path), "c", "--format", "json"))
    block = data["blocks"][0]
    assert [a["id"] for a in block["answers"]] == ["r6", "r5", "r4", "r3", "r2"] and block["more"] == 2
    assert "- (2 weaker answers in the map, not shown)" in run("blocks", str(path), "c")
    assert "(2 weaker answers in the map, not shown)" in run("blocks", str(path), "c", "--format", "html")


def test_a_card_cites_the_title_of_its_own_map():
    data = json.loads(run("blocks", "maps/china-and-north-korea.yaml", "why-does-china-protect-north-korea#protects",
                          "--format", "json"))
    titles = {"why-does-china-protect-north-korea": "Why Does China Protect North Korea",
              "why-china-supports-north-korea": "Why China Support North Korea"}

    def cites(items):
        for item in items:
            yield from item["cite"]
            yield from cites(item["answers"])

    found = list(cites(data["blocks"]))
    assert {c["source"] for c in found} == set(titles.values())  # not the combined map's title
    assert all(c["source"] == titles[c["id"].split("#")[0]] for c in found)


def test_outline_keeps_the_maps_order_between_claims_as_strong_as_shown(tmp_path):
    # p and q are each 1/3, in tension (and so are r and s): the sweeps that settle a tension leave one side
    # above the other by less than 10^-9, which must not put q before p.
    path = tmp_path / "ties.yaml"
    path.write_text("""\
title: Ties
claims:
  x: {text: The claim., kind: conclusion}
  p: {text: One reason., kind: assumption, supports: [x], tension: [q]}
  q: {text: Another reason., kind: assumption, supports: [x]}
  r: {text: One attack., kind: assumption, opposes: [x], tension: [s]}
  s: {text: Another attack., kind: assumption, opposes: [x]}
""", encoding="utf-8")
    lines = [line.split("`")[1] for line in run("outline", str(path)).splitlines() if line.lstrip().startswith("- ")]
    assert lines == ["x", "p", "q", "p", "q", "r", "s", "r", "s"]
