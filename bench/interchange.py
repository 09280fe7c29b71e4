"""How long ``argmap import`` and ``argmap check`` take on large AIF and Kialo files, and how long a
check of a folder of imported maps with one bad file takes.

Not a test (nothing here is timed in the test suite): run ``make interchange`` and read the table.
Files are generated here in the shapes of AIFdb's nodesets and Kialo's current export (a tree of
pros and cons, some ``-> See`` links, footnotes, CRLF; for AIF: inferences, some linked, conflicts,
a few tensions and rephrases, a dialogue layer of locutions); each command is run as the real
``argmap`` in a fresh process, median of ``--runs``. docs/performance.md quotes the figures.

    python bench/interchange.py                          # 20,000 claims, 2,000 maps
    python bench/interchange.py --claims 5000 --maps 200 --runs 1
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARGMAP = [sys.executable, "-m", "argmap"]


def aif_nodeset(n: int, seed: int = 1) -> dict[str, object]:
    """An AIF nodeset of ``n`` propositions: a forest of inferences (one in five linked), one conflict
    for every eight propositions, a few tensions and rephrases, and a locution asserting each."""
    rng = random.Random(seed)
    nodes: list[dict[str, object]] = []
    edges: list[dict[str, object]] = []
    ids = iter(range(1, 10 * n + 100))

    def node(kind: str, text: str) -> str:
        nid = str(next(ids))
        nodes.append({"nodeID": nid, "text": text, "type": kind, "timestamp": "2016-09-26 21:00:00"})
        return nid

    def edge(u: str, v: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": u, "toID": v, "formEdgeID": None})

    claims = [node("I", f"Proposition {k} says something about the debate, point {rng.randint(1, 999)}.") for k in range(n)]
    for k, claim in enumerate(claims):
        said = node("L", f"Speaker{k % 7} : Proposition {k} says something")
        asserting = node("YA", "Asserting")
        edge(said, asserting)
        edge(asserting, claim)
        if k == 0:
            continue
        parent = claims[rng.randrange(max(0, k - 50), k)]
        roll = rng.random()
        if roll < 0.65:
            ra = node("RA", "Default Inference")
            edge(claim, ra)
            if rng.random() < 0.2 and k > 1:
                edge(claims[k - 1], ra)
            edge(ra, parent)
        elif roll < 0.85:
            ca = node("CA", "Default Conflict")
            edge(claim, ca)
            edge(ca, parent)
            if rng.random() < 0.1:
                back = node("CA", "Default Conflict")
                edge(parent, back)
                edge(back, claim)
        elif roll < 0.9:
            ma = node("MA", "Default Rephrase")
            edge(claim, ma)
            edge(ma, parent)
    return {"nodes": nodes, "edges": edges, "locutions": []}


def kialo_export(n: int, seed: int = 1) -> str:
    """Kialo's current layout: a question, two theses, ``n`` claims in all, footnotes, links, CRLF."""
    rng = random.Random(seed)
    lines = ["Discussion Name:", "Is this a large debate?", "", "1. Question:", "Is this a large debate?", ""]
    children: dict[str, int] = {"1": 0}
    numbers: list[str] = []
    for k in range(n):
        if k < 2:
            parent, label = "1", "Thesis"
        else:
            parent, label = rng.choice(numbers[max(0, len(numbers) - 200):]), rng.choice(("Pro", "Con"))
        children[parent] += 1
        number = f"{parent}.{children[parent]}"
        children[number] = 0
        numbers.append(number)
        indent = "  " * number.count(".")
        if k > 10 and rng.random() < 0.02:
            text = f"-> See {rng.choice(numbers[:-1])}."
        else:
            text = f"Claim {k} gives a reason{' [1]' if rng.random() < 0.05 else ''}."
        lines += [f"{indent}{number}. {label}:", f"{indent}{text}", ""]
    lines += ["Sources:", "[1] https://example.org/source", ""]
    return "\r\n".join(lines)


def timed(args: list[str], runs: int) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    times, done = [], None
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([*ARGMAP, *args], capture_output=True, cwd=REPO, timeout=1800)
        times.append(time.perf_counter() - started)
    return statistics.median(times), done  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--maps", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        rows = []
        aif = folder / "big.json"
        aif.write_text(json.dumps(aif_nodeset(options.claims)), encoding="utf-8")
        kialo = folder / "big.txt"
        kialo.write_bytes(kialo_export(options.claims).encode("utf-8"))
        for label, source in (("AIF", aif), ("Kialo", kialo)):
            times = []
            for run in range(options.runs):  # the import refuses to overwrite: each run writes a new file
                out = folder / f"{label.lower()}{run}.yaml"
                took, done = timed(["import", str(source), "-o", str(out)], 1)
                assert done.returncode == 0, done.stderr
                times.append(took)
            took = statistics.median(times)
            rows.append((f"import {label} ({options.claims:,} claims, {source.stat().st_size / 1e6:.1f} MB)", took, 0))
            took, done = timed(["check", str(out)], options.runs)
            assert done.returncode in (0, 1), done.stderr
            rows.append((f"check the imported {label} map", took, done.returncode))
        maps = folder / "maps"
        maps.mkdir()
        small = folder / "small.txt"
        small.write_bytes(kialo_export(8).encode("utf-8"))
        done = subprocess.run([*ARGMAP, "import", str(small)], capture_output=True, check=True, cwd=REPO)
        text = done.stdout.decode("utf-8")
        for k in range(options.maps):
            (maps / f"m{k:05d}.yaml").write_text(text.replace("Claim 0 gives", f"Claim 0 of map {k} gives"), encoding="utf-8")
        bad = maps / f"m{options.maps // 2:05d}.yaml"
        bad.write_text(bad.read_text(encoding="utf-8").replace("Claim 3", "Claim \x07 3"), encoding="utf-8")
        took, done = timed(["check", str(maps)], options.runs)
        assert done.returncode == 2 and done.stderr.decode().count("\n") == 1, done.stderr
        summary = done.stdout.decode("utf-8").splitlines()[-1]
        rows.append((f"check {options.maps:,} imported maps, one bad ({summary.split(':')[0]})", took, 2))
    width = max(len(label) for label, _, _ in rows)
    print(f"{'task':<{width}}  seconds  exit")
    for label, took, status in rows:
        print(f"{label:<{width}}  {took:7.2f}  {status}")


if __name__ == "__main__":
    main()
