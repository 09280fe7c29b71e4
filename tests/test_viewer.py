"""The interactive page's making (argmap.viewer): its data, its safety, its determinism, its command line.

What the page does in a browser is tested in tests/test_viewer_browser.py.
"""

from __future__ import annotations

import configparser
import fnmatch
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.debate import evaluate_map
from argmap.dot import RenderError
from argmap.rules.quote_not_in_source import normalise
from argmap.viewer import SCRIPTS, check_svg, json_for_script, quote_spans

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "maps"
DATA = re.compile(r'<script type="application/json" id="argmap-data">(.*?)</script>', re.S)


def render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["render", *args])
    return result.exit_code, result.output


def data_of(html: str) -> dict:
    found = DATA.search(html)
    assert found
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    code, output = render(str(SEED), "-o", str(out), "-f", "html")
    assert code == 0, output
    return out


def test_json_for_script_cannot_close_the_script_and_reads_back() -> None:
    value = {"t": "</script><!-- <script> & \u2028 \"'"}
    text = json_for_script(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_quote_spans_find_what_check_finds_in_the_seed_maps(seed_pages: Path) -> None:
    for name in ("why-china-supports-north-korea", "why-does-china-protect-north-korea"):
        data = data_of((seed_pages / f"{name}.html").read_text("utf-8"))
        source = data["sources"][0]["text"]
        quoted = [c for c in data["claims"] if c.get("quote")]
        assert quoted and all("span" in c for c in quoted)  # every quote is in its source (check finds none missing)
        for claim in quoted:
            start, end = claim["span"]
            assert normalise(source[start:end]) == normalise(claim["quote"])


def test_quote_spans_match_as_check_does() -> None:
    text = "One  line\nand \u201cthe next\u201d \u2014 here.\n"
    assert quote_spans(text, ['line and "the next" - here', "missing", None, "One line"]) == \
        [(5, 31), None, None, (0, 9)]
    # In reading order, the second of two equal quotes is found after the first.
    assert quote_spans("a b a b", ["a", "b", "a"]) == [(0, 1), (2, 3), (4, 5)]


def test_page_data_is_what_check_and_evaluate_say(seed_pages: Path) -> None:
    path = SEED / "why-does-china-protect-north-korea.yaml"
    data = data_of((seed_pages / "why-does-china-protect-north-korea.html").read_text("utf-8"))
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    checked = json.loads(result.output)["findings"]
    assert [(f["code"], f["line"], f["message"]) for f in data["findings"]] == \
        [(f["code"], f["line"], f["message"]) for f in checked]
    labels = json.loads(evaluate_map(str(path), fmt="json"))["labels"]
    assert {c["id"]: c["label"] for c in data["claims"]} == labels
    for claim in data["claims"][::7]:
        # The page says why a claim has its label; the search for what the other side must win (a budgeted
        # search per claim) is left to evaluate --explain.
        explained = evaluate_map(str(path), explain_claim=claim["id"]).split("\nWhat the other side must win")[0]
        assert claim["why"] == explained.splitlines()
    ids = {c["id"] for c in data["claims"]}
    assert {"protects", "sanctions-bite"} <= ids
    kinds = {(data["claims"][u]["id"], data["claims"][v]["id"], k) for u, v, k in data["relations"]}
    assert ("sanctions-bite", "survives-sanctions", "supports") in kinds


def test_same_map_same_bytes_and_dot_as_render_writes(seed_pages: Path, tmp_path: Path) -> None:
    # In another process, with other string hashes than this one's: nothing may follow the order of a set.
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    subprocess.run([sys.executable, "-m", "argmap", "render", str(SEED), "-o", str(tmp_path / "1"), "-f", "html"],
                   check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
    code, _ = render(str(SEED), "-o", str(tmp_path / "dot"), "-f", "dot")
    assert code == 0
    for page in sorted(seed_pages.glob("*.html")):
        assert (tmp_path / "1" / page.name).read_bytes() == page.read_bytes()
        dot = page.with_suffix(".dot").name
        assert (seed_pages / dot).read_bytes() == (tmp_path / "dot" / dot).read_bytes()


def test_a_page_names_its_map_from_the_top_of_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The page held the path as typed: `render --check` from another folder said "out of date", and an
    # absolute path put /home/<user>/... in a page meant to be mailed or committed.
    (tmp_path / ".git").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "m.yaml").write_text("title: T\nclaims:\n  a:\n    text: A\n    kind: conclusion\n")
    monkeypatch.chdir(tmp_path)
    assert render("maps", "-o", "render", "-f", "html")[0] == 0
    page = (tmp_path / "render" / "m.html").read_bytes()
    data = data_of(page.decode("utf-8"))
    assert (data["path"], data["paths"], {f["path"] for f in data["findings"]}) == ("maps/m.yaml", {"m": "maps/m.yaml"}, {"maps/m.yaml"})
    for where, named in ((tmp_path / "maps", "."), (tmp_path, str(tmp_path / "maps" / "m.yaml"))):
        monkeypatch.chdir(where)
        assert render(named, "-o", str(tmp_path / "render"), "-f", "html", "--check")[0] == 0
        assert render(named, "-o", str(tmp_path / "again"), "-f", "html")[0] == 0
        assert (tmp_path / "again" / "m.html").read_bytes() == page


def test_page_is_self_contained(seed_pages: Path) -> None:
    for page in seed_pages.glob("*.html"):
        html = page.read_text("utf-8")
        assert "Content-Security-Policy" in html and "default-src 'none'" in html
        # No element loads anything: no src, no link out, no CSS url() or @import; the only URLs are XML namespaces.
        assert not re.search(r"\bsrc\s*=|@import|url\(\s*['\"]?(?!#)", html)
        assert set(re.findall(r"https?://[^\s\"'<>)\\]+", html)) <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
        assert html.count("<script") == 2 and html.count("</script>") == 2


def test_hostile_texts_cannot_break_out(tmp_path: Path) -> None:
    (tmp_path / "h.yaml").write_text(
        'title: "</script><script>alert(1)</script> {{data}} {{script}}"\n'
        "claims:\n"
        "  a:\n"
        '    text: "</script><img src=x onerror=alert(2)> <!-- ]]> &amp;"\n'
        "    kind: conclusion\n", "utf-8")
    code, output = render(str(tmp_path / "h.yaml"), "-o", str(tmp_path), "-f", "html")
    assert code == 0, output
    html = (tmp_path / "h.html").read_text("utf-8")
    assert html.count("<script") == 2 and html.count("</script>") == 2
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{data}} {{script}}</title>" in html
    data = data_of(html)
    assert data["title"].startswith("</script>")
    assert data["claims"][0]["text"] == "</script><img src=x onerror=alert(2)> <!-- ]]> &amp;"


def test_check_svg_refuses_anything_active() -> None:
    plain = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><g><text>onload=x &lt;script&gt;</text></g></svg>'
    assert check_svg(plain).startswith("<svg")
    for bad in ('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
                '<svg xmlns="http://www.w3.org/2000/svg"><g onclick="x"/></svg>',
                '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="https://e.x"/></svg>',
                '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>', "no svg at all"):
        with pytest.raises(RenderError):
            check_svg(bad)


def test_render_check_compares_pages(seed_pages: Path, tmp_path: Path) -> None:
    code, output = render(str(SEED), "-o", str(seed_pages), "-f", "html", "--check")
    assert code == 0 and output == f"3 pages in {seed_pages} are up to date\n"
    copy = tmp_path / "copy"
    copy.mkdir()
    for page in seed_pages.iterdir():
        (copy / page.name).write_bytes(page.read_bytes())
    (copy / "china-and-north-korea.html").write_bytes(b"<html>old</html>")
    code, output = render(str(SEED), "-o", str(copy), "-f", "html", "--check")
    assert code == 1
    assert output.splitlines() == [f"{copy}/china-and-north-korea.html: out of date",
                                   f"1 of 3 pages is stale; run: argmap render {SEED} -o {copy} -f html"]


def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("title: t\nclaims:\n  a:\n    txt: oops\n", "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(tmp_path / "bad.yaml"), "-o", str(out), "-f", "html"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "bad.yaml:4:5:" in result.output and "Traceback" not in result.output
    assert not out.exists()
    result = CliRunner().invoke(main, ["render", str(SEED), "-o", str(out), "-f", "html", "--focus", "thesis"])
    assert result.exit_code == 2 and "-f html writes one page per map" in result.output
    assert not out.exists()


def test_evaluate_names_the_page_grounded_and_opens_with_labels(tmp_path: Path) -> None:
    code, _ = render(str(SEED / "why-does-china-protect-north-korea.yaml"), "-o", str(tmp_path), "-f", "html", "--evaluate")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["why-does-china-protect-north-korea.grounded.dot",
                                                          "why-does-china-protect-north-korea.grounded.html"]
    assert data_of((tmp_path / "why-does-china-protect-north-korea.grounded.html").read_text("utf-8"))["labelsOn"] is True


def test_overview_groups_are_in_the_data_and_the_drawing(tmp_path: Path) -> None:
    CliRunner().invoke(main, ["generate", "--claims", "400", "--seed", "2", "-o", str(tmp_path / "g.yaml")])
    code, _ = render(str(tmp_path / "g.yaml"), "-o", str(tmp_path), "-f", "html", "--overview-above", "50")
    assert code == 0
    data = data_of((tmp_path / "g.html").read_text("utf-8"))
    assert data["overview"] and data["groups"]
    svg = data["svg"]["plain"]
    drawn = {int(n) for n in re.findall(r'<g id="c(\d+)" class="node"', svg)}
    folded = set().union(*(g["members"] for g in data["groups"]))
    assert drawn and not drawn & folded and len(drawn | folded) == len(data["claims"])
    assert {int(n) for n in re.findall(r'<g id="g(\d+)" class="node"', svg)} == set(range(len(data["groups"])))


def test_the_page_assets_are_package_data() -> None:
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg")
    patterns = [p.strip() for p in config["options.package_data"]["argmap.viewer"].split(",")]
    assets = [p.name for p in (REPO / "argmap" / "viewer").iterdir() if p.suffix in (".js", ".css", ".html")]
    assert set(SCRIPTS) <= set(assets)
    for name in assets:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
    for name in SCRIPTS:
        code = (REPO / "argmap" / "viewer" / name).read_text("utf-8")
        assert "</" not in code  # nothing to escape when inlined
        # Map texts reach the page only as text: nothing in the page's code parses a string as markup or code.
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function", code), name


def test_control_characters_are_spaces_in_the_page_as_on_the_diagram(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text('title: "Bell \\a"\nclaims:\n  a:\n    text: "ring \\a here"\n    kind: conclusion\n'
                                     '    note: "erase \\x1b[2J"\n')
    assert render(str(tmp_path / "m.yaml"), "-o", str(tmp_path / "out"), "-f", "html")[0] == 0
    data = data_of((tmp_path / "out" / "m.html").read_text("utf-8"))
    assert (data["title"], data["claims"][0]["text"], data["claims"][0]["note"]) == ("Bell  ", "ring here", "erase  [2J")
