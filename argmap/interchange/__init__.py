"""Maps and frameworks written in other tools' formats, read into argmap's model.

One module per format, each with one reader ``read_<format>(text, path, name) -> ArgMap`` and, for
``argmap import``, ``import_<format>`` giving the same map with what the file held and what was
dropped (:class:`~argmap.interchange.imported.Imported`); :data:`IMPORTERS` names them. The
argument formats (AIF JSON, Argdown JSON, Kialo's text export) keep claims, supports, attacks and
linked arguments; the abstract frameworks of the argumentation solvers (ASPARTIX's apx, ICCMA
2023's i23) become maps of assumptions and ``opposes`` (:mod:`argmap.interchange.framework`). A
map is written back out in the plain layout by :func:`argmap.interchange.writing.map_yaml`, and
as AIF by :func:`argmap.interchange.aif.to_aif`.
"""

from __future__ import annotations

from collections.abc import Callable

from argmap.interchange.aif import import_aif, read_aif, to_aif
from argmap.interchange.apx import read_apx
from argmap.interchange.argdown import import_argdown_json, read_argdown_json
from argmap.interchange.framework import FormatError
from argmap.interchange.i23 import read_i23
from argmap.interchange.imported import Imported
from argmap.interchange.kialo import import_kialo, read_kialo
from argmap.model import ArgMap

Reader = Callable[[str, str, str], ArgMap]
Importer = Callable[[str, str, str], Imported]


def _framework(reader: Reader) -> Importer:
    return lambda text, path, name: Imported(reader(text, path, name))


IMPORTERS: dict[str, Importer] = {
    "aif": import_aif, "argdown": import_argdown_json, "kialo": import_kialo,
    "apx": _framework(read_apx), "i23": _framework(read_i23),
}
READERS: dict[str, Reader] = {
    "aif": read_aif, "argdown": read_argdown_json, "kialo": read_kialo, "apx": read_apx, "i23": read_i23,
}
FORMATS = tuple(IMPORTERS)
FRAMEWORKS = frozenset({"apx", "i23"})
SUFFIXES = {".apx": "apx", ".i23": "i23", ".af": "i23"}  # the format a file's extension implies

__all__ = ["FORMATS", "FRAMEWORKS", "IMPORTERS", "READERS", "SUFFIXES", "FormatError", "Imported", "read_aif",
           "read_apx", "read_argdown_json", "read_i23", "read_kialo", "to_aif"]
