"""Screenshots of the seed maps' interactive pages for docs/ (docs/viewer-*.png), in headless Chromium.

Run after `bash scripts/setup.sh` (which renders the pages into render/): `python scripts/screenshots.py`.
Each shot opens a page at a permalink and does what a reader would (a search, a toggle), then saves it.
"""

from __future__ import annotations

import sys
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
]


def main() -> int:
    if missing_browser():
        print(f"screenshots: {missing_browser()}", file=sys.stderr)
        return 2
    with chromium(1600, 1000) as driver:
        for name, page, fragment, steps in SHOTS:
            driver.get("about:blank")
            driver.get(page_url(REPO / "render" / page, fragment))
            while driver.execute_script("return document.body.dataset.ready") != "true":
                time.sleep(0.05)
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
