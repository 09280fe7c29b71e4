"""Frameworks and maps written in other tools' formats, read into argmap's model.

One module per format, each with one reader ``read_<format>(text, path, name) -> ArgMap``;
:data:`READERS` names them for ``argmap import``. The abstract frameworks of the argumentation
solvers (ASPARTIX's apx, ICCMA 2023's i23) become maps of assumptions and ``opposes``
(:mod:`argmap.interchange.framework`); a map is written back out in the plain layout by
:func:`argmap.interchange.writing.map_yaml`. A format added later (aif, argdown, kialo) is one more
module and one more entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from argmap.interchange.apx import read_apx
from argmap.interchange.framework import FormatError
from argmap.interchange.i23 import read_i23
from argmap.model import ArgMap

Reader = Callable[[str, str, str], ArgMap]

READERS: dict[str, Reader] = {"apx": read_apx, "i23": read_i23}
FORMATS = tuple(READERS)
SUFFIXES = {".apx": "apx", ".i23": "i23", ".af": "i23"}  # the format a file's extension implies

__all__ = ["FORMATS", "READERS", "SUFFIXES", "FormatError", "read_apx", "read_i23"]
