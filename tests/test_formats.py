"""The machine-readable formats keep the shape docs/outputs.md promises ("Stability of the machine-readable formats").

A change that fails here is a change of a published format: raise its version and say so in the docs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import invoke

DATA = Path(__file__).resolve().parent / "data"
FINDING = {"path": str, "line": int, "column": int, "severity": str, "code": str, "rule": str, "map": str,
           "claim": (str, type(None)), "message": str}
SUMMARY = {"maps": int, "claims": int, "relations": int, "errors": int, "warnings": int}


def assert_shape(value: dict, shape: dict) -> None:
    assert set(value) == set(shape), sorted(set(value) ^ set(shape))
    for key, kind in shape.items():
        assert isinstance(value[key], kind), (key, value[key])


@pytest.fixture
def every_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA / "every-rule", tmp_path / "maps")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def output(*args: str) -> dict:
    result = invoke(*args, "--isolated")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return json.loads(result.stdout)


def test_check_json_version_1(every_rule: Path) -> None:
    document = output("check", "maps", "--format", "json")
    assert set(document) == {"version", "findings", "summary"} and document["version"] == 1
    assert len(document["findings"]) == 18
    for finding in document["findings"]:
        details = finding.pop("details", None)  # optional: more about a finding (AM301's nearest passage)
        assert details is None or isinstance(details, dict)
        assert_shape(finding, FINDING)
        assert finding["severity"] in ("error", "warning")
    assert_shape(document["summary"], SUMMARY)
    assert any("details" in f for f in output("check", "maps", "--format", "json")["findings"])


def test_check_sarif_properties_version_1(every_rule: Path) -> None:
    document = output("check", "maps", "--format", "sarif")
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    assert run["properties"]["argmapVersion"] == 2
    assert_shape(run["properties"]["summary"], SUMMARY)
    for result in run["results"]:
        assert set(result) == {"ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints", "properties"}
        assert list(result["partialFingerprints"]) == ["argmapFinding/v2"]
        assert_shape(result["properties"], {"rule": str, "map": str, "claim": (str, type(None))})
    for rule in run["tool"]["driver"]["rules"]:
        assert set(rule) == {"id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration", "properties"}


def test_diff_json_version_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DATA / "every-rule", tmp_path / "old")
    shutil.copytree(DATA / "every-rule", tmp_path / "new")
    every = tmp_path / "new" / "every.yaml"
    text = every.read_text(encoding="utf-8").replace("    supports: [loop-a]\n", "")  # loop-b no longer supports loop-a
    every.write_text(text.replace("A conclusion nothing backs.", "A conclusion still unbacked.")
                     + "  answer:\n    text: An answer.\n    kind: assumption\n    opposes: [attack]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    document = output("diff", "old", "new", "--format", "json")
    assert set(document) == {"version", "old", "new", "summary", "claims", "relations", "labels", "findings"}
    assert document["version"] == 1 and (document["old"], document["new"]) == ("old", "new")
    assert_shape(document["summary"], dict.fromkeys(("claims_added", "claims_removed", "claims_changed", "relations_added",
                                                     "relations_removed", "label_flips", "new_errors", "new_warnings",
                                                     "resolved"), int))
    claim = {"map": str, "id": str, "kind": str, "text": str, "path": str, "line": int, "label": str}
    (added,) = document["claims"]["added"]
    assert_shape(added, claim)
    (changed,) = document["claims"]["changed"]
    assert_shape(changed, {"map": str, "id": str, "path": str, "line": int, "changes": dict})
    assert changed["changes"] == {"text": {"old": "A conclusion nothing backs.", "new": "A conclusion still unbacked."}}
    relation = {"map": str, "type": str, "source": str, "target": str, "path": str, "line": int}
    for side in ("added", "removed"):
        (one,) = document["relations"][side]
        assert_shape(one, relation)
    assert document["labels"]["flipped"]
    for flip in document["labels"]["flipped"]:
        assert_shape(flip, {"map": str, "id": str, "kind": str, "text": str, "old": str, "new": str, "path": str, "line": int})
    assert document["findings"]["new"] and document["findings"]["resolved"]
    for finding in document["findings"]["new"] + document["findings"]["resolved"]:
        assert_shape(finding, FINDING)
