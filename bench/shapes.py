"""How argmap's cost grows on maps of extreme shape (issue 7: keep every algorithm linear).

The maps of ``bench/run.py`` are generated forests of shallow support. Here each shape is written at
N and 2N claims, and ``argmap check`` and ``argmap brief`` (on the claim at the top) are timed on
both as separate processes, the median of several runs. The ratio of the two is about 2 where the
cost grows with the map, about 4 where it grows with its square.

- ``chain``: each claim supports the next; each even claim of the lower half is in tension with the
  next one, which rests on it. Every claim is a single point of failure of the top.
- ``fan``: one conclusion supported by every other claim, each in tension with the next.
- ``tree``: a binary tree of support toward one conclusion, the two leaves of each parent in tension.
- ``ladder``: two chains that meet at the top, each claim of the lower half of one in tension with its
  peer on the other: the two sides of every tension meet only at the top.

    python bench/shapes.py                  # N = 4,000
    python bench/shapes.py --size 2000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ARGMAP, run_once  # noqa: E402  (bench/run.py, beside this script)

HERE = Path(__file__).resolve().parent
TIMEOUT = 600.0
Entry = tuple[str, dict[str, object]]  # a claim id and its fields


def chain(n: int) -> tuple[list[Entry], str]:
    entries: list[Entry] = []
    for i in range(n):
        fields: dict[str, object] = {"kind": "evidence"} if i == 0 else {"kind": "conclusion"} if i == n - 1 else {}
        if i < n - 1:
            fields["supports"] = [f"c{i + 1}"]
        if i < n // 2 and i % 2 == 0:
            fields["tension"] = [f"c{i + 1}"]
        entries.append((f"c{i}", fields))
    return entries, f"c{n - 1}"


def fan(n: int) -> tuple[list[Entry], str]:
    entries: list[Entry] = [("c0", {"kind": "conclusion"})]
    for i in range(1, n):
        fields: dict[str, object] = {"kind": "evidence", "supports": ["c0"]}
        if i < n - 1:
            fields["tension"] = [f"c{i + 1}"]
        entries.append((f"c{i}", fields))
    return entries, "c0"


def tree(n: int) -> tuple[list[Entry], str]:
    entries: list[Entry] = [("c0", {"kind": "conclusion"})]
    for i in range(1, n):
        fields: dict[str, object] = {"supports": [f"c{(i - 1) // 2}"]}
        if 2 * i + 1 >= n:
            fields["kind"] = "evidence"  # a leaf
            if i % 2 == 1 and i + 1 < n:
                fields["tension"] = [f"c{i + 1}"]  # its sibling
        entries.append((f"c{i}", fields))
    return entries, "c0"


def ladder(n: int) -> tuple[list[Entry], str]:
    half = n // 2
    entries: list[Entry] = []
    for i in range(half):  # the left chain, c0 .. c(half-1), whose top is the conclusion
        fields: dict[str, object] = {"kind": "evidence"} if i == 0 else {"kind": "conclusion"} if i == half - 1 else {}
        if i < half - 1:
            fields["supports"] = [f"c{i + 1}"]
        entries.append((f"c{i}", fields))
    for i in range(half):  # the right chain, whose top supports the conclusion
        fields = {"kind": "evidence"} if i == 0 else {}
        fields["supports"] = [f"c{half + i + 1}" if i < half - 1 else f"c{half - 1}"]
        if i < half // 2:
            fields["tension"] = [f"c{i}"]
        entries.append((f"c{half + i}", fields))
    return entries, f"c{half - 1}"


SHAPES: dict[str, Callable[[int], tuple[list[Entry], str]]] = {"chain": chain, "fan": fan, "tree": tree, "ladder": ladder}


def write_map(path: Path, shape: str, entries: list[Entry]) -> None:
    lines = [f'title: "{shape}"', "claims:"]
    for claim, fields in entries:
        lines += [f"  {claim}:", f'    text: "Claim {claim}."']
        for key, value in fields.items():
            text = "[" + ", ".join(f'"{v}"' for v in value) + "]" if isinstance(value, list) else f'"{value}"'
            lines.append(f"    {key}: {text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


SLOW = 30.0  # a run that takes longer is not repeated


def median_time(cmd: list[str], runs: int) -> dict[str, object]:
    results = [run_once(cmd, timeout=TIMEOUT)]
    if float(results[0]["seconds"]) < SLOW:  # type: ignore[arg-type]
        results += [run_once(cmd, timeout=TIMEOUT) for _ in range(runs - 1)]
    failed = [r for r in results if r["status"] not in (0, 1)]
    if failed:
        stopped = float(failed[0]["seconds"]) >= TIMEOUT  # type: ignore[arg-type]
        return {"error": f"stopped after {TIMEOUT:g} s" if stopped else str(failed[0]["stderr"]).strip().splitlines()[-1:]}
    return {"median_s": round(statistics.median(float(r["seconds"]) for r in results), 3),  # type: ignore[arg-type]
            "peak_mb": round(max(float(r["peak_mb"]) for r in results), 1)}  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4000, help="N: each shape is timed at N and 2N claims")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated, of: " + ", ".join(SHAPES))
    parser.add_argument("--json", type=Path, default=HERE / "shapes.json")
    args = parser.parse_args(argv)
    work = HERE / "work" / "shapes"
    work.mkdir(parents=True, exist_ok=True)
    sizes = (args.size, 2 * args.size)
    rows = []
    for shape in args.shapes.split(","):
        for size in sizes:
            entries, top = SHAPES[shape](size)
            path = work / f"{shape}{size}.yaml"
            write_map(path, shape, entries)
            for task, cmd in (("check", [*ARGMAP, "check", str(path)]), ("brief", [*ARGMAP, "brief", str(path), top])):
                figure = median_time(cmd, args.runs)
                rows.append({"shape": shape, "claims": size, "task": task, **figure})
                print(f"{shape:<7} {size:>7,} {task:<6} {figure}", flush=True)
    lines = [f"| shape | task | {sizes[0]:,} claims | {sizes[1]:,} claims | ratio |", "|---|---|---|---|---|"]
    for shape in args.shapes.split(","):
        for task in ("check", "brief"):
            small, large = (next(r for r in rows if r["shape"] == shape and r["claims"] == s and r["task"] == task) for s in sizes)
            if "median_s" in small and "median_s" in large:
                ratio = f"{float(large['median_s']) / float(small['median_s']):.1f}"  # type: ignore[arg-type]
                lines.append(f"| {shape} | {task} | {small['median_s']} s | {large['median_s']} s | {ratio} |")
            else:
                lines.append(f"| {shape} | {task} | {small.get('median_s', 'failed')} | {large.get('median_s', 'failed')} | - |")
    print("\n".join(lines))
    args.json.write_text(json.dumps({
        "date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, {platform.python_version()}",
        "size": args.size, "runs": args.runs, "rows": rows, "table": lines,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
