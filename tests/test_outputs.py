"""Outputs are whole and contained, inputs are never touched, and the edges fail clearly.

A ``render`` killed at random moments leaves every file complete or absent; stale temporary files
of killed writes are removed by the next write; names cannot escape the output folder; maps and
sources are byte for byte the same after every command; Ctrl-C is exit 130 and a closed stdout is
no error, both without a traceback. (A failing ``dot`` leaving the old diagram is in test_render.py.)
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import exit_status, main
from argmap.diagrams import diagrams
from argmap.files import OutputError, output_path, write_all_atomic, write_atomic
from tests.fuzz.oracle import budget
from tests.helpers import REPO, assert_no_traceback
from tests.test_render import needs_dot

GOOD = "title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n    supports: [b]\n  b:\n    text: B\n    kind: conclusion\n"


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return env


def _argmap(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, **kw) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    return subprocess.Popen([sys.executable, "-m", "argmap", *map(str, args)], cwd=cwd, env=env or _env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def big_map(claims: int = 150) -> dict:
    """A tree of claims under one conclusion, in sections: a few hundred KB of SVG."""
    doc: dict[str, dict] = {"c0": {"text": "The conclusion of it all", "kind": "conclusion"}}
    for i in range(1, claims):
        doc[f"c{i}"] = {"text": f"Claim {i}, with a few more words to wrap", "section": f"Part {i % 7}",
                        "kind": "assumption" if i % 3 == 0 else "claim", "supports": [f"c{(i - 1) // 3}"]}
    return {"title": "A big map", "claims": doc}


# ---------------------------------------------------------------- atomic: killed at any moment


TEMPORARY = re.compile(r"\.big\.(dot|svg)\.[^./]+\.tmp")


def _assert_complete_or_absent(out: Path, expected_dot: str) -> int:
    """Each file in ``out`` is a complete diagram or a hidden temporary; returns how many temporaries."""
    temporaries = 0
    for path in out.iterdir() if out.exists() else []:
        if path.name == "big.dot":
            assert path.read_text(encoding="utf-8") == expected_dot
        elif path.name == "big.svg":
            svg = path.read_bytes()
            assert svg.rstrip().endswith(b"</svg>"), svg[-200:]
            ET.fromstring(svg)
        else:
            assert TEMPORARY.fullmatch(path.name), f"unexpected file {path.name}"
            temporaries += 1
    return temporaries


def _snapshot(folder: Path) -> list[tuple[str, int]]:
    try:
        return sorted((e.name, e.stat().st_size) for e in os.scandir(folder))
    except FileNotFoundError:
        return []


def _kill_renders(folder: Path, out: str, delays: list[float | None], expected_dot: str) -> int:
    """Start ``render`` into ``folder/out`` and kill it after each delay, or (None) the moment the folder
    changes: in the middle of the first write. Check the folder after each kill."""
    left = 0
    for delay in delays:
        before = _snapshot(folder / out)
        process = _argmap("render", "maps", "-o", out, "-f", "svg", cwd=folder, start_new_session=True)
        if delay is not None:
            time.sleep(delay)
        else:
            while _snapshot(folder / out) == before and process.poll() is None:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # argmap and its dot: a power cut, as far as they know
        except ProcessLookupError:
            pass
        process.communicate(timeout=30)
        left += _assert_complete_or_absent(folder / out, expected_dot)
    return left


@needs_dot
def test_render_killed_at_random_moments_leaves_each_file_complete_or_absent(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "big.yaml").write_text(yaml.safe_dump(big_map(), sort_keys=False), encoding="utf-8")
    (expected,) = diagrams([str(maps)])

    started = time.monotonic()
    assert _argmap("render", "maps", "-o", "first", "-f", "svg", cwd=tmp_path).communicate(timeout=60)[1] == b""
    duration = time.monotonic() - started
    assert _assert_complete_or_absent(tmp_path / "first", expected.dot) == 0
    assert len(expected.dot) > 30_000 and len((tmp_path / "first" / "big.svg").read_bytes()) > 100_000  # large output

    # Two lanes at once (two output folders): one kills at seeded random moments over the whole run,
    # the other as soon as the folder changes, which is when a write has begun.
    kills = budget("kills", 8)
    lanes: list[list[float | None]] = [[random.Random(i).uniform(0, duration * 1.1) for i in range(kills // 2)],
                                       [None] * (kills - kills // 2)]
    with ThreadPoolExecutor(2) as pool:
        left = sum(pool.map(lambda lane: _kill_renders(tmp_path, f"out{lane}", lanes[lane], expected.dot), (0, 1)))

    for lane in (0, 1):  # the next render completes, and removes what the killed ones left
        result = CliRunner().invoke(main, ["render", str(maps), "-o", str(tmp_path / f"out{lane}"), "-f", "svg"])
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in (tmp_path / f"out{lane}").iterdir()) == ["big.dot", "big.svg"]
        assert _assert_complete_or_absent(tmp_path / f"out{lane}", expected.dot) == 0
    print(f"{kills} kills over {duration:.2f} s runs; {left} temporaries seen after kills")


def test_next_write_removes_only_its_own_stale_temporaries(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = [".m.dot.k1l2m3n4.tmp", ".m.dot.x_y.tmp"]
    kept = [".m.svg.k1l2m3n4.tmp", ".m.dot.tmp", ".m.dot.a.b.tmp", "m.dot.abc.tmp", ".m.dotx.abc.tmp", "notes.tmp"]
    for name in stale + kept:
        (out / name).write_text("left behind")
    (out / ".m.dot.folder.tmp").mkdir()
    write_atomic(out / "m.dot", b"digraph {}\n")
    assert sorted(p.name for p in out.iterdir()) == sorted([*kept, ".m.dot.folder.tmp", "m.dot"])
    assert (out / "m.dot").read_bytes() == b"digraph {}\n"


def test_writing_many_files_removes_the_stale_temporaries_of_each_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = [".m.dot.k1l2m3n4.tmp", ".m.svg.x_y.tmp", ".n.dot.abc.tmp"]
    kept = [".m.dot.tmp", ".m.dot.a.b.tmp", "m.dot.abc.tmp", ".m.dotx.abc.tmp", ".o.dot.abc.tmp", "notes.tmp"]
    for name in stale + kept:
        (out / name).write_text("left behind")
    (out / ".n.dot.folder.tmp").mkdir()
    write_all_atomic([(out / "m.dot", b"m"), (out / "m.svg", b"<svg/>"), (out / "n.dot", b"n"), (tmp_path / "new" / "p.dot", b"p")])
    assert sorted(p.name for p in out.iterdir()) == sorted([*kept, ".n.dot.folder.tmp", "m.dot", "m.svg", "n.dot"])
    assert (tmp_path / "new" / "p.dot").read_bytes() == b"p"


def test_a_failed_write_leaves_no_temporary_and_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_atomic(out / "m.dot", b"old\n")

    def full_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match=r"cannot write .*m\.dot \(No space left on device\); choose another place"):
        write_atomic(out / "m.dot", b"new\n")
    assert [p.name for p in out.iterdir()] == ["m.dot"] and (out / "m.dot").read_bytes() == b"old\n"


# ---------------------------------------------------------------- contained: nothing outside the folder


@pytest.mark.parametrize("name", ["..", ".", "../x.dot", "a/b.dot", "/etc/x.dot", ""])
def test_output_names_with_a_folder_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError):
        output_path(tmp_path / "out", name)


@pytest.mark.parametrize("file_name", ["..yaml", "...yaml", ".hidden.yaml", "-x.yaml", "a b.yaml", "ü.yaml", "a\\b.yaml",
                                       "a..yaml", "x.y.yaml"])
def test_map_file_names_cannot_write_outside_the_output_folder(tmp_path: Path, file_name: str) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / file_name).write_text(GOOD)
    result = CliRunner().invoke(main, ["render", str(maps / file_name), "-o", str(tmp_path / "out"), "-f", "dot"])
    assert_no_traceback(result.output)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    if result.exit_code == 2:
        assert "cannot be a map name" in result.output
        assert written == [Path("maps") / file_name]
    else:
        assert result.exit_code == 0, result.output
        assert written == sorted([Path("maps") / file_name, Path("out") / (Path(file_name).stem + ".dot")])


def test_a_symbolic_link_in_the_output_folder_is_not_followed(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "m.yaml").write_text(GOOD)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "m.dot").symlink_to(victim)
    result = CliRunner().invoke(main, ["render", str(maps), "-o", str(tmp_path / "out"), "-f", "dot"])
    assert_no_traceback(result.output)
    assert victim.read_text() == "precious"
    assert result.exit_code == 2 and "outside" in result.output


# ---------------------------------------------------------------- inputs are never modified


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_no_command_modifies_a_map_or_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "maps", tmp_path / "maps")
    before = _hashes(tmp_path / "maps")
    assert any(name.startswith("sources/") for name in before)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    combined = "maps/china-and-north-korea.yaml"
    commands = [
        ["check", "maps"], ["check", "maps", "--format", "json"], ["check", combined, "--format", "github", "--strict"],
        ["render", "maps", "-o", "out", "-f", "dot"], ["render", "maps", "-o", "out", "--check"],
        ["render", "maps", "--focus", "protects", "-o", "out", "-f", "dot"],
        ["export", combined, "-f", "json"], ["export", combined, "-f", "graphml", "-o", "out/c.graphml"],
        ["export", combined, "-f", "dot", "-o", "out/c.dot"],
        ["export", combined, "-o", combined],  # refused: the map itself
        ["export", combined, "-o", "maps/why-china-supports-north-korea.yaml"],  # refused: a map it includes
        ["export", combined, "-f", "argdown", "-o", "maps/sources/why-does-china-protect-north-korea.txt"],  # a source
    ]
    if shutil.which("dot"):
        commands.append(["render", combined, "-o", "out"])
    for command in commands:
        result = runner.invoke(main, command)
        assert_no_traceback(result.output)
        if command[-1].startswith("maps/"):
            assert result.exit_code == 2 and "refusing to overwrite the" in result.output, command
        else:
            assert result.exit_code in (0, 1), (command, result.output)
        assert _hashes(tmp_path / "maps") == before, command


# ---------------------------------------------------------------- the edges: Ctrl-C and a closed stdout


def test_ctrl_c_during_render_exits_130_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(GOOD)
    fake = tmp_path / "bin"
    fake.mkdir()
    marker = tmp_path / "dot-started"
    (fake / "dot").write_text(f"#!/bin/sh\necho $$ > {marker}.part && mv {marker}.part {marker}\nexec /bin/sleep 30\n")
    (fake / "dot").chmod(0o755)
    # Python leaves SIGINT ignored if its parent ignored it (a run under nohup or `&`): restore it.
    start = "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); runpy.run_module('argmap')"
    process = subprocess.Popen([sys.executable, "-c", start, "render", "m.yaml", "-o", "out"], cwd=tmp_path,
                               env=_env(PATH=f"{fake}{os.pathsep}/bin"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert time.monotonic() < deadline and process.poll() is None, process.communicate()
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: argmap and its dot get it
    out, err = process.communicate(timeout=60)
    assert_no_traceback(out.decode(), err.decode())
    assert process.returncode == 130, err
    assert err.decode().strip() == "argmap: interrupted"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    dot_pid, deadline = int(marker.read_text()), time.monotonic() + 10
    while _running(dot_pid):  # nothing is left running (a signal takes a moment to land on a busy machine)
        assert time.monotonic() < deadline, f"dot ({dot_pid}) still runs after argmap was interrupted"
        time.sleep(0.05)


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie whose parent is gone does not: this container's init may not reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.parametrize("command", [["check", "maps"], ["render", "maps", "-f", "dot"], ["export", "m.yaml"]])
def test_ctrl_c_in_any_command_exits_130(command: list[str], monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    # render and export import their modules when they run, so the functions are replaced there.
    for target in ("argmap.cli.check_paths", "argmap.diagrams.diagrams", "argmap.export.export_map"):
        monkeypatch.setattr(target, interrupted)
    try:
        code = exit_status(command)
    except KeyboardInterrupt:  # caught here, so that it does not stop the whole test session
        pytest.fail("KeyboardInterrupt escaped from argmap")
    captured = capsys.readouterr()
    assert code == 130
    assert (captured.out, captured.err.strip()) == ("", "argmap: interrupted")


@pytest.mark.parametrize(("strict", "status"), [((), 0), (("--strict",), 1)])
def test_closed_stdout_is_no_error_and_keeps_the_verdict(tmp_path: Path, strict: tuple[str, ...], status: int) -> None:
    claims = "".join(f"  claim-{i}:\n    text: Claim number {i}, which nothing relates to\n" for i in range(1200))
    (tmp_path / "m.yaml").write_text("title: Many orphans\nclaims:\n" + claims)  # 100 KB of warnings: over a pipe's 64
    command = f"set -o pipefail; {sys.executable} -m argmap check m.yaml {' '.join(strict)} | head -1"
    done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=_env(), capture_output=True, timeout=60)
    assert_no_traceback(done.stdout.decode(), done.stderr.decode())
    assert done.stderr == b""  # nor "Exception ignored ... BrokenPipeError"
    assert done.stdout.decode().startswith("m.yaml:1:1: warning AM105") and done.stdout.count(b"\n") == 1
    assert done.returncode == status
