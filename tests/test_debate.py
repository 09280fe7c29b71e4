"""argmap evaluate, --explain, brief and render --evaluate, through the library and the CLI."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

ROOT = Path(__file__).resolve().parents[1]
PROTECT = str(ROOT / "maps" / "why-does-china-protect-north-korea.yaml")
SUPPORTS = str(ROOT / "maps" / "why-china-supports-north-korea.yaml")

DEBATE = """\
title: Should the town build a bridge?
claims:
  build:
    text: The town should build the bridge.
    kind: conclusion
  traffic:
    text: Traffic doubled in ten years.
    kind: evidence
    quote: traffic doubled
    supports: [build]
  cost:
    text: The bridge costs too much.
    opposes: [build]
  estimate:
    text: The estimate is 40 million.
    kind: evidence
    quote: 40 million
    supports: [cost]
  grant:
    text: A state grant pays half.
    kind: evidence
    quote: pays half
    opposes: [cost]
  river:
    text: The river floods the old road.
    kind: assumption
    tension: [dry]
  dry:
    text: The old road has never flooded.
    kind: assumption
  detour:
    text: The old road is a long detour.
    kind: assumption
    supports: [build]
"""


def write(tmp_path: Path) -> Path:
    (tmp_path / "s.txt").write_text("traffic doubled; 40 million; pays half", encoding="utf-8")
    path = tmp_path / "bridge.yaml"
    path.write_text("source: s.txt\n" + textwrap.dedent(DEBATE), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_evaluate_grounded_text_and_json(tmp_path: Path) -> None:
    path = str(write(tmp_path))
    code, out = run("evaluate", path)
    assert code == 0
    assert out.splitlines()[0] == "grounded: 5 in, 1 out, 2 undec"
    assert "in    build" in out and "out   cost" in out and "undec river" in out
    code, out = run("evaluate", path, "--format", "json")
    data = json.loads(out)
    assert data["semantics"] == "grounded" and "extensions" not in data
    assert data["labels"]["cost"] == "out" and data["labels"]["dry"] == "undec"


def test_evaluate_preferred(tmp_path: Path) -> None:
    code, out = run("evaluate", str(write(tmp_path)), "--semantics", "preferred", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["semantics"] == "preferred"
    assert sorted(sorted(e) for e in data["extensions"]) == [
        ["build", "detour", "dry", "estimate", "grant", "traffic"],
        ["build", "detour", "estimate", "grant", "river", "traffic"],
    ]
    assert data["labels"]["river"] == "undec" and data["labels"]["build"] == "in" and data["labels"]["cost"] == "out"


def test_explain_each_label(tmp_path: Path) -> None:
    path = str(write(tmp_path))
    _, out = run("evaluate", path, "--explain", "build")
    assert "'build' is in" in out and "'build' <- 'traffic'" in out and '"traffic doubled"' in out
    assert "Attacked by 'cost', which is out: defeated by 'grant'" in out
    _, out = run("evaluate", path, "--explain", "cost")
    assert "It is defeated by 'grant', which is in" in out
    _, out = run("evaluate", path, "--explain", "river")
    assert "'river' -> 'dry' -> 'river'" in out
    code, out = run("evaluate", path, "--explain", "nope")
    assert code == 2 and "no claim 'nope'" in out


def test_preferred_refuses_past_the_limit(tmp_path: Path) -> None:
    code, out = run("evaluate", str(write(tmp_path)), "--semantics", "preferred", "--max-undecided", "1")
    assert code == 2 and "2 claims are undecided" in out


def test_brief_sections_for_and_against(tmp_path: Path) -> None:
    path = str(write(tmp_path))
    code, out = run("brief", path, "build")
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings == ["# Brief for: The town should build the bridge.", "## Case for", "## Case against",
                        "## Weak points", "## Expected rebuttals", "## Weighing", "## What they must win"]
    assert out.index("`traffic`") < out.index("`detour`")  # quoted evidence first
    assert "- `cost` (on `build`): answered by `grant`" in out
    assert "- **The old road is a long detour.** `detour`: assumption taken as given" in out
    _, against = run("brief", path, "build", "--side", "against")
    headings = [line for line in against.splitlines() if line.startswith("#")]
    assert headings == ["# Brief against: The town should build the bridge.", "## Our case: what attacks the claim",
                        "## Their case: what supports the claim", "## Where their case is weak", "## What they will answer",
                        "## Weighing", "## What we must win"]
    assert "- To our `cost` (on `build`) they will answer: `grant`" in against


def test_brief_json_and_single_point_of_failure(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(textwrap.dedent("""\
        title: t
        claims:
          c: {text: C, kind: conclusion}
          p: {text: P, supports: [c]}
          e: {text: E, kind: assumption, supports: [p]}
    """), encoding="utf-8")
    code, out = run("brief", str(path), "c", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["claim"]["label"] == "in"
    assert [i["id"] for i in data["weak_points"]["single_points_of_failure"]] == ["p", "e"]
    assert data["case_for"][0]["id"] == "p" and data["case_for"][0]["support"][0]["id"] == "e"


def test_brief_on_the_seed_map() -> None:
    code, out = run("brief", PROTECT, "protects")
    assert code == 0
    assert "`protects` rests on `backs-regardless` and `reason-geopolitical`, which are in tension" in out
    # The design's own example: the unreliable partner pulls against the buffer state `protects` rests on,
    # and the buffer state is what the article has to answer the unreliable partner's attack on its inference.
    # Listed once for both claims it attacks; the buffer state answers the attack on the inference.
    assert "- `unreliable-partner` (on `buffer-state`, `ties-because-unreliable`): answered by `buffer-state`" in out


def test_render_evaluate_colours_by_label(tmp_path: Path) -> None:
    path = str(write(tmp_path))
    code, _ = run("render", path, "--evaluate", "-f", "dot", "-o", str(tmp_path / "out"))
    assert code == 0
    dot = (tmp_path / "out" / "bridge.grounded.dot").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "bridge.dot").exists()
    line = next(x for x in dot.splitlines() if x.startswith('"bridge#cost"'))
    assert 'fillcolor="#f4b4b4"' in line
    assert "undecided: caught in a circle of attacks" in dot


@pytest.mark.parametrize("fmt", ["apx", "i23"])
def test_export_attack_framework(tmp_path: Path, fmt: str) -> None:
    code, out = run("export", str(write(tmp_path)), "-f", fmt)
    assert code == 0
    if fmt == "apx":
        assert 'att("cost","build").' in out and 'att("river","dry").' in out and 'att("dry","river").' in out
    else:
        assert out.startswith("p af 8\n")


def test_evaluate_labels_on_the_relations_the_graph_was_built_with(tmp_path: Path) -> None:
    # evaluate reads the grounded labelling from the map's memo (the relations gathered from the map);
    # it is the labelling networkx's graph of the same map gives.
    from argmap.analysis import grounded_labelling
    from argmap.debate import load_subject
    from argmap.generate import write_generated

    path = tmp_path / "gen.yaml"
    write_generated(path, 300, seed=5)
    seed_map = Path(__file__).resolve().parent.parent / "maps" / "china-and-north-korea.yaml"
    for subject in (load_subject(str(path)), load_subject(str(seed_map))):
        assert subject.maps is not None
        assert subject.grounded == grounded_labelling(subject.graph)
        assert subject.grounded is subject.grounded  # computed once


def test_brief_counts_each_premise_of_a_linked_argument_as_a_single_point_of_failure(tmp_path: Path) -> None:
    # The seed map's own note: "Neither alone gets to the nuclear program continuing".
    code, out = run("brief", SUPPORTS, "enabled-nuclear", "--format", "json")
    assert code == 0
    failing = [i["id"] for i in json.loads(out)["weak_points"]["single_points_of_failure"]]
    assert {"vetoes-sanctions", "sustains-economy"} <= set(failing)


def test_brief_on_a_claim_at_the_end_of_a_long_chain(tmp_path: Path) -> None:
    # Deeper than Python's recursion limit: every step of the chain is a single point of failure.
    size = 1_200
    lines = ["title: chain", "claims:", "  c0: {text: C0, kind: evidence, quote: Q, supports: [c1]}"]
    lines += [f"  c{i}: {{text: C{i}, supports: [c{i + 1}]}}" for i in range(1, size - 1)]
    lines.append(f"  c{size - 1}: {{text: Top, kind: conclusion}}")
    path = tmp_path / "chain.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = run("brief", str(path), f"c{size - 1}", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [i["id"] for i in data["weak_points"]["single_points_of_failure"]] == [f"c{i}" for i in range(size - 1)]
    assert data["case_for"][0]["id"] == f"c{size - 2}"


def _sections(markdown: str) -> dict[str, str]:
    parts = markdown.split("\n## ")[1:]
    return {part.split("\n", 1)[0]: part.split("\n", 1)[1] for part in parts}


@pytest.mark.parametrize("semantics", ["grounded", "preferred"])
def test_json_gives_a_reason_for_every_out_and_undec(tmp_path: Path, semantics: str) -> None:
    from argmap.generate import write_generated

    generated = tmp_path / "gen" / "g.yaml"
    write_generated(generated, 40, seed=5)
    for path in (write(tmp_path), generated, Path(PROTECT), Path(SUPPORTS)):
        code, out = run("evaluate", str(path), "--semantics", semantics, "--format", "json", "--max-undecided", "60")
        assert code == 0, out
        data = json.loads(out)
        not_in = {claim for claim, label in data["labels"].items() if label != "in"}
        assert set(data["reasons"]) == not_in, path
        for claim, reason in data["reasons"].items():
            assert reason["label"] == data["labels"][claim] and reason["why"] and reason["because"], (claim, reason)
            assert set(reason["by"]) <= set(data["labels"]), reason


def test_text_says_why_each_claim_is_out_or_undec(tmp_path: Path) -> None:
    path = write(tmp_path)
    with path.open("a", encoding="utf-8") as f:
        f.write("  wish:\n    text: People want it.\n    supports: [build]\n"
                "  liar:\n    text: This claim is false.\n    kind: assumption\n    opposes: [liar]\n")
    _, out = run("evaluate", str(path))
    lines = out.splitlines()
    after = {lines[i].split()[1]: lines[i + 1].strip() for i in range(1, len(lines) - 1) if lines[i + 1].startswith(" ")}
    assert after == {
        "cost": "why: defeated by 'grant', which is in",
        "river": "why: attacked by 'dry', which is undecided too",
        "dry": "why: attacked by 'river', which is undecided too",
        "wish": "why: no support reaches evidence or an assumption, even ignoring attacks",
        "liar": "why: it attacks itself, so it can never stand",
    }
    _, out = run("evaluate", str(path), "--semantics", "preferred")
    assert "why: in 1 of the 2 preferred extensions (extension 1), so it can stand or fall" in out
    assert out.rstrip().splitlines()[-3] == "2 preferred extensions:"


def test_explain_calls_an_assumption_an_assumption(tmp_path: Path) -> None:
    path = write_map_text(tmp_path, """\
        title: t
        claims:
          c:
            text: C
            kind: conclusion
          a:
            text: A
            kind: assumption
            supports: [c]
    """)
    _, out = run("evaluate", path, "--explain", "c")
    assert "Its support reaches an assumption through claims that stand: 'c' <- 'a'" in out
    assert "evidence" not in out
    _, out = run("evaluate", path, "--explain", "a")
    assert "It is an assumption, taken as given, so it needs no support." in out


def test_explain_a_claim_that_attacks_itself(tmp_path: Path) -> None:
    path = write_map_text(tmp_path, """\
        title: t
        claims:
          a:
            text: A
            kind: assumption
            opposes: [a, b]
          b:
            text: B
            kind: assumption
    """)
    _, out = run("evaluate", path, "--explain", "a")
    assert "It attacks itself, so it can never stand" in out
    _, out = run("evaluate", path, "--explain", "b")
    assert "'a' attacks itself, so it can never stand; what it attacks or supports stays open." in out


def write_map_text(tmp_path: Path, text: str) -> str:
    path = tmp_path / "m.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def test_brief_lists_each_claim_once_per_section(tmp_path: Path) -> None:
    path = write_map_text(tmp_path, """\
        title: shared
        claims:
          c:
            text: We should act.
            kind: conclusion
          a:
            text: Line A.
            supports: [c]
          b:
            text: Line B.
            supports: [c]
          s:
            text: Shared ground.
            kind: assumption
            supports: [a, b]
          x:
            text: Attacker X.
            kind: assumption
            opposes: [a, b]
          y:
            text: Backer of X.
            kind: evidence
            supports: [x]
    """)
    _, out = run("brief", path, "c")
    sections = _sections(out)
    for title, body in sections.items():
        for text in ("Shared ground.", "Attacker X.", "Backer of X."):
            assert body.count(text) <= 1, (title, text, body)
    assert "  - `s` — *in* (see above)" in sections["Case for"]
    assert "attacks `a`, `b`" in sections["Case against"]
    assert sections["Weak points"].count("`s`") == 1  # single point of failure and assumption on one line
    assert "- `x` (on `a`, `b`): unanswered" in sections["Expected rebuttals"]
    data = json.loads(run("brief", path, "c", "--format", "json")[1])
    assert [a["id"] for a in data["case_against"]] == ["x"] and data["case_against"][0]["targets"] == ["a", "b"]


def test_brief_names_a_claim_that_attacks_itself(tmp_path: Path) -> None:
    path = write_map_text(tmp_path, """\
        title: t
        claims:
          c:
            text: C
            kind: conclusion
          p:
            text: P
            kind: assumption
            opposes: [p]
            supports: [c]
    """)
    _, out = run("brief", path, "c")
    assert "- **P** `p`: single point of failure: without it the claim has no backing; attacks itself, so it can never stand;" in out


def test_preferred_reason_lists_extension_numbers_only_when_few(tmp_path: Path) -> None:
    pairs = "".join(f"  a{i}:\n    text: A{i}\n    kind: assumption\n    tension: [b{i}]\n"
                    f"  b{i}:\n    text: B{i}\n    kind: assumption\n" for i in range(4))
    path = write_map_text(tmp_path, "title: t\nclaims:\n" + pairs)
    _, out = run("evaluate", path, "--semantics", "preferred")
    assert "why: in 8 of the 16 preferred extensions, so it can stand or fall" in out
    data = json.loads(run("evaluate", path, "--semantics", "preferred", "--format", "json")[1])
    assert data["reasons"]["a0"]["extensions"] == list(range(1, 9)) and data["reasons"]["a0"]["of"] == 16
    path = write_map_text(tmp_path, "title: t\nclaims:\n" + pairs.split("  a1:")[0])
    _, out = run("evaluate", path, "--semantics", "preferred")
    assert "why: in 1 of the 2 preferred extensions (extension 1), so it can stand or fall" in out


def test_brief_evaluate_and_the_dot_export_read_argmaps_own_graph(tmp_path, monkeypatch):
    # networkx's copy of the graph costs a tenth of these commands on a large map: none of them makes it.
    from argmap.graph import MapGraph

    def made(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the networkx graph was made")

    monkeypatch.setattr(MapGraph, "graph", property(made))
    seed = "maps/why-does-china-protect-north-korea.yaml"
    for args in (["brief", seed, "reason-strategic"], ["brief", seed, "reason-strategic", "--side", "against"],
                 ["evaluate", seed], ["evaluate", seed, "--explain", "reason-strategic"],
                 ["evaluate", seed, "--semantics", "gradual", "--explain", "reason-strategic"],
                 ["export", seed, "-f", "dot", "-o", str(tmp_path / "m.dot")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.output)


def test_a_brief_names_the_strongest_five_comebacks_to_each_answer(tmp_path: Path) -> None:
    # In a clique of claims all in tension, every answer has every other claim as a comeback: a brief of
    # 400 such claims was 491 MB (attacks x answers x comebacks).
    ids = [f"t{k}" for k in range(12)]
    text = "title: Clique\nclaims:\n" + "".join(
        f"  {i}:\n    text: Claim {i}\n    kind: assumption\n    tension: [{', '.join(j for j in ids if j > i)}]\n" for i in ids[:-1])
    text += f"  {ids[-1]}:\n    text: Claim {ids[-1]}\n    kind: assumption\n"
    path = write_map_text(tmp_path, text)
    data = json.loads(CliRunner().invoke(main, ["brief", path, "t0", "--format", "json"]).output)
    for rebuttal in data["rebuttals"]:
        assert all(len(by) <= 5 for by in rebuttal["countered_by"].values())
        assert rebuttal["more_comebacks"] and all(n > 0 for n in rebuttal["more_comebacks"].values())
    brief = CliRunner().invoke(main, ["brief", path, "t0"]).output
    assert " more" in brief.split("## Expected rebuttals")[1]


def test_an_unknown_claim_names_the_file_and_what_was_meant(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("title: A\nclaims:\n  partner:\n    text: P\n    kind: assumption\n")
    path = write_map_text(tmp_path, "title: B\ninclude: [a]\nclaims:\n  protects:\n    text: T\n    kind: conclusion\n"
                                    "  a#partner:\n    supports: [protects]\n")
    for args, meant in ((["brief", path, "protect"], "protects"), (["blocks", path, "partner"], "a#partner"),
                        (["evaluate", path, "--explain", "protectss"], "protects")):
        result = CliRunner().invoke(main, args)
        assert (result.exit_code, result.stderr) == (2, f"Error: {path}: no claim '{args[-1]}' in this map; did you mean '{meant}'?\n")
    result = CliRunner().invoke(main, ["evaluate", path, "--semantics", "preferred", "--explain", "protects"])
    assert result.exit_code == 2 and "--explain says why a claim has its grounded label" in result.stderr


def test_claim_texts_are_text_in_markdown_briefs_and_outlines(tmp_path: Path) -> None:
    path = write_map_text(tmp_path, """\
        title: "Tags <b>"
        claims:
          c:
            text: "</ul><img src=x onerror=alert(2)> *bold* [l](javascript:x)"
            kind: conclusion
          e:
            text: E
            kind: evidence
            quote: "a <q> & b"
            supports: [c]
          arg:
            text: A
            kind: assumption
        arguments:
          both:
            premises: [e, arg]
            conclusion: c
        """)
    for args in (["brief", path, "c"], ["outline", path]):
        out = CliRunner().invoke(main, args).output
        assert not re.search(r"(?<!\\)(<img|<q>|\[l\]|\*bold)", out), args  # each only escaped
        assert "\\<img src=x onerror=alert(2)\\> \\*bold\\* \\[l\\](javascript:x)" in out and "&amp;" in out
    assert CliRunner().invoke(main, ["brief", path, "both"]).output.startswith("# Brief for: linked argument `both`\n")


def test_when_no_defeat_can_change_a_label_the_brief_says_so(tmp_path: Path) -> None:
    # 'c' rests on nothing and is attacked: defeating its attacker leaves it out. It said "the other side
    # must win at least 3 points", with 2 claims in all.
    path = write_map_text(tmp_path, """\
        title: T
        claims:
          c:
            text: C
            kind: conclusion
          x:
            text: X
            kind: assumption
            opposes: [c]
          y:
            text: Y
            kind: assumption
            opposes: [x]
        """)
    _, out = run("evaluate", path, "--explain", "c")
    assert out.rstrip().endswith("Defeating the one claim that reaches 'c' never changes it: it needs support that stands"
                                 " (searched 1 set).")
