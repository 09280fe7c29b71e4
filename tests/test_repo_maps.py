"""The repository's own maps: they load, and the committed diagrams in render/ are current."""

from __future__ import annotations

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
