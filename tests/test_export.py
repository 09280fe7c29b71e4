"""argmap export: node-link JSON, GraphML and DOT, to stdout or a file."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from argmap.cli import main

MAP = """\
title: Export me
claims:
  c:
    text: The conclusion
    kind: conclusion
  e:
    text: "Evidence with \\"quotes\\" & <angles>"
    kind: assumption
    supports: [c]
  f:
    text: Another
    kind: assumption
    tension: [e]
arguments:
  both:
    premises: [e, f]
    conclusion: c
"""


def write(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(textwrap.dedent(MAP), encoding="utf-8")
    return path


def test_json_node_link(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(write(tmp_path)), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["c"]["kind"] == "conclusion" and nodes["c"]["text"] == "The conclusion"
    assert nodes["e"]["text"] == 'Evidence with "quotes" & <angles>'
    assert nodes["both"]["kind"] == "argument"
    links = {(link["source"], link["target"], link["type"]) for link in data["links"]}
    assert links == {("e", "c", "supports"), ("f", "e", "tension"), ("e", "both", "supports"),
                     ("f", "both", "supports"), ("both", "c", "supports")}
    G = nx.node_link_graph(data, edges="links")
    assert G.number_of_nodes() == 4


def test_graphml_roundtrip(tmp_path: Path) -> None:
    out = tmp_path / "m.graphml"
    result = CliRunner().invoke(main, ["export", str(write(tmp_path)), "-f", "graphml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    G = nx.read_graphml(out)
    assert G.nodes["e"]["text"] == 'Evidence with "quotes" & <angles>'
    assert sorted(d["type"] for _, _, d in G.edges(data=True)) == ["supports"] * 4 + ["tension"]


def test_graphml_file_of_text_with_control_characters_is_xml(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text('title: "Bell \\a"\nclaims:\n  c:\n    text: "ring \\a, erase \\x1b[2J"\n    kind: conclusion\n'
                    '  e:\n    text: e\n    kind: evidence\n    quote: "form \\x0c feed"\n    supports: [c]\n', encoding="utf-8")
    out = tmp_path / "m.graphml"
    assert CliRunner().invoke(main, ["export", str(path), "-f", "graphml", "-o", str(out)]).exit_code == 0
    G = nx.read_graphml(out)  # a raw \x07 is not well-formed XML
    assert G.graph["title"] == "Bell \\x07" and G.nodes["c"]["text"] == "ring \\x07, erase \\x1b[2J"


def test_dot_export_matches_render(tmp_path: Path) -> None:
    path = write(tmp_path)
    runner = CliRunner()
    exported = runner.invoke(main, ["export", str(path), "-f", "dot"]).output
    assert runner.invoke(main, ["render", str(path), "-f", "dot", "-o", str(tmp_path / "r")]).exit_code == 0
    assert exported == (tmp_path / "r" / "m.dot").read_text(encoding="utf-8")


def test_export_is_deterministic(tmp_path: Path) -> None:
    path = write(tmp_path)
    runner = CliRunner()
    for fmt in ("json", "graphml", "dot"):
        assert runner.invoke(main, ["export", str(path), "-f", fmt]).output == runner.invoke(main, ["export", str(path), "-f", fmt]).output


def test_export_refuses_to_overwrite_the_map(tmp_path: Path) -> None:
    path = write(tmp_path)
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["export", str(path), "-o", str(path)])
    assert result.exit_code == 2
    assert path.read_bytes() == before


def test_export_takes_one_map(tmp_path: Path) -> None:
    write(tmp_path)
    result = CliRunner().invoke(main, ["export", str(tmp_path)])
    assert result.exit_code == 2
    assert "one map file" in result.output


def test_apx_lists_each_attack_once_in_the_order_first_found(tmp_path: Path) -> None:
    # a opposes b, and b is in tension with a: the attack a -> b comes from both, listed where first found.
    path = tmp_path / "m.yaml"
    path.write_text(textwrap.dedent("""\
        title: t
        claims:
          a: {text: A, opposes: [b]}
          b: {text: B, opposes: [c], tension: [a]}
          c: {text: C}
    """), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(path), "-f", "apx"])
    assert result.exit_code == 0
    attacks = [line for line in result.output.splitlines() if line.startswith("att(")]
    assert attacks == ['att("a","b").', 'att("b","c").', 'att("b","a").']
