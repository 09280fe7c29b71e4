"""The same map written in the styles people and tools write YAML in, for the benchmark and the tests.

A reader must be as fast, and read the same map, whatever the style: these styles are how that is
measured and tested, on content argmap did not shape (``restyle`` keeps the content and changes only
how it is written; each result is checked to read back as the same data).

- ``generated``: the map as given (``argmap generate`` writes double-quoted texts, flow lists).
- ``dumped``: PyYAML's ``safe_dump`` (plain scalars where it can, block lists), in the map's order.
- ``wrapped``: ``safe_dump`` at width 40, so that long texts are folded over lines.
- ``hand``: as a person writes it: a comment at the top and before each tenth claim, blank lines
  between claims, block lists, plain text where YAML allows it and single quotes where it does not,
  a comment after some values, and a folded ``>-`` text on every tenth claim.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

STYLES = ("generated", "dumped", "wrapped", "hand")

# Real data others wrote (copied from published corpora, with their origin, into tests/data/interchange):
# each name, the file ``argmap import`` reads, and the Argdown source ``argdown json`` made it from, if any.
REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "interchange"
REAL_FILES = {
    "argdown-primer": ("argdown/json/argdown-primer.json", "argdown/argdown-primer.argdown"),
    "legalisation-softdrugs": ("argdown/json/legalisation-softdrugs.json", "argdown/legalisation-softdrugs.argdown"),
    "state-censorship": ("argdown/json/state-censorship.json", "argdown/state-censorship.argdown"),
    "aifdb-6064": ("aif/arguebuf-6064-original.json", None),
    "aifdb-6064-reconstructed": ("aif/arguebuf-6064-reconstructed.json", None),
}


def restyle(text: str, style: str) -> str:
    """``text`` (a map) written in ``style``; raises ValueError for an unknown style."""
    if style == "generated":
        return text
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    if style == "dumped":
        written = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    elif style == "wrapped":
        written = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=40)
    elif style == "hand":
        written = _by_hand(data)
    else:
        raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
    if yaml.load(written, Loader=yaml.CSafeLoader) != data:  # pragma: no cover - a bug here, not in argmap
        raise AssertionError(f"the {style} style changed the map's content")
    return written


def _scalar(value: str) -> str:
    """Plain where YAML reads it back unchanged, else single-quoted."""
    plain_ok = value == value.strip() and value and value[0] not in "'\"!&*[]{}|>%@`#,?:-" and "\n" not in value
    if plain_ok:
        try:
            plain_ok = yaml.load(f"k: {value}", Loader=yaml.CSafeLoader) == {"k": value}
        except yaml.YAMLError:
            plain_ok = False
    return value if plain_ok else "'" + value.replace("'", "''") + "'"


def _by_hand(data: dict) -> str:
    lines = ["# A map written by hand: comments, blank lines, block lists, folded text.", ""]
    for key, value in data.items():
        if key != "claims" and isinstance(value, str):
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("")
    claims = data.get("claims") or {}
    if claims:
        lines.append("claims:")
    for number, (claim_id, fields) in enumerate(claims.items()):
        if number % 10 == 0:
            lines.append(f"  # Claims {number + 1} to {number + 10}")
        lines.append(f"  {claim_id}:")
        for field, value in fields.items():
            if isinstance(value, list):
                lines.append(f"    {field}:")
                lines.extend(f"      - {_scalar(str(item))}" for item in value)
            elif field == "text" and number % 10 == 3 and len(value) > 20 and "  " not in value:
                lines.append("    text: >-")
                lines.extend("      " + line for line in textwrap.wrap(value, 30, break_on_hyphens=False, break_long_words=False))
            elif field == "kind" and number % 7 == 0:
                lines.append(f"    kind: {_scalar(value)}  # as the article presents it")
            else:
                lines.append(f"    {field}: {_scalar(str(value))}")
        lines.append("")
    for key, value in data.items():
        if key != "claims" and not isinstance(value, str):
            written = yaml.dump({key: value}, Dumper=yaml.CSafeDumper, allow_unicode=True, default_flow_style=False, sort_keys=False)
            lines.append(written.rstrip())
    return "\n".join(lines) + "\n"
