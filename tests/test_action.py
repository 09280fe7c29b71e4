"""The GitHub Action (action.yml): its shell steps, run here as the runner would run them, in a repository made here.

The steps that need GitHub itself (setup-python, the SARIF upload, the comment through GitHub's API)
are not run; every step that runs argmap is, with the environment GitHub gives it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO
from tests.test_diff import git, two_commits

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS = {step.get("name", step.get("uses")): step for step in ACTION["runs"]["steps"]}


def test_the_action_is_a_composite_action_with_declared_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"inputs\.([a-z-]+)", text))
    assert used == set(ACTION["inputs"]), used ^ set(ACTION["inputs"])
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], f"{step['name']}: values reach a script through env:, never pasted into it"
    assert "github/codeql-action/upload-sarif@v3" in [s.get("uses") for s in ACTION["runs"]["steps"]]


@pytest.fixture
def runner(tmp_path: Path) -> dict:
    """A repository with two commits of a map, and the files and variables a GitHub runner provides."""
    repo = two_commits(tmp_path / "repo")
    base = git(repo, "rev-parse", "HEAD~1").strip()
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
        "HOME": str(tmp_path), "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"), "BASE": base,
    }
    return {"repo": repo, "env": env, "temp": temp, "tmp": tmp_path}


def run_step(runner: dict, name: str, **inputs: str) -> tuple[int, str, dict[str, str]]:
    """Run step ``name`` with its ``env:`` filled from ``inputs`` (default: the action's defaults)."""
    step = STEPS[name]
    values = {key: spec.get("default", "") for key, spec in ACTION["inputs"].items()} | inputs
    env = dict(runner["env"])
    for key, value in step.get("env", {}).items():
        found = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", str(value))
        if found:
            env[key] = values[found.group(1)]
        elif key not in env:
            env[key] = inputs.get(key, "")
    output = Path(env["GITHUB_OUTPUT"])
    output.write_text("", encoding="utf-8")
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=runner["repo"], env=env,
                          capture_output=True, text=True, timeout=120)
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
    return done.returncode, done.stdout + done.stderr, outputs


def test_check_annotates_and_records_its_status(runner: dict) -> None:
    status, out, outputs = run_step(runner, "argmap check")
    assert (status, outputs) == (0, {"status": "1"})
    assert ("::error file=maps/library.yaml,line=10,col=12,title=AM301 quote-not-in-source::the quote of 'demand' is not in"
            ' sources/letter.txt: "Last year 50,000 people borrowed books"; nearest, line 1:'
            ' "Last year 40,000 people borrowed books" ("50,000" where the source has "40,000")') in out.splitlines()
    assert run_step(runner, "argmap check", strict="true", args="--ignore AM301")[2] == {"status": "1"}  # AM104 fails too
    assert run_step(runner, "argmap check", args="--ignore AM301")[2] == {"status": "0"}
    assert run_step(runner, "argmap check", paths="nowhere")[2] == {"status": "2"}


def test_sarif_step_writes_the_log(runner: dict) -> None:
    status, out, _ = run_step(runner, "argmap check --format sarif")
    assert status == 0, out
    log = json.loads((runner["temp"] / "argmap.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["AM301", "AM104"]


def test_diff_step_writes_the_comment_and_the_summary(runner: dict) -> None:
    status, out, outputs = run_step(runner, "argmap diff (the pull request's base against its head)")
    assert (status, outputs) == (0, {"status": "0"}), out
    comment = (runner["temp"] / "argmap-diff.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- argmap-diff -->\n### argmap: what this change does to the argument\n")
    assert "**2 label flips** · **1 new error**" in comment and "#### Labels flipped" in comment
    assert (runner["tmp"] / "summary").read_text(encoding="utf-8") == comment
    _, _, outputs = run_step(runner, "argmap diff (the pull request's base against its head)", **{"fail-on": "new-errors label-flips"})
    assert outputs == {"status": "1"}
    _, _, outputs = run_step(runner, "argmap diff (the pull request's base against its head)", paths="maps/library.yaml",
                             args="--isolated --ignore AM104")
    assert outputs == {"status": "0"}


def test_the_verdict(runner: dict) -> None:
    assert run_step(runner, "Verdict", CHECK="0", DIFF="")[0] == 0
    assert run_step(runner, "Verdict", CHECK="1", DIFF="0")[0] == 1
    assert run_step(runner, "Verdict", CHECK="0", DIFF="1")[0] == 1
    assert run_step(runner, "Verdict", CHECK="2", DIFF="")[0] == 2


def _options(command: str) -> set[str]:
    from argmap.cli import main

    return {opt for param in main.commands[command].params for opt in getattr(param, "opts", []) + getattr(param, "secondary_opts", [])}


def test_the_ci_page_shows_valid_yaml_and_real_options() -> None:
    page = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```$", page, re.M | re.S)
    assert len(blocks) == 4
    for block in blocks:
        assert yaml.safe_load(block)
    commands = re.findall(r"\bargmap (check|render|diff|export)\b([^\n|>`]*)", page + (REPO / "action.yml").read_text(encoding="utf-8"))
    assert len(commands) > 10
    for command, rest in commands:
        used = {word.split("=")[0] for word in rest.split() if word.startswith("--")}
        assert used <= _options(command) | {"--"}, (command, used - _options(command))
