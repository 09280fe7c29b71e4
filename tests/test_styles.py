"""One reader for every way of writing YAML: the same map written in each style (bench/styles.py) reads as
the same claims and relations and gets the same findings, on the seed maps, on generated ones and on
real ones (imported from the Argdown and AIF data others wrote, in tests/data/interchange)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from argmap.check import check_paths
from argmap.generate import generate
from argmap.importing import import_text
from argmap.load import parse_map
from bench.styles import REAL, REAL_FILES, STYLES, restyle

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "maps").glob("*.yaml"))


def content(text: str) -> list[tuple[object, ...]]:
    """The claims of a map without their positions."""
    argmap = parse_map(text, "m.yaml", "m")
    return [(c.id, c.text, c.kind, c.quote, c.section, c.note, c.ignore, [(r.type, r.target) for r in c.relations])
            for c in argmap.claims]


def findings(folder: Path) -> list[tuple[str, str | None, str]]:
    """What check finds, without positions (line numbers in messages too)."""
    result = check_paths([str(folder)])
    return sorted((f.code, f.claim, re.sub(r"line \d+", "line N", f.message)) for f in result.findings)


@pytest.mark.parametrize("style", STYLES)
def test_a_generated_map_reads_the_same_in_every_style(style: str) -> None:
    text = generate(400, seed=3).yaml
    assert content(restyle(text, style)) == content(text)


@pytest.mark.parametrize("style", STYLES[1:])
def test_the_seed_maps_get_the_same_findings_in_every_style(style: str, tmp_path: Path) -> None:
    for folder in ("as-written", style):
        shutil.copytree(ROOT / "maps", tmp_path / folder)
    for seed in SEEDS:
        restyled = tmp_path / style / seed.name
        restyled.write_text(restyle(seed.read_text(encoding="utf-8"), style), encoding="utf-8")
        assert content(restyled.read_text(encoding="utf-8")) == content(seed.read_text(encoding="utf-8"))
    assert findings(tmp_path / style) == findings(tmp_path / "as-written")


@pytest.mark.parametrize("real", REAL_FILES)
def test_real_maps_get_the_same_findings_in_every_style(real: str, tmp_path: Path) -> None:
    text = import_text(str(REAL / REAL_FILES[real][0]))
    assert len(content(text)) >= 5
    found = {}
    for style in STYLES:
        folder = tmp_path / style
        folder.mkdir()
        (folder / "real.yaml").write_text(restyle(text, style), encoding="utf-8")
        assert content((folder / "real.yaml").read_text(encoding="utf-8")) == content(text)
        found[style] = findings(folder)
    assert all(f == found["generated"] for f in found.values())


def test_the_hand_style_has_what_people_write() -> None:
    # Guards the tests above: the hand style really has comments, blank lines, block lists and folded text.
    text = restyle(generate(100, seed=1).yaml, "hand")
    assert "\n  # Claims" in text and "\n\n  " in text and "\n      - " in text and "text: >-\n" in text


@pytest.mark.parametrize("indicator", [">", "|", ">+", "|+", ">-", "|-"])
def test_a_block_scalar_reads_as_the_same_text_written_plain(indicator: str) -> None:
    # YAML keeps the last line break of a '>' or '|' block: a diff, an export and render --check saw two texts.
    plain = "title: The park\nclaims:\n  a:\n    text: The park should close.\n    kind: conclusion\n"
    block = f"title: {indicator}\n  The park\nclaims:\n  a:\n    text: {indicator}\n      The park should close.\n\n    kind: conclusion\n"
    written, as_block = parse_map(plain, "m.yaml", "m"), parse_map(block, "m.yaml", "m")
    assert (as_block.title, content(block)) == (written.title, content(plain))
