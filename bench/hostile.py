"""How long ``argmap check`` takes on hostile inputs as they grow: each should grow about linearly.

Not a test (nothing here is timed in the test suite): run ``make hostile`` and read the table. Each
shape is written at sizes that double, and ``argmap check`` (the real command, whatever reader it
has) is run on each in a fresh process; the ratio column is the time at one size over the time at
the size before it, so about 2 means linear, about 4 quadratic. A run over ``--timeout`` seconds is
stopped and shown as such. docs/threat-model.md quotes the figures.

    python bench/hostile.py                      # every shape
    python bench/hostile.py --shapes quotes --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TAIL = "claims:\n  a:\n    text: A\n    kind: assumption\n    supports: [b]\n  b:\n    text: B\n    kind: conclusion\n"


def long_title_line(folder: Path, n: int) -> list[str]:
    """``title: a`` + n spaces + ``b:c``: one line whose end decides what it is."""
    (folder / "m.yaml").write_text("title: a" + " " * n + "b:c\n" + TAIL)
    return ["m.yaml"]


def quoted_then_space(folder: Path, n: int) -> list[str]:
    """n claims whose quoted values are followed by a trailing space or a comment."""
    lines = ["title: T", "claims:"]
    for i in range(n):
        end = " " if i % 2 else " # a comment"
        lines += [f"  c{i}:", f"    text: 'claim {i}'{end}", f"    kind: \"assumption\"{end}"]
    (folder / "m.yaml").write_text("\n".join(lines) + "\n")
    return ["m.yaml"]


def one_long_line(folder: Path, n: int) -> list[str]:
    """A whole map of n bytes on one line, in flow style."""
    claims = []
    size = 0
    i = 0
    while size < n:
        claim = f"c{i}: {{text: 'claim number {i}', kind: assumption}}"
        claims.append(claim)
        size += len(claim) + 2
        i += 1
    (folder / "m.yaml").write_text("{title: T, claims: {" + ", ".join(claims) + "}}\n")
    return ["m.yaml"]


def long_text_line(folder: Path, n: int) -> list[str]:
    """A claim text of n bytes on one line: words, quotes, ``#`` and ``:`` that start nothing."""
    (folder / "m.yaml").write_text(TAIL.replace("text: A", "text: " + ("word, 'x' y#z a:b " * (n // 18 + 1))[:n].strip())
                                   + "title: T\n")
    return ["m.yaml"]


def duplicate_ids(folder: Path, n: int) -> list[str]:
    """One claim id written n times."""
    (folder / "m.yaml").write_text("title: T\nclaims:\n" + "  a:\n    text: A\n" * n)
    return ["m.yaml"]


def quote_search(folder: Path, n: int) -> list[str]:
    """n quotes, each almost everywhere in a 2 MB repetitive source but in it nowhere."""
    (folder / "s.txt").write_text(" ".join(["a"] * 1_000_000))
    lines = ["title: T", "source: s.txt", "claims:"]
    for i in range(n):
        lines += [f"  c{i}:", f"    text: C{i}", "    kind: evidence", "    quote: " + " ".join(["a"] * (20 + i % 50)) + f" b{i}"]
    (folder / "m.yaml").write_text("\n".join(lines) + "\n")
    return ["m.yaml"]


def quote_source_size(folder: Path, n: int) -> list[str]:
    """1,000 quotes not in a repetitive source of n bytes."""
    (folder / "s.txt").write_text(" ".join(["a"] * (n // 2)))
    lines = ["title: T", "source: s.txt", "claims:"]
    for i in range(1000):
        lines += [f"  c{i}:", f"    text: C{i}", "    kind: evidence", "    quote: " + " ".join(["a"] * (20 + i % 50)) + f" b{i}"]
    (folder / "m.yaml").write_text("\n".join(lines) + "\n")
    return ["m.yaml"]


def _prose(words: int, seed: int = 7) -> list[str]:
    """``words`` words of varied text (a vocabulary of 5,000 made-up words), reproducible."""
    import random
    rng = random.Random(seed)
    vocabulary = [f"w{rng.randrange(10**6)}" for _ in range(5_000)]
    return [rng.choice(vocabulary) for _ in range(words)]


def quote_nearest(folder: Path, n: int) -> list[str]:
    """n quotes of 12 words from a 2 MB source of varied text, each with one word changed: n nearest passages."""
    words = _prose(250_000)
    paragraphs = [" ".join(words[i:i + 100]) for i in range(0, len(words), 100)]
    (folder / "s.txt").write_text("\n\n".join(paragraphs))
    lines = ["title: T", "source: s.txt", "claims:"]
    for i in range(n):
        at = (i * 97) % (len(words) - 12)
        quote = words[at:at + 12]
        quote[6] = "changed"
        lines += [f"  c{i}:", f"    text: C{i}", "    kind: evidence", "    quote: " + " ".join(quote)]
    (folder / "m.yaml").write_text("\n".join(lines) + "\n")
    return ["m.yaml"]


def quote_elided(folder: Path, n: int) -> list[str]:
    """n quotes 'a a ... b<i>': the first part in each of the 2 MB source's 20,000 paragraphs, the second nowhere."""
    (folder / "s.txt").write_text("\n\n".join([" ".join(["a"] * 50)] * 20_000))
    lines = ["title: T", "source: s.txt", "claims:"]
    for i in range(n):
        lines += [f"  c{i}:", f"    text: C{i}", "    kind: evidence", f"    quote: a a ... a b{i}"]
    (folder / "m.yaml").write_text("\n".join(lines) + "\n")
    return ["m.yaml"]


KiB = 1024
SHAPES: dict[str, tuple[Callable[[Path, int], list[str]], list[int], str]] = {
    "title-spaces": (long_title_line, [4 * KiB << i for i in range(9)], "bytes of spaces"),
    "quoted-trailing": (quoted_then_space, [12_500, 25_000, 50_000, 100_000], "claims"),
    "one-line-map": (one_long_line, [128 * KiB, 256 * KiB, 512 * KiB, 1024 * KiB], "bytes on one line"),
    "long-text": (long_text_line, [128 * KiB, 256 * KiB, 512 * KiB, 1024 * KiB], "bytes of text"),
    "duplicate-ids": (duplicate_ids, [25_000, 50_000, 100_000, 200_000], "repeats"),
    "quotes": (quote_search, [1_250, 2_500, 5_000, 10_000], "quotes, 2 MB source"),
    "nearest": (quote_nearest, [1_250, 2_500, 5_000, 10_000], "quotes off by a word, 2 MB source"),
    "elided": (quote_elided, [1_250, 2_500, 5_000, 10_000], "quotes with '...', 2 MB source"),
    "source-size": (quote_source_size, [512 * KiB, 1024 * KiB, 2048 * KiB, 4096 * KiB], "bytes of source, 1,000 quotes"),
}


def time_check(folder: Path, args: list[str], timeout: float) -> float | None:
    """Seconds for ``argmap check`` in ``folder`` (None past ``timeout``); the command runs in a session
    of its own so that a stopped benchmark stops it too."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "argmap", "check", *args], cwd=folder, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    took = time.perf_counter() - started
    if process.returncode not in (0, 1, 2) or b"Traceback" in err:
        raise SystemExit(f"argmap check failed on {folder}: {err.decode(errors='replace')[-500:]}")
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, of: {', '.join(SHAPES)}")
    parser.add_argument("--runs", type=int, default=1, help="runs per size; the fastest is kept")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is stopped")
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    options = parser.parse_args()
    chosen = [s.strip() for s in options.shapes.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)}")
    results: dict[str, list[dict[str, float | int | None]]] = {}
    print(f"{'shape':<16} {'size':>10}  {'seconds':>8}  {'ratio':>6}  unit")
    for name in chosen:
        build, sizes, unit = SHAPES[name]
        rows = results.setdefault(name, [])
        before: float | None = None
        for size in sizes:
            with tempfile.TemporaryDirectory(prefix="argmap-hostile-") as folder:
                args = build(Path(folder), size)
                times = [time_check(Path(folder), args, options.timeout) for _ in range(options.runs)]
            best = None if None in times else min(t for t in times if t is not None)
            ratio = f"{best / before:6.2f}" if best is not None and before else "     -"
            shown = f"{best:8.2f}" if best is not None else f">{options.timeout:7.0f}"
            print(f"{name:<16} {size:>10,}  {shown}  {ratio}  {unit}", flush=True)
            rows.append({"size": size, "seconds": best})
            before = best
            if best is None:
                break  # larger sizes would only take longer
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
