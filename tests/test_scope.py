"""A map's findings do not depend on what else is in its folder; combining maps can add findings."""

from __future__ import annotations

import textwrap
from pathlib import Path

from argmap.check import check_paths

ARTICLE = """\
title: An article
claims:
  c:
    text: The conclusion
    kind: conclusion
  a:
    text: One reason
    kind: assumption
    supports: [c]
  b:
    text: Another reason
    kind: assumption
    supports: [c]
"""

COMBINED = """\
title: Both
include: [article]
claims:
  article#a:
    tension: [article#b]
"""


def write(folder: Path) -> None:
    (folder / "article.yaml").write_text(textwrap.dedent(ARTICLE), encoding="utf-8")
    (folder / "combined.yaml").write_text(textwrap.dedent(COMBINED), encoding="utf-8")


def test_findings_of_a_map_are_the_same_alone_and_in_its_folder(tmp_path: Path) -> None:
    write(tmp_path)
    alone = check_paths([str(tmp_path / "article.yaml")])
    assert alone.findings == ()
    together = check_paths([str(tmp_path)])
    assert [f for f in together.findings if f.map == "article"] == []


def test_a_finding_that_only_arises_in_combination_belongs_to_the_combined_map(tmp_path: Path) -> None:
    write(tmp_path)
    result = check_paths([str(tmp_path / "combined.yaml")])
    (finding,) = result.findings
    assert (finding.code, finding.map, finding.claim, finding.line) == ("AM201", "combined", "c", 3)
    assert finding.path == str(tmp_path / "article.yaml")
    assert finding.message.endswith("(in combination, in combined)")
    assert check_paths([str(tmp_path)]).findings == result.findings
