"""The README keeps its promises: the two set-up commands, the rule table, CI calling the test command."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None and README.index(block.group(0)) < README.index("\n## ")
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["bash scripts/setup.sh", "bash scripts/test.sh"]
    assert (ROOT / "scripts" / "setup.sh").exists() and (ROOT / "scripts" / "test.sh").exists()


def test_ci_runs_the_readme_test_command() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in run


def test_rule_table_matches_the_rules() -> None:
    table = README.split("<!-- rules:start -->\n")[1].split("<!-- rules:end -->")[0]
    generated = CliRunner().invoke(main, ["rules", "--format", "markdown"]).output
    assert table == generated


def test_tour_map_checks_as_the_readme_says(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT / "docs" / "tour-maps" / "..")
    result = CliRunner().invoke(main, ["check", "tour-maps"])
    assert result.exit_code == 0
    assert "AM203 contested-conclusion: conclusion 'open-daily' is out: it is defeated by 'cost'" in result.output


def test_every_finding_on_the_seed_maps_is_explained() -> None:
    from argmap.check import check_paths

    explained = README.split("### What argmap finds in these articles")[1].split("\n## ")[0]
    rows = [line for line in explained.splitlines() if line.startswith("| AM")]
    result = check_paths([str(ROOT / "maps")])
    assert len(rows) == len(result.findings)
    for finding in result.findings:
        assert any(row.startswith(f"| {finding.code} `{finding.claim}`") for row in rows), finding
    summary = f"{result.summary.errors} errors and {result.summary.warnings} warnings"
    assert summary in explained
