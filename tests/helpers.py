"""Plain helpers shared by the tests: ``from tests.helpers import write_map, run_cli, invoke``.

The same functions are also fixtures (see ``conftest.py``) for tests that prefer fixtures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner, Result

from argmap.cli import main

REPO = Path(__file__).resolve().parent.parent


def write_map(tmp_path: Path, text: str | bytes, name: str = "m", *, source: str | None = None) -> Path:
    """Write ``tmp_path/<name>.yaml`` (``name`` may contain folders) and return its path.

    A ``str`` is dedented and one leading newline dropped, so a triple-quoted block may start on the
    line after the quotes: its first line is line 1 of the file. It is written as UTF-8 with ``\\n``
    line endings. ``bytes`` are written exactly as given (for BOMs, CRLF, bad encodings).
    With ``source``, the text is also written to ``sources/<stem>.txt`` next to the map, for a map
    that says ``source: sources/<stem>.txt``.
    """
    path = tmp_path / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        body = textwrap.dedent(text)
        path.write_bytes((body[1:] if body.startswith("\n") else body).encode("utf-8"))
    if source is not None:
        sources = path.parent / "sources"
        sources.mkdir(exist_ok=True)
        (sources / f"{path.stem}.txt").write_text(source, encoding="utf-8")
    return path


def run_cli(*args: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None) -> tuple[int, str, str]:
    """Run the real ``python -m argmap`` in a subprocess; return (exit status, stdout, stderr)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *map(str, args)],
        cwd=cwd, env=env, capture_output=True, timeout=120,
    )
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def invoke(*args: str | os.PathLike[str]) -> Result:
    """Run ``argmap`` in this process through click's ``CliRunner`` (stdout and stderr kept apart)."""
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text, text
