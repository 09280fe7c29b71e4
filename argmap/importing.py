"""``argmap import``: a framework file read by its format's reader and written as a map."""

from __future__ import annotations

from pathlib import Path

from argmap.interchange import READERS, SUFFIXES
from argmap.interchange.framework import renamed_ids
from argmap.interchange.writing import map_yaml
from argmap.load import DEFAULT_MAX_BYTES, MAP_SUFFIXES, decode_map_text
from argmap.model import MAP_NAME_PATTERN, MapError
from argmap.wording import plural

FORMAT_NAMES = {"apx": "ASPARTIX apx", "i23": "ICCMA 2023"}


def guess_format(path: str) -> str:
    """The format a file's extension implies, or a ``MapError`` asking for ``-f``."""
    fmt = SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise MapError(f"cannot tell the format from the file name; give -f {' or -f '.join(READERS)}", path=path)
    return fmt


def import_text(path: str, fmt: str | None = None, *, output: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The map YAML of framework file ``path`` in format ``fmt`` (by default, from its extension).

    The map is named after ``output`` when given (as loading it will name it), else after ``path``.
    Its header says where it came from and lists each argument whose name had to change to be a
    claim id.
    """
    fmt = fmt or guess_format(path)
    source = Path(path)
    if source.is_dir():
        raise MapError("import takes one framework file, not a folder", path=path)
    try:
        size = source.stat().st_size
        if size > max_bytes:
            raise MapError(f"file is {size:,} bytes, over the limit of {max_bytes:,}; raise --max-bytes", path=path)
        data = source.read_bytes()
    except FileNotFoundError:
        raise MapError("no such file", path=path) from None
    text = decode_map_text(data, path)
    stem = Path(output).stem if output else source.stem
    name = stem if MAP_NAME_PATTERN.match(stem) else "imported"
    argmap = READERS[fmt](text, path, name)
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
    return map_yaml(argmap, header)


def check_output(output: str) -> None:
    """Refuse an output that is not a new ``.yaml`` file (before anything is read or written)."""
    target = Path(output)
    if target.suffix not in MAP_SUFFIXES:
        raise MapError(f"the map must be written to a .yaml file (argmap reads only {', '.join(MAP_SUFFIXES)})", path=output)
    if not MAP_NAME_PATTERN.match(target.stem):
        raise MapError(f"'{target.name}' cannot be a map name; use letters, digits, '-', '_' or '.'", path=output)
    if target.exists() or target.is_symlink():
        raise MapError("refusing to overwrite an existing file; remove it or choose another -o", path=output)

