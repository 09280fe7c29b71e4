"""``argmap check --format sarif``: SARIF 2.1.0 that the official schema accepts, with every rule's metadata.

The schema is the OASIS one, vendored in ``tests/data/sarif/`` with its licence (see LICENSE.md there).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from argmap.check import check_paths
from argmap.report import SARIF_SCHEMA, format_sarif
from argmap.rules import RULES
from tests.helpers import REPO, invoke

DATA = Path(__file__).resolve().parent / "data"
SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def sarif_of(*args: str) -> tuple[int, dict]:
    result = invoke("check", "--format", "sarif", "--isolated", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, json.loads(result.stdout)


def assert_valid(document: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_the_vendored_schema_is_the_official_one() -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"] == SARIF_SCHEMA
    assert "Copyright © OASIS Open" in (DATA / "sarif" / "LICENSE.md").read_text(encoding="utf-8")


def test_the_schema_would_catch_a_broken_log() -> None:
    # Guards the tests below: the validator rejects what SARIF forbids.
    status, document = sarif_of(str(REPO / "maps"))
    document["runs"][0]["results"][0]["level"] = "fatal"
    del document["runs"][0]["tool"]["driver"]["name"]
    assert len(list(VALIDATOR.iter_errors(document))) == 2


def test_the_seed_maps_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    status, document = sarif_of("maps")
    assert status == 1
    assert_valid(document)
    run = document["runs"][0]
    assert len(run["results"]) == 21 and run["properties"]["summary"]["errors"] == 2
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "maps/why-china-supports-north-korea.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 10, "startColumn": 3},
    }
    assert first["locations"][0]["logicalLocations"] == [
        {"name": "thesis", "fullyQualifiedName": "why-china-supports-north-korea#thesis", "kind": "object"}]


def test_every_rule_firing_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(DATA / "every-rule", tmp_path / "maps")
    monkeypatch.chdir(tmp_path)
    status, document = sarif_of("maps")
    assert status == 1
    assert_valid(document)
    run = document["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {rule.code for rule in RULES}
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.code for rule in RULES]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == rules[result["ruleIndex"]]["defaultConfiguration"]["level"]
    # The same findings as the text and JSON formats, in the same order.
    findings = check_paths(["maps"]).findings
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r["message"]["text"])
            for r in run["results"]] == [(f.code, f.line, f.message) for f in findings]


def test_rule_metadata_comes_from_the_docstrings() -> None:
    status, document = sarif_of(str(REPO / "docs" / "tour-maps" / "library.yaml"))
    rules = {r["id"]: r for r in document["runs"][0]["tool"]["driver"]["rules"]}
    for rule in RULES:
        descriptor = rules[rule.code]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"].startswith(rule.summary) and "Passes:" not in descriptor["fullDescription"]["text"]
        assert descriptor["help"]["markdown"] == rule.doc.strip() and "Fails:" in descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"] == {"level": rule.severity}


def test_configured_severity_and_paths_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "argmap.toml").write_text('[severity]\nAM203 = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--format", "sarif", str(REPO / "docs" / "tour-maps" / "library.yaml"))
    (only,) = json.loads(result.stdout)["runs"][0]["results"]
    assert only["level"] == "error" and result.exit_code == 1
    uri = only["locations"][0]["physicalLocation"]["artifactLocation"]
    if (REPO / ".git").exists():  # a checkout: named from its top, whatever folder argmap ran in
        assert uri == {"uri": "docs/tour-maps/library.yaml", "uriBaseId": "%SRCROOT%"}
    else:  # outside any repository: absolute, no base
        assert uri == {"uri": (REPO / "docs" / "tour-maps" / "library.yaml").as_uri()}


def test_sarif_is_deterministic_and_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    text = (REPO / "docs" / "tour-maps" / "trees.yaml").read_text(encoding="utf-8")
    (tmp_path / "trees.yaml").write_text(text, encoding="utf-8")
    first = format_sarif(check_paths([str(tmp_path / "trees.yaml")]))
    assert first == format_sarif(check_paths([str(tmp_path / "trees.yaml")]))
    (tmp_path / "trees.yaml").write_text("# a comment moves every line\n" + text, encoding="utf-8")
    moved = json.loads(format_sarif(check_paths([str(tmp_path / "trees.yaml")])))["runs"][0]["results"]
    before = json.loads(first)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in moved] == [r["partialFingerprints"] for r in before]
    assert len({json.dumps(r["partialFingerprints"]) for r in before}) == len(before)
    # A message that names a line ("first at line 3") keeps its fingerprint when that line moves too.
    twice = "title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n  a:\n    text: A again\n"
    found = []
    for text in (twice, "note: a line above\n" + twice):
        (tmp_path / "twice.yaml").write_text(text, encoding="utf-8")
        results = json.loads(format_sarif(check_paths([str(tmp_path / "twice.yaml")])))["runs"][0]["results"]
        found += [r for r in results if r["ruleId"] == "AM001"]
    assert found[0]["message"]["text"] != found[1]["message"]["text"]  # "first at line 3", then 4
    assert found[0]["partialFingerprints"] == found[1]["partialFingerprints"]


def test_a_file_that_cannot_be_read_is_a_notification_of_an_unsuccessful_run(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text("title: G\nclaims:\n  a: {text: A, kind: conclusion}\n  b: {text: B, kind: assumption,"
                                        " supports: [a]}\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("title: B\nclaims:\n  a: {text: [x]}\n", encoding="utf-8")
    status, document = sarif_of(str(tmp_path))
    assert status == 2
    assert_valid(document)
    invocation = document["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and "'text' of claim 'a' must be text" in notification["message"]["text"]
    assert notification["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 13}
    assert document["runs"][0]["properties"]["summary"]["maps"] == 1  # the good map was checked


def test_a_run_lists_at_most_what_code_scanning_takes_errors_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GitHub rejects a run of more than 25,000 results: 791,000 findings made an 830 MB log in 10 GB.
    import argmap.report as report

    monkeypatch.setattr(report, "MAX_SARIF_RESULTS", 2)
    (tmp_path / "m.yaml").write_text("title: T\nclaims:\n" + "".join(
        f"  w{k}:\n    text: W\n    kind: assumption\n" for k in range(3)) + "  c:\n    text: C\n    kind: conclusion\n",
        encoding="utf-8")
    result = check_paths([str(tmp_path / "m.yaml")])
    assert len(result.findings) == 4 and [f.severity for f in result.findings].count("error") == 1
    document = json.loads(format_sarif(result))
    assert_valid(document)
    run = document["runs"][0]
    assert len(run["results"]) == 2 and "error" in [r["level"] for r in run["results"]]
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning" and note["message"]["text"].startswith("2 more findings are not listed")
    assert run["invocations"][0]["executionSuccessful"] is True
