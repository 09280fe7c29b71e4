"""The repository's own maps: they load, and the committed diagrams in render/ are current."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_render_folder_is_current(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["render", "--check", "maps", "-o", "render"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["render", "--check", "--evaluate", "maps", "-o", "render"])
    assert result.exit_code == 0, result.output


def test_seed_maps_load_and_check(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "maps"])
    assert result.exit_code in (0, 1), result.output


def test_the_design_example_tension_is_in_its_own_demo(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The tension argmap was first asked for: North Korea as a buffer state, and as an unreliable partner."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["export", "maps/why-does-china-protect-north-korea.yaml", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    tensions = {frozenset((link["source"], link["target"])) for link in data["links"] if link["type"] == "tension"}
    assert frozenset(("buffer-state", "unreliable-partner")) in tensions
    kinds = {node["id"]: node["kind"] for node in data["nodes"]}
    assert kinds["buffer-state"] == "evidence" and kinds["unreliable-partner"] == "claim"
