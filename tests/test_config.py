"""The configuration file: where it is found, what it may say, how the command line overrides it,
and that check, render and the pre-commit hooks all apply it the same way."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from argmap.config import Config, expand_codes, find_config, glob_pattern, load_config, parse_config
from argmap.model import MapError
from tests.helpers import REPO, invoke, write_map

TREES = """
title: Trees
claims:
  plant-trees:
    text: The town should plant more trees.
    kind: conclusion
  cooler-streets:
    text: More trees would make our streets cooler.
    supports: [plant-trees]
  shade-cools:
    text: Shade keeps a street cool in summer.
    supports: [cooler-streets]
"""
CLEAN = """
title: Clean
claims:
  c:
    text: C
    kind: conclusion
  e:
    text: E
    kind: assumption
    supports: [c]
"""
WARN = """
title: Warn
claims:
  lonely:
    text: L
"""


def run(*args: str) -> tuple[int, str, str]:
    result = invoke(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def codes(out: str) -> list[tuple[str, str]]:
    """(file, code) of each finding line of text output."""
    found = []
    for line in out.splitlines()[:-1]:
        path, _, rest = line.partition(":")
        found.append((path, rest.split(" ")[2]))
    return found


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with maps/trees.yaml and maps/legacy/trees-old.yaml (AM101 and two AM103 each)."""
    (tmp_path / ".git").mkdir()
    write_map(tmp_path, TREES, "maps/trees")
    write_map(tmp_path, TREES, "maps/legacy/trees-old")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def configure(folder: Path, text: str, name: str = "pyproject.toml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


PER_FOLDER = """
[project]
name = "maps-of-the-town"

[tool.argmap]
paths = ["maps", "maps/legacy"]

[tool.argmap.per-file-ignores]
"maps/legacy/" = ["AM103"]
"""


# ------------------------------------------------------------------- the acceptance: one folder exempt


def test_a_rule_ignored_for_one_folder_by_check(repo: Path) -> None:
    configure(repo, PER_FOLDER)
    status, out, err = run("check")
    assert (status, err) == (1, "")
    assert codes(out) == [
        ("maps/legacy/trees-old.yaml", "AM101"),
        ("maps/trees.yaml", "AM101"), ("maps/trees.yaml", "AM103"), ("maps/trees.yaml", "AM103"),
    ]
    assert out.splitlines()[-1] == "2 maps, 6 claims, 4 relations: 2 errors, 2 warnings"
    status, document, _ = run("check", "--format", "json")
    assert [f["code"] for f in json.loads(document)["findings"]] == ["AM101", "AM101", "AM103", "AM103"]


def test_a_rule_ignored_for_one_folder_from_a_folder_below(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(repo, PER_FOLDER)
    monkeypatch.chdir(repo / "maps" / "legacy")
    status, out, _ = run("check")
    assert codes(out) == [("../trees.yaml", "AM101"), ("../trees.yaml", "AM103"), ("../trees.yaml", "AM103"),
                          ("trees-old.yaml", "AM101")]
    assert status == 1


def test_a_rule_ignored_for_one_folder_by_render(repo: Path) -> None:
    configure(repo, PER_FOLDER)
    status, out, _ = run("render", "-f", "dot")
    assert (status, out) == (0, "wrote 2 files for 2 diagrams into render\n")
    legacy = (repo / "render" / "trees-old.dot").read_text(encoding="utf-8")
    current = (repo / "render" / "trees.dot").read_text(encoding="utf-8")
    assert "AM101" in legacy and "AM103" not in legacy
    assert current.count("AM103 unsupported-premise") == 2


def test_a_rule_ignored_for_one_folder_by_the_diagram_exports(repo: Path) -> None:
    configure(repo, PER_FOLDER)
    for fmt in ("dot", "mermaid"):
        legacy = run("export", "maps/legacy/trees-old.yaml", "-f", fmt)[1]
        current = run("export", "maps/trees.yaml", "-f", fmt)[1]
        assert "AM101" in legacy and "AM103" not in legacy and current.count("AM103 unsupported-premise") == 2, fmt
        assert run("export", "maps/legacy/trees-old.yaml", "-f", fmt, "--isolated")[1].count("AM103 unsupported-premise") == 2


def _hook(hook_id: str) -> list[str]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == hook_id]
    assert hook["pass_filenames"] is False
    words = hook["entry"].split() + list(hook.get("args", []))
    assert words[0] == "argmap"
    return words[1:]


def _as_hook(cwd: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: the hook's entry and args, from the top of the repository."""
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_a_rule_ignored_for_one_folder_by_the_pre_commit_hooks(repo: Path) -> None:
    configure(repo, PER_FOLDER + '\n[tool.argmap.render]\noutput = "diagrams"\nformat = "dot"\n')
    checked = _as_hook(repo, _hook("argmap-check"))
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout == run("check")[1]  # exactly what check by hand reports
    stale = _as_hook(repo, _hook("argmap-render-check"))
    assert (stale.returncode, stale.stdout.splitlines()[-1]) == (
        1, "2 of 2 diagrams are stale; run: argmap render maps maps/legacy -o diagrams")
    assert run("render")[0] == 0  # into diagrams/, as dot, by the configuration
    assert sorted(p.name for p in (repo / "diagrams").iterdir()) == ["trees-old.dot", "trees.dot"]
    fresh = _as_hook(repo, _hook("argmap-render-check"))
    assert (fresh.returncode, fresh.stdout) == (0, "2 diagrams in diagrams are up to date\n")
    assert "AM103" not in (repo / "diagrams" / "trees-old.dot").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------ finding the file


def test_the_nearest_file_applies_and_walks_stop_at_the_repository(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    deep = tmp_path / "repo" / "a" / "b"
    deep.mkdir(parents=True)
    configure(tmp_path, "strict = true\n", "argmap.toml")  # outside the repository: never read from inside it
    assert find_config(deep) is None
    configure(tmp_path / "repo", "[project]\nname = 'x'\n")  # a pyproject.toml without [tool.argmap] is passed over
    assert find_config(deep) is None
    configure(tmp_path / "repo", "[project]\nname = 'argmap-maps'\n")  # names argmap, configures nothing
    assert find_config(deep) is None
    top = configure(tmp_path / "repo", "[tool]\nargmap.strict = true\n")  # a dotted key is a [tool.argmap] too
    assert find_config(deep) == top and load_config(start=deep).strict is True
    top = configure(tmp_path / "repo", "[tool.argmap]\nstrict = true\n")
    assert find_config(deep) == top
    middle = configure(tmp_path / "repo" / "a", "strict = false\n", "argmap.toml")
    assert find_config(deep) == middle
    hidden = configure(tmp_path / "repo" / "a", "strict = false\n", ".argmap.toml")
    assert find_config(deep) == hidden  # .argmap.toml, then argmap.toml, then pyproject.toml in one folder
    assert find_config(tmp_path) == tmp_path / "argmap.toml"


def test_this_repositorys_own_pyproject_configures_nothing() -> None:
    # The README's and docs' console examples, run from the top of this repository, show argmap's defaults.
    assert find_config(REPO) is None
    assert load_config(start=REPO) == Config(root=load_config(start=REPO).root)


def test_config_and_isolated_options(repo: Path) -> None:
    configure(repo, PER_FOLDER)
    other = configure(repo, 'paths = ["maps/legacy"]\nignore = ["AM101"]\n', "ci.toml")
    status, out, _ = run("check", "--config", str(other))
    assert (status, codes(out)) == (0, [("maps/legacy/trees-old.yaml", "AM103")] * 2)
    status, out, _ = run("check", "--isolated", "maps/legacy")
    assert codes(out) == [("maps/legacy/trees-old.yaml", "AM101"), *[("maps/legacy/trees-old.yaml", "AM103")] * 2]
    assert run("check", "--isolated")[0:2] == (1, run("check", "--isolated", "maps")[1])  # default maps/ again


# ------------------------------------------------------------------------------------ what it may say


def test_rule_selection() -> None:
    every = expand_codes(["ALL"])
    assert expand_codes(["AM1"]) == {"AM101", "AM102", "AM103", "AM104", "AM105"}
    assert expand_codes(["orphan-claim", "am301"]) == {"AM104", "AM301"}
    assert Config().enabled_codes() == every
    config = parse_config('select = ["AM1", "AM2"]\nextend-select = ["AM301"]\nignore = ["AM103", "AM2"]\n', "argmap.toml")
    assert config.enabled_codes() == {"AM101", "AM102", "AM104", "AM105", "AM301"}
    # The command line: --select replaces the file's whole selection; --extend-select wins over its ignore.
    assert config.enabled_codes(select=["AM2"]) == {"AM201", "AM202", "AM203", "AM204", "AM205"}
    assert config.enabled_codes(extend_select=["AM103"]) == {"AM101", "AM102", "AM103", "AM104", "AM105", "AM301"}
    assert config.enabled_codes(ignore=["AM101"]) == {"AM102", "AM104", "AM105", "AM301"}


def test_selection_on_the_command_line_wins(repo: Path) -> None:
    configure(repo, '[tool.argmap]\nignore = ["AM103"]\n')
    assert codes(run("check", "maps/trees.yaml")[1]) == [("maps/trees.yaml", "AM101")]
    assert codes(run("check", "maps/trees.yaml", "--extend-select", "unsupported-premise")[1]) == [
        ("maps/trees.yaml", "AM101"), ("maps/trees.yaml", "AM103"), ("maps/trees.yaml", "AM103")]
    assert codes(run("check", "maps/trees.yaml", "--select", "AM103")[1]) == [("maps/trees.yaml", "AM103")] * 2
    assert run("check", "maps/trees.yaml", "--ignore", "AM1")[0:2] == (
        0, "1 map, 3 claims, 2 relations: no problems found\n")
    status, out, err = run("check", "maps/trees.yaml", "--select", "AM9")
    assert (status, out, err) == (2, "", "Error: unknown rule 'AM9'; give a code (AM103), a prefix (AM1), ALL or a rule name;"
                                          " see `argmap rules`\n")


def test_severity_and_strict(repo: Path) -> None:
    write_map(repo, WARN, "maps/warn")
    configure(repo, '[tool.argmap]\npaths = ["maps/warn.yaml"]\n')
    assert run("check")[0] == 0
    configure(repo, '[tool.argmap]\npaths = ["maps/warn.yaml"]\nstrict = true\n')
    assert run("check")[0] == 1
    assert run("check", "--no-strict")[0] == 0
    configure(repo, '[tool.argmap]\npaths = ["maps/warn.yaml"]\n[tool.argmap.severity]\norphan-claim = "error"\n')
    status, out, _ = run("check")
    assert (status, out) == (1, "maps/warn.yaml:1:1: warning AM105 no-conclusion: map 'warn' has no conclusion; mark the claim"
                                " it argues for with kind: conclusion\n"
                                "maps/warn.yaml:3:3: error AM104 orphan-claim: 'lonely' has no relation to any other claim\n"
                                "1 map, 1 claim, 0 relations: 1 error, 1 warning\n")


@pytest.mark.parametrize("order", [("AM1", "orphan-claim"), ("orphan-claim", "AM1")])
def test_the_narrower_severity_wins_in_any_order(order: tuple[str, str]) -> None:
    # AM1 = "error" then orphan-claim = "warning" made AM104 a warning; the other way round an error.
    levels = {"AM1": "error", "orphan-claim": "warning"}
    text = "[severity]\n" + "".join(f'{key} = "{levels[key]}"\n' for key in order)
    severity = parse_config(text, "argmap.toml").severity
    assert (severity["AM104"], severity["AM101"]) == ("warning", "error")


def test_exclude_leaves_files_out_of_folders_only(repo: Path) -> None:
    write_map(repo, CLEAN, "maps/clean")
    configure(repo, '[tool.argmap]\nexclude = ["trees*.yaml"]\n')
    assert run("check")[0:2] == (0, "1 map, 2 claims, 1 relation: no problems found\n")
    assert run("check", "maps/trees.yaml")[0] == 1  # a file named on the command line is checked
    status, _, err = run("check", "maps/legacy")
    assert (status, err) == (2, "Error: maps/legacy: every map here is excluded by the configuration's 'exclude';"
                                " name a map or change 'exclude'\n")


def test_render_defaults_and_flags_win(repo: Path) -> None:
    configure(repo, '[tool.argmap]\npaths = ["maps"]\n[tool.argmap.render]\noutput = "out"\nformat = "dot"\nrankdir = "tb"\n')
    assert run("render")[0:2] == (0, "wrote 1 file for 1 diagram into out\n")
    assert "rankdir=TB" in (repo / "out" / "trees.dot").read_text(encoding="utf-8")
    assert run("render", "-o", "elsewhere", "--rankdir", "LR")[0:2] == (0, "wrote 1 file for 1 diagram into elsewhere\n")
    assert "rankdir=LR" in (repo / "elsewhere" / "trees.dot").read_text(encoding="utf-8")


def test_overview_threshold_from_the_configuration(repo: Path) -> None:
    from argmap.generate import write_generated

    write_generated(repo / "big" / "big.yaml", 60, seed=1)
    configure(repo, '[tool.argmap]\npaths = ["big"]\n[tool.argmap.render]\nformat = "dot"\noverview-above = 20\n')
    run("render")
    overview = (repo / "render" / "big.dot").read_text(encoding="utf-8")
    run("render", "--overview-above", "150")
    full = (repo / "render" / "big.dot").read_text(encoding="utf-8")
    assert "folded" in overview.lower() and "folded" not in full.lower()


def test_globs() -> None:
    paths = ["maps/legacy/a.yaml", "maps/x.yaml", "a.yaml", "maps/legacy/deep/b.yaml"]

    def matched(glob: str) -> list[str]:
        return [p for p in paths if glob_pattern(glob).search(p)]

    assert matched("maps/legacy") == matched("maps/legacy/") == matched("maps/legacy/**") == [paths[0], paths[3]]
    assert matched("maps/legacy/*") == [paths[0], paths[3]]  # the folder deep/ matches, and so what is in it
    assert matched("maps/legacy/*.yaml") == [paths[0]]
    assert matched("a.yaml") == [paths[0], paths[2]]  # no slash: a name in any folder
    assert matched("/a.yaml") == [paths[2]]
    assert matched("**/b.yaml") == [paths[3]]
    assert matched("maps/[!l]*.yaml") == [paths[1]]


# ------------------------------------------------------------------------------------ bad configuration


BAD = [
    ("argmap.toml", "selct = []\n", "argmap.toml:1: unknown setting 'selct' in the top level; did you mean 'select'?"),
    ("argmap.toml", "strict = true\nignore = [\n  \"AM101\",\n  \"AM999\",\n]\n",
     "argmap.toml:4: unknown rule 'AM999' in 'ignore'; give a code (AM103), a prefix (AM1), ALL or a rule name;"
     " see `argmap rules`"),
    ("argmap.toml", "strict = \"yes\"\n", "argmap.toml:1: 'strict' must be true or false"),
    ("argmap.toml", "paths = 3\n", "argmap.toml:1: 'paths' must be a list of strings, like paths = [\"...\"]"),
    ("argmap.toml", "\n[render]\nformat = \"gif\"\n", "argmap.toml:3: 'format' must be one of svg, png, pdf, dot, html, not 'gif'"),
    ("argmap.toml", "[render]\nrankdir = \"up\"\n", "argmap.toml:2: 'rankdir' must be one of TB, LR, BT, RL, not 'up'"),
    ("argmap.toml", "[render]\noverview-above = 0\n", "argmap.toml:2: 'overview-above' must be a whole number of claims, 1 or more"),
    ("argmap.toml", "[render]\nouput = \"r\"\n", "argmap.toml:2: unknown setting 'ouput' in [render]; did you mean 'output'?"),
    ("argmap.toml", "[severity]\nAM101 = \"info\"\n",
     "argmap.toml:2: the severity of 'AM101' must be \"error\" or \"warning\", not 'info'"),
    ("argmap.toml", "[severity]\nAM1O1 = \"error\"\n", "argmap.toml:2: unknown rule 'AM1O1' in [severity]; see `argmap rules`"),
    ("argmap.toml", "[per-file-ignores]\n\"maps/*\" = [\"nope\"]\n",
     "argmap.toml:2: unknown rule 'nope' in 'maps/*'; give a code (AM103), a prefix (AM1), ALL or a rule name; see `argmap rules`"),
    ("argmap.toml", "strict = true\nstrict = false\n",
     "argmap.toml:2: this is not valid TOML (cannot overwrite a value); correct the syntax"),
    ("argmap.toml", "paths = [\"maps\"\n", "argmap.toml:1: this is not valid TOML (unclosed array); correct the syntax"),
    ("pyproject.toml", "[project]\nname = \"x\"\n\n[tool.argmap]\nstrict = true\nrender = 1\n",
     "pyproject.toml:6: 'render' must be a table: [render] in argmap.toml, [tool.argmap.render] in pyproject.toml"),
    ("pyproject.toml", "[tool.argmap]\n[tool.argmap.severity]\nAM101 = \"error\"\n[tool.argmap.render]\nengine = \"sfdp\"\n",
     "pyproject.toml:5: unknown setting 'engine' in [tool.argmap.render]; expected one of: output, format, rankdir, overview-above"),
    ("argmap.toml", b"strict = \xff\n", "argmap.toml: is not UTF-8 text; save the configuration file as UTF-8"),
    # A pyproject.toml for argmap that is not UTF-8 was skipped in silence, and its settings with it.
    ("pyproject.toml", b"[tool.argmap]\nstrict = true\n# caf\xe9\n",
     "pyproject.toml: is not UTF-8 text; save the configuration file as UTF-8"),
    # A bad range in a glob was a traceback and exit 1.
    ("argmap.toml", "exclude = [\"maps/[z-a].yaml\"]\n",
     "argmap.toml:1: bad pattern 'maps/[z-a].yaml' (bad character range z-a at position 7); write a path with *, ** and [abc]"),
    ("argmap.toml", "[per-file-ignores]\n\"maps/[z-a]\" = [\"AM101\"]\n",
     "argmap.toml:2: bad pattern 'maps/[z-a]' (bad character range z-a at position 7); write a path with *, ** and [abc]"),
]


@pytest.mark.parametrize("name, text, message", BAD, ids=[m.split(": ", 1)[1][:40] for _, _, m in BAD])
def test_a_bad_configuration_is_one_line_and_exit_2(repo: Path, name: str, text: str | bytes, message: str) -> None:
    path = repo / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    for command in (["check"], ["render", "--check"]):
        status, out, err = run(*command)
        assert (status, out, err) == (2, "", f"Error: {message}\n"), command


@pytest.mark.parametrize("text", ['paths = ["/etc"]\n', 'paths = ["maps", "../"]\n', '[render]\noutput = "/tmp/argmap-out"\n'])
def test_a_configuration_cannot_lead_out_of_its_repository(repo: Path, text: str) -> None:
    # A pull request's argmap.toml named a folder of the runner's home: its files were read, and their
    # contents shown in the errors. A committed link out is refused the same way.
    (repo / "argmap.toml").write_text(text)
    for command in (["check"], ["render"]):
        status, out, err = run(*command)
        assert status == 2 and out == "" and f"lies outside the repository ({repo.resolve()})" in err, command
        assert err.startswith("Error: argmap.toml:") and err.count("\n") == 1
    (repo / "out").symlink_to("/tmp")
    (repo / "argmap.toml").write_text('paths = ["out"]\n')
    assert "'out' lies outside the repository" in run("check")[2]
    (repo / "argmap.toml").write_text('paths = ["maps/legacy/.."]\n[render]\noutput = "render"\n')
    assert run("check")[0] == 1  # inside: checked


def test_a_missing_config_file_is_bad_input(repo: Path) -> None:
    assert run("check", "--config", "nope.toml") == (2, "", "Error: nope.toml: no such configuration file\n")
    with pytest.raises(MapError, match="is a folder"):
        load_config(repo)


def test_the_config_command_shows_what_applies(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(repo, PER_FOLDER + '\n[tool.argmap.severity]\nAM2 = "error"\n[tool.argmap.render]\nformat = "png"\n')
    monkeypatch.chdir(repo / "maps")
    status, out, _ = run("config")
    assert (status, out) == (0, "configuration: ../pyproject.toml (paths relative to its folder)\n"
                                "paths: maps, maps/legacy\n"
                                "exclude: (none)\n"
                                "rules: AM001, AM002, AM003, AM004, AM101, AM102, AM103, AM104, AM105, AM201, AM202, AM203, AM204, AM205,"
                                " AM301, AM302, AM303\n"
                                "not run: (none)\n"
                                "per-file-ignores:\n  maps/legacy/: AM103\n"
                                "severity: AM201 error, AM202 error, AM203 error, AM204 error, AM205 error\n"
                                "strict: no\n"
                                "render: output render, format png, rankdir LR, overview-above 150\n")
    document = json.loads(run("config", "--format", "json", "--isolated")[1])
    assert (document["file"], document["strict"], document["not-run"]) == (None, False, [])
    assert json.loads(run("config", "--format", "json")[1])["root"] == str(repo)
