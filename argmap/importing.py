"""``argmap import``: a file of another tool read by its format's reader and written as a map.

The format is taken from ``-f``, else guessed from the file (its extension, then its content). The
map's header comment says where it came from, what it held, how it was mapped and what was dropped,
counted. For the argument formats, a claim whose words are found verbatim in the source text that
came with the file (AIFdb's ``.txt`` beside a nodeset) gets them as its quote, and a premise nothing
supports becomes ``evidence``; with ``-o`` that text is written beside the map, in ``sources/``.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from argmap.interchange import FRAMEWORKS, IMPORTERS, SUFFIXES
from argmap.interchange.framework import renamed_ids
from argmap.interchange.imported import Imported
from argmap.interchange.writing import map_yaml
from argmap.load import DEFAULT_MAX_BYTES, MAP_SUFFIXES, decode_map_text
from argmap.model import MAP_NAME_PATTERN, ArgMap, MapError
from argmap.rules.quote_not_in_source import bounded, normalise, quotes_in
from argmap.wording import plural

FORMAT_NAMES = {"aif": "AIF JSON", "argdown": "Argdown JSON", "kialo": "Kialo text export",
                "apx": "ASPARTIX apx", "i23": "ICCMA 2023"}
SOURCE_SUFFIX = ".txt"


@dataclass(frozen=True)
class ImportedMap:
    """What ``argmap import`` writes: the map's YAML and, when it has one, its source text."""

    yaml: str
    source_name: str | None = None  # sources/<name>, relative to the map
    source_text: str | None = None


def guess_format(path: str, text: str | None = None) -> str:
    """The format of file ``path``: from its extension, else from ``text`` (its content).

    >>> guess_format("x.json", '{"nodes": [], "edges": []}'), guess_format("x.txt", "Discussion Name:\\nT\\n")
    ('aif', 'kialo')
    """
    fmt = SUFFIXES.get(Path(path).suffix.lower())
    if fmt is not None:
        return fmt
    if Path(path).suffix.lower() in (".argdown", ".ad"):
        return "argdown"  # whose reader says how to make the JSON it reads
    head = (text or "").lstrip("\ufeff \t\r\n")
    if text is not None and not head.strip():
        raise MapError("the file is empty: there is nothing to import", path=path)
    if head.startswith("{"):
        try:
            document = json.loads(text)  # type: ignore[arg-type]
        except (ValueError, RecursionError):
            document = None
        if isinstance(document, dict):
            if isinstance(document.get("nodes"), list) or isinstance(document.get("AIF"), dict):
                return "aif"
            if isinstance(document.get("statements"), dict):
                return "argdown"
    first = head.split("\n", 1)[0].strip().lower()
    if first.startswith(("discussion title:", "discussion name:")):
        return "kialo"
    if first.startswith("p af "):
        return "i23"
    if first.startswith(("arg(", "att(")):
        return "apx"
    raise MapError("cannot tell the format from the file name or its content; give -f "
                   + " or -f ".join(FORMAT_NAMES), path=path)


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise MapError("import takes one file, not a folder", path=str(path))
        size = path.stat().st_size
        if size > max_bytes:
            raise MapError(f"file is {size:,} bytes, over the limit of {max_bytes:,}; raise --max-bytes", path=str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise MapError("no such file", path=str(path)) from None
    except OSError as error:
        raise MapError(f"cannot be read ({error.strerror})", path=str(path)) from None


_BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})


def html_text(page: str) -> str:
    """The text of an HTML page (OVA saves the analysed text as HTML): tags and comments dropped, a
    line break for each block and ``<br>``, scripts and styles left out, entities read.

    One pass with ``str.find`` (Python's ``html.parser`` takes quadratic time on a page of unclosed
    tags, ``<a <a <a ...``): a ``<`` with no ``>`` after it, and all that follows, is text.

    >>> html_text("<p>Caf&eacute; <b>bar</b><!-- x > y --></p><script>no()</script>a < b")
    '\\nCafé bar\\na < b'
    """
    lower = page.lower()
    parts: list[str] = []
    at, end = 0, len(page)
    while at < end:
        opened = page.find("<", at)
        if opened < 0:
            parts.append(page[at:])
            break
        parts.append(page[at:opened])
        if page.startswith("<!--", opened):
            closed = page.find("-->", opened + 4)
            at = end if closed < 0 else closed + 3
            continue
        closed = page.find(">", opened + 1)
        if closed < 0:
            parts.append(page[opened:])
            break
        name = lower[opened + 1:min(closed, opened + 12)].lstrip("/").replace("/", " ").split(" ", 1)[0].strip()
        if name in ("script", "style") and lower[opened + 1] != "/":
            stop = lower.find(f"</{name}", closed)
            at = end if stop < 0 else stop
            continue
        if name in _BREAKS:
            parts.append("\n")
        at = closed + 1
    return html.unescape("".join(parts))


def source_text(data: bytes) -> str:
    """The text of an analysed source as AIFdb gives it: UTF-8 or Windows-1252 (else Latin-1), plain
    or HTML; line ends made ``\\n``, control characters but tab and line feed dropped.

    >>> source_text(b"<html><body><p>Caf\\xe9 &amp; bar</p></body></html>")
    'Café & bar\\n'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    head = text.lstrip()[:512].lower()
    if head.startswith("<") and ("<html" in head or "<body" in head or "<p" in head or "<span" in head or "<!doctype" in head):
        text = html_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c >= " " or c in "\t\n") if not text.isprintable() else text
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip() + "\n"


def _with_quotes(imported: Imported, source: str) -> tuple[ArgMap, int, int]:
    """The map with a quote on each claim whose locution or text the source holds, and each
    premise nothing supports among them made evidence; (map, quotes, evidence)."""
    argmap = imported.argmap
    candidates = {}
    for claim in argmap.claims:
        if claim.quote is None:
            candidates[claim.id] = [w for w in (imported.quotes.get(claim.id), claim.text) if w]
    found = quotes_in(bounded(normalise(source)), (normalise(w) for ws in candidates.values() for w in ws))
    claims, quoted, evidence = [], 0, 0
    for claim in argmap.claims:
        words = next((w for w in candidates.get(claim.id, []) if normalise(w) in found), None)
        if words is None:
            claims.append(claim)
            continue
        quoted += 1
        kind = claim.kind
        if kind == "assumption" and claim.id not in imported.kinds_fixed:
            kind, evidence = "evidence", evidence + 1
        claims.append(claim._replace(kind=kind, quote=words, quote_position=claim.position))
    return replace(argmap, claims=tuple(claims)), quoted, evidence


def _beside(path: Path, max_bytes: int) -> Path | None:
    """AIFdb's source text beside a nodeset: ``<stem>.txt`` (``nodeset6064.json`` -> ``nodeset6064.txt``)."""
    candidate = path.with_suffix(SOURCE_SUFFIX)
    try:
        if candidate != path and candidate.is_file() and candidate.stat().st_size <= max_bytes:
            return candidate
    except OSError:
        pass
    return None


def import_map(path: str, fmt: str | None = None, *, output: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> ImportedMap:
    """The map of file ``path`` in format ``fmt`` (by default, guessed), as ``argmap import`` writes it.

    The map is named after ``output`` when given (as loading it will name it), else after ``path``.
    """
    source = Path(path)
    text = decode_map_text(_read_bounded(source, max_bytes), path)
    fmt = fmt or guess_format(path, text)
    stem = Path(output).stem if output else source.stem
    name = stem if MAP_NAME_PATTERN.match(stem) else "imported"
    imported = IMPORTERS[fmt](text, path, name)
    if fmt in FRAMEWORKS:
        return ImportedMap(map_yaml(imported.argmap, _framework_header(imported.argmap, fmt, source)))
    argmap = imported.argmap
    header = [f"Imported by `argmap import -f {fmt}` from {source.name} ({FORMAT_NAMES[fmt]}):"
              f" {_counts(argmap)}.", *imported.described]
    source_file = _beside(source, max_bytes) if fmt == "aif" else None
    written = analysed = None
    where = source_file.name if source_file is not None else "in the file" if imported.source_text else None
    if where is not None and output is None:
        header.append(f"The source text ({where}) is not written to standard output: import with -o to write it"
                      " beside the map and quote it.")
    elif where is not None:
        raw = _read_bounded(source_file, max_bytes) if source_file is not None else imported.source_text.encode("utf-8")  # type: ignore[union-attr]
        analysed = source_text(raw)
        argmap, quoted, evidence = _with_quotes(imported, analysed)
        written = f"{stem}{SOURCE_SUFFIX}"
        argmap = replace(argmap, source=f"sources/{written}")
        header.append(f"The source text ({where}) is written as UTF-8 text to sources/{written}:"
                      f" {plural(quoted, 'claim')} quote it verbatim, {evidence:,} of them premises nothing supports,"
                      " made evidence.")
    kinds = Counter(claim.kind for claim in argmap.claims)
    header.append("Kinds: " + ", ".join(plural(kinds[k], k) for k in ("conclusion", "claim", "assumption", "evidence"))
                  + " (a supported claim nothing rests on is a conclusion, a premise nothing supports an assumption).")
    orphans = sum(1 for claim in argmap.claims if "AM104" in claim.ignore)
    if orphans:
        header.append(f"{plural(orphans, 'claim')} in no relation ignore AM104 (orphan-claim): recorded by the source, related to nothing.")
    header += imported.dropped or ("Nothing was dropped.",)
    return ImportedMap(map_yaml(argmap, header), f"sources/{written}" if written else None, analysed)


def import_text(path: str, fmt: str | None = None, *, output: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The map YAML of file ``path`` (see :func:`import_map`)."""
    return import_map(path, fmt, output=output, max_bytes=max_bytes).yaml


def _counts(argmap: ArgMap) -> str:
    relations = Counter(r.type for claim in argmap.claims for r in claim.relations)
    shown = ", ".join(f"{relations[t]:,} {t}" for t in ("supports", "opposes", "tension", "same-as") if relations[t])
    return (f"{plural(len(argmap.claims), 'claim')}, {plural(len(argmap.arguments), 'linked argument')}"
            f", relations: {shown or 'none'}")


def _framework_header(argmap: ArgMap, fmt: str, source: Path) -> list[str]:
    attacks = sum(len(claim.relations) for claim in argmap.claims)
    header = [
        f"Imported by `argmap import -f {fmt}` from {source.name} ({FORMAT_NAMES[fmt]} format):"
        f" {plural(len(argmap.claims), 'argument')}, {plural(attacks, 'attack')}.",
        "Each argument is an assumption whose text is its name in the file; each attack is an `opposes`.",
        "Self-attacks, and arguments no attack touches, are deliberate in a framework: they ignore AM003 and AM104.",
    ]
    renamed = renamed_ids(argmap)
    if renamed:
        changed = "name was changed to a valid claim id" if len(renamed) == 1 else "names were changed to valid claim ids"
        header.append(f"{len(renamed):,} {changed} ([a-z0-9][a-z0-9-]*):")
        header += [f"  {original!r} -> {claim_id}" for original, claim_id in renamed.items()]
    return header


def check_output(output: str) -> None:
    """Refuse an output that is not a new ``.yaml`` file, or whose ``sources/<stem>.txt`` exists
    (before anything is read or written)."""
    target = Path(output)
    if target.suffix not in MAP_SUFFIXES:
        raise MapError(f"the map must be written to a .yaml file (argmap reads only {', '.join(MAP_SUFFIXES)})", path=output)
    if not MAP_NAME_PATTERN.match(target.stem):
        raise MapError(f"'{target.name}' cannot be a map name; use letters, digits, '-', '_' or '.'", path=output)
    if target.exists() or target.is_symlink():
        raise MapError("refusing to overwrite an existing file; remove it or choose another -o", path=output)
    beside = target.parent / "sources" / f"{target.stem}{SOURCE_SUFFIX}"
    if beside.exists() or beside.is_symlink():
        raise MapError(f"refusing to overwrite {beside}, where the source text would go; remove it or choose another -o",
                       path=output)
