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
    assert len(document["findings"]) == 15
    for finding in document["findings"]:
        assert_shape(finding, FINDING)
        assert finding["severity"] in ("error", "warning")
    assert_shape(document["summary"], SUMMARY)


def test_check_sarif_properties_version_1(every_rule: Path) -> None:
    document = output("check", "maps", "--format", "sarif")
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    assert run["properties"]["argmapVersion"] == 1
    assert_shape(run["properties"]["summary"], SUMMARY)
    for result in run["results"]:
        assert set(result) == {"ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints", "properties"}
        assert list(result["partialFingerprints"]) == ["argmapFinding/v1"]
        assert_shape(result["properties"], {"rule": str, "map": str, "claim": (str, type(None))})
    for rule in run["tool"]["driver"]["rules"]:
        assert set(rule) == {"id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration", "properties"}
