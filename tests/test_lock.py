"""The lock files pin, with hashes, every package setup.cfg asks for, within its ranges; and the test venv holds
exactly the locked versions (not under `make test-newest`, which tests the newest ones on purpose)."""

from __future__ import annotations

import configparser
import os
import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def locked(name: str) -> dict[str, str]:
    """Package name -> version pinned in requirements/NAME.txt, each pin followed by its hashes."""
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    pins = {}
    for found in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, re.M):
        pins[canonicalize_name(found.group(1))] = found.group(2)
    assert len(pins) == len(re.findall(r"^[A-Za-z0-9_.-]+==", text, re.M)), "a pin without a hash"
    return pins


def wanted(extra: str | None) -> list[Requirement]:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    text = config["options"]["install_requires"] if extra is None else config["options.extras_require"][extra]
    return [Requirement(line) for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


@pytest.mark.parametrize(("lock", "extras"), [("runtime.txt", [None]), ("test.txt", [None, "test"])])
def test_the_lock_pins_every_requirement_within_its_range(lock: str, extras: list[str | None]) -> None:
    pins = locked(lock)
    for extra in extras:
        for requirement in wanted(extra):
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": extra or ""}):
                continue  # not for this Python (tomli before 3.11): the lock is made for the venv's interpreter
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{name} is not in requirements/{lock}: run `make lock`"
            assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name], str(requirement))


@pytest.mark.skipif(os.environ.get("ARGMAP_TEST_NEWEST") == "1", reason="make test-newest tests the newest versions, not the lock")
def test_the_venv_holds_exactly_the_locked_versions() -> None:
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    for name, version in locked("test.txt").items():
        assert installed.get(name) == version, f"{name}: {installed.get(name)} installed, {version} locked"
