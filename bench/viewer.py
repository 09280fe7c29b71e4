"""How fast the interactive page opens: the combined seed map and generated maps, in headless Chromium.

Not a test (timings depend on the machine); run it with `python bench/viewer.py` (or `make viewer-bench`).
For each map it renders the page (`argmap render -f html`), reports the file size and the render time,
then opens the page from disk RUNS times, each in a fresh tab, and reports the median of:

- ready: from the start of navigation to the page being usable (the map drawn, the source marked, the
  panels filled; viewer.js marks `argmap-ready`);
- search: typing a word in the search box until the matches are counted and highlighted;
- open: clicking the first folded group of an overview (or the first claim of a whole map) until it is shown.

Results go to bench/viewer.json and are printed as a table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import chromium, missing_browser, page_url  # noqa: E402

TARGETS = {"china-and-north-korea": 2.0}  # seconds until usable, from the issue; generated maps: 5 s at 10,000


def _argmap(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "argmap", *args], check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - start


def _measure(driver, path: Path) -> dict[str, float]:
    driver.get("about:blank")
    driver.get(page_url(path))
    for _ in range(600):
        if driver.execute_script("return document.body.dataset.ready") == "true":
            break
        time.sleep(0.01)
    ready = driver.execute_script("return performance.getEntriesByName('argmap-ready')[0].startTime") / 1000
    search = driver.execute_script("""
        const box = document.getElementById('search'), t = performance.now();
        box.value = 'the'; box.dispatchEvent(new Event('input'));
        return new Promise(done => { const wait = () => document.getElementById('search-count').textContent
            ? done((performance.now() - t) / 1000) : setTimeout(wait, 5); wait(); });""")
    opened = driver.execute_script("""
        const g = document.querySelector('#map g.folded') || document.querySelector('#map g.node[data-claim]');
        const t = performance.now();
        g.dispatchEvent(new MouseEvent('click', {bubbles: true}));
        return new Promise(done => requestAnimationFrame(() => done((performance.now() - t) / 1000)));""")
    return {"ready": ready, "search": search, "open": opened}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000", help="claims of the generated maps (comma-separated)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=str(REPO / "bench" / "viewer.json"))
    args = parser.parse_args()
    if missing_browser():
        print(f"viewer bench: {missing_browser()}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="argmap-viewer-bench-"))
    maps = [("china-and-north-korea", REPO / "maps" / "china-and-north-korea.yaml")]
    for size in (int(s) for s in args.sizes.split(",") if s):
        path = work / f"generated-{size}.yaml"
        _argmap("generate", "--claims", str(size), "--seed", "1", "-o", str(path))
        maps.append((path.stem, path))
    results = []
    with chromium() as driver:
        for name, path in maps:
            seconds = _argmap("render", str(path), "-o", str(work), "-f", "html")
            page = work / f"{name}.html"
            runs = [_measure(driver, page) for _ in range(args.runs)]
            row = {"map": name, "bytes": page.stat().st_size, "render_s": round(seconds, 2)}
            for key in ("ready", "search", "open"):
                row[f"{key}_s"] = round(statistics.median(r[key] for r in runs), 3)
                row[f"{key}_all"] = [round(r[key], 3) for r in runs]
            results.append(row)
            print(f"{name:24} {row['bytes'] / 1e6:6.2f} MB  render {row['render_s']:5.2f} s  ready {row['ready_s']:5.2f} s"
                  f"  search {row['search_s']:5.3f} s  open {row['open_s']:5.3f} s", flush=True)
    version = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    Path(args.out).write_text(json.dumps({"browser": version, "runs": args.runs, "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
