"""Present check results: plain text for people, JSON for tools, annotations for GitHub Actions, SARIF for code scanning."""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path, PurePath

from argmap import __version__
from argmap.check import CheckResult, Finding
from argmap.load import NotChecked
from argmap.model import MapError
from argmap.root import find_root
from argmap.rules import RULES, Rule

FORMATS = ("text", "json", "github", "sarif")
JSON_VERSION = 1  # of `check --format json`: bumped only when a field changes meaning or goes away (docs/outputs.md)
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# GitHub's code scanning rejects a run of more results (and shows the 5,000 most severe); 100,000
# findings made a 104 MB log in 7 s and 1.3 GB.
MAX_SARIF_RESULTS = 25_000
SARIF_PROPERTIES_VERSION = 2  # of what argmap puts in SARIF's property bags and fingerprints (2: no line numbers in them)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: CheckResult) -> str:
    s = result.summary
    scope = f"{_plural(s.maps, 'map')}, {_plural(s.claims, 'claim')}, {_plural(s.relations, 'relation')}"
    unread = ""
    if result.input_errors:
        skipped = sum(1 for error in result.input_errors if isinstance(error, NotChecked))
        unread = f"; {_plural(len(result.input_errors) - skipped, 'file')} could not be read"
        if skipped:
            unread += f", {_plural(skipped, 'map')} that need{'s' if skipped == 1 else ''} one not checked"
    if not result.findings:
        return f"{scope}: no problems found{unread}"
    return f"{scope}: {_plural(s.errors, 'error')}, {_plural(s.warnings, 'warning')}{unread}"


def one_line(text: str) -> str:
    """``text`` on one line: a message can quote map text that has line breaks (a quote, a path)."""
    return " ".join(text.splitlines())


def format_text(result: CheckResult) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} {f.rule}: {one_line(f.message)}" for f in result.findings]
    return "\n".join([*lines, summary_line(result)]) + "\n"


def format_json(result: CheckResult) -> str:
    document = {
        "version": JSON_VERSION,
        "findings": [f.as_dict() for f in result.findings],
        "summary": result.summary.as_dict(),
    }
    if result.input_errors:
        document["input_errors"] = [_input_error(error) for error in result.input_errors if not isinstance(error, NotChecked)]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(f: Finding) -> str:
    command = "error" if f.severity == "error" else "warning"
    title = _escape_property(f"{f.code} {f.rule}")
    return (f"::{command} file={_escape_property(repository_path(f.path))},line={f.line},col={f.column},title={title}"
            f"::{_escape_data(f.message)}")


def format_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: each finding shows as an annotation on the pull request."""
    unread = [_unread_annotation(error) for error in result.input_errors if not isinstance(error, NotChecked)]
    return "\n".join([*(_annotation(f) for f in result.findings), *unread, summary_line(result)]) + "\n"


def _input_error(error: MapError) -> dict[str, object]:
    where = error.position
    return {"path": where.path if where else error.path, "line": where.line if where else None,
            "column": where.column if where else None, "message": one_line(error.message)}


def _unread_annotation(error: MapError) -> str:
    where = error.position
    place = f"file={_escape_property(repository_path(where.path))},line={where.line},col={where.column}" if where else (
        f"file={_escape_property(repository_path(error.path or ''))}")
    return f"::error {place},title=input error::{_escape_data(one_line(error.message))}"


def rule_descriptor(rule: Rule) -> dict[str, object]:
    """A rule as SARIF's ``reportingDescriptor``: its code, name, descriptions and help from its docstring."""
    doc = rule.doc.strip()
    full = doc.split("\nPasses:", 1)[0].strip()  # what it finds, why, and the fix; the examples are in the help
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"tags": ["argument-map"]},
    }


@functools.lru_cache(maxsize=1024)
def _repository_top(folder: str) -> Path | None:
    root = find_root(folder)
    return root.named if root.how == ".git" else None


def repository_path(path: str) -> str:
    """``path`` from the top of its git repository, ``/`` separated (``maps/m.yaml``, from whatever folder
    argmap runs in), as code scanning and GitHub's annotations name files; as given outside a repository."""
    if not path:
        return path
    absolute = os.path.abspath(path)
    top = _repository_top(os.path.dirname(absolute))
    return path if top is None else Path(os.path.relpath(absolute, top)).as_posix()


def artifact_location(path: str) -> dict[str, str]:
    """A file as SARIF's ``artifactLocation``: from the repository's top (``%SRCROOT%``), else its absolute URI."""
    shown = repository_path(path)
    if os.path.isabs(shown):
        return {"uri": artifact_uri(shown)}
    return {"uri": artifact_uri(shown), "uriBaseId": "%SRCROOT%"}


def artifact_uri(path: str) -> str:
    """A finding's path as a SARIF artifact URI: a relative path stays relative (``%SRCROOT%``), ``/`` separated."""
    from urllib.parse import quote

    if os.path.isabs(path):
        return PurePath(path).as_uri()
    return quote(PurePath(path).as_posix())


_LINE_NUMBERS = re.compile(r"\blines? \d[\d,]*")


def fingerprint(f: Finding) -> str:
    """What identifies a finding across runs while lines move: rule, map, claim and message, without the
    line numbers a message names ("first at line 6" is the same finding as "first at line 7").

    >>> from argmap.check import Finding
    >>> a, b = (Finding("m.yaml", n, 3, "AM001", f"'a' is written again (first at line {n - 4})", "error", "duplicate-id",
    ...                 "m", "a") for n in (10, 11))
    >>> fingerprint(a) == fingerprint(b)
    True
    """
    import hashlib

    key = "\x00".join((f.code, f.map, f.claim or "", _LINE_NUMBERS.sub("line", f.message)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def sarif_results(findings: tuple[Finding, ...]) -> tuple[list[Finding], int]:
    """The findings a SARIF log lists, in their order, and how many are left out: at most
    ``MAX_SARIF_RESULTS``, errors first (code scanning rejects a run with more)."""
    if len(findings) <= MAX_SARIF_RESULTS:
        return list(findings), 0
    kept = sorted(sorted(range(len(findings)), key=lambda i: findings[i].severity != "error")[:MAX_SARIF_RESULTS])
    return [findings[i] for i in kept], len(findings) - MAX_SARIF_RESULTS


def sarif_document(result: CheckResult) -> dict[str, object]:
    """The check result as a SARIF 2.1.0 log: one run, every rule's metadata, each finding with its place."""
    index = {rule.code: i for i, rule in enumerate(RULES)}
    results = []
    listed, left_out = sarif_results(result.findings)
    for f in listed:
        location: dict[str, object] = {
            "physicalLocation": {
                "artifactLocation": artifact_location(f.path),
                "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
            },
        }
        if f.claim is not None:
            qualified = f.claim if "#" in f.claim else f"{f.map}#{f.claim}"
            location["logicalLocations"] = [{"name": f.claim, "fullyQualifiedName": qualified, "kind": "object"}]
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": f.severity,
            "message": {"text": one_line(f.message)},
            "locations": [location],
            "partialFingerprints": {f"argmapFinding/v{SARIF_PROPERTIES_VERSION}": fingerprint(f)},
            "properties": {"rule": f.rule, "map": f.map, "claim": f.claim},
        })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "argmap",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(rule) for rule in RULES],
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [_sarif_invocation(result, left_out)],
            "results": results,
            "properties": {"argmapVersion": SARIF_PROPERTIES_VERSION, "summary": result.summary.as_dict()},
        }],
    }


def _sarif_invocation(result: CheckResult, left_out: int = 0) -> dict[str, object]:
    """The run as SARIF's ``invocation``: successful unless a file could not be read, each such file a
    notification; findings left out of the log are a notification too (a warning)."""
    notifications: list[dict[str, object]] = []
    for error in result.input_errors:
        if isinstance(error, NotChecked):
            continue
        where = error.position
        path = where.path if where else error.path or ""
        location: dict[str, object] = {"artifactLocation": artifact_location(path)}
        if where:
            location["region"] = {"startLine": max(where.line, 1), "startColumn": max(where.column, 1)}
        notifications.append({"level": "error", "message": {"text": one_line(error.message)},
                              "locations": [{"physicalLocation": location}]})
    invocation: dict[str, object] = {"executionSuccessful": not notifications}
    if left_out:
        notifications.append({"level": "warning", "message": {"text": (
            f"{left_out:,} more findings are not listed: code scanning takes at most {MAX_SARIF_RESULTS:,} results"
            " a run (errors are listed first); `argmap check` in the text or json format shows them all")}})
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def format_sarif(result: CheckResult) -> str:
    """SARIF 2.1.0 (the format code-scanning tools read, GitHub's among them), as one JSON document."""
    return json.dumps(sarif_document(result), indent=2, ensure_ascii=False) + "\n"


def format_result(result: CheckResult, fmt: str) -> str:
    return {"text": format_text, "json": format_json, "github": format_github, "sarif": format_sarif}[fmt](result)


# Control characters (Unicode's Cc) but tab and line feed: map text can carry them through YAML's
# escapes ("\e]0;title\a" sets a terminal's title), and a terminal would act on them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What JSON leaves as it is: json.dumps escapes the rest of Cc itself.
_JSON_CONTROLS = re.compile("[\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """``text`` with each control character but tab and line feed written out as ``\\xNN``.

    >>> escape_controls("a\\x1b]0;owned\\x07b")
    'a\\\\x1b]0;owned\\\\x07b'
    """
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def escape_controls_json(text: str) -> str:
    """JSON text (from ``json.dumps``) with DEL and the C1 controls, which it leaves raw, escaped as ``\\u00NN``."""
    if not _JSON_CONTROLS.search(text):
        return text
    return _JSON_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
