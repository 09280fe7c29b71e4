"""Headless Chromium from Debian's packages (chromium, chromium-driver), driven by selenium.

Used by the tests of the interactive page, by ``bench/viewer.py`` and by ``scripts/screenshots.py``.
The flags keep the browser off the network: this machine's network is closed, and without them
Chromium's background services stall it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser")
DRIVER = ("/usr/bin/chromedriver", "chromedriver")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1")


def _found(names: tuple[str, ...]) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def missing_browser() -> str | None:
    """Why no browser can be driven here, or None when one can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (bash scripts/install.sh --test installs it)"
    if _found(CHROMIUM) is None or _found(DRIVER) is None:
        return ("Debian's chromium and chromium-driver are not installed (bash scripts/install.sh --test installs"
                " them as root or with sudo)")
    return None


@contextmanager
def chromium(width: int = 1600, height: int = 1000) -> Iterator[object]:
    """A selenium WebDriver on headless Chromium with a fresh profile, logging the network (performance log)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="argmap-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = _found(CHROMIUM)  # type: ignore[assignment]
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(_found(DRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def page_url(path: str | Path, fragment: str = "") -> str:
    return Path(path).resolve().as_uri() + (f"#{fragment}" if fragment else "")
