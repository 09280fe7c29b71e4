"""ICCMA 2023's framework format: ``p af N``, then one attack ``i j`` per line over 1..N.

Lines starting with ``#`` are comments, and blank lines are skipped. The arguments are 1..N (each a
valid claim id as it is). ``argmap export -f i23`` names each argument in a comment ``# i name``;
when the comments name every argument once, each with a name of its own, the names are read back.
"""

from __future__ import annotations

import re

from argmap.interchange.framework import FormatError, framework_map
from argmap.model import ArgMap, Position

_HEADER = re.compile(r"p\s+af\s+(\d+)\Z")
# A framework's size is its header's word, not its file's: "p af 5000000" alone took 47 s and 4.3 GB.
# A million arguments import in about 10 s (their map is already past check's default --max-bytes).
MAX_ARGUMENTS = 1_000_000
_ATTACK = re.compile(r"(\d+)\s+(\d+)\Z")
_NAMED = re.compile(r"#\s*(\d+) (\S.*)\Z")


def read_i23(text: str, path: str, name: str) -> ArgMap:
    """The framework of ICCMA 2023 ``text`` (read from ``path``) as a map named ``name``.

    >>> m = read_i23("p af 2\\n# a comment\\n1 2\\n2 2\\n", "f.i23", "f")
    >>> [(c.id, [r.target for r in c.relations]) for c in m.claims]
    [('1', ['2']), ('2', ['2'])]
    """
    count: int | None = None
    header_line = 1
    attacks: list[tuple[str, str, Position]] = []
    names: dict[int, str] = {}
    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            named = _NAMED.match(line)
            if named and count is not None:
                names.setdefault(_number(named.group(1)), named.group(2).strip())
            continue
        if count is None:
            header = _HEADER.match(line)
            if header is None:
                raise FormatError(f"expected the header 'p af N' (N arguments) but found '{_short(line)}'", path, number)
            declared = header.group(1).lstrip("0") or "0"
            if len(declared) > len(str(MAX_ARGUMENTS)) or int(declared) > MAX_ARGUMENTS:
                raise FormatError(f"'p af {_short(declared)}' declares more arguments than argmap imports"
                                  f" ({MAX_ARGUMENTS:,} at most)", path, number)
            count, header_line = int(declared), number
            continue
        attack = _ATTACK.match(line)
        if attack is None:
            what = "a second header" if _HEADER.match(line) else f"'{_short(line)}'"
            raise FormatError(f"expected an attack 'i j' (two argument numbers) but found {what}", path, number)
        for k in attack.groups():
            if not 1 <= _number(k) <= count:
                raise FormatError(f"argument {_short(k)} does not exist: the header declares arguments 1 to {count}", path, number)
        attacks.append((str(_number(attack.group(1))), str(_number(attack.group(2))), Position(path, number, 1)))
    if count is None:
        raise FormatError("no 'p af N' header: not an ICCMA 2023 framework", path, 1)
    if count == 0:
        raise FormatError("'p af 0': the framework has no arguments to import", path, header_line)
    named = len(names) == count and all(1 <= k <= count for k in names) and len(set(names.values())) == count
    label = {k: names[k] if named else str(k) for k in range(1, count + 1)}
    arguments = [(label[k], Position(path, header_line, 1)) for k in range(1, count + 1)]
    renamed = [(label[int(a)], label[int(b)], where) for a, b, where in attacks]
    return framework_map(path, name, f"{name} (ICCMA 2023 framework)", arguments, renamed)


def _number(digits: str) -> int:
    """The number ``digits`` write, or -1 past any argument's (Python refuses int() of 4,300 digits)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= len(str(MAX_ARGUMENTS)) else -1


def _short(line: str) -> str:
    return line if len(line) <= 40 else line[:40] + "..."
