"""The rule catalogue: one module per rule, found by scanning this package.

A rule module has `ID` (AMxxx), `NAME` (kebab-case, the module's name with dashes), `SEVERITY`
(`error` or `warning`), a docstring that is its user documentation, and one generator
`check(maps: MapGraph) -> Iterator[Problem]`. The engine (`argmap.check`) turns problems into
findings: it stamps the code, name and severity, applies `ignore:` and `--disable`, and sorts.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType

from argmap.model import Position


@dataclass(frozen=True)
class Problem:
    """What a rule found: where, what, and the graph node it is about (for `ignore:`)."""

    position: Position
    message: str
    node: str | None = None
    # What JSON shows besides: the message in full (``message`` may shorten what it quotes) and
    # structured data. Left out of comparisons.
    full_message: str | None = field(default=None, compare=False)
    details: dict[str, object] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    doc: str
    check: Callable[..., Iterator[Problem]]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


def _load(module: ModuleType) -> Rule:
    return Rule(module.ID, module.NAME, module.SEVERITY, module.__doc__ or "", module.check)


def _discover() -> tuple[Rule, ...]:
    rules = [
        _load(importlib.import_module(f"{__name__}.{info.name}"))
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    return tuple(sorted(rules, key=lambda rule: rule.code))


RULES: tuple[Rule, ...] = _discover()
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def rule_table(rules: tuple[Rule, ...] = RULES) -> str:
    """The rules as a Markdown table: code, name, severity and the first line of the docstring."""
    rows = [f"| {rule.code} | {rule.name} | {rule.severity} | {rule.summary} |" for rule in rules]
    return "\n".join(["| code | name | severity | fires when |", "|---|---|---|---|", *rows]) + "\n"


def rule_reference(rules: tuple[Rule, ...] = RULES) -> str:
    """docs/rules.md: the table, then each rule's docstring (with its examples) under its code and name."""
    parts = [
        "# Rules\n",
        "<!-- Generated from the rule modules' docstrings by `make docs`; tests/test_reference_docs.py fails when it drifts. -->\n",
        "Each rule is a module in `argmap/rules/`; its docstring is this page. Turn a rule off for one claim with",
        "`ignore: [CODE]` on the claim, or for a run with `--ignore CODE`. Every example below is checked by the",
        "tests: the passing one gets no finding of the rule, the failing one does.\n",
        rule_table(rules),
    ]
    for rule in rules:
        parts.append(f"## {rule.code} {rule.name} ({rule.severity})\n\n{rule.doc.strip()}\n")
    return "\n".join(parts)
