"""The JSON Schema of the map format, made from the model's vocabulary (keys, kinds, id patterns).

Editors that speak JSON Schema (VS Code's YAML extension and other clients of yaml-language-server)
use it to complete keys and kinds and to flag mistakes while a map is written: put

    # yaml-language-server: $schema=../schema/map.schema.json

as the map's first line (the path is relative to the map). The schema says what the format allows;
what only the whole map can tell (a reference to a claim that does not exist, a circle of support)
is left to ``argmap check``. ``make docs`` writes it to ``schema/map.schema.json``, and a test holds
that file to :func:`map_schema`.
"""

from __future__ import annotations

import json

from argmap.model import (
    ABOUT_KEYS,
    ARGUMENT_KEYS,
    CLAIM_KEYS,
    EXTENSION_KEYS,
    ID_PATTERN,
    KIND_MEANINGS,
    KINDS,
    LABELS,
    MAP_NAME_PATTERN,
    MAX_MUST_WIN,
    RELATION_TYPES,
    RULE_CODE_PATTERN,
    TOP_KEYS,
)

SCHEMA_FILE = "schema/map.schema.json"

def _pattern(compiled: object) -> str:
    """A model pattern (``...\\Z``, used with ``match``) as JSON Schema's anchored ECMA-262 pattern."""
    text = compiled.pattern  # type: ignore[attr-defined]
    return "^" + text.removesuffix(r"\Z") + "$"


_ID = _pattern(ID_PATTERN)
_MAP = _pattern(MAP_NAME_PATTERN)[1:-1]
_LOCAL = _ID[1:-1]
_REFERENCE = f"^(?:{_MAP}#)?{_LOCAL}$"
# Plain YAML scalars are text to argmap (`text: yes`, `date: 2024-05-01`); an editor reading YAML 1.2
# may see a number or a boolean there, which argmap reads as the text written.
_TEXT = {"type": ["string", "number", "boolean"], "pattern": r"\S"}
_OPTIONAL_TEXT = {"type": ["string", "number", "boolean", "null"]}

_DESCRIPTIONS = {
    "title": "The map's title, drawn on its diagram.",
    "source": "The text the map quotes, relative to this file; every quote: is checked against it (AM301).",
    "url": "Where the source is published (https:// or http://); shown under the diagram's title and in briefs.",
    "author": "Who wrote the source; shown under the diagram's title and in briefs.",
    "date": "When the source was published, as it should be shown.",
    "note": "A remark on the map as a whole; shown in briefs.",
    "sections": "Claims grouped by the part of the source they come from: {section title: {claim-id: claim}}."
                " A section may be empty while you fill it in.",
    "claims": "The claims, by id ([a-z0-9][a-z0-9-]*); map#id keys add relations to a claim of an included map.",
    "arguments": "Linked arguments: premises that support the conclusion only together.",
    "include": "Other maps (by name, in the same folder) that this one combines.",
    "expect": "{claim-id: in|out|undec}: grounded labels the map relies on (AM204).",
    "text": "What the claim says.",
    "kind": "How the claim counts when the map is weighed. " + " ".join(f"{k}: {KIND_MEANINGS[k]}" for k in KINDS),
    "quote": "The words of the source the claim rests on; '...' skips words within a paragraph.",
    "section": "The part of the source it comes from; drawn as a cluster.",
    "ignore": "Rule codes silenced for this claim (say why in note:).",
    "supports": "Claims this one supports, each on its own (convergent support).",
    "opposes": "Claims (or linked arguments) this one attacks.",
    "tension": "Claims this one pulls against; symmetric, so write it once.",
    "same-as": "The same claim in another map (map#id); drawn and exported, not reasoned with.",
    "premises": "The claims that together support the conclusion.",
    "conclusion": "The claim the premises support together.",
    "weight": "0 to 1: how strong or important (a claim, default 0.5) or how strongly the premises carry the"
              " conclusion (a linked argument, default 1); read by the gradual semantics.",
    "must-win": "{claim-id: N}: changing the claim's grounded label takes defeating at least N claims (AM205).",
}

# weight: a number from 0 to 1; argmap reads YAML's plain scalars as text, so the text of one too.
_WEIGHT = {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1},
                     {"type": "string", "pattern": "^ *(0(\\.[0-9]*)?|1(\\.0*)?|\\.[0-9]+) *$"}]}


def _described(key: str, schema: dict[str, object]) -> dict[str, object]:
    return {"description": _DESCRIPTIONS[key], **schema} if key in _DESCRIPTIONS else schema


def _references(key: str) -> dict[str, object]:
    return _described(key, {"type": ["array", "null"], "items": {"type": "string", "pattern": _REFERENCE}})


def _claim() -> dict[str, object]:
    fields: dict[str, dict[str, object]] = {
        "text": _TEXT,
        "kind": {"enum": list(KINDS), "markdownEnumDescriptions": [KIND_MEANINGS[k] for k in KINDS]},
        "quote": _TEXT,
        "section": _TEXT,
        "note": _OPTIONAL_TEXT,
        "ignore": {"type": ["array", "null"], "items": {"type": "string", "pattern": _pattern(RULE_CODE_PATTERN)}},
        "weight": _WEIGHT,
        **{relation: {} for relation in RELATION_TYPES},
    }
    assert tuple(fields) == CLAIM_KEYS, "every key a claim may have, and only those"
    properties = {key: _references(key) if key in RELATION_TYPES else _described(key, value) for key, value in fields.items()}
    return {"type": "object", "required": ["text"], "additionalProperties": False, "properties": properties}


def _extension() -> dict[str, object]:
    properties = {key: _references(key) if key in RELATION_TYPES else _OPTIONAL_TEXT for key in EXTENSION_KEYS}
    return {"type": "object", "additionalProperties": False, "properties": properties}


def _claims() -> dict[str, object]:
    return {
        "type": ["object", "null"],
        "patternProperties": {_ID: {"$ref": "#/definitions/claim"}, f"^{_MAP}#{_LOCAL}$": {"$ref": "#/definitions/extension"}},
        "additionalProperties": False,
    }


def _argument() -> dict[str, object]:
    fields = {
        "premises": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": _REFERENCE}},
        "conclusion": {"type": "string", "pattern": _REFERENCE},
        "section": _TEXT,
        "note": _OPTIONAL_TEXT,
        "weight": _WEIGHT,
    }
    assert tuple(fields) == ARGUMENT_KEYS
    return {"type": "object", "required": ["premises", "conclusion"], "additionalProperties": False,
            "properties": {key: _described(key, value) for key, value in fields.items()}}


def map_schema() -> dict[str, object]:
    """The JSON Schema (draft 7, what yaml-language-server reads) of one map file."""
    about = {"url": {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}, "author": _TEXT, "date": _TEXT, "note": _OPTIONAL_TEXT}
    assert tuple(about) == ABOUT_KEYS
    top = {
        "title": _TEXT,
        "source": _TEXT,
        **about,
        "sections": {"type": ["object", "null"], "additionalProperties": {
            "type": ["object", "null"], "patternProperties": {_ID: {"$ref": "#/definitions/claim"}}, "additionalProperties": False}},
        "claims": _claims(),
        "arguments": {"type": ["object", "null"], "patternProperties": {_ID: {"$ref": "#/definitions/argument"}},
                      "additionalProperties": False},
        "include": {"type": ["array", "null"], "items": {"type": "string", "pattern": _pattern(MAP_NAME_PATTERN)}},
        "expect": {"type": ["object", "null"], "propertyNames": {"pattern": _REFERENCE},
                   "additionalProperties": {"enum": list(LABELS)}},
        "must-win": {"type": ["object", "null"], "propertyNames": {"pattern": _REFERENCE}, "additionalProperties": {
            "anyOf": [{"type": "integer", "minimum": 1, "maximum": MAX_MUST_WIN},
                      {"type": "string", "pattern": f"^[1-{MAX_MUST_WIN}]$"}]}},
    }
    assert tuple(top) == TOP_KEYS, "every top-level key, and only those"
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "argmap map",
        "description": "An argument map for argmap: claims with kinds and relations, checked against the text they quote.",
        "type": "object",
        "required": ["title"],
        "anyOf": [{"required": ["claims"]}, {"required": ["include"]}, {"required": ["sections"]}],
        "additionalProperties": False,
        "properties": {key: _described(key, value) for key, value in top.items()},
        "definitions": {"claim": _claim(), "extension": _extension(), "argument": _argument()},
    }


def schema_text() -> str:
    """The schema as the file ``schema/map.schema.json`` holds it."""
    return json.dumps(map_schema(), indent=2, ensure_ascii=False) + "\n"
