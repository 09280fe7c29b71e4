"""scripts/install.sh refuses a Python it cannot make the venv with, clearly and before touching anything."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Without Graphviz the script would first install it with apt-get (a network call): not in a test.
pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is absent: install.sh would apt-get it first")


def _install(tmp_path: Path, python: Path) -> subprocess.CompletedProcess[str]:
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    shutil.copy(ROOT / "scripts" / "install.sh", scripts / "install.sh")
    env = dict(os.environ, ARGMAP_PYTHON=str(python))
    return subprocess.run(["bash", str(scripts / "install.sh")], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=60)


def test_a_python_that_is_not_there_is_refused(tmp_path: Path) -> None:
    done = _install(tmp_path, tmp_path / "no-such-python")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"install: {tmp_path / 'no-such-python'} cannot make a venv (no such program, older than 3.10, or no venv module)"
    ]
    assert not (tmp_path / ".venv").exists()


def test_a_python_without_venv_is_refused(tmp_path: Path) -> None:
    python = tmp_path / "python-without-venv"
    python.write_text("#!/bin/sh\necho 'No module named ensurepip' >&2\nexit 1\n", encoding="utf-8")
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    done = _install(tmp_path, python)
    assert done.returncode == 2
    assert "cannot make a venv" in done.stderr
    assert not (tmp_path / ".venv").exists()
