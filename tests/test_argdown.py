"""Export to Argdown: structure, escaping, determinism, and (where the Argdown CLI is installed) that
Argdown's own parser reads the same statements, arguments and relations back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.export import argdown_string, argdown_text, export_map
from argmap.generate import write_generated
from argmap.graph import MapGraph, diagram_nodes, shown_names
from argmap.interchange import read_argdown_json
from argmap.load import load_map, load_map_set, map_scope
from tests.helpers import REPO, invoke, write_map

SMALL = """
title: Small map
source: sources/m.txt
claims:
  thesis:
    text: The town should build the bridge.
    kind: conclusion
  traffic:
    text: Traffic on the old road doubled.
    kind: evidence
    quote: traffic doubled
    section: Needs
    supports: [thesis]
  cost:
    text: "The bridge costs [too] much: #money"
    section: Costs
    opposes: [thesis]
  budget:
    text: The budget is tight.
    kind: assumption
    section: Costs
    supports: [cost]
    tension: [traffic]
  grant:
    text: A grant covers half.
    kind: assumption
    same-as: [other#far]
  loan:
    text: A loan covers the rest.
    kind: assumption
arguments:
  funded:
    premises: [grant, loan]
    conclusion: thesis
"""

OTHER = """
title: Other
claims:
  far:
    text: A grant covers half of it.
    kind: assumption
"""

EXPECTED = r"""===
title: "Small map"
===

[thesis]: The town should build the bridge. #conclusion

[grant]: A grant covers half. #assumption

[loan]: A loan covers the rest. #assumption

[other#far]: A grant covers half of it. #assumption

<funded>

(1) [grant]
(2) [loan]
----
(3) [thesis]

# Needs

[traffic]: Traffic on the old road doubled. #evidence {quote: "traffic doubled"}
    +> [thesis]

# Costs

[cost]: The bridge costs \[too\] much: \#money
    -> [thesis]

[budget]: The budget is tight. #assumption
    +> [cost]
    >< [traffic]

// [grant] is the same claim as [other#far]
"""

NASTY = (
    "U.S. e.g. :smile: .x. a:b //c /* d */ <!-- e --> [f] <g> @[h] #tag *b* **c** _i_ __j__ {k: 1} } === "
    "-- - + > < >< \\ \\n (1) 1. ~ ` ' \" & % $ ^ | ; , ! ? end\\"
)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    write_map(tmp_path, OTHER, "other")
    return write_map(tmp_path, SMALL, "m", source="Since last year traffic doubled on the old road.\n")


def test_small_map_structure(small):
    assert export_map(str(small), "argdown") == EXPECTED


def test_cli_export_is_deterministic(small, tmp_path):
    first = invoke("export", small, "-f", "argdown", "-o", tmp_path / "a.argdown")
    second = invoke("export", small, "-f", "argdown")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert (tmp_path / "a.argdown").read_text(encoding="utf-8") == second.stdout == EXPECTED


def test_markup_is_escaped():
    assert argdown_text("a [b] <c> #d @e *f* _g_ {h} //i =j") == r"a \[b\] \<c\> \#d \@e \*f\* \_g\_ \{h\} \/\/i \=j"
    assert argdown_text("U.S. ends.\n  Next: line") == r"U\.S. ends. Next: line"
    assert argdown_string('q } {x} == "y"') == r'"q \u007d \u007bx\u007d \u003d\u003d \"y\""'


def _argdown() -> str | None:
    for candidate in (os.environ.get("ARGDOWN"), REPO / "bench" / ".argdown" / "node_modules" / ".bin" / "argdown"):
        if candidate and Path(candidate).is_file() and shutil.which("node"):
            return str(candidate)
    return shutil.which("argdown")


def _expected(path: Path) -> dict[str, object]:
    """What Argdown should read from the export of ``path``: statements (title -> text), arguments, relations."""
    loaded = load_map_set([path])
    name = loaded.maps[0].name
    maps = MapGraph(map_scope(loaded, name))
    G = maps.graph
    nodes, _ = diagram_nodes(maps, name)
    shown = shown_names(maps, name, nodes)
    inside = set(nodes)
    statements = {}
    for n in nodes:
        if G.nodes[n]["kind"] != "argument":
            tag = "" if G.nodes[n]["kind"] == "claim" else f" #{G.nodes[n]['kind']}"
            statements[shown[n]] = (" ".join(G.nodes[n]["text"].split()) + tag, G.nodes[n]["quote"])
    arguments = sorted(shown[n] for n in nodes if G.nodes[n]["kind"] == "argument")
    relations = sum(
        1 for u, v, k, role in G.edges(keys=True, data="role")
        if u in inside and v in inside and k != "same-as" and role not in ("premise", "conclusion")
    )
    return {"statements": statements, "arguments": arguments, "relations": relations}


def test_a_map_with_no_claims_is_its_title_as_a_heading(tmp_path):
    path = write_map(tmp_path, "title: Nothing [yet]\nclaims:\n", "empty")
    assert export_map(str(path), "argdown") == '===\ntitle: "Nothing [yet]"\n===\n\n# Nothing \\[yet\\]\n'


@pytest.mark.skipif(_argdown() is None, reason="the Argdown CLI is not installed (make bench installs it in bench/.argdown)")
def test_argdown_reads_the_same_map(small, tmp_path):
    big = write_generated(tmp_path / "gen" / "big.yaml", 150, seed=9)
    assert big.claims == 150
    nasty = write_map(tmp_path, f"title: Nasty\nclaims:\n  a:\n    text: {json.dumps(NASTY)}\n    kind: conclusion\n"
                      f"    opposes: [b]\n  b:\n    text: \"- (2) starts like markup\"\n", "nasty")
    empty = write_map(tmp_path, "title: No claims\nclaims:\n", "empty")  # Argdown refused its export before
    exports = tmp_path / "argdown"
    exports.mkdir()
    seeds = [REPO / "maps" / "why-china-supports-north-korea.yaml", REPO / "maps" / "why-does-china-protect-north-korea.yaml"]
    maps = [small, tmp_path / "gen" / "big.yaml", nasty, empty, *seeds]
    for path in maps:
        (exports / f"{path.stem}.argdown").write_text(export_map(str(path), "argdown"), encoding="utf-8")
    done = subprocess.run([_argdown(), "json", f"{exports}/*.argdown", str(tmp_path / "json")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "error" not in done.stdout.lower(), done.stdout + done.stderr
    for path in maps:
        want = _expected(path)
        got = json.loads((tmp_path / "json" / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert len(got["relations"]) == want["relations"], path.stem
        assert sorted(got["arguments"]) == want["arguments"], path.stem
        assert set(got["statements"]) == set(want["statements"]), path.stem  # type: ignore[arg-type]
        for title, (text, quote) in want["statements"].items():  # type: ignore[union-attr]
            statement = got["statements"][title]
            defined = [m for m in statement["members"] if not m.get("isReference")]
            assert [m["text"].strip() for m in defined] == [text], title
            assert statement.get("data", {}).get("quote") == quote, title
    # ... and what Argdown read is what `argmap import -f argdown` reads back: the same claims (kinds,
    # quotes, sections) and relations, and the same linked arguments.
    for seed in seeds:
        back = read_argdown_json((tmp_path / "json" / f"{seed.stem}.json").read_text(encoding="utf-8"), "x.json", "x")
        assert _carried(back) == _carried(load_map(seed)), seed.stem


def _carried(argmap) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    claims = sorted((c.id, c.text, c.kind, c.quote, c.section, sorted((r.type, r.target) for r in c.relations)) for c in argmap.claims)
    return claims, sorted((a.id, a.premises, a.conclusion) for a in argmap.arguments)
