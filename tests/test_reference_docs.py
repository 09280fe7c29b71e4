"""The generated references in docs/ are what the code says (run `make docs` after changing a rule or an option),
and every rule's documented examples do what they say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.check import check_paths
from argmap.cli import cli_reference
from argmap.rules import RULES, Rule, rule_reference

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize(("page", "generate"), [("rules.md", rule_reference), ("cli.md", cli_reference)])
def test_the_reference_page_is_current(page: str, generate) -> None:  # type: ignore[no-untyped-def]
    assert (DOCS / page).read_text(encoding="utf-8") == generate(), f"docs/{page} is stale: run `make docs`"


def test_the_cli_reference_has_every_command_and_option() -> None:
    from argmap.cli import main

    text = cli_reference()
    for name, command in main.commands.items():
        assert f"## `argmap {name}`" in text
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("-"):
                    assert option in text, (name, option)


def _block(doc: str, heading: str, language: str) -> str | None:
    found = re.search(rf"^{re.escape(heading)}\n\n```{language}\n(.*?)^```$", doc, re.M | re.S)
    return found.group(1) if found else None


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_a_rules_examples_pass_and_fail_as_documented(rule: Rule, tmp_path: Path) -> None:
    passing, failing = _block(rule.doc, "Passes:", "yaml"), _block(rule.doc, "Fails:", "yaml")
    assert passing and failing, f"{rule.code}'s docstring needs a 'Passes:' and a 'Fails:' example"
    source = _block(rule.doc, "The source, `letter.txt`:", "text")
    for name, text in (("passes", passing), ("fails", failing)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "hours.yaml").write_text(text, encoding="utf-8")
        if source is not None:
            (folder / "letter.txt").write_text(source, encoding="utf-8")
    fired = {name: [f.code for f in check_paths([str(tmp_path / name)]).findings] for name in ("passes", "fails")}
    assert rule.code not in fired["passes"], fired
    assert rule.code in fired["fails"], fired
