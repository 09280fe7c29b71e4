"""Present check results: plain text for people, JSON for tools, annotations for GitHub Actions."""

from __future__ import annotations

import json
import re

from argmap.check import CheckResult, Finding
from argmap.load import NotChecked
from argmap.model import MapError

FORMATS = ("text", "json", "github")


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
        "version": 1,
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
    return f"::{command} file={_escape_property(f.path)},line={f.line},col={f.column},title={title}::{_escape_data(f.message)}"


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
    place = f"file={_escape_property(where.path)},line={where.line},col={where.column}" if where else (
        f"file={_escape_property(error.path or '')}")
    return f"::error {place},title=input error::{_escape_data(one_line(error.message))}"


def format_result(result: CheckResult, fmt: str) -> str:
    return {"text": format_text, "json": format_json, "github": format_github}[fmt](result)


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
