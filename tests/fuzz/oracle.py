"""The one rule every fuzz target enforces, and the budgets the targets run under.

Whatever bytes a map file holds, ``check`` either gives a ``CheckResult`` or raises a ``MapError``
whose text starts with the path of a file it read, at a line and column that exist in that file.
Any other exception is a crash, and fails the target.

Budgets: each target runs a short, fixed number of cases in the normal test run (the whole fuzz
set adds a few seconds to ``pytest``); ``make fuzz`` raises them through ``ARGMAP_FUZZ_<NAME>``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from argmap.check import CheckResult, check_paths
from argmap.model import MapError
from argmap.report import format_text

YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def whole_words_in(quote: str, text: str) -> bool:
    """``quote`` occurs in ``text`` beginning and ending where words do (AM301's rule), by a regular expression."""
    before = r"(?<!\w)" if re.match(r"\w", quote) else ""
    after = r"(?!\w)" if re.search(r"\w\Z", quote) else ""
    return re.search(before + re.escape(quote) + after, text) is not None


def budget(name: str, default: int) -> int:
    """Cases for target ``name``: ``$ARGMAP_FUZZ_<NAME>`` if set (``make fuzz``), else ``default``."""
    return int(os.environ.get(f"ARGMAP_FUZZ_{name.upper()}", default))


def seed() -> int:
    """The seed of the byte mutator: ``$ARGMAP_FUZZ_SEED`` (a long run splits its work by seed)."""
    return int(os.environ.get("ARGMAP_FUZZ_SEED", "0"))


def file_lines(data: bytes) -> list[str]:
    """The lines of a map file as YAML counts them (a BOM dropped, bad bytes as one character each)."""
    text = data.decode("utf-8", "replace")
    return YAML_LINE_BREAK.split(text.removeprefix("\ufeff"))


def assert_points_into_a_file(where: str, path: str, line: int, column: int, folder: Path) -> None:
    file = Path(path)
    assert file.resolve().is_relative_to(folder.resolve()), f"{where}: names {path}, outside {folder}"
    lines = file_lines(file.read_bytes())
    assert 1 <= line <= len(lines), f"{where}: line {line} is not in {path} ({len(lines)} lines)"
    width = len(lines[line - 1])
    assert 1 <= column <= width + 1, f"{where}: column {column} is not on line {line} of {path} ({width} characters)"


def assert_clear_error(error: MapError, folder: Path) -> None:
    """``error`` names a file in ``folder`` first, and its position (if any) is a real place in that file."""
    text = str(error)
    assert error.path, f"a MapError that names no file: {text!r}"
    assert text.startswith(error.path), f"does not start with the file: {text!r}"
    path = Path(error.path)
    if not path.is_absolute():
        path = Path.cwd() / path
    if error.position is not None:
        assert text.startswith(f"{error.position.path}:{error.position.line}:{error.position.column}: "), text
        assert_points_into_a_file(text[:200], str(path), error.position.line, error.position.column, folder)
    else:
        assert path.resolve().is_relative_to(folder.resolve()) or not path.exists(), text
    assert error.message.strip(), f"an empty message: {text!r}"


def assert_sound_result(result: CheckResult, folder: Path) -> None:
    """Every finding points into a file that was read, and the text report has one line per finding."""
    assert isinstance(result, CheckResult), repr(result)
    for f in result.findings:
        assert_points_into_a_file(f"{f.code} {f.message[:200]}", f.path, f.line, f.column, folder)
    assert len(format_text(result).splitlines()) == len(result.findings) + 1


def check_outcome(path: Path, folder: Path) -> CheckResult | MapError:
    """Run the whole ``check`` pipeline on ``path``; only a sound result or a clear ``MapError`` may come out."""
    try:
        result = check_paths([str(path)])
    except MapError as error:
        assert_clear_error(error, folder)
        return error
    assert_sound_result(result, folder)
    return result
