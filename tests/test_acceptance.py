"""The core issue's acceptance scenario, end to end through the CLI."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main

SOURCE = """The sky is blue on clear days. Rain falls from grey clouds.
Picnics are pleasant when it is dry. Clouds were seen in the morning.
The forecast says \u201csunny\u201d \u2014 all day.
"""

CLEAN = """\
title: A clean map
source: sources/article.txt
claims:
  good-day:
    text: It is a good day for a picnic.
    kind: conclusion
  forecast:
    text: The forecast is sunny.
    kind: evidence
    quote: 'The forecast says "sunny" - all day.'
    supports: [good-day]
  dry:
    text: Picnics need dry weather.
    kind: assumption
  dry-and-sunny:
    text: A sunny day is a dry day.
    kind: assumption
arguments:
  sunny-is-good:
    premises: [dry, dry-and-sunny]
    conclusion: good-day
"""

BAD = """\
title: A map with one of every problem
source: sources/article.txt
claims:
  go-picnic:
    text: We should go on a picnic.
    kind: conclusion
  circular-conclusion:
    text: The day will be fine.
    kind: conclusion
  fine-a:
    text: It will be dry.
    supports: [circular-conclusion, fine-b]
  fine-b:
    text: It will be warm.
    supports: [fine-a]
  misquote:
    text: The sky is green.
    kind: evidence
    quote: The sky is green on clear days.
    supports: [stay-home, nowhere]
  stay-home:
    text: We should stay home.
    kind: conclusion
  blue-sky:
    text: The sky is blue.
    kind: evidence
    quote: The sky is blue on clear days.
    supports: [mixed]
  clouds:
    text: Clouds were seen.
    kind: evidence
    quote: Clouds were seen in the morning.
    supports: [mixed]
    tension: [blue-sky]
  mixed:
    text: The weather is mixed.
    kind: conclusion
  forecast:
    text: The forecast is sunny.
    kind: evidence
    quote: The forecast says "sunny" - all day.
    supports: [good-day]
  good-day:
    text: It is a good day.
    kind: conclusion
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "article.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / f"{name}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_clean_map_passes_strict(tmp_path: Path) -> None:
    path = write(tmp_path, "clean", CLEAN)
    result = CliRunner().invoke(main, ["check", "--strict", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("no problems found\n")


def test_each_problem_found_once_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad", BAD)
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1
    found = [(f["code"], f["line"], f["claim"]) for f in json.loads(result.output)["findings"]]
    assert found == [
        ("AM101", 4, "go-picnic"),
        ("AM101", 7, "circular-conclusion"),
        ("AM102", 10, "fine-a"),
        ("AM301", 19, "misquote"),
        ("AM002", 20, "misquote"),
        ("AM201", 35, "mixed"),
    ]
    # The well-supported conclusion next to them is not flagged.
    assert all(claim != "good-day" for _, _, claim in found)


def test_text_output_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "bad", BAD)
    result = CliRunner().invoke(main, ["check", str(path)])
    lines = result.output.splitlines()
    assert lines[0] == (
        f"{path}:4:3: error AM101 unsupported-conclusion: conclusion 'go-picnic' is not supported: nothing supports it"
    )
    assert lines[-1] == "1 map, 11 claims, 9 relations: 5 errors, 1 warning"
