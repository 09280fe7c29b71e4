"""Every class of bad input through the command: exit 2, one line on stderr, no traceback.

Every case runs in-process through click's ``CliRunner`` (cheap). The classes marked ``real`` also run
through the real ``python -m argmap`` in a subprocess (about 0.3 s each): those subprocesses start
together on a thread pool in a module fixture, and each case is still its own test.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import assert_no_traceback, invoke, run_cli

GOOD = "title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n"


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, str | bytes]  # name -> content; a name ending in '/' is an empty folder
    prefix: str  # stderr starts with "Error: " + this
    fragments: tuple[str, ...] = ()  # the message says what to fix
    args: tuple[str, ...] = ("m.yaml",)
    extra: tuple[str, ...] = field(default=())  # options after the paths
    real: bool = True  # also run through a real subprocess


def _m(text: str | bytes, prefix: str, *fragments: str, **kw) -> Case:
    return Case(kw.pop("id"), {"m.yaml": text}, prefix, fragments, **kw)


CASES = [
    _m(GOOD + "foo: 1\n", "m.yaml:6:1: ", "unknown key 'foo'", "title, source, url, author, date, note,"
       " sections, claims, arguments, include, expect", id="unknown-top-key"),
    _m(GOOD + "    colour: red\n", "m.yaml:6:5: ", "unknown key 'colour' in claim 'a'", "text, kind, quote, section",
       id="unknown-claim-key"),
    _m("title: T\nclaims:\n  a:\n    text: [x, y]\n", "m.yaml:4:11: ", "'text' of claim 'a' must be text, not a list", id="text-is-a-list"),
    _m(GOOD + "    supports: b\n", "m.yaml:6:15: ", "'supports' of claim 'a' must be a list", "supports: [other-claim]",
       id="supports-is-a-scalar"),
    _m("title: T\nclaims:\n  - a\n  - b\n", "m.yaml:3:3: ", "'claims' must be a mapping, not a list", id="claims-is-a-list"),
    _m("title: T\nclaims:\n  Bad_Id:\n    text: A\n", "m.yaml:3:3: ", "bad claim id 'Bad_Id'", "lowercase letters, digits and '-'",
       id="bad-id-Bad_Id"),
    _m("title: T\nclaims:\n  -x:\n    text: A\n", "m.yaml:3:3: ", "bad claim id '-x'", "starting with a letter or digit", id="bad-id-dash"),
    _m("title: T\nclaims:\n  a:\n    text: A\n    kind: fact\n", "m.yaml:5:11: ", "unknown kind 'fact'",
       "conclusion, claim, evidence, assumption", id="bad-kind"),
    _m("title: T\nclaims:\n  a:\n    kind: claim\n", "m.yaml:3:3: ", "claim 'a' has no 'text:'", id="missing-text"),
    _m("title: T\nclaims:\n  a:\n    text: ''\n", "m.yaml:4:11: ", "'text' of claim 'a' is empty", id="empty-text"),
    _m("title: T\nclaims:\n  a:\n    text:\n", "m.yaml:4:", "'text' of claim 'a' is empty", id="no-text-value", real=False),
    _m("title: T\nclaims:\n  a:\n    text: ~\n", "m.yaml:4:11: ", "'text' of claim 'a' is empty", id="null-text", real=False),
    _m("title: T\nclaims:\n  a: &a\n    text: A\n  b: *a\n", "m.yaml:3:6: ", "anchors (&a)", "write the value out", id="anchor"),
    _m("title: T\nclaims:\n  a:\n    text: A\n  b: *a\n", "m.yaml:5:6: ", "aliases (*a)", "write the value out", id="alias"),
    _m("title: T\nclaims:\n  a: !!python/object:os.system\n    text: A\n", "m.yaml:3:6: ", "tags", "python/object", "remove the tag",
       id="python-tag"),
    _m("!!python/object/apply:os.system ['echo pwned']\n", "m.yaml:1:1: ", "tags", id="python-tag-top-level", real=False),
    _m(b"title: caf\xe9\n", "m.yaml:1:11: ", "not valid UTF-8", "0xe9", "save the file as UTF-8", id="latin-1"),
    _m(b"\xef\xbb\xbftitle: T\nclaims:\n  a:\n    text: caf\xe9\n", "m.yaml:4:14: ", "not valid UTF-8",
       id="latin-1-after-utf8-bom", real=False),
    _m(GOOD.encode("utf-16"), "m.yaml:1:1: ", "UTF-16", "save it as UTF-8", id="utf-16"),
    _m(b"title: T\nclaims:\n  a:\n    text: A\x00\n", "m.yaml:4:12: ", "binary data", id="nul-byte"),
    _m(bytes(range(256)) * 4, "m.yaml:1:1: ", "binary data", id="binary-garbage"),
    _m(b"\x89PNG\r\n\x1a\n", "m.yaml:1:1: ", "not valid UTF-8", id="png-header", real=False),
    _m(b"title: T\x1b[31m\nclaims: {}\n", "m.yaml:1:9: ", "#x001b", "not allowed", id="control-character", real=False),
    _m(b"", "m.yaml:1:1: ", "the file is empty", "'title:'", id="empty-file"),
    _m("# a comment\n\n# another\n", "m.yaml:1:1: ", "the file is empty", id="only-comments"),
    _m("---\n", "m.yaml:1:1: ", "the file is empty", id="only-document-marker", real=False),
    _m("- title\n- claims\n", "m.yaml:1:1: ", "must be a YAML mapping", "not a list", id="top-level-list"),
    _m("just some words\n", "m.yaml:1:1: ", "must be a YAML mapping", "not text", id="top-level-scalar"),
    _m("title: T\nclaims:\n  a:\n    text: A\n    supports: [b, c\n  b:\n    text: B\n", "m.yaml:6:4: ", "YAML syntax error", "']'",
       id="unclosed-bracket"),
    _m('title: "T\nclaims: {}\n', "m.yaml:3:1: ", "YAML syntax error", "quoted scalar", id="unclosed-quote", real=False),
    _m("title: T\nclaims:\n  a:\n\ttext: A\n", "m.yaml:4:1: ", "tabs", "use spaces", id="tab-indentation"),
    _m(GOOD + "---\ntitle: U\n", "m.yaml:6:1: ", "one YAML document", "second '---'", id="two-documents"),
    _m("[" * 5000 + "]" * 5000 + "\n", "m.yaml:1:", "nest", id="deep-nesting"),
    _m("title: T\nclaims:\n  a:\n    text: " + "{a: " * 3000 + "x" + "}" * 3000 + "\n", "m.yaml:4:", "nest",
       id="deep-nesting-in-claim", real=False),
    _m(GOOD + "  c:\n    text: C\narguments:\n  g:\n    premises: []\n    conclusion: c\n", "m.yaml:10:15: ",
       "argument 'g' has no premises",
       "list the claims", id="argument-without-premises"),
    _m(GOOD + "arguments:\n  g:\n    conclusion: a\n", "m.yaml:7:3: ", "argument 'g' has no 'premises:'",
       id="argument-premises-missing", real=False),
    _m(GOOD + "expect:\n  a: maybe\n", "m.yaml:7:6: ", "expected label of 'a'", "in, out, undec", id="expect-bad-label"),
    _m(GOOD + "    ignore: [AM999]\n", "m.yaml:6:", "unknown rule code 'AM999'", "argmap rules", id="ignore-unknown-code", real=False),
    _m(GOOD + "x" * 200 + ": y\n", "m.yaml:1:1: ", "over the limit of 100", "--max-bytes",
       extra=("--max-bytes", "100"), id="over-max-bytes"),
    Case("include-missing", {"m.yaml": GOOD + "include: [gone]\n"}, "m.yaml:6:11: ", ("included map 'gone' not found", "gone.yaml")),
    Case("include-cycle", {"a.yaml": "title: A\ninclude: [b]\n", "b.yaml": "title: B\ninclude: [a]\n"}, "b.yaml:2:11: ",
         ("include cycle: a -> b -> a",), args=("a.yaml",)),
    Case("error-in-included-map", {"a.yaml": "title: A\ninclude: [b]\n", "b.yaml": "title: B\nclaims:\n  y:\n    txt: Y\n"},
         "b.yaml:4:5: ", ("unknown key 'txt'",), args=("a.yaml",), real=False),
    Case("path-does-not-exist", {}, "nope.yaml: ", ("no such file or folder",), args=("nope.yaml",)),
    Case("folder-without-maps", {"empty/notes.txt": "x"}, "empty: ", ("no maps here", "*.yaml"), args=("empty",)),
    Case("bad-map-file-name", {"my map.yaml": GOOD}, "my map.yaml: ", ("cannot be a map name", "rename"),
         args=("my map.yaml",), real=False),
]


REAL = [c for c in CASES if c.real]


def _write(case: Case, folder: Path) -> None:
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _assert_one_line_error(case: Case, status: int, out: str, err: str) -> None:
    assert_no_traceback(out, err)
    assert (status, out) == (2, ""), err
    assert err.startswith("Error: " + case.prefix), err
    assert err.endswith("\n") and err.count("\n") == 1, err
    for fragment in case.fragments:
        assert fragment in err, err
    if re.fullmatch(r"[^:]+:\d+:(\d+: )?", case.prefix):  # a positional error: path:line:col: message
        assert re.match(r"Error: [^:]+:\d+:\d+: \S", err), err


@pytest.fixture(scope="module")
def real_runs(tmp_path_factory) -> Iterator[dict[str, Future]]:
    base = tmp_path_factory.mktemp("bad-input")
    pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2))
    futures = {}
    for case in REAL:
        folder = base / case.id
        folder.mkdir()
        _write(case, folder)
        futures[case.id] = pool.submit(run_cli, "check", *case.args, *case.extra, cwd=folder)
    yield futures
    pool.shutdown(cancel_futures=True)


def test_case_ids_are_unique():
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", REAL, ids=[c.id for c in REAL])
def test_real_command_bad_input_is_one_line_and_exit_2(case, real_runs):
    _assert_one_line_error(case, *real_runs[case.id].result())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_one_line_and_exit_2(case, tmp_path, monkeypatch):
    _write(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke("check", *case.args, *case.extra)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    _assert_one_line_error(case, result.exit_code, result.stdout, result.stderr)


def test_real_command_accepts_good_input(tmp_path):
    """The encodings and layouts that must work, through the real command: BOM, CRLF, unicode, map#id, include."""
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "a.yaml").write_bytes(
        b"\xef\xbb\xbftitle: Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d\r\nclaims:\r\n  x:\r\n    text: yes\r\n"
        b"    kind: assumption\r\n    supports: [b#z]\r\n"
    )
    (maps / "b.yaml").write_text(
        "title: 1961\nclaims:\n  y:\n    text: '中文 😀'\n    kind: assumption\n    supports: [z]\n"
        "  z:\n    text: 1961\n    kind: conclusion\n",
        encoding="utf-8",
    )
    (maps / "both.yaml").write_text("title: Both\ninclude: [a, b]\nclaims:\n  a#x:\n    same-as: [b#y]\n")
    status, out, err = run_cli("check", cwd=tmp_path)
    assert_no_traceback(out, err)
    assert (status, out, err) == (0, "3 maps, 3 claims, 3 relations: no problems found\n", "")
    status, out, err = run_cli("check", "maps", "--format", "json", "--strict", cwd=tmp_path)
    assert (status, err) == (0, "")
    assert '"findings": []' in out


@pytest.mark.parametrize(("args", "message"), [
    (["check", "--nope"], "Error: No such option '--nope'. Did you mean '--ignore'? (see 'argmap check --help')\n"),
    (["nope"], "Error: No such command 'nope'. (see 'argmap --help')\n"),
    (["export", "m.yaml", "-o", "."], "Error: Invalid value for '-o' / '--output': File '.' is a directory."
                                      " (see 'argmap export --help')\n"),
])
def test_a_wrong_command_line_is_one_line_and_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    # click itself prints four lines (Usage, Try, a blank line, Error); `argmap` alone still prints the help.
    from argmap.cli import exit_status

    assert exit_status(args) == 2
    assert capsys.readouterr() == ("", message)
    assert exit_status([]) == 2
    assert capsys.readouterr().err.startswith("Usage: argmap [OPTIONS] COMMAND [ARGS]...")


def test_a_bug_of_argmap_is_one_line_and_exit_2_not_a_traceback(tmp_path: Path) -> None:
    # Exit 1 means findings: a crash must not pass for them (a bad glob once did).
    import subprocess
    import sys

    crash = ("import argmap.cli as cli\n"
             "def boom(*args, **kwargs): raise TypeError('simulated')\n"
             "cli.check_paths = boom\n"
             "cli.run(['check', 'm.yaml'])\n")
    (tmp_path / "m.yaml").write_text(GOOD)
    done = subprocess.run([sys.executable, "-c", crash], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "ARGMAP_TRACEBACK": ""})
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("Error: argmap failed on this input (TypeError: simulated); please report it with the command"
                           " and the files (ARGMAP_TRACEBACK=1 shows where)\n")
    shown = subprocess.run([sys.executable, "-c", crash], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                           env={**os.environ, "ARGMAP_TRACEBACK": "1"})
    assert "Traceback" in shown.stderr and "TypeError: simulated" in shown.stderr
