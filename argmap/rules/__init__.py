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
from dataclasses import dataclass
from types import ModuleType

from argmap.model import Position


@dataclass(frozen=True)
class Problem:
    """What a rule found: where, what, and the graph node it is about (for `ignore:`)."""

    position: Position
    message: str
    node: str | None = None


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
