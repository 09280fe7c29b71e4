"""The module layering of setup.cfg's import-linter contract holds (data flows one way, file to report)."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), str(config), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_the_layers_contract_is_kept() -> None:
    result = lint_imports(ROOT / "setup.cfg")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_the_contract_would_catch_an_import_from_a_layer_above(tmp_path: Path) -> None:
    # Guards the test above: with the model put above the CLI, every import of the model breaks it.
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    contract = {key: config["importlinter:contract:layers"][key] for key in ("name", "type", "containers", "layers")}
    contract["layers"] = contract["layers"].replace("model | files", "files").replace("__main__", "__main__\nmodel", 1)
    swapped = configparser.ConfigParser()
    swapped["importlinter"] = {"root_package": "argmap"}
    swapped["importlinter:contract:layers"] = contract
    path = tmp_path / "swapped.cfg"
    with path.open("w", encoding="utf-8") as file:
        swapped.write(file)
    result = lint_imports(path)
    assert result.returncode == 1, result.stdout[-3000:]
    assert "argmap.cli is not allowed to import argmap.model" in result.stdout
