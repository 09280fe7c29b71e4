"""Maps from strangers (a pull request checked in CI): nothing outside the root is read or written,
no input makes argmap run for long, and every end is clean. See docs/threat-model.md.

Each test builds a small repository in ``tmp_path`` (a folder with ``.git``) and runs argmap on it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap import dot
from argmap.load import load_map_set
from argmap.model import MapError
from argmap.root import TooLarge, find_root, read_regular
from argmap.rules import quote_not_in_source
from argmap.rules.quote_not_in_source import quotes_found
from tests.helpers import REPO, assert_no_traceback, invoke

QUOTED = "title: T\nsource: {source}\nclaims:\n  a:\n    text: A\n    kind: evidence\n    quote: \"{quote}\"\n    supports: [b]\n" \
         "  b:\n    text: B\n    kind: conclusion\n"
GOOD = "title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n    supports: [b]\n  b:\n    text: B\n    kind: conclusion\n"


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "maps").mkdir()
    return repo


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str | os.PathLike[str], cwd: Path, stdout: int | None = subprocess.PIPE, timeout: float = 60,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = dict(os.environ, **(env or {}))
    environment["PYTHONPATH"] = str(REPO)
    return subprocess.run([sys.executable, "-m", "argmap", *map(str, args)], cwd=cwd, env=environment, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=timeout)


def _check(repo: Path, *args: str) -> tuple[int, str]:
    os.chdir(repo)
    result = invoke("check", *args)
    assert_no_traceback(result.output, str(result.exception or ""))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


@pytest.fixture(autouse=True)
def _keep_cwd():
    here = os.getcwd()
    yield
    os.chdir(here)


# --- reading: the root ------------------------------------------------------------------------------

@pytest.mark.parametrize("source", ["../../secret.txt", "{outside}/secret.txt", "sources/link.txt"])
def test_a_source_outside_the_root_is_an_input_error_that_answers_nothing(tmp_path: Path, source: str) -> None:
    repo = _repo(tmp_path)
    outside = tmp_path / "outside"
    _write(outside / "secret.txt", "the secret is 3f2a")
    (repo / "maps" / "sources").mkdir()
    os.symlink(outside / "secret.txt", repo / "maps" / "sources" / "link.txt")
    said = {}
    for quote in ("the secret is 3f2a", "the secret is 0000"):
        _write(repo / "maps" / "m.yaml", QUOTED.format(source=source.format(outside=outside), quote=quote))
        said[quote] = _check(repo, "maps/m.yaml")
    # One answer, whatever the quote: the file outside is never read.
    assert said["the secret is 3f2a"] == said["the secret is 0000"]
    status, output = said["the secret is 3f2a"]
    assert status == 2
    assert "lies outside the root" in output and "the repository's top" in output
    assert "3f2a" not in output


def test_outside_the_root_the_message_does_not_say_whether_the_file_exists(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(tmp_path / "there.txt", "x")
    messages = []
    for name in ("there.txt", "not-there.txt"):
        _write(repo / "maps" / "m.yaml", QUOTED.format(source=f"../../{name}", quote="x"))
        status, output = _check(repo, "maps/m.yaml")
        assert status == 2
        messages.append(output.replace(name, "NAME"))
    assert messages[0] == messages[1]


def test_a_link_out_and_back_in_is_refused_without_looking_outside(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "sources" / "s.txt", "a quote here")
    # Leaving the root even to come back is refused, so nothing outside decides the answer.
    _write(repo / "maps" / "m.yaml", QUOTED.format(source="../../repo/maps/sources/s.txt", quote="a quote"))
    assert _check(repo, "maps/m.yaml")[0] == 2


@pytest.mark.parametrize("source", ["../.git/config", "../.GIT/config", "sources/config"])
def test_the_git_folder_is_never_read(tmp_path: Path, source: str) -> None:
    # actions/checkout keeps the job's token in .git/config: quotes would probe it a character at a time.
    repo = _repo(tmp_path)
    _write(repo / ".git" / "config", "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    (repo / "maps" / "sources").mkdir()
    os.symlink("../../.git/config", repo / "maps" / "sources" / "config")
    said = set()
    for quote in ("AUTHORIZATION: basic c", "AUTHORIZATION: basic x"):
        _write(repo / "maps" / "m.yaml", QUOTED.format(source=source, quote=quote))
        status, output = _check(repo, "maps/m.yaml")
        assert status == 2 and "is inside a .git folder, which maps may not read" in output
        said.add(output)
    assert len(said) == 1
    os.chdir(repo)
    result = invoke("render", "maps", "-f", "dot", "-o", ".git/diagrams")
    assert result.exit_code == 2 and "inside a .git folder" in result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/proc/self/environ"])
def test_devices_and_proc_files_are_never_read(tmp_path: Path, device: str) -> None:
    repo = _repo(tmp_path)
    (repo / "maps" / "sources").mkdir()
    os.symlink(device, repo / "maps" / "sources" / "s.txt")
    for source in (device, "sources/s.txt"):
        _write(repo / "maps" / "m.yaml", QUOTED.format(source=source, quote="PATH"))
        status, output = _check(repo, "maps/m.yaml")
        assert status == 2 and "lies outside the root" in output


def test_a_named_pipe_inside_the_root_is_not_read(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "maps" / "sources").mkdir()
    os.mkfifo(repo / "maps" / "sources" / "s.txt")
    _write(repo / "maps" / "m.yaml", QUOTED.format(source="sources/s.txt", quote="x"))
    done = _run("check", "maps/m.yaml", cwd=repo, timeout=30)  # a blocking read would hang here
    assert done.returncode == 1
    assert b"source 'sources/s.txt' is a named pipe, not a regular file" in done.stdout


def test_a_loop_of_links_is_an_error_not_a_hang(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "maps" / "sources").mkdir()
    os.symlink("b.txt", repo / "maps" / "sources" / "a.txt")
    os.symlink("a.txt", repo / "maps" / "sources" / "b.txt")
    _write(repo / "maps" / "m.yaml", QUOTED.format(source="sources/a.txt", quote="x"))
    status, output = _check(repo, "maps/m.yaml")
    assert status == 1
    assert "source file 'sources/a.txt' cannot be read (Too many levels of symbolic links)" in output


def test_a_file_that_says_it_is_empty_is_still_read_only_to_the_limit() -> None:
    # /proc files say they hold 0 bytes; the limit holds as they are read.
    with pytest.raises(TooLarge):
        read_regular("/proc/self/status", 10)
    assert read_regular("/proc/self/status", 1 << 20).startswith(b"Name:")


def test_a_source_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "sources" / "s.txt", "x" * 1000)
    _write(repo / "maps" / "m.yaml", QUOTED.format(source="sources/s.txt", quote="x"))
    status, output = _check(repo, "maps/m.yaml", "--max-bytes", "500")
    assert status == 2
    assert "m.yaml:2:9: source file 'sources/s.txt' is larger than the limit of 500 bytes; shorten it or raise --max-bytes" in output


def test_maps_in_a_folder_that_lead_outside_are_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(tmp_path / "elsewhere.yaml", GOOD)
    os.symlink(tmp_path / "elsewhere.yaml", repo / "maps" / "m.yaml")
    status, output = _check(repo, "maps")
    assert status == 2 and "maps/m.yaml: is a symbolic link leading outside the root" in output


def test_an_include_through_a_link_outside_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(tmp_path / "other.yaml", GOOD)
    os.symlink(tmp_path / "other.yaml", repo / "maps" / "other.yaml")
    _write(repo / "maps" / "m.yaml", GOOD + "include: [other]\n")
    status, output = _check(repo, "maps/m.yaml")
    assert status == 2 and "map 'other' (other.yaml) is a symbolic link leading outside the root" in output


def test_links_inside_the_root_are_followed(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "texts" / "s.txt", "A quote, exactly.")
    (repo / "maps" / "sources").mkdir()
    os.symlink("../../texts/s.txt", repo / "maps" / "sources" / "s.txt")
    _write(repo / "maps" / "m.yaml", QUOTED.format(source="sources/s.txt", quote="A quote, exactly."))
    _write(repo / "maps" / "n.yaml", QUOTED.format(source="../texts/s.txt", quote="A quote, exactly."))
    assert _check(repo, "maps")[0] == 0
    # A map that is a link: its source and includes are found beside the link, as before.
    _write(repo / "versions" / "v2.yaml", QUOTED.format(source="sources/s.txt", quote="A quote, exactly.")
           + "include: [n]\n")
    os.symlink("../versions/v2.yaml", repo / "maps" / "current.yaml")
    assert _check(repo, "maps/current.yaml")[0] == 0


def test_the_root_is_the_repository_top_or_given_or_the_map_folder(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "m.yaml", GOOD)
    assert find_root(repo / "maps" / "m.yaml").real == repo.resolve()
    assert find_root(repo / "maps").how == ".git"
    assert find_root(repo / "maps", repo / "maps").real == (repo / "maps").resolve()
    # A folder with no .git above it (tmp_path has one: tests/conftest.py puts it above every test's folder).
    with tempfile.TemporaryDirectory() as outside:
        bare = _write(Path(outside) / "bare" / "maps" / "m.yaml", GOOD)
        assert find_root(bare.parent).real == bare.parent.resolve() and find_root(bare.parent).how == "folder"
    # --root narrows what a map may read
    _write(repo / "texts" / "s.txt", "A")
    _write(repo / "maps" / "m.yaml", QUOTED.format(source="../texts/s.txt", quote="A"))
    assert _check(repo, "maps/m.yaml")[0] == 0
    status, output = _check(repo, "maps/m.yaml", "--root", "maps")
    assert status == 2 and "(the --root folder)" in output
    with pytest.raises(MapError, match="lies outside the root"):
        load_map_set([repo / "maps" / "m.yaml"], root=_write(tmp_path / "elsewhere" / "x.txt", "").parent)


def test_a_dangling_link_or_a_folder_named_like_a_map_is_an_error(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "m.yaml", GOOD)
    os.symlink("gone.yaml", repo / "maps" / "x.yaml")
    status, output = _check(repo, "maps")
    assert status == 2 and "maps/x.yaml: is a symbolic link to a file that does not exist" in output
    assert _check(repo, "maps/x.yaml")[0] == 2
    os.unlink(repo / "maps" / "x.yaml")
    (repo / "maps" / "y.yaml").mkdir()
    status, output = _check(repo, "maps")
    assert status == 2 and "maps/y.yaml: is a folder, not a map file" in output
    os.rmdir(repo / "maps" / "y.yaml")
    os.mkfifo(repo / "maps" / "p.yaml")
    done = _run("check", "maps/p.yaml", cwd=repo, timeout=30)
    assert done.returncode == 2 and b"maps/p.yaml: is a named pipe, not a map file" in done.stderr


# --- writing: the output folder ---------------------------------------------------------------------

def test_an_output_folder_that_links_outside_the_root_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "m.yaml", GOOD)
    victim = tmp_path / "victim"
    _write(victim / "m.dot", "precious")
    os.symlink(victim, repo / "render")
    os.chdir(repo)
    for args in (["render", "maps", "-f", "dot"], ["render", "maps", "-f", "dot", "-o", "render/sub"]):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert "a symbolic link on its path leads outside" in result.stderr
    assert (victim / "m.dot").read_text() == "precious" and not (victim / "sub").exists()
    result = invoke("export", "maps/m.yaml", "-o", "render/m.json")
    assert result.exit_code == 2 and "a symbolic link on its path leads outside" in result.stderr
    # A folder the user names outside the root is theirs to choose.
    result = invoke("render", "maps", "-f", "dot", "-o", str(tmp_path / "diagrams"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "diagrams" / "m.dot").is_file()


def test_output_names_that_collide_are_an_input_error_naming_both(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "a.yaml", GOOD)
    _write(repo / "maps" / "a.b.yaml", GOOD)
    os.chdir(repo)
    result = invoke("render", "maps", "-f", "dot", "--per-conclusion")
    assert result.exit_code == 2
    assert "map 'a.b' (maps/a.b.yaml) and conclusion 'b' of map 'a' (maps/a.yaml)" in result.stderr
    assert not (repo / "render").exists()
    os.unlink(repo / "maps" / "a.b.yaml")
    _write(repo / "maps" / "a.a.yaml", GOOD)  # claim 'a' of map 'a' drawn with --focus a
    result = invoke("render", "maps", "-f", "dot")
    assert result.exit_code == 2 and "map 'a.a' (maps/a.a.yaml) and claim 'a' of map 'a' (maps/a.yaml)" in result.stderr
    os.unlink(repo / "maps" / "a.a.yaml")
    _write(repo / "maps" / "a.grounded.yaml", GOOD)
    for extra in ([], ["--evaluate"]):
        result = invoke("render", "maps", "-f", "dot", *extra)
        assert result.exit_code == 2, result.output
        assert "map 'a.grounded' (maps/a.grounded.yaml)" in result.stderr and "map 'a' (maps/a.yaml)" in result.stderr



def test_a_claim_id_too_long_for_a_file_name_is_an_input_error_before_anything_is_written(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    long_id = "a" * 300  # a valid id (a YAML key takes 1,024), but <map>.<id>.svg is past 255 bytes
    _write(repo / "maps" / "m.yaml", f"title: T\nclaims:\n  {long_id}:\n    text: C\n    kind: conclusion\n")
    os.chdir(repo)
    result = invoke("render", "maps", "-f", "dot", "--per-conclusion")
    assert result.exit_code == 2 and "a file name longer than a file system takes (255 bytes)" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (repo / "render").exists()



def test_export_o_never_replaces_a_link_a_pipe_or_a_device(tmp_path: Path) -> None:
    # The rename into place put a file where the name was: run as root, -o /dev/full replaced the device.
    repo = _repo(tmp_path)
    _write(repo / "maps" / "m.yaml", GOOD)
    os.chdir(repo)
    os.mkfifo("pipe")
    (repo / "link").symlink_to("elsewhere.txt")
    for name, kind in (("pipe", "a named pipe"), ("link", "a symbolic link"), ("/dev/null", "a device")):
        result = invoke("export", "maps/m.yaml", "-f", "apx", "-o", name)
        assert result.exit_code == 2 and f"it is {kind}, not a file" in result.stderr, name
    assert Path("pipe").is_fifo() and Path("link").is_symlink() and not Path("elsewhere.txt").exists()
    assert Path("/dev/null").is_char_device()
    Path("render").mkdir()  # render's files go through the same write
    os.mkfifo("render/m.dot")
    result = invoke("render", "maps/m.yaml", "-o", "render", "-f", "dot")
    assert result.exit_code == 2 and "render/m.dot: it is a named pipe, not a file" in result.stderr
    assert Path("render/m.dot").is_fifo()


# --- clean ends -------------------------------------------------------------------------------------

def _fake_dot(folder: Path, body: str) -> dict[str, str]:
    bin_ = folder / "bin"
    bin_.mkdir(exist_ok=True)
    (bin_ / "dot").write_text("#!/bin/sh\n" + body)
    (bin_ / "dot").chmod(0o755)
    return {"PATH": f"{bin_}:{os.environ['PATH']}"}


def test_a_dot_that_writes_nothing_is_an_error(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "m.yaml", GOOD)
    done = _run("render", "maps", cwd=repo, env=_fake_dot(tmp_path, "cat > /dev/null\nexit 0\n"))
    assert done.returncode == 2
    assert b"Graphviz's dot wrote no svg (it exited 0 with no output)" in done.stderr
    assert not (repo / "render").exists()


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_kills_graphviz_and_leaves_the_outputs_as_they_were(tmp_path: Path, sent: signal.Signals) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "m.yaml", GOOD)
    _write(repo / "maps" / "n.yaml", GOOD)
    _write(repo / "render" / "m.dot", "old")
    pid_file = tmp_path / "dot.pid"
    # The first layout is quick, the second hangs: the signal comes while one layout is done.
    env = _fake_dot(tmp_path, f'if [ -e {tmp_path}/first ]; then echo $$ > {pid_file}; exec sleep 60; fi\n'
                              f'touch {tmp_path}/first; cat > /dev/null; echo "<svg/>"\n')
    environment = dict(os.environ, **env, PYTHONPATH=str(REPO))
    # As a user's shell starts it: with SIGINT not ignored (a background job's shell ignores it, and
    # argmap keeps an ignored signal ignored).
    process = subprocess.Popen([sys.executable, "-m", "argmap", "render", "maps"], cwd=repo, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    dot_pid = int(pid_file.read_text())
    process.send_signal(sent)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + sent, err
    assert err.decode().strip().endswith({signal.SIGTERM: "terminated", signal.SIGINT: "interrupted", signal.SIGHUP: "hung up"}[sent])
    assert_no_traceback(err.decode())
    for _ in range(100):  # the killed dot is reaped by argmap; give the system a moment
        try:
            os.kill(dot_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(dot_pid, signal.SIGKILL)
        pytest.fail("Graphviz's dot was left running")
    assert sorted(p.name for p in (repo / "render").iterdir()) == ["m.dot"]
    assert (repo / "render" / "m.dot").read_text() == "old"


def test_a_stdout_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "m.yaml", GOOD)
    for args in (["check", "maps"], ["export", "maps/m.yaml"], ["evaluate", "maps/m.yaml"], ["rules"], ["--help"]):
        with open("/dev/full", "wb") as full:
            done = _run(*args, cwd=repo, stdout=full.fileno())
        assert done.returncode == 2, done.stderr
        assert done.stderr == b"Error: cannot write to standard output (No space left on device)\n"
    done = subprocess.run([sys.executable, "-m", "argmap", "check", "maps"], cwd=repo, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(REPO)),
                          preexec_fn=lambda: os.close(1), timeout=60)
    assert done.returncode == 2 and done.stderr == b"Error: cannot write to standard output (it is closed)\n"


ESCAPES = "title: T\nclaims:\n  a:\n    text: \"\\e]0;owned\\a\\x9b31m red\"\n    supports: [b]\n  b:\n    text: B\n" \
          "    kind: conclusion\n"


def test_control_characters_in_map_text_are_escaped_in_what_argmap_prints(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "maps" / "m.yaml", ESCAPES)
    os.chdir(repo)
    outputs = [invoke("evaluate", "maps/m.yaml").output, invoke("brief", "maps/m.yaml", "b").output,
               invoke("export", "maps/m.yaml", "-f", "argdown").output, invoke("export", "maps/m.yaml", "-f", "graphml").output,
               invoke("export", "maps/m.yaml", "-f", "json").output]
    for output in outputs:
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", output), output
    assert "\\x1b]0;owned\\x07" in outputs[0]
    assert "\\u009b31m" in outputs[4]
    _write(repo / "maps" / "m.yaml", "title: T\nclaims:\n  \"a\\e[2J\":\n    text: A\n")
    result = invoke("check", "maps/m.yaml")
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "a\\x1b[2J" in result.stderr


# --- cost bounded by the input's size -----------------------------------------------------------------

def _quantified(pattern: str) -> list[str]:
    """Problems of ``pattern``: a repeat inside a repeat, or two repeats next to each other (with only
    optional items between) that can take the same character: the shapes that backtrack."""
    from re import _parser as parser  # type: ignore[attr-defined]

    repeats = (parser.MAX_REPEAT, parser.MIN_REPEAT, getattr(parser, "POSSESSIVE_REPEAT", None))
    problems: list[str] = []

    def chars(item: tuple) -> set[str] | None:  # type: ignore[type-arg]
        """The characters ``item`` can start with (None: any)."""
        op, arg = item
        if op is parser.LITERAL:
            return {chr(arg)}
        if op is parser.IN:
            out: set[str] = set()
            for kind, value in arg:
                if kind is parser.LITERAL:
                    out.add(chr(value))
                elif kind is parser.RANGE:
                    out.update(chr(c) for c in range(value[0], min(value[1], 0x3000) + 1))
                else:
                    return None
            return out
        if op in repeats:
            return chars(arg[2][0]) if len(arg[2]) else set()
        if op is parser.SUBPATTERN:
            return chars(arg[-1][0]) if len(arg[-1]) else set()
        return None

    def overlap(a: set[str] | None, b: set[str] | None) -> bool:
        return a is None or b is None or bool(a & b)

    def walk(items: list, inside_repeat: bool) -> None:  # type: ignore[type-arg]
        last: tuple | None = None  # type: ignore[type-arg]
        for item in items:
            op, arg = item
            if op in repeats:
                low, high, body = arg
                many = high is parser.MAXREPEAT or high > 1
                if many and inside_repeat:
                    problems.append("nested quantifiers")
                if many and last is not None and overlap(chars(last), chars(item)):
                    problems.append("adjacent quantifiers")
                walk(list(body), inside_repeat or many)
                if many:
                    last = item
                elif low == 0:
                    pass  # optional: the one before still touches the one after
                else:
                    last = None
                continue
            if op is parser.SUBPATTERN:
                walk(list(arg[-1]), inside_repeat)
            elif op is parser.BRANCH:
                for branch in arg[1]:
                    walk(list(branch), inside_repeat)
            last = None if op not in (parser.AT,) else last

    walk(list(parser.parse(pattern)), False)
    return problems


def _module_patterns() -> list[tuple[str, str]]:
    import importlib
    import pkgutil

    import argmap

    found = []
    for info in pkgutil.walk_packages(argmap.__path__, "argmap."):
        if info.name == "argmap.__main__":  # importing it runs the command line
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{info.name}.{name}", value.pattern))
    return found


def test_the_backtracking_shapes_are_recognised() -> None:
    assert _quantified(r"^([0-9]+\.?[0-9]*|[0-9]*\.[0-9]+)$") == ["adjacent quantifiers"]
    assert _quantified(r'^[_a-zA-Z][a-zA-Z0-9_:"]*[a-zA-Z0-9_"]+$') == ["adjacent quantifiers"]
    assert _quantified(r"(a+)+b") == ["nested quantifiers"]
    assert _quantified(r"\s*#.*") == []
    assert _quantified(r"[0-9]+(?:\.[0-9]*)?$") == []


@pytest.mark.parametrize("name,pattern", _module_patterns())
def test_no_regular_expression_can_backtrack(name: str, pattern: str) -> None:
    assert _quantified(pattern) == [], f"{name} = {pattern!r}"


@given(st.text(alphabet='0123456789.:"_aZ-\n ', max_size=12))
def test_the_rewritten_pydot_patterns_match_what_pydot_matched(s: str) -> None:
    assert bool(dot._NUMERIC.match(s)) == bool(re.match(r"^([0-9]+\.?[0-9]*|[0-9]*\.[0-9]+)$", s))
    assert bool(dot._WORD_WITH_PORTS.match(s)) == bool(re.match(r'^[_a-zA-Z][a-zA-Z0-9_:"]*[a-zA-Z0-9_"]+$', s))


def test_a_hostile_quote_search_is_settled_by_the_linear_automaton(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    automaton = quote_not_in_source.quotes_found_by_automaton
    monkeypatch.setattr(quote_not_in_source, "quotes_found_by_automaton",
                        lambda text, quotes: calls.append(len(set(quotes))) or automaton(text, quotes))
    text = " ".join(["a"] * 20_000)
    quotes = [" ".join(["a"] * (20 + i % 50)) + f" b{i}" for i in range(1000)] + ["a a a a", "b a"]
    assert quotes_found(text, quotes) == {"a a a a"}
    assert calls, "the word index did all the work, comparing every quote almost everywhere"


@given(st.text(alphabet="ab ", max_size=40), st.lists(st.text(alphabet="ab ", max_size=10), max_size=12))
def test_the_automaton_finds_exactly_the_substrings(text: str, quotes: list[str]) -> None:
    assert quote_not_in_source.quotes_found_by_automaton(text, quotes) == {q for q in quotes if q in text}


@given(st.text(alphabet="ab \u2019", max_size=60), st.lists(st.text(alphabet="ab \u2019", max_size=8), max_size=20))
def test_the_automaton_in_small_batches_finds_the_same(text: str, quotes: list[str]) -> None:
    batch = quote_not_in_source.BATCH
    quote_not_in_source.BATCH = 5  # several passes, each over a few quotes
    try:
        assert quote_not_in_source.quotes_found_by_automaton(text, quotes) == {q for q in quotes if q in text}
    finally:
        quote_not_in_source.BATCH = batch
