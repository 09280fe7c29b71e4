"""``argmap export -f mermaid``: a flowchart Mermaid parses, whatever the texts, with the diagram conventions.

Where ``make mermaid`` has installed Mermaid's own parser (npm ``mermaid`` with ``jsdom``, in
build/mermaid), every diagram here is parsed by it; without it those tests are skipped, saying so, and
the grammar of the statements argmap writes is still checked line by line below.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.export import export_map
from argmap.mermaid import ESCAPED_CHARACTERS, mermaid_text
from tests.helpers import REPO, invoke, write_map

PARSER = REPO / "build" / "mermaid"
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted((REPO / "maps").glob("*.yaml")) + sorted((REPO / "docs" / "tour-maps").glob("*.yaml"))

needs_mermaid = pytest.mark.skipif(
    shutil.which("node") is None or not (PARSER / "node_modules" / "mermaid").is_dir(),
    reason="Mermaid's parser is not installed (run `make mermaid`; it needs node and npm)",
)


def mermaid_parse(diagrams: list[str]) -> list[dict]:
    done = subprocess.run(["node", str(PARSER / "parse.mjs")], input=json.dumps(diagrams), capture_output=True,
                          text=True, timeout=300, cwd=PARSER)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


# The statements argmap writes, and nothing else: a line that matches none is a bug in the writer.
LABEL = r'"(?:[^"#]|#(?:\d+|quot);)*"'
STATEMENTS = [
    r"---", r'title: ".*"', r"flowchart RL", r"  %% .*",
    r"  classDef [a-z]+ [a-z-]+:[#\w. -]+(?:,[a-z-]+:[#\w. -]+)*",
    rf" +n\d+(?:\[\[{LABEL}\]\]|\({LABEL}\)|>{LABEL}\]|\(\({LABEL}\)\)):::[a-z]+",
    rf" +subgraph s\d+ \[{LABEL}\]", r" +end",
    r"  n\d+ (?:-->|--x|-\.-|-\. same as \.-) n\d+",
    r"  class n\d+ (?:error|warning)",
    r"  linkStyle \d+(?:,\d+)* stroke:#[0-9a-f]{6}(?:,stroke-width:[\d.]+px)?",
]
STATEMENT = re.compile("|".join(f"(?:{s})" for s in STATEMENTS))


def assert_grammar(diagram: str) -> None:
    lines = diagram.splitlines()
    assert lines[:4] == ["---", lines[1], "---", "flowchart RL"]
    bad = [line for line in lines if not STATEMENT.fullmatch(line)]
    assert not bad, bad[:5]
    opened = sum(bool(re.fullmatch(r" +subgraph .*", line)) for line in lines)
    assert opened == sum(line.strip() == "end" for line in lines)


def decode(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_the_seed_maps_follow_the_grammar(path: Path) -> None:
    assert_grammar(export_map(str(path), "mermaid"))


def _broken() -> list[str]:
    good = export_map(str(REPO / "docs" / "tour-maps" / "library.yaml"), "mermaid")
    return [good.replace('"]]:::conclusion', "]]:::conclusion"), good.replace(" --> ", " -->> ", 1), good + "  n0 --> (\n"]


@pytest.fixture(scope="module")
def parsed() -> tuple[list[dict], list[dict]]:
    """The seed maps' diagrams and three broken ones, parsed by Mermaid in one run of Node."""
    seeds = [export_map(str(path), "mermaid") for path in SEEDS]
    results = mermaid_parse(seeds + _broken())
    return results[: len(seeds)], results[len(seeds):]


@needs_mermaid
def test_the_seed_maps_parse(parsed: tuple[list[dict], list[dict]]) -> None:
    assert parsed[0] == [{"ok": True, "type": "flowchart-v2"}] * len(SEEDS)


@needs_mermaid
def test_the_parser_rejects_a_broken_diagram(parsed: tuple[list[dict], list[dict]]) -> None:
    # Guards the test above: Mermaid's parse does fail on bad input.
    assert [r["ok"] for r in parsed[1]] == [False, False, False]


def test_conventions(tmp_path: Path) -> None:
    out = export_map(str(REPO / "docs" / "tour-maps" / "library.yaml"), "mermaid")
    assert '  n0[["The library should open every day.<br/>⚠ AM203 contested-conclusion"]]:::conclusion' in out
    assert '  n1>"More people use the library than ever."]:::evidence' in out
    assert '  n3("The town\'s budget has no room for new staff."):::assumption' in out
    assert ["  n1 --> n0", "  n2 --x n0", "  n3 --> n2", "  class n0 warning"] == [
        line for line in out.splitlines() if re.fullmatch(r"  n\d+ (-->|--x) n\d+|  class .*", line)]
    assert "  linkStyle 0,2 stroke:#2e7d32,stroke-width:1.5px" in out and "  linkStyle 1 stroke:#c62828,stroke-width:2px" in out
    combined = export_map(str(REPO / "maps" / "china-and-north-korea.yaml"), "mermaid")
    assert '  subgraph s0 ["Why China Support North Korea"]' in combined
    assert " -.- " in combined and " -. same as .- " in combined
    assert re.search(r'\(\("linked: [a-z-]+"\)\):::argument', combined)


def test_every_text_comes_back(tmp_path: Path) -> None:
    texts = ['Quotes " and #hash; &amp; <b>bold</b> `code` 50% end', "A (paren) [bracket] {brace} | pipe; semi *star* _u_ ~t~ =",
             "CJK 中文 and emoji 🎉, a tab\tand\nnew line", "end", "graph TD", "%% not a comment", "click n0 call alert()"]
    body = "".join(f"  c{i}:\n    text: {json.dumps(t, ensure_ascii=False)}\n    kind: assumption\n    supports: [top]\n"
                   for i, t in enumerate(texts))
    path = write_map(tmp_path, "title: 'A title: with \"quotes\" and #'\nclaims:\n  top:\n    text: Top\n    kind: conclusion\n" + body)
    out = export_map(str(path), "mermaid")
    assert_grammar(out)
    labels = re.findall(r'^  n\d+\S*?"(.*)"\S*:::', out, re.M)
    assert [decode(label) for label in labels[1:]] == [" ".join(t.split()) for t in texts]
    assert json.loads(out.splitlines()[1][len("title: "):]) == 'A title: with "quotes" and #'


def test_escaping() -> None:
    assert mermaid_text('a"b') == "a#34;b" and mermaid_text("x" * 400).endswith("…") and len(mermaid_text("x" * 400)) == 300
    assert all(mermaid_text(c) == f"#{ord(c)};" for c in ESCAPED_CHARACTERS)
    assert mermaid_text("line\u2028break\x85here") == "line break here"


def test_export_to_a_file_and_bad_input(tmp_path: Path) -> None:
    target = tmp_path / "library.mmd"
    result = invoke("export", str(REPO / "docs" / "tour-maps" / "library.yaml"), "-f", "mermaid", "-o", str(target))
    assert result.exit_code == 0 and target.read_text(encoding="utf-8").startswith("---\ntitle:")
    result = invoke("export", str(tmp_path / "missing.yaml"), "-f", "mermaid")
    assert result.exit_code == 2 and "Traceback" not in result.output


TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(lambda t: t.strip())


@needs_mermaid
@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(TEXT, min_size=3, max_size=3), min_size=40, max_size=40))
def test_any_text_parses(tmp_path: Path, batches: list[list[str]]) -> None:
    """Forty maps of random texts (title, section, claim), parsed by Mermaid in one batch."""
    diagrams = []
    for i, (title, section, text) in enumerate(batches):
        map_text = (f"title: {json.dumps(title)}\nclaims:\n  top:\n    text: {json.dumps(text)}\n    kind: conclusion\n"
                    f"    section: {json.dumps(section)}\n  under:\n    text: {json.dumps(text)}\n    supports: [top]\n"
                    f"    tension: [top]\n")
        path = write_map(tmp_path, map_text, f"m{i}")
        diagram = export_map(str(path), "mermaid")
        assert_grammar(diagram)
        diagrams.append(diagram)
    results = mermaid_parse(diagrams)
    failed = [(d, r) for d, r in zip(diagrams, results, strict=True) if not r["ok"]]
    assert not failed, failed[:2]


def test_a_flowchart_past_mermaids_edge_limit_is_refused(tmp_path: Path) -> None:
    # Mermaid draws nothing but an error past 500 edges (its maxEdges, which a diagram cannot raise).
    from argmap.cli import exit_status

    path = tmp_path / "g.yaml"
    assert exit_status(["generate", "--claims", "230", "--seed", "7", "-o", str(path)]) == 0
    result = invoke("export", path, "-f", "mermaid")
    assert result.exit_code == 2 and "Mermaid draws at most 500" in result.stderr and result.stdout == ""
