"""The one helper the rule tests share, in the style of yamllint's ``tests/rules``.

A test writes a map snippet to a real file, checks it with :func:`argmap.check.check_paths`, and
states exactly where one rule fires: a list of ``(line, column)``, counted from 1 on the snippet
as written (after ``textwrap.dedent`` and dropping leading blank lines).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from argmap.check import Finding, check_paths

SOURCE = "sources/s.txt"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def assert_findings(
    tmp_path: Path,
    yaml_text: str,
    code: str,
    expected: list[tuple[int, int]],
    source_text: str | None = None,
    *,
    name: str = "m",
    others: dict[str, str] | None = None,
) -> list[Finding]:
    """Check the map ``yaml_text`` (written to ``tmp_path/<name>.yaml``) and assert where ``code`` fires.

    ``source_text`` is written, as is, to ``tmp_path/sources/s.txt`` (the map names it with
    ``source: sources/s.txt``). ``others`` maps other map names to their YAML, written beside the map
    so that ``include`` and ``map#id`` references can find them; only the main map is checked, so
    every finding belongs to it (one that arises only in combination may lie in an included file).
    Returns the findings of ``code`` (sorted), so a test can also look at their paths and messages.
    """
    path = tmp_path / f"{name}.yaml"
    _write(path, yaml_text)
    if source_text is not None:
        (tmp_path / SOURCE).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / SOURCE).write_text(source_text, encoding="utf-8")
    for other, text in (others or {}).items():
        _write(tmp_path / f"{other}.yaml", text)
    result = check_paths([str(path)])
    found = [f for f in result.findings if f.code == code]
    assert all(f.map == name for f in found), [(f.path, f.map) for f in found]
    actual = [(f.line, f.column) for f in found]
    assert actual == sorted(expected), "\n".join(f"{f.line}:{f.column}: {f.message}" for f in found) or "no findings"
    return found
