"""argmap new: a starter map from a source text, which checks clean once filled in (issue 21)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.check import check_paths
from argmap.cli import main
from argmap.load import parse_map
from argmap.model import KIND_MEANINGS, KINDS
from argmap.schema import schema_text
from argmap.starter import starter_map, title_of

REPO = Path(__file__).resolve().parents[1]
OP_ED = (
    "Cities Should Build Up\n\n"
    "Rents have risen by a third in five years, while wages have barely moved. Young families\n"
    "leave for the suburbs: the commute eats their evenings.\n\n"
    "Zoning rules forbid anything taller than two floors in most of the city. #1 problem.\n"
)


def _repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "op-ed.txt").write_text(OP_ED, encoding="utf-8")
    return tmp_path


def _new(tmp_path: Path, *args: str) -> tuple[int, str]:
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["new", *args])
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def test_the_starter_names_its_source_and_lays_out_its_paragraphs_as_sections(tmp_path):
    _repo(tmp_path)
    code, output = _new(tmp_path, "sources/op-ed.txt", "-o", "maps/op-ed.yaml")
    assert code == 0, output
    assert output == ("wrote maps/op-ed.yaml and schema/map.schema.json (the schema editors use): 3 paragraphs of"
                      " sources/op-ed.txt as sections to fill in; then run: argmap check maps/op-ed.yaml\n")
    text = (tmp_path / "maps" / "op-ed.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/map.schema.json\n")
    assert (tmp_path / "schema" / "map.schema.json").read_text(encoding="utf-8") == schema_text()
    argmap = parse_map(text, "op-ed.yaml", "op-ed")
    assert (argmap.title, argmap.source) == ("Cities Should Build Up", "../sources/op-ed.txt")
    assert [(c.id, c.kind) for c in argmap.claims] == [("thesis", "conclusion")]
    for kind in KINDS:  # the kinds, explained where they are chosen
        assert f"#   {kind:<10}  {KIND_MEANINGS[kind][:40]}" in text
    assert "  # lines 3-4:\n  #   Rents have risen by a third" in text and "  Paragraph 2:\n" in text
    assert "  # line 6:\n  #   Zoning rules forbid anything taller than two floors in most of the city. #1 problem.\n" in text
    assert text.count("  Paragraph ") == 3


def test_a_started_map_filled_in_checks_clean(tmp_path):
    _repo(tmp_path)
    assert _new(tmp_path, "sources/op-ed.txt", "-o", "maps/op-ed.yaml")[0] == 0
    path = tmp_path / "maps" / "op-ed.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("TODO the one sentence the text argues for", "Cities should allow taller buildings.")
    text = text.replace("  Paragraph 2:\n", """  Housing costs:
    rents-outpace-wages:
      text: Rents rise much faster than wages.
      kind: evidence
      quote: Rents have risen by a third ... wages have barely moved
    families-leave:
      text: Young families are priced out to the suburbs.
      kind: evidence
      quote: 'Young families leave for the suburbs: the commute'
    costs-hurt:
      text: High housing costs harm the city.
      kind: assumption
""").replace("  Paragraph 3:\n", """  Zoning:
    zoning-limits:
      text: Zoning keeps most buildings low.
      kind: evidence
      quote: forbid anything taller than two floors
      supports: [thesis]
""")
    text = text.replace("# arguments:\n#   together:\n#     premises: [a-claim-id, another-claim-id]\n#     conclusion: thesis",
                        "arguments:\n  together:\n    premises: [rents-outpace-wages, families-leave, costs-hurt]\n"
                        "    conclusion: thesis")
    path.write_text(text, encoding="utf-8")
    result = check_paths([str(path)])
    assert [f"{f.line}:{f.code} {f.message}" for f in result.findings] == []
    argmap = parse_map(text, "op-ed.yaml", "op-ed")
    assert {c.id: c.section for c in argmap.claims}["families-leave"] == "Housing costs"
    assert argmap.arguments[0].section == "Housing costs"


def test_new_refuses_to_overwrite_and_leaves_the_file_as_it_was(tmp_path):
    _repo(tmp_path)
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "op-ed.yaml").write_text("mine\n", encoding="utf-8")
    code, output = _new(tmp_path, "sources/op-ed.txt", "-o", "maps/op-ed.yaml")
    assert (code, output) == (2, "Error: refusing to overwrite maps/op-ed.yaml: it exists; remove it or choose another name\n")
    assert (tmp_path / "maps" / "op-ed.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "schema").exists()


def test_new_keeps_a_schema_that_is_there(tmp_path):
    _repo(tmp_path)
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "map.schema.json").write_text("{}\n", encoding="utf-8")
    code, output = _new(tmp_path, "sources/op-ed.txt", "-o", "maps/op-ed.yaml")
    assert code == 0 and "schema" not in output.split(":")[0]
    assert (tmp_path / "schema" / "map.schema.json").read_text(encoding="utf-8") == "{}\n"


def test_bad_sources_and_names_are_one_line_exit_2(tmp_path):
    _repo(tmp_path)
    (tmp_path / "sources" / "latin1.txt").write_bytes("caf\xe9\n".encode("latin-1"))
    (tmp_path / "sources" / "empty.txt").write_text("\n\n", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("x\n", encoding="utf-8")
    for args, message in [
        (["sources/nope.txt", "-o", "maps/a.yaml"], "Error: sources/nope.txt: no such file\n"),
        (["sources/latin1.txt", "-o", "maps/a.yaml"], "Error: sources/latin1.txt:1:1: is not UTF-8 text; save it as UTF-8\n"),
        (["sources/empty.txt", "-o", "maps/a.yaml"], "Error: sources/empty.txt:1:1: is empty; a map needs a text to quote\n"),
        (["sources/op-ed.txt", "-o", "maps/a.txt"], "Error: maps/a.txt: the map must be named *.yaml (or *.yml); give -o maps/NAME.yaml\n"),
        ([str(outside), "-o", "maps/a.yaml"], f"Error: {outside}: lies outside the root {tmp_path} (the repository's top); a map may only"
                                                " quote files inside it\n"),
    ]:
        assert _new(tmp_path, *args) == (2, message)
    assert not (tmp_path / "maps" / "a.yaml").exists()


def test_what_the_docs_show_argmap_new_writes_is_what_it_writes():
    page = (REPO / "docs" / "map-format.md").read_text(encoding="utf-8")
    shown = page.split("## Starting a map", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    letter = (REPO / "docs" / "tour-maps" / "sources" / "letter.txt").read_text(encoding="utf-8")
    made = starter_map(letter, "sources/letter.txt", title=title_of(letter, Path("letter.txt")),
                       schema="../../schema/map.schema.json", check_command="argmap check docs/tour-maps/letter.yaml")
    assert shown == made


def test_the_readme_tour_can_start_from_argmap_new(tmp_path):
    # The tour's map is the starter of its letter with the claims written in (and the comments dropped).
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "sources").mkdir()
    letter = (REPO / "docs" / "tour-maps" / "sources" / "letter.txt").read_text(encoding="utf-8")
    (tmp_path / "sources" / "letter.txt").write_text(letter, encoding="utf-8")
    assert _new(tmp_path, "sources/letter.txt", "-o", "library.yaml", "--title", "Should the library open every day?")[0] == 0
    started = yaml.safe_load((tmp_path / "library.yaml").read_text(encoding="utf-8"))
    tour = yaml.safe_load((REPO / "docs" / "tour-maps" / "library.yaml").read_text(encoding="utf-8"))
    assert (started["title"], started["source"]) == (tour["title"], "sources/letter.txt") == (tour["title"], tour["source"])
    started.pop("sections")
    started["claims"] = tour["claims"]
    (tmp_path / "library.yaml").write_text(json.dumps(started), encoding="utf-8")
    ours = check_paths([str(tmp_path / "library.yaml")])
    theirs = check_paths([str(REPO / "docs" / "tour-maps" / "library.yaml")])
    assert [(f.code, f.claim, f.message) for f in ours.findings] == [(f.code, f.claim, f.message) for f in theirs.findings]


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=40).filter(str.strip))
def test_a_starter_reads_back_as_the_map_it_shows_whatever_the_text(text, title):
    made = starter_map(text, "../sources/x #1: y.txt", title=title, schema="../schema/map.schema.json",
                       check_command="argmap check maps/x.yaml")
    argmap = parse_map(made, "x.yaml", "x")
    assert (argmap.title, argmap.source) == (title, "../sources/x #1: y.txt")
    assert [c.id for c in argmap.claims] == ["thesis"]


def test_a_blank_or_undecodable_title_is_refused(tmp_path):
    _repo(tmp_path)
    assert _new(tmp_path, "sources/op-ed.txt", "-o", "maps/a.yaml", "--title", "  ") == (
        2, "Error: --title is blank; give the map a title, or leave --title out\n")
    assert _new(tmp_path, "sources/op-ed.txt", "-o", "maps/a.yaml", "--title", "caf\udce9")[0] == 2
    assert not (tmp_path / "maps" / "a.yaml").exists()
