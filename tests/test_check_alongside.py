"""On a large map some rules run in a second process (``argmap.check.ALONGSIDE``): the findings must
be exactly those of running every rule in one process, whatever happens to the second."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

import argmap.check
from argmap.check import ALONGSIDE, check_graph
from argmap.generate import write_generated
from argmap.graph import MapGraph
from argmap.load import load_map_set, map_scope
from argmap.rules import RULES, RULES_BY_CODE

REPO = Path(__file__).resolve().parent.parent

ALONG = sorted(ALONGSIDE)[0]  # a rule that runs in the second process
HERE = next(rule.code for rule in RULES if rule.code not in ALONGSIDE)  # and one that does not

pytestmark = pytest.mark.skipif(not argmap.check._can_fork(), reason="no second core or no fork: the rules all run in one process")


def _graphs(tmp_path: Path) -> list[MapGraph]:
    path = tmp_path / "gen.yaml"
    write_generated(path, 600, seed=5)
    seeds = load_map_set([REPO / "maps"])
    return [MapGraph(load_map_set([path]))] + [MapGraph(map_scope(seeds, m.name)) for m in seeds.maps]


def _findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alongside_from: int) -> list[list]:
    monkeypatch.setattr(argmap.check, "ALONGSIDE_FROM", alongside_from)
    return [check_graph(graph) for graph in _graphs(tmp_path)]


def _replace_rule(monkeypatch: pytest.MonkeyPatch, code: str, check) -> None:
    rules = tuple(dataclasses.replace(r, check=check) if r.code == code else r for r in RULES)
    monkeypatch.setattr(argmap.check, "RULES", rules)


def test_the_findings_are_the_same_with_a_second_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _findings(tmp_path, monkeypatch, alongside_from=10**9)
    assert all(alone) and any(f.code in ALONGSIDE for found in alone for f in found)
    assert _findings(tmp_path, monkeypatch, alongside_from=0) == alone


def test_the_rules_alongside_do_run_in_another_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran_in = tmp_path / "pids"
    rule = RULES_BY_CODE[ALONG].check

    def recording(maps):
        with ran_in.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return rule(maps)

    _replace_rule(monkeypatch, ALONG, recording)
    _findings(tmp_path, monkeypatch, alongside_from=0)
    assert str(os.getpid()) not in ran_in.read_text().split()


def test_a_second_process_that_fails_leaves_its_rules_to_the_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _findings(tmp_path, monkeypatch, alongside_from=10**9)
    parent = os.getpid()
    rule = RULES_BY_CODE[ALONG].check

    def failing_elsewhere(maps):
        if os.getpid() != parent:
            raise RuntimeError("a rule that fails only in the second process")
        return rule(maps)

    _replace_rule(monkeypatch, ALONG, failing_elsewhere)
    assert _findings(tmp_path, monkeypatch, alongside_from=0) == alone


def test_a_rule_that_fails_fails_as_it_would_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(maps):
        raise RuntimeError("a broken rule")

    for code in (ALONG, HERE):
        _replace_rule(monkeypatch, code, failing)
        with pytest.raises(RuntimeError, match="a broken rule"):
            _findings(tmp_path, monkeypatch, alongside_from=0)
        monkeypatch.undo()


def test_findings_cut_short_on_the_way_back_leave_the_rules_to_the_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first process does not wait for the second to end before reading what it sent: it must tell
    # a message cut short (a child killed while writing, say) from a whole one, and run the rules itself.
    import marshal
    import types

    alone = _findings(tmp_path, monkeypatch, alongside_from=10**9)
    cut = types.SimpleNamespace(dumps=lambda rows: marshal.dumps(rows)[:-3], loads=marshal.loads)
    monkeypatch.setattr(argmap.check, "marshal", cut)
    assert _findings(tmp_path, monkeypatch, alongside_from=0) == alone
