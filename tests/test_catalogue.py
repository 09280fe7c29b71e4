"""The rule catalogue: each module under argmap/rules is a well-formed rule, and together they are the table of docs/design.md §3."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import argmap.rules
from argmap.rules import RULES, RULES_BY_CODE

DESIGN = Path(__file__).resolve().parents[1] / "docs" / "design.md"
MODULES = sorted(info.name for info in pkgutil.iter_modules(argmap.rules.__path__) if not info.name.startswith("_"))


def _module(name: str):
    return importlib.import_module(f"argmap.rules.{name}")


def design_table() -> set[tuple[str, str, str]]:
    """(code, name, severity) for each row of the table in §3 of docs/design.md."""
    text = DESIGN.read_text(encoding="utf-8")
    section = re.search(r"^## 3\..*?$(.*?)^## ", text, re.MULTILINE | re.DOTALL)
    assert section, "docs/design.md has no section '## 3.'"
    rows = set()
    for line in section.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if re.fullmatch(r"AM\d{3}", cells[0]):
            rows.add((cells[0], cells[1], cells[2]))
    return rows


def test_there_is_a_rule_module_for_each_rule():
    assert {r.code for r in RULES} == {_module(name).ID for name in MODULES}


@pytest.mark.parametrize("name", MODULES)
def test_a_rule_module_has_its_constants_docstring_and_check(name):
    module = _module(name)
    assert re.fullmatch(r"AM\d{3}", module.ID)
    assert module.NAME == name.replace("_", "-")
    assert module.SEVERITY in ("error", "warning")
    assert module.__doc__ and module.__doc__.strip(), "the docstring is the rule's documentation"
    assert module.__doc__.strip().splitlines()[0].endswith("."), "the first line is a one-sentence summary"
    assert callable(module.check)


def test_codes_and_names_are_unique_and_sorted():
    assert len(RULES_BY_CODE) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)


def test_the_rules_are_the_table_of_the_design():
    assert {(r.code, r.name, r.severity) for r in RULES} == design_table()


def test_the_table_parser_reads_every_row():
    # Guards the test above: a parser that found nothing would make it pass for an empty catalogue.
    rows = design_table()
    assert len(rows) == 17
    assert ("AM101", "unsupported-conclusion", "error") in rows
    assert ("AM303", "evidence-without-quote", "warning") in rows
