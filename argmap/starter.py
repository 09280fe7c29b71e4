"""``argmap new``: a starter map from a source text, to fill in.

The starter names the source, has a title and a conclusion to write, explains the four kinds where
they are chosen, and lays out the source's paragraphs (each shown in comments) as empty sections
under ``sections:``, so each claim goes under the part of the text it comes from. Its first line
points editors at the JSON Schema of the format (completion and checks while typing).
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import NamedTuple

from argmap.files import OutputError, write_atomic
from argmap.model import KIND_MEANINGS, KINDS, MAP_NAME_PATTERN, MapError, Position
from argmap.root import InsideGit, NotRegular, OutsideRoot, TooLarge, find_root, read_regular
from argmap.schema import SCHEMA_FILE, schema_text

WIDTH = 100  # of the comment lines that show the source
TITLE_LIMIT = 120  # a first paragraph longer than this is not taken for the title


class Paragraph(NamedTuple):
    first_line: int
    last_line: int
    text: str  # its whitespace collapsed, characters YAML cannot hold in a comment replaced by spaces


class Started(NamedTuple):
    """What ``write_starter`` wrote: the map, and the schema file when it had to be made too."""

    map_path: Path
    schema_path: Path | None
    paragraphs: int


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of ``text`` (runs of lines that are not blank), with the lines they span.

    >>> paragraphs("Title\\n\\nOne line,\\nthen two.\\n")
    [Paragraph(first_line=1, last_line=1, text='Title'), Paragraph(first_line=3, last_line=4, text='One line, then two.')]
    """
    found: list[Paragraph] = []
    lines: list[str] = []
    start = 0
    for number, line in enumerate([*text.splitlines(), ""], 1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            words = " ".join(lines).split()
            found.append(Paragraph(start, number - 1, " ".join("".join(c if c.isprintable() else " " for c in w) for w in words)))
            lines = []
    return found


def yaml_text(text: str) -> str:
    """``text`` as a YAML value that reads back as exactly ``text``: plain when it can be, else double-quoted.

    >>> yaml_text("Cities should build")
    'Cities should build'
    >>> yaml_text("Note: we are #1")
    '"Note: we are #1"'
    """
    plain = (text and (text[0].isalnum() or text[0] in "./_") and text.isprintable() and text == text.strip() and ": " not in text
             and " #" not in text and not text.endswith(":") and text.lower() not in ("null", "true", "false", "yes", "no", "on", "off"))
    if plain:
        return text
    # Double-quoted, with every character YAML would refuse raw (controls, DEL, a byte-order mark,
    # unpaired surrogates) written as an escape.
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else _escape(c) for c in text) + '"'


def _escape(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def starter_map(source_text: str, source: str, *, title: str, schema: str | None, check_command: str) -> str:
    """The YAML of a starter map for ``source_text``, which the map names as ``source`` (relative to it)."""
    found = paragraphs(source_text)
    width = max(len(kind) for kind in KINDS)
    lines = []
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
    lines += [
        f"# A map of {source}, started by `argmap new`. Fill it in, then run: {check_command}",
        "#",
        "# Every claim has a kind, which decides how it counts when argmap weighs the map:",
        *(f"#   {kind.ljust(width)}  {line}" if i == 0 else f"#   {'':{width}}  {line}"
          for kind in KINDS for i, line in enumerate(textwrap.wrap(KIND_MEANINGS[kind], WIDTH - width - 6))),
        "# Relations go on the claim they start from: supports: [id] (each supporter backs it on its own),",
        "# opposes: [id] (an attack), tension: [id] (the two pull against each other). Premises that support a",
        "# claim only together are a linked argument, under arguments: (at the end).",
        "# A quote is checked against the source: copy it exactly; '...' skips words within one paragraph.",
        "# Put a text in single quotes when it starts with \" ' * - [ { > | @ or holds ': ' or ' #'.",
        f"title: {yaml_text(title)}",
        f"source: {yaml_text(source)}",
        "# url: https://",
        "# author:",
        "# date:",
        "claims:",
        "  thesis:",
        "    text: TODO the one sentence the text argues for",
        "    kind: conclusion",
        "sections:  # one per paragraph of the source: rename them, merge them, write claims under them",
    ]
    for number, paragraph in enumerate(found, 1):
        span = f"line {paragraph.first_line}" if paragraph.first_line == paragraph.last_line else \
            f"lines {paragraph.first_line}-{paragraph.last_line}"
        lines.append(f"  # {span}:")
        lines += [f"  #   {line}" for line in textwrap.wrap(paragraph.text, WIDTH - 6, break_on_hyphens=False)]
        lines.append(f"  Paragraph {number}:")
        if number == 1:
            lines += [
                "    # a-claim-id:",
                "    #   text: what this part says, in your own words",
                "    #   kind: evidence",
                "    #   quote: the words of the source it rests on",
                "    #   supports: [thesis]",
            ]
    lines += [
        "# arguments:",
        "#   together:",
        "#     premises: [a-claim-id, another-claim-id]",
        "#     conclusion: thesis",
    ]
    return "\n".join(lines) + "\n"


def title_of(source_text: str, path: Path) -> str:
    """The source's first paragraph when it is short enough to be a title, else its file name in words."""
    found = paragraphs(source_text)
    if found and len(found[0].text) <= TITLE_LIMIT and not found[0].text.endswith((".", ",", ";")):
        return found[0].text
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"


def write_starter(source: str | os.PathLike[str], output: str | os.PathLike[str], *, max_bytes: int,
                  title: str | None = None) -> Started:
    """Write the starter map for ``source`` to ``output`` (never over a file), and the schema file
    ``schema/map.schema.json`` at the top of the repository when there is none yet."""
    if title is not None and not title.strip():
        raise MapError("--title is blank; give the map a title, or leave --title out")
    if title is not None and any(0xD800 <= ord(c) <= 0xDFFF for c in title):
        raise MapError("--title is not valid UTF-8 text; give the map a title in UTF-8")
    out = Path(output)
    if out.suffix not in (".yaml", ".yml"):
        raise MapError("the map must be named *.yaml (or *.yml); give -o maps/NAME.yaml", path=str(out))
    stem = out.name[: -len(out.suffix)]
    if not MAP_NAME_PATTERN.match(stem):
        raise MapError(f"'{out.name}' cannot be a map name; use letters, digits, '-', '_' or '.'", path=str(out))
    if out.exists() or out.is_symlink():
        raise OutputError(f"refusing to overwrite {out}: it exists; remove it or choose another name")
    root = find_root(out.parent if out.parent.exists() else Path.cwd())
    source_path = Path(source)
    try:
        if not root.contains(os.path.realpath(source_path)):
            raise OutsideRoot()
        data = read_regular(source_path, max_bytes)
    except OutsideRoot:
        raise MapError(f"lies outside the root {root.describe()}; a map may only quote files inside it",
                       path=str(source)) from None
    except InsideGit:
        raise MapError("is inside a .git folder; give a text file of the repository", path=str(source)) from None
    except TooLarge:
        raise MapError(f"is larger than the limit of {max_bytes:,} bytes; shorten it or raise --max-bytes",
                       path=str(source)) from None
    except NotRegular as kind:
        raise MapError(f"is {kind.kind}, not a text file", path=str(source)) from None
    except (FileNotFoundError, NotADirectoryError):
        raise MapError("no such file", path=str(source)) from None
    except OSError as error:
        raise MapError(f"cannot be read ({error.strerror})", path=str(source)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MapError("is not UTF-8 text; save it as UTF-8", Position(str(source), 1, 1)) from None
    if not text.strip():
        raise MapError("is empty; a map needs a text to quote", Position(str(source), 1, 1))
    folder = out.parent if str(out.parent) else Path(".")
    relative = Path(os.path.relpath(os.path.abspath(source_path), os.path.abspath(folder))).as_posix()
    schema_path = root.named / SCHEMA_FILE
    schema = Path(os.path.relpath(schema_path, os.path.abspath(folder))).as_posix()
    made_schema = None
    if not schema_path.exists():
        made_schema = schema_path
    yaml = starter_map(text, relative, title=title or title_of(text, source_path), schema=schema,
                       check_command=f"argmap check {out.as_posix()}")
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(out, yaml.encode("utf-8"), new=True)
    if made_schema is not None:
        made_schema.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_atomic(made_schema, schema_text().encode("utf-8"), new=True)
        except OutputError:  # made meanwhile: that one will do
            made_schema = None
    return Started(out, made_schema, len(paragraphs(text)))
