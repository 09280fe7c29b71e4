"""Coverage-guided fuzzing of the ``check`` pipeline with atheris (libFuzzer for Python): ``make fuzz-atheris``.

Optional: it needs ``pip install atheris``, and pytest does not collect it. Each input is written as a
map file beside copies of ``maps/`` (so includes and ``map#id`` resolve and sources exist) and checked;
the oracle is the one every fuzz target uses (``tests/fuzz/oracle.py``): a sound result or a clear
``MapError``, anything else is a crash. The real maps are the seed corpus. Extra arguments go to
libFuzzer, e.g. ``-runs=100000`` or ``-max_total_time=600``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

with atheris.instrument_imports(include=["argmap"]):
    from tests.fuzz.oracle import check_outcome


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="argmap-atheris-"))
    maps = work / "maps"
    shutil.copytree(REPO / "maps", maps)
    corpus = work / "corpus"
    corpus.mkdir()
    for path in sorted((REPO / "maps").glob("*.yaml")):
        shutil.copy(path, corpus / path.name)
    target = maps / "fuzzed.yaml"

    def one_input(data: bytes) -> None:
        target.write_bytes(data)
        check_outcome(target, maps)

    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        argv.append(str(corpus))
    if not any(arg.startswith("-artifact_prefix=") for arg in argv):
        argv.append(f"-artifact_prefix={work}/")  # crashing inputs go there, not into the checkout
    print(f"argmap atheris: working in {work}", file=sys.stderr)
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
