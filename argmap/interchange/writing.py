"""A map written out as YAML in the plain layout (the layout ``argmap generate`` writes and
:mod:`argmap.plain_layout` reads fastest): one key per line, every text double-quoted."""

from __future__ import annotations

import json
from collections.abc import Iterable

from argmap.model import RELATION_TYPES, ArgMap

# What YAML does not allow raw in a file, or reads as a line break, that json.dumps leaves raw:
# DEL, the C1 controls (NEL among them), the line and paragraph separators, and the non-characters.
_NOT_RAW: dict[int, str] = {c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)}
# A lone surrogate (JSON's "\ud800" reads as one) cannot be written as UTF-8: the replacement character.
_NOT_RAW.update({c: "\ufffd" for c in range(0xD800, 0xE000)})


def _comment(line: str) -> str:
    """``line`` as one YAML comment line: every character that is not printable (a line break, a
    control character) written out as ``\\xNN`` or ``\\uNNNN``, a lone surrogate replaced.

    >>> print(_comment("a" + chr(10) + "b" + chr(7) + "c"))
    a\\x0ab\\x07c
    """
    if line.isprintable():
        return line
    return "".join(c if c.isprintable() or c == "\t" else "\ufffd" if 0xD800 <= ord(c) < 0xE000
                   else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in line)


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's), every control character
    escaped, so an imported text with one cannot make the map unreadable.

    >>> print(_quoted("a\x07b\x85c"))
    "a\\u0007b\\u0085c"
    """
    return json.dumps(text, ensure_ascii=False).translate(_NOT_RAW)


def map_yaml(argmap: ArgMap, header: Iterable[str] = ()) -> str:
    """The YAML of ``argmap``'s title, claims (kind, quote, section, note, relations) and linked
    arguments, after ``header`` as comment lines.

    >>> from argmap.interchange.apx import read_apx
    >>> print(map_yaml(read_apx("arg(a). arg(b). att(a,b).", "f.apx", "f"), ["from f.apx"]), end="")
    # from f.apx
    title: "f (ASPARTIX framework)"
    claims:
      a:
        text: "a"
        kind: "assumption"
        opposes: ["b"]
      b:
        text: "b"
        kind: "assumption"
    """
    out = [f"# {_comment(line)}".rstrip() + "\n" for line in header]
    out.append(f"title: {_quoted(argmap.title)}\n")
    if argmap.source is not None:
        out.append(f"source: {_quoted(argmap.source)}\n")
    out.append("claims:\n")
    for claim in argmap.claims:
        out.append(f"  {claim.id}:\n    text: {_quoted(claim.text)}\n")
        if claim.kind != "claim":
            out.append(f"    kind: {_quoted(claim.kind)}\n")
        for key in ("quote", "section", "note"):
            value = getattr(claim, key)
            if value is not None:
                out.append(f"    {key}: {_quoted(value)}\n")
        if claim.ignore:
            out.append(f"    ignore: [{', '.join(_quoted(code) for code in sorted(claim.ignore))}]\n")
        for rel_type in RELATION_TYPES:
            targets = [r.target for r in claim.relations if r.type == rel_type]
            if targets:
                out.append(f"    {rel_type}: [{', '.join(_quoted(t) for t in targets)}]\n")
    if argmap.arguments:
        out.append("arguments:\n")
        for argument in argmap.arguments:
            out.append(f"  {argument.id}:\n    premises: [{', '.join(_quoted(p) for p in argument.premises)}]\n"
                       f"    conclusion: {_quoted(argument.conclusion)}\n")
            if argument.note is not None:
                out.append(f"    note: {_quoted(argument.note)}\n")
    return "".join(out)
