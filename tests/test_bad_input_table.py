"""Every row of the "Bad input: what argmap says" table (docs/bad-input.md), run: the exit status and the message it shows.

The table is parsed from docs/bad-input.md; each row's input is built by the function of the same name in
``BUILDERS``. A row without a builder, or a builder without a row, fails. Most rows run in-process
(click's ``CliRunner``); those marked ``real`` run the real ``python -m argmap`` in a subprocess.
"""

from __future__ import annotations

import re
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from tests.helpers import REPO, assert_no_traceback, run_cli
from tests.test_render import HAS_DOT

GOOD = "title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n    supports: [b]\n  b:\n    text: B\n    kind: conclusion\n"
TABLE = "docs/bad-input.md"
SECTION = "# Bad input: what argmap says"


@dataclass
class Run:
    args: list[str]  # argmap's arguments, run in the row's folder
    env: dict[str, str] = field(default_factory=dict)  # e.g. a PATH with a fake dot
    real: bool = False  # through `python -m argmap` in a subprocess
    seconds: float | None = None  # must be done within
    after: Callable[[Path], None] | None = None  # more to check in the folder afterwards
    needs_dot: bool = False  # the real Graphviz


def _map(folder: Path, text: str | bytes, name: str = "m.yaml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _check(text: str | bytes, **kw) -> Callable[[Path], Run]:  # type: ignore[no-untyped-def]
    def build(folder: Path) -> Run:
        _map(folder, text)
        return Run(["check", "m.yaml"], **kw)
    return build


def _fake_dot(folder: Path, script: str) -> dict[str, str]:
    """A folder holding a fake ``dot`` (a shell script), as the whole PATH."""
    bin_ = folder / "bin"
    bin_.mkdir()
    (bin_ / "dot").write_text(script)
    (bin_ / "dot").chmod(0o755)
    return {"PATH": str(bin_)}


def _billion_laughs(folder: Path) -> Run:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{x}: &{x} [{', '.join([f'*{p}'] * 9)}]" for p, x in zip("abcdefgh", "bcdefghi", strict=True)]
    _map(folder, "\n".join(lines) + "\n")
    return Run(["check", "m.yaml"], real=True, seconds=5)


def _enormous(folder: Path) -> Run:
    with (folder / "m.yaml").open("wb") as stream:
        stream.truncate(51 * 1024 * 1024)  # sparse: no disk space, and refused before it is read
    return Run(["check", "m.yaml"], seconds=5)


LONG_TEXT = "word " * 200_000  # 1 MB


def _long_text(folder: Path) -> None:
    _map(folder, GOOD.replace("text: A", f"text: {LONG_TEXT}").replace("kind: assumption", "kind: evidence\n    quote: "
                                                                     + "q" * 1_000_000) + "source: s.txt\n")
    (folder / "s.txt").write_text("q" * 1_000_000)


def _long_text_check(folder: Path) -> Run:
    _long_text(folder)
    return Run(["check", "m.yaml"], seconds=10)


def _rendered_with_ellipsis(folder: Path) -> None:
    svg = (folder / "out" / "m.svg").read_bytes()
    assert svg.rstrip().endswith(b"</svg>")
    ET.fromstring(svg)
    assert "word word\u2026" in svg.decode("utf-8")  # the label, cut to what a diagram can show
    assert ("q" * 1_000_000).encode() in svg  # the tooltip, whole


def _long_text_render(folder: Path) -> Run:
    _long_text(folder)
    return Run(["render", "m.yaml", "-o", "out"], seconds=20, after=_rendered_with_ellipsis, needs_dot=True)


def _source(make: Callable[[Path], None]) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        _map(folder, GOOD.replace("kind: assumption", "kind: evidence\n    quote: A quote") + "source: src.txt\n")
        make(folder)
        return Run(["check", "m.yaml"])
    return build


def _render_into(output: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        _map(folder, GOOD)
        (folder / "afile").write_text("not a folder")
        return Run(["render", "m.yaml", "-o", output, "-f", "dot"])
    return build


def _no_files_written(folder: Path) -> None:
    assert not (folder / "out").exists() or not any((folder / "out").iterdir())


def _render_with_dot(script: str | None, *args: str, real: bool = False, seconds: float | None = None):  # type: ignore[no-untyped-def]
    def build(folder: Path) -> Run:
        _map(folder, GOOD)
        env = _fake_dot(folder, script) if script is not None else {"PATH": str(folder / "nowhere")}
        after = None if "-f" in args else _no_files_written
        return Run(["render", "m.yaml", "-o", "out", *args], env=env, real=real, seconds=seconds, after=after)
    return build


def _include_cycle(folder: Path) -> Run:
    _map(folder, "title: A\ninclude: [b]\n", "a.yaml")
    _map(folder, "title: B\ninclude: [a]\n", "b.yaml")
    return Run(["check", "a.yaml"])


def _empty_folder(folder: Path) -> Run:
    (folder / "maps").mkdir()
    (folder / "maps" / "notes.txt").write_text("not a map")
    return Run(["check", "maps"])


def _named(name: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        _map(folder, GOOD, name)
        return Run(["check", name])
    return build


def _configured(name: str, text: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        _map(folder, GOOD)
        (folder / name).write_text(text, encoding="utf-8")
        return Run(["check", "m.yaml"])
    return build


def _diff_in_a_repository(revision: str) -> Callable[[Path], Run]:
    def build(folder: Path) -> Run:
        _map(folder, GOOD)
        for command in (["init", "-q"], ["add", "m.yaml"], ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "m"]):
            subprocess.run(["git", "-C", str(folder), *command], check=True, capture_output=True, timeout=60)
        return Run(["diff", revision, "HEAD"])
    return build


BUILDERS: dict[str, Callable[[Path], Run]] = {
    "unknown key at the top level": _check(GOOD + "colour: red\n"),
    "unknown key in a claim (a typo, `txt:`)": _check(GOOD.replace("    text: B", "    txt: B")),
    "wrong type: `text:` is a list": _check(GOOD.replace("text: A", "text: [x, y]")),
    "wrong type: a relation that is not a list (`supports: b`)": _check(GOOD.replace("[b]", "b")),
    "wrong type: `claims:` is a list": _check("title: T\nclaims:\n  - a\n  - b\n"),
    "wrong type: a claim that is text": _check("title: T\nclaims:\n  a: The claim\n"),
    "no `title:`": _check(GOOD.replace("title: T\n", "")),
    "no `claims:` (and no `include:`)": _check("title: T\n"),
    "bad claim id (`Bad_Id:`)": _check(GOOD.replace("  b:", "  Bad_Id:")),
    "bad reference (`supports: [Bad]`)": _check(GOOD.replace("[b]", "[Bad]")),
    "bad kind (`kind: fact`)": _check(GOOD.replace("kind: assumption", "kind: fact")),
    "missing `text:`": _check(GOOD.replace("    text: B\n", "")),
    "empty `text:`": _check(GOOD.replace("text: B", "text: ''")),
    "YAML anchor (`&a`)": _check(GOOD.replace("  a:\n", "  a: &a\n")),
    "YAML alias (`*a`)": _check(GOOD + "  c: *a\n"),
    "YAML tag (`!!python/object:os.system`)": _check(GOOD.replace("  a:\n", "  a: !!python/object:os.system\n")),
    'a "billion laughs" alias bomb': _billion_laughs,
    "YAML syntax error (an unclosed `[`)": _check(GOOD.replace("[b]", "[b")),
    "two YAML documents in one file": _check(GOOD + "---\ntitle: U\n"),
    "tabs for indentation": _check(GOOD.replace("    text: B", "\ttext: B")),
    "a tab after a line, before a key": _check(GOOD.replace("    kind: conclusion", "\tkind: conclusion")),
    "a key indented less than the one above it": _check(GOOD.replace("    kind: conclusion", "   kind: conclusion")),
    "a colon in a text (`text: Note: B is it`)": _check(GOOD.replace("text: B", "text: Note: B is it")),
    'a text that starts with a quote (`text: "B" is it`)': _check(GOOD.replace("text: B", 'text: "B" is it')),
    "a text that starts with `*` (`text: *B* is it`)": _check(GOOD.replace("text: B", "text: *B* is it")),
    "a text that starts with `-` (`text: - B`)": _check(GOOD.replace("text: B", "text: - B")),
    "a text cut by a comment (`text: We are #1`)": _check(GOOD.replace("text: B", "text: We are #1")),
    "a comment inside `{...}` (`b: {text: We are #1, kind: conclusion}`)":
        _check(GOOD.replace("  b:\n    text: B\n    kind: conclusion\n", "  b: {text: We are #1, kind: conclusion}\n")),
    "duplicate key (a claim id written twice)": _check(GOOD + "  a:\n    text: Again\n"),
    "not UTF-8 (Latin-1 `é`)": _check(GOOD.encode().replace(b"text: B", b"text: caf\xe9")),
    "UTF-16": _check(GOOD.encode("utf-16")),
    "a binary file (NUL bytes)": _check(b"\x7fELF\x02\x01\x01\x00\x00\x00"),
    "a control character (ESC)": _check(GOOD.replace("text: B", "text: \x1b[31mB")),
    "UTF-8 byte-order mark": _check(b"\xef\xbb\xbf" + GOOD.encode(), real=True),
    "CRLF line endings": _check(GOOD.replace("\n", "\r\n")),
    "empty file": _check(""),
    "only comments": _check("# nothing yet\n\n# still nothing\n"),
    "an enormous file (51 MB, over the default `--max-bytes` of 50 MB)": _enormous,
    "a file over a lower limit (`--max-bytes 100`)": lambda folder: Run(["check", str(_map(folder, GOOD).name),
                                                                       "--max-bytes", "100"]),
    "a 1 MB text and a 1 MB quote, each on one line: `check`": _long_text_check,
    "a 1 MB text and a 1 MB quote, each on one line: `render`": _long_text_render,
    "a claim id over 1,024 characters": _check(GOOD.replace("  b:", "  " + "b" * 1100 + ":")),
    "deep nesting (5,000 `[`)": _check("[" * 5000 + "]" * 5000 + "\n"),
    "include cycle": _include_cycle,
    "include of a map that does not exist": _check(GOOD + "include: [gone]\n"),
    "`map#id` naming a map that does not exist": _check(GOOD.replace("[b]", "[gone#b]")),
    "a source file that does not exist": _source(lambda folder: None),
    "a source that cannot be read (a folder: as root, `chmod 000` would not stop the read)":
        _source(lambda folder: (folder / "src.txt").mkdir()),
    "a source that is not UTF-8": _source(lambda folder: (folder / "src.txt").write_bytes(b"A quote, caf\xe9")),
    "a configuration with an unknown setting (`selct` in `[tool.argmap]`)": _configured("pyproject.toml", "[tool.argmap]\nselct = []\n"),
    "a configuration that is not valid TOML": _configured("argmap.toml", 'paths = ["maps"\n'),
    "a configuration naming a rule that does not exist": _configured("argmap.toml", 'ignore = ["AM999"]\n'),
    "`--config` naming a file that does not exist": lambda folder: Run(["check", str(_map(folder, GOOD).name), "--config", "nope.toml"]),
    "`argmap diff` with a revision that does not exist": _diff_in_a_repository("nope"),
    "a path that does not exist": lambda folder: Run(["check", "nope.yaml"]),
    "`argmap check` with no path, where there is no `maps/`": lambda folder: Run(["check"]),
    "a folder with no maps": _empty_folder,
    "a path too long for the file system": lambda folder: Run(["check", "m" * 5000 + ".yaml"]),
    "a map file named `..yaml`": _named("..yaml"),
    "a map file named `my map.yaml`": _named("my map.yaml"),
    "an output folder that cannot be written (`/proc/argmap`: as root, `chmod` would not stop the write)":
        _render_into("/proc/argmap"),
    "an output folder under a regular file": _render_into("afile/out"),
    "an output folder that is a file": _render_into("afile"),
    "Graphviz's `dot` is not installed": _render_with_dot(None, real=True),
    "`dot` is not installed, `-f dot`": _render_with_dot(None, "-f", "dot"),
    "`dot` fails": _render_with_dot("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n"),
    "`dot` crashes": _render_with_dot("#!/bin/sh\nkill -SEGV $$\n"),
    "`dot` hangs (`--timeout 0.5`)": _render_with_dot("#!/bin/sh\nexec /bin/sleep 30\n", "--timeout", "0.5", seconds=10),
    "`dot` cannot be run (a bad `#!` line)": _render_with_dot("#!/nonexistent/sh\n"),
}


@dataclass(frozen=True)
class Row:
    input: str
    message: str
    exit: int


def table_rows() -> list[Row]:
    page = REPO / TABLE
    text = page.read_text(encoding="utf-8") if page.is_file() else ""
    if SECTION + "\n" not in text:
        return []  # test_every_row_has_a_builder_and_every_builder_a_row fails
    section = text.split(SECTION + "\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        match = re.fullmatch(r"\| (.+?) \| `([^`]+)`(?: \([^|]*\))? \| (\d) \|", line)
        if match:
            rows.append(Row(match[1], match[2], int(match[3])))
        else:
            assert not line.startswith("| ") or line.startswith(("| input", "|---")), f"a row I cannot read: {line}"
    return rows


ROWS = table_rows()


def test_every_row_has_a_builder_and_every_builder_a_row() -> None:
    names = [row.input for row in ROWS]
    assert names, f"no table under {SECTION!r} in {TABLE}"
    assert len(names) == len(set(names)), "two rows of one name"
    assert [n for n in names if n not in BUILDERS] == [], "rows without a builder"
    assert [n for n in BUILDERS if n not in names] == [], "builders without a row"


def run(row_run: Run, folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    for name, value in row_run.env.items():
        monkeypatch.setenv(name, value)
    if row_run.real:
        return run_cli(*row_run.args, cwd=folder)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, row_run.args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_input_errors_name_the_file_or_program() -> None:
    """A spot check over the table: every input error says which file (or which program) it is about."""
    named = re.compile(r"[\w.-]+\.(yaml|txt|toml)\b|/proc/argmap|afile|\bmaps\b|\bm{3}|'dot'|Graphviz|\brevision\b")
    for row in ROWS:
        if row.exit == 2:
            assert named.search(row.message), row


@pytest.mark.parametrize("row", ROWS, ids=[row.input for row in ROWS])
def test_row(row: Row, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if row.input not in BUILDERS:
        pytest.fail(f"no builder for the {TABLE} row {row.input!r}")
    row_run = BUILDERS[row.input](tmp_path)
    if row_run.needs_dot and not HAS_DOT:
        pytest.skip("Graphviz's dot is not installed (scripts/install.sh installs it)")
    started = time.monotonic()
    status, out, err = run(row_run, tmp_path, monkeypatch)
    took = time.monotonic() - started
    assert_no_traceback(out, err)
    assert status == row.exit, (status, out[-2000:], err[-2000:])
    said = out + err
    at = 0
    for fragment in row.message.split("\u2026"):
        found = said.find(fragment.strip(), at)
        assert found >= 0, f"{fragment.strip()!r} not in what argmap said:\n{said[:3000]}"
        at = found + len(fragment.strip())
    if re.match(r"[^ :]+:\d+:\d+: ", row.message):  # a position: it starts a line of the output
        assert re.search(rf"(?m)^(Error: )?{re.escape(row.message.split(' ')[0])}", said), said[:3000]
    if row.exit == 2:
        assert out == "" and err.count("\n") == 1 and err.startswith("Error: "), (out, err)
    if row_run.seconds is not None:
        assert took < row_run.seconds, f"took {took:.1f} s"
    if row_run.after is not None:
        row_run.after(tmp_path)
