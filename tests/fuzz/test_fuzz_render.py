"""Fuzz rendering: any text in any field gives DOT that the real ``dot -Tsvg`` accepts, and the text is in the SVG.

This extends ``tests/test_render.py::test_any_text_renders`` (and uses its helpers) to every field
that reaches the diagram (title, ids, text, quote, section, note, a linked argument's id, an included
map's title) and to long texts, which Graphviz cannot take in one piece. Budget:
``ARGMAP_FUZZ_RENDER`` examples (``make fuzz`` runs the long version).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from argmap.diagrams import diagrams
from argmap.dot import MAX_SHOWN, layout, printable, shorten
from tests.fuzz.oracle import budget
from tests.test_render import id_strategy, needs_dot, squash, svg_cluster_and_graph_texts, svg_nodes, text_strategy, write_map

# Long texts cross the 16 KB that Graphviz reads in one piece and the length a label shows.
any_text = text_strategy | st.builds(lambda text, times: (text + " ") * times, text_strategy, st.integers(50, 900))


def shown(text: str, *, wrapped: bool = True) -> str:
    """What of ``text`` a label shows, whitespace aside: all of it, or (past MAX_SHOWN characters, counted
    after wrapping collapses whitespace) its start and an ellipsis."""
    if wrapped:
        text = " ".join(printable(text).split())
    return squash(shorten(text))


def test_shown_text_is_cut_with_an_ellipsis():
    assert shown("a  b " * 10) == "ab" * 10
    assert shown("x" * (MAX_SHOWN + 5)) == "x" * (MAX_SHOWN - 1) + "\u2026"
    assert shown("x " * MAX_SHOWN, wrapped=False) == "x" * (MAX_SHOWN // 2) + "\u2026"


@needs_dot
@settings(max_examples=budget("render", 15), deadline=None, phases=[p for p in Phase if p != Phase.explain],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    title=any_text, included_title=any_text, texts=st.lists(any_text, min_size=3, max_size=3),
    ids=st.lists(id_strategy, min_size=4, max_size=4, unique=True), quote=any_text, section=any_text, note=any_text,
)
def test_any_text_in_any_field_renders(tmp_path_factory: pytest.TempPathFactory, title: str, included_title: str,
                                       texts: list[str], ids: list[str], quote: str, section: str, note: str) -> None:
    folder = tmp_path_factory.mktemp("render")
    first, second, top, argument = ids
    claims = {
        first: {"text": texts[0], "kind": "evidence", "quote": quote, "section": section, "note": note},
        second: {"text": texts[1], "kind": "assumption", "note": note, "opposes": [f"inc#{first}"]},
        top: {"text": texts[2], "kind": "conclusion"},
    }
    write_map(folder, {"title": included_title, "claims": {first: {"text": texts[1], "kind": "assumption"}}}, "inc")
    path = write_map(folder, {
        "title": title, "include": ["inc"], "claims": claims,
        "arguments": {argument: {"premises": [first, second], "conclusion": top}},
    }, source=quote)
    (diagram,) = diagrams([str(path)])
    svg = layout(diagram.dot, "svg")
    nodes = svg_nodes(svg)
    for claim_id, data in claims.items():
        node = nodes[f"m#{claim_id}"]
        assert shown(data["text"]) in squash(node["text"])
        if "note" in data:
            assert squash(note) in squash(node["tooltip"])
    assert squash(quote) in squash(nodes[f"m#{first}"]["tooltip"])
    assert shown(argument, wrapped=False) in squash(nodes[f"m#{argument}"]["text"])
    assert shown(texts[1]) in squash(nodes[f"inc#{first}"]["text"])
    labels = [squash(t) for t in svg_cluster_and_graph_texts(svg)]
    assert any(label.startswith(shown(title, wrapped=False)) for label in labels)
    assert shown(section) in labels
    assert shown(included_title, wrapped=False) in labels
