"""Screenshots of the interactive pages for docs/ (docs/viewer-*.png), in headless Chromium.

Run after `bash scripts/setup.sh` (which renders the seed maps' pages into render/):
`python scripts/screenshots.py`. It also generates a 2,000-claim map (seed 1) and renders its page in a
temporary folder. Each shot opens a page at a permalink and does what a reader would (a search, a
toggle), then saves it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import chromium, missing_browser, page_url  # noqa: E402

SHOTS = [
    # (file in docs/, page in render/, permalink, what to do: ("search", word), or ("toggle" or "click", element id))
    ("viewer-why-does-china-protect-north-korea.png", "why-does-china-protect-north-korea.html", "sanctions-bite",
     [("toggle", "toggle-labels")]),
    ("viewer-why-china-supports-north-korea.png", "why-china-supports-north-korea.html", "secure-ally",
     [("search", "nuclear")]),
    ("viewer-china-and-north-korea.png", "china-and-north-korea.html",
     "focus/2/why-does-china-protect-north-korea%23unreliable-partner", [("toggle", "toggle-ids"), ("click", "fit")]),
    ("viewer-generated-2000.png", "GENERATED", "open/3/2", []),
]


def main() -> int:
    if missing_browser():
        print(f"screenshots: {missing_browser()}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="argmap-screenshots-"))
    generated = work / "generated-2000.yaml"
    for args in (["generate", "--claims", "2000", "--seed", "1", "-o", str(generated)],
                 ["render", str(generated), "-o", str(work), "-f", "html"]):
        subprocess.run([sys.executable, "-m", "argmap", *args], check=True, capture_output=True, cwd=REPO)
    with chromium(1600, 1000) as driver:
        for name, page, fragment, steps in SHOTS:
            path = work / "generated-2000.html" if page == "GENERATED" else REPO / "render" / page
            driver.get("about:blank")
            driver.get(page_url(path, fragment))
            for _ in range(300):
                if driver.execute_script("return document.body.dataset.ready") == "true":
                    break
                time.sleep(0.05)
            else:
                print(f"screenshots: {path.name} did not become ready: {driver.get_log('browser')}", file=sys.stderr)
                return 1
            for action, value in steps:
                if action == "search":
                    driver.execute_script("const b = document.getElementById('search'); b.value = arguments[0];"
                                          " b.dispatchEvent(new Event('input'))", value)
                else:
                    driver.find_element("id", value).click()
            time.sleep(0.2)
            driver.save_screenshot(str(REPO / "docs" / name))
            print(f"wrote docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
