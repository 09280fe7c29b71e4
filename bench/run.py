"""Benchmark argmap on maps in every style people write, and Argdown's CLI on the same content.

For each size N it generates a map (``argmap.generate``), writes the same content in each style of
``bench/styles.py`` (generated, dumped by PyYAML, wrapped at width 40, by hand: comments, blank lines,
block lists, folded text), exports it as Argdown, and times as separate processes: ``argmap check`` on
every style, ``argmap evaluate`` (grounded), ``argmap export -f dot``,
``argmap render -f svg`` (small maps only), a bare parse of the YAML (PyYAML's CSafeLoader), a
``json.loads`` of the same data as JSON, and ``argdown json`` and ``argdown map`` on the Argdown
export (``argdown map`` up to 10,000 claims: it takes minutes there and grows faster than linearly).
Before the sizes, real data others wrote (argdown json outputs and AIFdb nodesets from
tests/data/interchange) is imported as maps, written in every style and checked, beside
``argdown json`` on the Argdown sources. Each figure is the median wall and CPU time (user + system,
from ``wait4``) of several runs (one when the first takes over a minute), the tasks of a size run in
turn round after round so that the machine's drifts in speed fall on all of them alike, and the peak
resident memory of the process (``ru_maxrss`` from ``wait4``: the process itself, not programs it
starts, such as ``dot``).
Then it prints a table and the ratios the targets are stated in, and writes everything to a JSON file.

    python bench/run.py                              # 1,000, 10,000, 50,000 and 100,000 claims
    python bench/run.py --sizes 1000,10000 --runs 5
    python bench/run.py --other-python /path/to/venv/bin/python   # check under a second Python too

The interpreter is the one that runs this script (``make bench``: the project's .venv). With
``--other-python`` (a Python that can import argmap's dependencies), ``argmap check`` is also timed
under that one, in the same rounds, so that the two builds are compared on the same machine state.

The Argdown CLI is installed with npm into bench/.argdown when it is missing (``--no-install`` to
skip); without npm, or offline, the Argdown figures are left out and the run says so.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from bench.styles import REAL, REAL_FILES, STYLES  # noqa: E402

ARGDOWN_DIR = REPO / "bench" / ".argdown"
ARGDOWN_PACKAGE = "@argdown/cli@1.7.5"
ARGDOWN_BIN = ARGDOWN_DIR / "node_modules" / ".bin" / "argdown"
PY = sys.executable
ARGMAP = [PY, "-m", "argmap"]
LARGE = 50_000  # sizes from here on use --large-runs
TIMEOUT = 3600.0
PLAIN_DOT_TIMEOUT = float(os.environ.get("BENCH_PLAIN_DOT_TIMEOUT", "600"))  # Graphviz on a plain DOT of 1,000 claims
SLOW = 60.0  # a figure whose first run takes longer is not repeated
OTHER_CHECK = "argmap check (other Python)"

YAML_PARSE = """
import sys, time, yaml
data = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
yaml.load(data, Loader=yaml.CSafeLoader)
print(time.perf_counter() - start)
"""
JSON_PARSE = """
import json, sys, time
data = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
json.loads(data)
print(time.perf_counter() - start)
"""
# Generating a map and its JSON twin takes hundreds of MB for 100,000 claims: done in a process of its
# own, because Linux counts the benchmark's own memory at fork time in each child's peak (ru_maxrss
# survives exec), which would otherwise make every figure after it look as large.
PREPARE = """
import json, sys
from pathlib import Path
import yaml
from argmap.generate import write_generated
from bench.styles import STYLES, restyle
path = Path(sys.argv[2])
write_generated(path, int(sys.argv[1]), seed=1)
text = path.read_text(encoding="utf-8")
data = yaml.load(text, Loader=yaml.CSafeLoader)
path.with_suffix(".json").write_text(json.dumps(data), encoding="utf-8")
for style in STYLES:  # the same content as people and tools write it, beside the map (its source is shared)
    path.with_name(f"{path.stem}.{style}.yaml").write_text(restyle(text, style), encoding="utf-8")
"""
# The map as the plainest DOT: every claim with its text as label, every relation an edge, default
# settings. Made in a process of its own, as PREPARE is, so that the benchmark stays small.
PLAIN_DOT = r"""
import sys
from pathlib import Path
from argmap.graph import MapGraph
from argmap.load import load_map_set
G = MapGraph(load_map_set([sys.argv[1]])).graph
def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
lines = ["digraph G {"]
lines += [f"{quoted(n)} [label={quoted(' '.join(text.split()) or n)}];" for n, text in G.nodes(data="text")]
lines += [f"{quoted(u)} -> {quoted(v)};" for u, v in G.edges()]
Path(sys.argv[2]).write_text("\n".join([*lines, "}"]) + "\n", encoding="utf-8")
"""
GROUNDED = """
import sys, time
start = time.perf_counter()
from argmap.analysis import grounded_labelling
from argmap.graph import MapGraph
from argmap.load import load_map_set
grounded_labelling(MapGraph(load_map_set([sys.argv[1]])).graph)
print(time.perf_counter() - start)
"""


def run_once(cmd: list[str], cwd: Path | None = None, timeout: float | None = None) -> dict[str, object]:
    """Run ``cmd`` once; its wall time, peak memory (MB), exit status and standard output."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env, start_new_session=True)
        timer = threading.Timer(timeout or TIMEOUT, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            # The benchmark itself stopped (Ctrl-C, or SIGTERM: see main): the command runs in a session
            # of its own, so it would go on using a core, and skew the next run, unless stopped here.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            raise
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"seconds": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                "status": process.returncode,
                "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")}


@dataclass
class Task:
    """A command to time: its name in the table, the statuses that count as success, at most how long a run may take."""

    name: str
    cmd: list[str]
    ok: tuple[int, ...] = (0, 1)
    cwd: Path | None = None
    timeout: float | None = None
    once: bool = False  # run once whatever ``runs`` says (a run that takes minutes)


def measure_all(tasks: list[Task], runs: int) -> dict[str, dict[str, object]]:
    """Median wall time and largest peak memory of ``runs`` runs of each task (one when its first is slow).

    The tasks run in turn, round after round, rather than each ``runs`` times in a row: the machine's
    speed drifts (a fifth and more from minute to minute here), and a slow spell then falls on every
    task alike instead of on one, so the ratios between tasks hold better than the times themselves.
    """
    results: dict[str, list[dict[str, object]]] = {task.name: [] for task in tasks}
    for turn in range(runs):
        for task in tasks:
            done = results[task.name]
            if turn and (task.once or done[0]["seconds"] >= SLOW):  # type: ignore[operator]
                continue
            done.append(run_once(task.cmd, task.cwd, task.timeout))
    return {task.name: _figure(task, results[task.name]) for task in tasks}


def _figure(task: Task, results: list[dict[str, object]]) -> dict[str, object]:
    failed = [r for r in results if r["status"] not in task.ok]
    figure: dict[str, object] = {
        "command": " ".join(str(c) for c in task.cmd).replace(str(REPO) + "/", ""),
        "runs": [round(r["seconds"], 3) for r in results],  # type: ignore[call-overload]
        "median_s": round(statistics.median(r["seconds"] for r in results), 3),  # type: ignore[misc]
        "cpu_s": round(statistics.median(r["cpu"] for r in results), 3),  # type: ignore[misc]
        "peak_mb": round(max(r["peak_mb"] for r in results), 1),  # type: ignore[type-var]
        "status": results[-1]["status"],
    }
    if task.timeout is not None and results[-1]["status"] == -signal.SIGKILL:
        figure["timed_out_after_s"] = task.timeout  # the median is then a lower bound
        failed = []
    inner = [float(r["stdout"].strip().splitlines()[-1]) for r in results  # type: ignore[union-attr]
             if r["stdout"] and r["status"] == 0 and _is_number(r["stdout"].strip().splitlines()[-1])]  # type: ignore[union-attr]
    if inner and len(inner) == len(results):
        figure["inner_s"] = round(statistics.median(inner), 3)
    if failed:
        figure["error"] = (failed[0]["stderr"] or failed[0]["stdout"])[-500:]  # type: ignore[index]
    shown = f"{figure['median_s']:.2f} s wall, {figure['cpu_s']:.2f} s CPU, {figure['peak_mb']:.0f} MB"
    if "inner_s" in figure:
        shown += f" (inner {figure['inner_s']:.3f} s)"
    if failed:
        shown += "  FAILED: " + (str(figure["error"]).strip().splitlines() or ["?"])[-1]
    print(f"  {task.name:<28} {shown}", flush=True)
    return figure


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def ensure_argdown(install: bool) -> tuple[str | None, str]:
    """The Argdown CLI (installing it into bench/.argdown when missing), or None and why not."""
    if not shutil.which("node"):
        return None, "node is not installed"
    if ARGDOWN_BIN.is_file():
        return str(ARGDOWN_BIN), "bench/.argdown"
    if not install:
        return None, "not installed in bench/.argdown (and --no-install)"
    if not shutil.which("npm"):
        return None, "npm is not installed"
    print(f"installing {ARGDOWN_PACKAGE} into {ARGDOWN_DIR.relative_to(REPO)} ...", flush=True)
    ARGDOWN_DIR.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["npm", "install", "--prefix", str(ARGDOWN_DIR), "--no-audit", "--no-fund", ARGDOWN_PACKAGE],
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0 or not ARGDOWN_BIN.is_file():
        return None, f"npm install failed: {(done.stderr or done.stdout).strip()[-300:]}"
    return str(ARGDOWN_BIN), "bench/.argdown (installed now)"


def python_description(python: str) -> str:
    """``python``'s version and where it is installed: builds of one version differ in speed."""
    try:
        said = run_once([python, "-c", "import sys; print('Python', sys.version.split()[0], 'from', sys.base_prefix)"])
    except OSError as error:
        raise SystemExit(f"{python} does not run: {error.strerror}") from None
    if said["status"] != 0:
        raise SystemExit(f"{python} does not run (exit status {said['status']}): {str(said['stderr']).strip()}")
    return str(said["stdout"]).strip()


def has_evaluate() -> bool:
    return run_once([*ARGMAP, "evaluate", "--help"])["status"] == 0


def prepare(size: int, work: Path) -> dict[str, Path]:
    """Generate the map of ``size`` claims, its JSON twin and its Argdown export (not timed)."""
    folder = work / str(size)
    path = folder / f"gen{size}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    prepared = run_once([PY, "-c", PREPARE, str(size), str(path)])
    if prepared["status"] != 0:
        raise SystemExit(f"generating the map of {size:,} claims failed: {prepared['stderr']}")
    as_json = path.with_suffix(".json")
    argdown = folder / "argdown" / f"gen{size}.argdown"
    argdown.parent.mkdir(exist_ok=True)
    exported = run_once([*ARGMAP, "export", str(path), "-f", "argdown", "-o", str(argdown)])
    if exported["status"] != 0:
        raise SystemExit(f"argmap export -f argdown failed: {exported['stderr']}")
    return {"map": path, "json": as_json, "argdown": argdown, "folder": folder, "conclusion": first_conclusion(path)}


def first_conclusion(path: Path) -> str:
    """The id of the map's first conclusion: the top of its largest tree of support, for ``argmap brief``."""
    claim = None
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":"):
                claim = line.strip()[:-1]
            elif claim and line.strip() in ('kind: "conclusion"', "kind: conclusion"):
                return claim
    raise SystemExit(f"no conclusion in {path}")


def bench_size(size: int, runs: int, argdown: str | None, evaluate: bool, render_max: int, argdown_map_max: int,
               work: Path, other: str | None = None) -> dict[str, object]:
    files = prepare(size, work)
    m, folder = str(files["map"]), files["folder"]
    print(f"N = {size:,}: {files['map'].stat().st_size / 1e6:.1f} MB of YAML, {runs} run(s) each", flush=True)
    figures: dict[str, object] = {"yaml_bytes": files["map"].stat().st_size, "runs": runs,
                                  "load_average_before": os.getloadavg()[0]}
    tasks = [Task(f"argmap check ({style})", [*ARGMAP, "check", str(files["map"].with_name(f"gen{size}.{style}.yaml"))])
             for style in STYLES]
    if other:
        tasks.append(Task(OTHER_CHECK, [other, "-m", "argmap", "check", m]))
    if evaluate:
        tasks.append(Task("argmap evaluate", [*ARGMAP, "evaluate", m]))
    else:
        tasks.append(Task("grounded_labelling (python -c)", [PY, "-c", GROUNDED, m], ok=(0,)))
    tasks.append(Task("argmap export -f dot", [*ARGMAP, "export", m, "-f", "dot", "-o", str(folder / "out.dot")], ok=(0,)))
    tasks.append(Task("argmap brief (a conclusion)", [*ARGMAP, "brief", m, str(files["conclusion"])], ok=(0,)))
    if size <= render_max:
        plain = folder / "plain.dot"
        made = run_once([PY, "-c", PLAIN_DOT, m, str(plain)])
        if made["status"] != 0:
            raise SystemExit(f"the plain DOT could not be made: {made['stderr']}")
        tasks.append(Task("dot -Tsvg (plain DOT)", ["dot", "-Tsvg", str(plain), "-o", str(folder / "plain.svg")], ok=(0,),
                          timeout=PLAIN_DOT_TIMEOUT, once=True))
        tasks.append(Task("argmap render -f svg", [*ARGMAP, "render", m, "-o", str(folder / "render"), "-f", "svg",
                                                   "--timeout", str(TIMEOUT)], ok=(0,)))
    tasks.append(Task("yaml.load (CSafeLoader)", [PY, "-c", YAML_PARSE, m], ok=(0,)))
    tasks.append(Task("json.loads", [PY, "-c", JSON_PARSE, str(files["json"])], ok=(0,)))
    if argdown:
        ad = str(files["argdown"])
        tasks.append(Task("argdown json", [argdown, "json", ad, str(folder / "argdown-json")], ok=(0,)))
        if size <= argdown_map_max:
            tasks.append(Task("argdown map (dot)", [argdown, "map", ad, str(folder / "argdown-map")], ok=(0,)))
    figures.update(measure_all(tasks, runs))
    figures["load_average_after"] = os.getloadavg()[0]  # other work on the machine skews the figures
    return figures


# Each real map (bench/styles.py's REAL_FILES) is imported as a user would, written in every style,
# and checked; Argdown's CLI reads the Argdown source of the three whose `argdown json` output was published.
RESTYLE = """
import sys
from pathlib import Path
from bench.styles import STYLES, restyle
path = Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
for style in STYLES:
    path.with_name(f"{path.stem}.{style}.yaml").write_text(restyle(text, style), encoding="utf-8")
"""


def bench_real(runs: int, argdown: str | None, work: Path) -> dict[str, object]:
    """``argmap check`` on each real map in every style, and ``argdown json`` on its Argdown source."""
    folder = work / "real"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tasks = []
    for name, (data, source) in REAL_FILES.items():
        path = folder / f"{name}.yaml"
        for step in ([*ARGMAP, "import", str(REAL / data), "-o", str(path)], [PY, "-c", RESTYLE, str(path)]):
            done = run_once(step)
            if done["status"] != 0:
                raise SystemExit(f"preparing the real map {name} failed: {done['stderr']}")
        tasks += [Task(f"argmap check ({name}, {style})", [*ARGMAP, "check", str(folder / f"{name}.{style}.yaml")])
                  for style in STYLES]
        if argdown and source:
            tasks.append(Task(f"argdown json ({name})", [argdown, "json", str(REAL / source), str(folder / "argdown-json")],
                              ok=(0,)))
    print(f"real data: {len(REAL_FILES)} maps imported from {REAL.relative_to(REPO)}, {runs} run(s) each", flush=True)
    return measure_all(tasks, runs)


def real_ratios(real: dict[str, object]) -> list[dict[str, object]]:
    """For each real map: the slowest style against the fastest, and Argdown's CLI against argmap check."""
    out: list[dict[str, object]] = []
    for name, (_, source) in REAL_FILES.items():
        cpu = [float(f["cpu_s"]) for style in STYLES if isinstance(f := real.get(f"argmap check ({name}, {style})"), dict)]
        if cpu and min(cpu):
            out.append({"ratio": f"slowest style / fastest style of argmap check on {name}, CPU",
                        "value": round(max(cpu) / min(cpu), 2), "target": "<= 1.5",
                        "verdict": "met" if max(cpu) / min(cpu) <= 1.5 else "missed"})
        theirs = real.get(f"argdown json ({name})")
        if source and cpu and isinstance(theirs, dict) and "error" not in theirs:
            value = round(float(theirs["cpu_s"]) / max(cpu), 2)  # type: ignore[arg-type]
            out.append({"ratio": f"argdown json / argmap check (slowest style) on {name}, CPU", "value": value,
                        "target": ">= 5", "verdict": "met" if value >= 5 else "missed"})
    return out


def _median(results: dict[str, dict[str, object]], size: int, task: str) -> float | None:
    figure = results.get(str(size), {}).get(task)
    if not isinstance(figure, dict):
        return None
    if "timed_out_after_s" in figure:
        return float(figure["timed_out_after_s"])  # type: ignore[arg-type]  # stopped: a lower bound
    if "error" in figure:
        return None
    return float(figure["median_s"])  # type: ignore[arg-type]


def _cpu(results: dict[str, dict[str, object]], size: int, task: str) -> float | None:
    figure = results.get(str(size), {}).get(task)
    if not isinstance(figure, dict) or "error" in figure or "timed_out_after_s" in figure:
        return None
    return float(figure["cpu_s"])  # type: ignore[arg-type]


def ratios(results: dict[str, dict[str, object]], startup: dict[str, object]) -> list[dict[str, object]]:
    """The targets of the core issue: how many times faster (or slower) one figure is than another."""
    out: list[dict[str, object]] = []

    def add(what: str, top: float | None, bottom: float | None, target: str) -> None:
        """``target`` is ">= x" or "<= x" or free text (no verdict)."""
        value = round(top / bottom, 2) if top is not None and bottom else None
        verdict = None
        if value is not None and target[:2] in (">=", "<="):
            bound = float(target[2:].split()[0])
            verdict = "met" if (value >= bound if target.startswith(">=") else value <= bound) else "missed"
        out.append({"ratio": what, "value": value, "target": target, "verdict": verdict})

    checks = [f"argmap check ({style})" for style in STYLES]
    sizes = sorted(int(s) for s in results)
    for size in sizes:
        if size in (10_000, 50_000) or size == sizes[-1]:
            for check in checks:
                add(f"argdown json / {check} at {size:,}, CPU", _cpu(results, size, "argdown json"), _cpu(results, size, check), ">= 5")
                add(f"argdown json / {check} at {size:,}, wall", _median(results, size, "argdown json"),
                    _median(results, size, check), ">= 4")
            times = [t for t in (_cpu(results, size, check) for check in checks) if t is not None]
            if times:
                add(f"slowest style / fastest style of argmap check at {size:,}, CPU", max(times), min(times), "<= 1.5")
            if _median(results, size, OTHER_CHECK) is not None:
                add(f"argdown json / {OTHER_CHECK} at {size:,}, CPU", _cpu(results, size, "argdown json"),
                    _cpu(results, size, OTHER_CHECK), ">= 5")
    for size in (s for s in sizes if _median(results, s, "argdown map (dot)") is not None):
        add(f"argdown map / argmap export -f dot at {size:,}", _median(results, size, "argdown map (dot)"),
            _median(results, size, "argmap export -f dot"), ">= 5")
    for size in (s for s in sizes if _median(results, s, "dot -Tsvg (plain DOT)") is not None):
        plain = results[str(size)]["dot -Tsvg (plain DOT)"]
        bound = " (lower bound: plain dot was stopped)" if isinstance(plain, dict) and "timed_out_after_s" in plain else ""
        add(f"dot -Tsvg on plain DOT / argmap render -f svg at {size:,}{bound}", _median(results, size, "dot -Tsvg (plain DOT)"),
            _median(results, size, "argmap render -f svg"), ">= 10")
    if 10_000 in sizes and 100_000 in sizes:
        for task in (*checks, "argmap evaluate", "argmap export -f dot", "argmap brief (a conclusion)", "argdown json"):
            add(f"{task}: 100,000 / 10,000, CPU", _cpu(results, 100_000, task), _cpu(results, 10_000, task),
                "<= 12 (linear)" if task.startswith("argmap") else "about 10 (linear)")
    for task in (*checks, "argmap evaluate", "argmap export -f dot", "argmap brief (a conclusion)"):
        figure = results.get(str(sizes[-1]), {}).get(task) if sizes else None
        if isinstance(figure, dict):
            add(f"{task}: peak memory at {sizes[-1]:,}, GB", float(figure["peak_mb"]), 1024.0, "<= 1")  # type: ignore[arg-type]
    a, b = startup.get("argmap check maps"), startup.get("python -c 'import networkx'")
    if isinstance(a, dict) and isinstance(b, dict):
        add("start-up: argmap check maps / python -c 'import networkx', wall", float(a["median_s"]), float(b["median_s"]),
            "<= 3")
    return out


def table(results: dict[str, dict[str, object]]) -> str:
    sizes = sorted(results, key=int)
    tasks: list[str] = []
    for size in sizes:
        tasks += [t for t, f in results[size].items() if isinstance(f, dict) and t not in tasks]
    head = f"| {'task':<28} | " + " | ".join(f"{int(s):>24,} claims" for s in sizes) + " |"
    lines = [head, "|" + "---|" * (len(sizes) + 1)]
    for task in tasks:
        cells = []
        for size in sizes:
            f = results[size].get(task)
            if not isinstance(f, dict):
                cells.append(f"{'-':>31}")
            elif "timed_out_after_s" in f:
                cells.append(f"> {f['timed_out_after_s']:g} s, stopped".rjust(31))
            elif "error" in f:
                cells.append(f"{'failed':>31}")
            else:
                cells.append(f"{f['median_s']:>6.2f} s ({f['cpu_s']:.2f} CPU) {f['peak_mb']:>5.0f} MB")
        lines.append(f"| {task:<28} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _stop(signum: int, frame: object) -> None:
    signal.signal(signum, signal.SIG_DFL)  # once: a second signal ends the benchmark outright
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000,100000", help="claims per map, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is reported)")
    parser.add_argument("--large-runs", type=int, default=1, help=f"runs per figure from {LARGE:,} claims on")
    parser.add_argument("--render-max", type=int, default=1000, help="time render -f svg up to this size")
    parser.add_argument("--argdown-map-max", type=int, default=1_000,
                        help="time argdown map up to this size (it grows faster than linearly: 33 minutes at 10,000 here)")
    parser.add_argument("--work", default=str(REPO / "bench" / "work"), help="folder for the generated maps")
    parser.add_argument("--out", default=str(REPO / "bench" / "results.json"), help="where to write the figures")
    parser.add_argument("--no-install", action="store_true", help="do not npm-install the Argdown CLI")
    parser.add_argument("--other-python", metavar="PYTHON", help="also time argmap check under this Python")
    parser.add_argument("--no-real", dest="real", action="store_false", help="leave out the real data")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)  # as Ctrl-C: the command being timed is stopped too
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = Path(args.work)
    other = python_description(args.other_python) if args.other_python else None  # before hours of runs
    if other:
        print(f"argmap check also under: {other}")

    argdown, where = ensure_argdown(not args.no_install)
    print(f"Argdown CLI: {argdown or 'absent'} ({where})")
    # argmap's bytecode, as any run after the first has it: an environment that does not write it
    # (PYTHONDONTWRITEBYTECODE) would otherwise make every timed process compile the package again.
    compileall.compile_dir(str(REPO / "argmap"), quiet=1)
    evaluate = has_evaluate()
    print("argmap evaluate: " + ("the command" if evaluate else "absent; timing grounded_labelling through python -c"))

    print("start-up", flush=True)
    startup_runs = max(args.runs, 5)
    startup = measure_all([Task("argmap check maps", [*ARGMAP, "check", str(REPO / "maps")]),
                           Task("python -c 'import networkx'", [PY, "-c", "import networkx"], ok=(0,))], startup_runs)
    real = bench_real(max(args.runs, 5), argdown, work) if args.real else {}
    results: dict[str, dict[str, object]] = {}
    for size in sizes:
        runs = args.large_runs if size >= LARGE else args.runs
        results[str(size)] = bench_size(size, runs, argdown, evaluate, args.render_max, args.argdown_map_max, work,
                                        args.other_python)

    report = {
        "machine": {"cpus": os.cpu_count(), "python": python_description(PY), "platform": platform.platform(),
                    "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
                    if shutil.which("node") else None},
        "commit": subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"], capture_output=True,
                                 text=True).stdout.strip() or None,
        "other_python": other,
        "argdown": {"cli": where if argdown else None, "package": ARGDOWN_PACKAGE if argdown else None,
                    "why_absent": None if argdown else where},
        "evaluate": "argmap evaluate" if evaluate else "grounded_labelling through python -c",
        "startup": startup,
        "sizes": results,
        "real": real,
    }
    report["ratios"] = ratios(results, startup) + real_ratios(real)
    print()
    print(table(results))
    print()
    for r in report["ratios"]:  # type: ignore[union-attr]
        value = "n/a" if r["value"] is None else f"{r['value']:.2f}"
        print(f"  {r['ratio']:<60} {value:>8}   target {r['target']:<20} {r['verdict'] or ''}")
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
