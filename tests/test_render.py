"""Rendering: DOT that the real Graphviz accepts, with every text intact, whatever the text is."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pydot
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.diagrams import diagrams, stale_diagrams, write_diagrams
from argmap.dot import RenderError, layout

HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot is not installed (scripts/install.sh installs it)")
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

HARD_TEXTS = [
    'He said "no" and left',
    "back\\slash \\N \\G \\E \\T \\H \\L \\l \\n \\r and a trailing backslash\\",
    "first line\nsecond line",
    "a < b > c & d &amp; e &#92; f",
    "{braces} [brackets] |pipes| <<angles>>",
    "node",
    "graph edge strict subgraph digraph",
    "中国保护朝鲜 🇨🇳 😀 👍🏽",
    "x" * 90,
]
HARD_IDS = ["node", "edge", "graph", "strict", "subgraph", "digraph", "1st", "0", "a-b-c"]


def write_map(folder: Path, document: dict, name: str = "m", source: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if source is not None:
        (folder / "source.txt").write_text(source, encoding="utf-8")
        document = {**document, "source": "source.txt"}
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def squash(text: str) -> str:
    """Text without any whitespace or control characters: what must survive wrapping."""
    return "".join(c for c in text if not c.isspace() and (c.isprintable() or c in "\u2028\u2029"))


def svg_nodes(svg: bytes) -> dict[str, dict[str, str]]:
    """For each node of an SVG made by dot: its label text (lines joined) and tooltip, by node id."""
    root = ET.fromstring(svg)
    nodes = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        title = group.find(f"{SVG}title").text or ""
        texts = [t.text or "" for t in group.iter(f"{SVG}text")]
        links = [a.get(f"{XLINK}title") for a in group.iter(f"{SVG}a") if a.get(f"{XLINK}title")]
        nodes[title] = {"text": "".join(texts), "tooltip": links[0] if links else ""}
    return nodes


def svg_cluster_and_graph_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    out = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") in ("graph", "cluster"):
            out.append("".join(t.text or "" for t in group.findall(f"{SVG}text")))
    return out


def hard_map() -> dict:
    claims: dict[str, dict] = {}
    for i, (claim_id, text) in enumerate(zip(HARD_IDS, HARD_TEXTS, strict=True)):
        claims[claim_id] = {
            "text": text,
            "kind": "evidence",
            "quote": "quoted words",
            "section": HARD_TEXTS[(i + 1) % len(HARD_TEXTS)],
            "supports": ["top"],
        }
    claims["top"] = {"text": HARD_TEXTS[1], "kind": "conclusion"}
    claims["node"]["tension"] = ["edge"]
    return {"title": HARD_TEXTS[1] + " " + HARD_TEXTS[7], "claims": claims}


@needs_dot
def test_every_hard_text_survives_in_svg(tmp_path: Path) -> None:
    path = write_map(tmp_path, hard_map(), source="quoted words")
    (diagram,) = diagrams([str(path)])
    pydot.graph_from_dot_data(diagram.dot)  # pydot can read it back too
    svg = layout(diagram.dot, "svg")
    nodes = svg_nodes(svg)
    for claim_id, text in zip(HARD_IDS, HARD_TEXTS, strict=True):
        assert f"m#{claim_id}" in nodes, claim_id
        assert nodes[f"m#{claim_id}"]["text"].startswith(squash(text).replace(" ", "")[:1])
        assert squash(text) in squash(nodes[f"m#{claim_id}"]["text"])
        assert "quoted words" in nodes[f"m#{claim_id}"]["tooltip"]
    labels = [squash(t) for t in svg_cluster_and_graph_texts(svg)]
    assert squash(HARD_TEXTS[1] + " " + HARD_TEXTS[7]) in labels
    for text in HARD_TEXTS:
        assert squash(text) in labels  # each is some section's cluster label


@needs_dot
@pytest.mark.parametrize("fmt,magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_formats(tmp_path: Path, fmt: str, magic: bytes) -> None:
    path = write_map(tmp_path / "maps", hard_map(), source="quoted words")
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "out"), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "m.dot").exists()
    assert (tmp_path / "out" / f"m.{fmt}").read_bytes().startswith(magic)


text_strategy = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40
).filter(lambda t: squash(t) != "")
id_strategy = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True) | st.sampled_from(HARD_IDS)


@needs_dot
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=text_strategy,
    texts=st.lists(text_strategy, min_size=1, max_size=4),
    ids=st.lists(id_strategy, min_size=4, max_size=4, unique=True),
    quote=text_strategy,
    section=text_strategy,
)
def test_any_text_renders(tmp_path_factory: pytest.TempPathFactory, title: str, texts: list[str], ids: list[str],
                          quote: str, section: str) -> None:
    folder = tmp_path_factory.mktemp("h")
    claims = {}
    for claim_id, text in zip(ids, texts, strict=False):
        claims[claim_id] = {"text": text, "kind": "evidence", "quote": quote, "section": section, "supports": [ids[-1]]}
    claims[ids[-1]] = {"text": texts[0], "kind": "conclusion"}
    path = write_map(folder, {"title": title, "claims": claims}, source=quote)
    (diagram,) = diagrams([str(path)])
    svg = layout(diagram.dot, "svg")
    nodes = svg_nodes(svg)
    for claim_id, data in claims.items():
        node = nodes[f"m#{claim_id}"]
        assert squash(data["text"]) in squash(node["text"])
        if claim_id != ids[-1]:
            assert squash(quote) in squash(node["tooltip"])
    texts_found = [squash(t) for t in svg_cluster_and_graph_texts(svg)]
    assert squash(title) in texts_found
    assert squash(section) in texts_found


def test_dot_is_deterministic(tmp_path: Path) -> None:
    path = write_map(tmp_path, hard_map(), source="quoted words")
    first = diagrams([str(path)])
    second = diagrams([str(path)])
    assert first == second


def small_map(tmp_path: Path) -> Path:
    return write_map(
        tmp_path / "maps",
        {
            "title": "Small",
            "claims": {
                "c": {"text": "Conclusion", "kind": "conclusion"},
                "e": {"text": "Evidence", "kind": "evidence", "quote": "Q", "supports": ["c"]},
                "a": {"text": "Attack", "kind": "assumption", "opposes": ["e"]},
                "t": {"text": "Tension", "kind": "assumption", "tension": ["e"]},
                "far": {"text": "Far away", "kind": "assumption", "supports": ["a"]},
                "lonely": {"text": "Lonely conclusion", "kind": "conclusion"},
            },
        },
        source="Q",
    )


def test_conventions_in_dot(tmp_path: Path) -> None:
    (diagram,) = diagrams([str(small_map(tmp_path))])
    graph = pydot.graph_from_dot_data(diagram.dot)[0]
    nodes = {n.get_name().strip('"'): n for n in graph.get_nodes()}
    assert nodes["m#c"].get("peripheries") == "2"
    assert "Q" in nodes["m#e"].get("tooltip")
    assert "AM101" in nodes["m#lonely"].get("label")  # the unsupported conclusion is marked
    assert nodes["m#lonely"].get("color") == '"#d50000"'
    edges = {(e.get_source().strip('"'), e.get_destination().strip('"')): e for e in graph.get_edges()}
    tension = edges[("m#t", "m#e")]
    assert tension.get("constraint") == "false" and tension.get("dir") == "none" and tension.get("style") == "dashed"
    assert edges[("m#e", "m#a")].get("arrowtail") == "tee"
    assert edges[("m#c", "m#e")].get("dir") == "back"
    assert '"argmap legend"' in nodes or "argmap legend" in nodes


def test_focus_and_depth(tmp_path: Path) -> None:
    path = small_map(tmp_path)
    (near,) = diagrams([str(path)], focus="e", depth=1)
    assert near.name == "m.e"
    assert '"m#c"' in near.dot and '"m#a"' in near.dot and '"m#far"' not in near.dot
    (wider,) = diagrams([str(path)], focus="m#e", depth=2)
    assert '"m#far"' in wider.dot and '"m#lonely"' not in wider.dot
    result = CliRunner().invoke(main, ["render", str(path), "--focus", "nope", "-f", "dot", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and "nope" in result.output


def test_rankdir(tmp_path: Path) -> None:
    (diagram,) = diagrams([str(small_map(tmp_path))], rankdir="TB")
    assert "rankdir=TB;" in diagram.dot
    assert "rankdir=LR;" in diagrams([str(small_map(tmp_path))])[0].dot


def test_render_check_detects_stale_diagrams(tmp_path: Path) -> None:
    path = small_map(tmp_path)
    out = tmp_path / "render"
    runner = CliRunner()
    assert runner.invoke(main, ["render", str(path.parent), "-o", str(out), "-f", "dot"]).exit_code == 0
    result = runner.invoke(main, ["render", str(path.parent), "-o", str(out), "--check"])
    assert result.exit_code == 0, result.output
    path.write_text(path.read_text(encoding="utf-8").replace("Far away", "Further away"), encoding="utf-8")
    result = runner.invoke(main, ["render", str(path.parent), "-o", str(out), "--check"])
    assert result.exit_code == 1
    assert "m.dot: out of date" in result.output
    (out / "m.dot").unlink()
    assert stale_diagrams(diagrams([str(path.parent)]), str(out)) == [f"{out / 'm.dot'}: missing"]


def test_missing_dot_is_a_clear_error_except_for_dot_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = small_map(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    runner = CliRunner()
    result = runner.invoke(main, ["render", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Graphviz" in result.output and "-f dot" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    result = runner.invoke(main, ["render", str(path), "-o", str(tmp_path / "out"), "-f", "dot"])
    assert result.exit_code == 0


@needs_dot
def test_failing_dot_leaves_existing_diagram(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = small_map(tmp_path)
    out = tmp_path / "out"
    write_diagrams(diagrams([str(path)]), str(out), "svg")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dot").write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n")
    (fake / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    path.write_text(path.read_text(encoding="utf-8").replace("Far away", "Changed"), encoding="utf-8")
    with pytest.raises(RenderError, match="something broke"):
        write_diagrams(diagrams([str(path)]), str(out), "svg")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_hanging_dot_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dot").write_text("#!/bin/sh\nexec /bin/sleep 30\n")
    (fake / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    with pytest.raises(RenderError, match="longer than 0.5 s"):
        layout("digraph { a }", "svg", timeout=0.5)


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    path = small_map(tmp_path)
    (tmp_path / "afile").write_text("x")
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "afile"), "-f", "dot"])
    assert result.exit_code == 2
    assert "is a file" in result.output


def test_render_never_touches_maps(tmp_path: Path) -> None:
    path = small_map(tmp_path)
    before = {p: p.read_bytes() for p in path.parent.rglob("*") if p.is_file()}
    CliRunner().invoke(main, ["render", str(path.parent), "-o", str(tmp_path / "out"), "-f", "dot"])
    assert {p: p.read_bytes() for p in before} == before
    assert not [p for p in (tmp_path / "out").iterdir() if re.search(r"\.tmp$", p.name)]
