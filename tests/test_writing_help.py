"""Writing a map by hand (issue 21): each common YAML mistake is reported where it is, with what to do;
sections set once for a block of claims; what a map says about its source, kept and shown."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.load import parse_map
from argmap.model import MapError

HEAD = "title: T\nclaims:\n  a:\n"


def _error(text: str) -> str:
    with pytest.raises(MapError) as caught:
        parse_map(text, "m.yaml", "m")
    return str(caught.value)


@pytest.mark.parametrize(("yaml_text", "where", "advice"), [
    # bad indentation: a key less indented than the key above it, or more
    (HEAD + "    text: A\n   kind: evidence\n", "m.yaml:5:4:", "keys of one mapping must start in the same column"),
    (HEAD + "    text: A\n      kind: evidence\n", "m.yaml:5:11:", "indent it 4 spaces, like the key above it"),
    # a colon in a text
    (HEAD + "    text: Note: this is it\n", "m.yaml:4:15:", "put the whole value in quotes: text: 'Note: this is it'"),
    # a leading quote that does not end the value
    (HEAD + '    text: "China" protects it\n', "m.yaml:4:19:", """text: '"China" protects it'"""),
    (HEAD + "    text: 'China' protects it\n", "m.yaml:4:19:", """text: "'China' protects it\""""),
    # a leading * or -
    (HEAD + "    text: *really* good\n", "m.yaml:4:18:", "an alias in YAML; put the whole value in quotes: text: '*really* good'"),
    (HEAD + "    text: - not a list\n", "m.yaml:4:11:", "a list item in YAML; put the whole value in quotes: text: '- not a list'"),
    (HEAD + "    text: [1] shows it\n", "m.yaml:4:15:", "text: '[1] shows it'"),
    (HEAD + "    text: > 5 percent\n", "m.yaml:4:13:", "text: '> 5 percent'"),
    (HEAD + "    text: @home\n", "m.yaml:4:11:", "is reserved in YAML; put the whole value in quotes: text: '@home'"),
    # tabs, wherever they are
    (HEAD + "\ttext: A\n", "m.yaml:4:1:", "YAML cannot indent with tabs, use spaces"),
    (HEAD + "    text: A\n\tkind: evidence\n", "m.yaml:5:1:", "YAML cannot indent with tabs, use spaces"),
    (HEAD + "  \t text: A\n", "m.yaml:4:3:", "YAML cannot indent with tabs, use spaces"),
    # a quote never closed
    (HEAD + '    text: "China protects\n  b:\n    text: B\n', "m.yaml:7:1:", "the quote opened at line 4, column 11 is never closed"),
    # no space after a key's colon
    (HEAD + "    text:A\n", "m.yaml:4:5:", "YAML needs a space after the ':' of a key: write 'text: A'"),
    # a line with no colon
    (HEAD + "    text A\n    kind: evidence\n", "m.yaml:5:9:", "line 4 has no ':' after its key"),
    # a list item outside its key
    (HEAD + "    text: A\n  - b\n", "m.yaml:5:3:", "a list item ('- ') must be indented under the key it belongs to"),
    # a value written on the next line at its key's indentation, a key left out, list items not lined up
    (HEAD + "    text:\n    A long text\n    kind: evidence\n", "m.yaml:6:5:", "line 5 has no ':' after its key; if it goes on"),
    (HEAD + "    : x\n", "m.yaml:4:5:", "a ':' with no key before it"),
    (HEAD + "    text: A\n    supports:\n    - a\n     - b\n", "m.yaml:6:7:", "is read as more of that item: line up the dashes"),
    # a typo in a key
    (HEAD + "    txt: A\n", "m.yaml:4:5:", "unknown key 'txt' in claim 'a'; did you mean 'text'?"),
])
def test_a_yaml_mistake_gets_its_place_and_what_to_do(yaml_text, where, advice):
    message = _error(yaml_text)
    assert message.startswith(where), message
    assert advice in message, message


def test_the_advice_shown_is_itself_valid_yaml_that_reads_as_the_text(tmp_path):
    for value in ('"China" protects it', "'China' protects it", "Note: this is it", "*really* good", "- a", "[1] x"):
        message = _error(f"{HEAD}    text: {value}\n")
        fix = message.rpartition("put the whole value in quotes: ")[2]
        assert parse_map(f"{HEAD}    {fix}\n", "m.yaml", "m").claims[0].text == value


def test_a_mistake_through_the_cli_is_one_line_exit_2(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + "    text: Note: this is it\n", encoding="utf-8")
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert f"{path}:4:15: YAML syntax error" in result.output and "put the whole value in quotes" in result.output
    assert path.read_bytes() == before


def test_a_value_cut_by_a_comment_is_recorded_where_the_hash_is():
    argmap = parse_map("title: We are #1\nclaims:\n  a:\n    text: Ça va, we are #1 in the world\n"
                       "    quote: 'not #cut'\n  b:\n    text: B   # a comment, left alone\n", "m.yaml", "m")
    assert [(c.key, c.claim, c.kept, c.position.line, c.position.column) for c in argmap.cut_values] == [
        ("title", None, "We are", 1, 15), ("text", "a", "Ça va, we are", 4, 25)]
    assert argmap.claims[1].text == "B"



def test_a_value_cut_by_a_comment_at_the_start_of_its_next_line_is_recorded():
    # "We are" then "#1 in the league" on the line below, indented as the text goes on: YAML reads a comment.
    argmap = parse_map("title: T\nclaims:\n  a:\n    text: We are\n      #1 in the league\n  b:\n    text: B\n"
                       "    #todo: a comment at the keys' indentation, left alone\n  c:\n    text: C\n  # Claims 3 to 4\n",
                       "m.yaml", "m")
    assert [(c.key, c.claim, c.kept, c.position.line, c.position.column) for c in argmap.cut_values] == [
        ("text", "a", "We are", 5, 7)]


SECTIONS = """\
title: T
url: https://example.org/op-ed
author: A. Writer
date: 2024-05-01
note: Mapped for the debate club.
sections:
  The problem:
    a:
      text: A
      kind: assumption
    b:
      text: B
      kind: assumption
  To fill in later:
claims:
  c:
    text: C
    kind: conclusion
arguments:
  both:
    premises: [a, b]
    conclusion: c
  apart:
    premises: [a, c]
    conclusion: b
"""


def test_a_section_is_set_once_for_a_block_of_claims_and_a_linked_argument_joins_its_premises():
    argmap = parse_map(SECTIONS, "m.yaml", "m")
    assert [(c.id, c.section) for c in argmap.claims] == [("a", "The problem"), ("b", "The problem"), ("c", None)]
    assert [(a.id, a.section) for a in argmap.arguments] == [("both", "The problem"), ("apart", None)]
    assert (argmap.url, argmap.author, argmap.date, argmap.note) == (
        "https://example.org/op-ed", "A. Writer", "2024-05-01", "Mapped for the debate club.")


def test_a_claim_in_a_section_block_cannot_name_another_section():
    message = _error(SECTIONS.replace("      kind: assumption\n    b:", "      kind: assumption\n      section: X\n    b:"))
    assert message.startswith("m.yaml:11:16: claim 'a' is already in section 'The problem' (line 7)")


def test_a_url_must_be_a_web_address():
    assert _error(SECTIONS.replace("https://example.org/op-ed", "javascript:alert(1)")).startswith(
        "m.yaml:2:6: 'url' must be the web address of the source, starting with https:// or http://")
    upper = SECTIONS.replace("https://example.org/op-ed", "HTTPS://example.org/op-ed")  # a scheme has no case
    assert parse_map(upper, "m.yaml", "m").url == "HTTPS://example.org/op-ed"


def test_the_linked_argument_is_drawn_in_its_premises_cluster(tmp_path):
    from argmap.dot import dot_text, to_dot
    from argmap.graph import MapGraph
    from argmap.load import load_map_set

    (tmp_path / "m.yaml").write_text(SECTIONS, encoding="utf-8")
    dot = dot_text(to_dot(MapGraph(load_map_set([tmp_path / "m.yaml"])), "m", []))
    cluster = dot[dot.index("subgraph cluster_0"):]
    cluster = cluster[:cluster.index("}")]
    assert '"m#a"' in cluster and '"m#b"' in cluster and '"m#both"' in cluster and '"m#apart"' not in cluster
    assert "A. Writer, 2024-05-01: https://example.org/op-ed" in dot


def test_a_brief_names_the_source_it_maps(tmp_path):
    (tmp_path / "m.yaml").write_text(SECTIONS, encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(tmp_path / "m.yaml"), "c"])
    assert result.exit_code == 0, result.output
    assert "From *T*: A. Writer, 2024-05-01: https://example.org/op-ed\n\n(Mapped for the debate club.)" in result.output


def test_argmap_rules_says_what_each_kind_means_and_how_it_decides():
    from argmap.model import KIND_MEANINGS, KINDS

    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    assert "\nKinds of claim (kind:), and how each decides verdicts:\n" in result.output
    for kind in KINDS:
        assert f"\n  {kind:<10}  {KIND_MEANINGS[kind]}\n" in result.output
    assert "AM101" in KIND_MEANINGS["conclusion"] and "AM103" in KIND_MEANINGS["claim"]


def test_the_source_details_travel_with_an_export(tmp_path):
    import json

    (tmp_path / "m.yaml").write_text(SECTIONS, encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(tmp_path / "m.yaml")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["graph"] == {"name": "m", "title": "T", "url": "https://example.org/op-ed",
                                                  "author": "A. Writer", "date": "2024-05-01", "note": "Mapped for the debate club."}
