"""``argmap import`` of AIF, Argdown and Kialo, and ``argmap export -f aif``: real files (tests/data/interchange,
origins in its README) and files written here in those formats' shapes."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from argmap.check import check_paths
from argmap.export import export_map
from argmap.importing import guess_format, import_map
from argmap.interchange import read_aif, read_argdown_json, read_kialo, to_aif
from argmap.interchange.argdown import import_argdown_json
from argmap.interchange.kialo import import_kialo
from argmap.load import load_map
from tests.helpers import REPO, assert_no_traceback, invoke

DATA = REPO / "tests" / "data" / "interchange"
ARGDOWN_JSON = sorted((DATA / "argdown" / "json").glob("*.json"))
AIF_REAL = sorted((DATA / "aif").glob("arguebuf-*.json"))
SEEDS = sorted((REPO / "maps").glob("*.yaml"))


def relations(argmap) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(r.type for claim in argmap.claims for r in claim.relations)


def shape(argmap) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    """What AIF carries of a map: every claim with its fields and local relations, every linked argument."""
    claims = [(c.id, c.text, c.kind, c.quote, c.section, c.note, sorted((r.type, r.target) for r in c.relations
                                                                       if "#" not in r.target)) for c in argmap.claims]
    return claims, [(a.id, a.premises, a.conclusion, a.note) for a in argmap.arguments]


def imported(tmp_path: Path, source: Path, *args: str) -> Path:
    out = tmp_path / "maps" / f"{source.stem}.yaml"
    out.parent.mkdir(exist_ok=True)
    result = invoke("import", source, "-o", out, *args)
    assert result.exit_code == 0, result.output
    return out


# Real files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ARGDOWN_JSON, ids=lambda p: p.stem)
def test_argdown_json_keeps_every_statement_argument_and_relation(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    m = read_argdown_json(path.read_text(encoding="utf-8"), str(path), "m")
    reconstructed = {t for t, a in document["arguments"].items() if a["pcs"]}
    # A statement is a claim; an argument is a claim unless it has a premise-conclusion structure.
    assert len(m.claims) == len(document["statements"]) + len(document["arguments"]) - len(reconstructed)
    conclusions = sum(1 for t in reconstructed for step in document["arguments"][t]["pcs"] if step["role"].endswith("conclusion"))
    assert len(m.arguments) == conclusions
    by_type = Counter(r["relationType"] for r in document["relations"])
    got = relations(m)
    assert got["supports"] == by_type["support"] + by_type["entails"]
    assert got["opposes"] == by_type["attack"] + by_type["undercut"]
    assert got["tension"] == by_type["contrary"] + by_type["contradictory"]
    texts = {c.text for c in m.claims}
    for statement in document["statements"].values():
        defined = [m for m in statement["members"] if not m.get("isReference") and m["text"].strip()]
        if defined:
            text = defined[0]["text"]
            for tag in defined[0].get("tags", []):  # Argdown leaves tags in the text; argmap does not
                text = text.replace(f"#({tag})", "").replace(f"#{tag}", "")
            assert " ".join(text.split()) in texts


def test_argdown_primer_in_detail() -> None:
    path = DATA / "argdown" / "json" / "argdown-primer.json"
    m = read_argdown_json(path.read_text(encoding="utf-8"), str(path), "m")
    claims = {c.id: c for c in m.claims}
    assert (len(m.claims), len(m.arguments), sum(relations(m).values())) == (20, 1, 10)
    assert [(a.id, a.premises, a.conclusion) for a in m.arguments] == [("argument-1", ("untitled-11", "statement-2"), "untitled-12")]
    assert m.arguments[0].note == "inference: Some inference rule: p \u2227 (p \u2192 q) \u2192 q"
    assert claims["intro"].section == "\u2764 Welcome to Argdown! \u2764" and claims["intro"].position.line == 3
    assert ("opposes", "argument-1") in {(r.type, r.target) for r in claims["intro"].relations}  # an attack on the inference
    assert claims["untitled-1"].kind == "assumption" and claims["statement-1"].note == "tags: Another tag"


@pytest.mark.parametrize("path", AIF_REAL, ids=lambda p: p.stem)
def test_aifdb_nodesets_keep_every_proposition_and_inference(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    types = Counter(n["type"] for n in document["nodes"])
    m = read_aif(path.read_text(encoding="utf-8"), str(path), "m")
    assert len(m.claims) == types["I"] == 9
    assert relations(m)["supports"] + len(m.arguments) == types["RA"] == 5
    assert relations(m)["same-as"] == types["MA"]
    texts = {n["nodeID"]: n["text"] for n in document["nodes"] if n["type"] == "I"}
    assert {c.id: c.text for c in m.claims} == texts


@pytest.mark.parametrize("path", ARGDOWN_JSON + AIF_REAL, ids=lambda p: p.stem)
def test_real_files_import_check_and_render(tmp_path: Path, path: Path) -> None:
    out = imported(tmp_path, path)
    checked = invoke("check", out)
    assert checked.exit_code in (0, 1), checked.output
    assert "AM103" not in checked.stdout and "AM104" not in checked.stdout  # kinds keep the support rules meaningful
    drawn = invoke("render", out, "-o", tmp_path / "render", "-f", "dot")
    assert drawn.exit_code == 0, drawn.output
    assert (tmp_path / "render" / f"{path.stem}.dot").stat().st_size > 0


# AIF in every shape -------------------------------------------------------------------------------------


def test_every_aif_node_type_is_mapped_or_reported(tmp_path: Path) -> None:
    source = tmp_path / "in" / "every-node.json"
    source.parent.mkdir()
    shutil.copy(DATA / "aif" / "every-node.json", source)
    shutil.copy(DATA / "aif" / "every-node.txt", source.with_suffix(".txt"))
    out = imported(tmp_path, source)
    text = out.read_text(encoding="utf-8")
    m = load_map(out)
    claims = {c.id: c for c in m.claims}
    assert len(claims) == 14
    assert {(c.id, r.type, r.target) for c in m.claims for r in c.relations} == {
        ("2", "supports", "1"), ("5", "opposes", "1"), ("6", "opposes", "21"), ("7", "tension", "8"), ("9", "same-as", "2")}
    assert [(a.id, a.premises, a.conclusion, a.note) for a in m.arguments] == [
        ("21", ("3", "4"), "1", "scheme: Argument From Consequences")]
    assert claims["1"].kind == "conclusion" and claims["3"].kind == "assumption"
    # Locutions the source text holds are quotes; their premises evidence; speakers notes.
    assert (claims["2"].kind, claims["2"].quote, claims["2"].note) == ("evidence", "Sugar causes obesity, says every doctor", "said by Ann")
    assert (claims["5"].kind, claims["5"].quote) == ("evidence", "Taxes hurt the poor most.")
    assert claims["10"].text == "The levy\x07 raised a billion." and "\\u0007" in text and "\x07" not in text
    for dropped in ("edges naming a node that does not exist (999 -> 1)", "inferences (RA) with no premise or no conclusion (22)",
                    "attacks on an attack, rephrase or preference (34)", "linked attacks (a CA with several attackers) (35)",
                    "preferences (PA) (41)", "transitions (TA) of the dialogue", "illocutions (YA) of the dialogue",
                    "locutions (L) of the dialogue", "nodes of type 'X' (60)"):
        assert f"# dropped 1 {dropped}\n" in text, dropped
    # The source (Windows-1252 HTML) is written beside the map as plain UTF-8, and every quote is in it.
    written = (out.parent / "sources" / "every-node.txt").read_text(encoding="utf-8")
    assert written == ("Ann: Sugar causes obesity, says every doctor.\n"
                       "Bob: Taxes hurt the poor most. The levy raised \u00a31 billion in its first year.\n")
    assert [f.code for f in check_paths([str(out)]).findings] == ["AM203"]


def test_aif_to_argmap_to_aif_keeps_every_node_argmap_can_express() -> None:
    for path in [*AIF_REAL, DATA / "aif" / "every-node.json"]:
        document = json.loads(path.read_text(encoding="utf-8"))
        back = to_aif(read_aif(path.read_text(encoding="utf-8"), str(path), "m"))
        before = Counter(n["type"] for n in document["nodes"])
        after = Counter(n["type"] for n in back["nodes"])  # type: ignore[union-attr, index]
        dropped = {"every-node": Counter({"RA": 1, "CA": 2})}.get(path.stem, Counter())  # 22; 34 and 35 (reported)
        for kind in ("I", "RA", "CA", "MA"):
            assert after[kind] == before[kind] - dropped[kind], (path.stem, kind)
        again = read_aif(json.dumps(back), "again.json", "m")
        assert shape(again)[1] == shape(read_aif(path.read_text(encoding="utf-8"), str(path), "m"))[1]


@pytest.mark.parametrize("seed", [s for s in SEEDS if load_map(s).claims], ids=lambda p: p.stem)  # not the combined map
def test_seed_maps_go_to_aif_and_back_unchanged(seed: Path) -> None:
    m = load_map(seed)
    back = read_aif(export_map(str(seed), "aif"), "back.json", m.name)
    assert shape(back) == shape(m)
    assert (back.title, back.source) == (m.title, m.source)


def test_aif_export_is_aif(tmp_path: Path) -> None:
    seed = REPO / "maps" / "why-does-china-protect-north-korea.yaml"
    document = json.loads(export_map(str(seed), "aif"))
    nodes = {n["nodeID"]: n for n in document["nodes"]}
    assert {n["type"] for n in nodes.values()} == {"I", "RA", "CA", "L", "YA"}
    for edge in document["edges"]:
        assert edge["fromID"] in nodes and edge["toID"] in nodes
    for node in nodes.values():
        if node["type"] in ("RA", "CA", "MA"):  # each S-node between propositions (or, for an undercut, an inference)
            into = [e for e in document["edges"] if e["toID"] == node["nodeID"]]
            out = [e for e in document["edges"] if e["fromID"] == node["nodeID"]]
            assert into and len(out) == 1
    quoted = sum(1 for c in load_map(seed).claims if c.quote)
    assert len(document["locutions"]) == quoted > 0


# Kialo -------------------------------------------------------------------------------------------------


def test_kialo_2018_layout() -> None:
    path = DATA / "kialo" / "2018.txt"
    m = read_kialo(path.read_text(encoding="utf-8"), str(path), "k")
    assert m.title == "Should sugar be taxed?"
    assert [(c.id, c.kind) for c in m.claims] == [("1", "conclusion"), ("1-1", "assumption"), ("1-1-1", "claim"),
                                                  ("1-1-1-1", "assumption"), ("1-2", "assumption"), ("1-3", "assumption")]
    assert m.claims[1].text == "Sugar causes obesity (see [WHO](https://who.int))."
    assert {(c.id, r.type, r.target) for c in m.claims for r in c.relations} == {
        ("1-1", "supports", "1"), ("1-1-1", "opposes", "1-1"), ("1-1-1-1", "supports", "1-1-1"), ("1-2", "opposes", "1"),
        ("1-3", "supports", "1"), ("1-1", "opposes", "1-2")}  # the last from '1.2.1. Con: -> See 1.1.'
    assert [c.position.line for c in m.claims] == [3, 4, 5, 6, 7, 9]


def test_kialo_current_layout_with_a_question_footnotes_and_crlf() -> None:
    path = DATA / "kialo" / "current.txt"
    assert b"\r\n" in path.read_bytes()
    m = read_kialo(path.read_bytes().decode("utf-8"), str(path), "k")
    claims = {c.id: c for c in m.claims}
    assert m.title == "Should sugar be taxed?" and "1" not in claims  # the question is the title
    assert [c.id for c in m.claims if c.kind == "conclusion"] == ["1-1", "1-2"]
    assert claims["1-1-1-1"].text == "Obesity has many causes, and sugar is only one."
    assert claims["1-2-2"].note == "sources: https://example.org/obesity; https://example.org/poor"
    assert {(r.type, r.target) for r in claims["1-1-2"].relations} == {("opposes", "1-1"), ("supports", "1-2")}


@pytest.mark.parametrize(("text", "message"), [
    ("Title: x\n", "1: expected 'Discussion Title: ...' or 'Discussion Name:' but found 'Title: x'"),
    ("Discussion Title: x\n\n1. T\n1.1. Maybe: y\n", "4: claim 1.1 is neither 'Pro:' nor 'Con:'"),
    ("Discussion Title: x\n\n1. T\n1.2.1. Pro: y\n", "4: claim 1.2.1 comes before its parent 1.2"),
    ("Discussion Title: x\n\nsome words\n", "3: expected a numbered claim like '1.1. Pro: ...' but found 'some words'"),
    ("Discussion Title: x\n\n1. T\n1.1. Pro: U\n1.1. Con: V\n", "5: claim 1.1 is numbered twice; each number is one claim"),
    ("Discussion Title: x\n", "1: no claims: a Kialo export lists them numbered (1., 1.1., ...)"),
])
def test_bad_kialo_is_one_line_and_exit_2(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "k.txt"
    path.write_text(text, encoding="utf-8")
    result = invoke("import", path, "-f", "kialo", "-o", tmp_path / "k.yaml")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}:{message}\n")
    assert not (tmp_path / "k.yaml").exists()


@pytest.mark.parametrize(("text", "message"), [
    ('{"nodes": [', "1: not valid JSON: Expecting value (column 12)"),
    ('{"nodes": [{"type": "I"}]}', "1: nodes[0] needs a nodeID (text or number) and a type (I, RA, CA, MA, ...)"),
    ('{"nodes": [{"nodeID": 1, "type": "I"}, {"nodeID": "1", "type": "RA"}]}',
     "1: nodes[1]: nodeID '1' is used twice; each node needs its own"),
    ('{"nodes": {}}', '1: not AIF JSON: expected an object with a "nodes" list (and "edges")'),
    ("[" * 100_000, "1: the JSON is nested too deeply"),
])
def test_bad_aif_is_one_line_and_exit_2(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "n.json"
    path.write_text(text, encoding="utf-8")
    result = invoke("import", path, "-f", "aif")
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}:{message}\n")
    assert_no_traceback(result.stderr)


def test_the_format_is_told_by_the_content() -> None:
    assert [guess_format(str(p), p.read_text(encoding="utf-8")) for p in (ARGDOWN_JSON[0], AIF_REAL[0], DATA / "kialo" / "2018.txt")] == [
        "argdown", "aif", "kialo"]


def test_import_never_overwrites_the_map_or_its_source(tmp_path: Path) -> None:
    source = tmp_path / "n.json"
    shutil.copy(DATA / "aif" / "every-node.json", source)
    shutil.copy(DATA / "aif" / "every-node.txt", tmp_path / "n.txt")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "m.txt").write_text("mine\n", encoding="utf-8")
    result = invoke("import", source, "-o", tmp_path / "m.yaml")
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr and "sources" in result.stderr
    assert not (tmp_path / "m.yaml").exists() and (tmp_path / "sources" / "m.txt").read_text(encoding="utf-8") == "mine\n"
    printed = invoke("import", source)  # without -o the source is not written, and said so
    assert printed.exit_code == 0 and "import with -o to write it beside the map" in printed.stdout
    assert import_map(str(source)).source_text is None


# A folder of imported maps with one bad file ----------------------------------------------------------


def test_a_folder_of_imported_maps_with_one_bad_file_checks_all_the_others(tmp_path: Path) -> None:
    kialo = (DATA / "kialo" / "current.txt").read_bytes().decode("utf-8")
    folder = tmp_path / "maps"
    folder.mkdir()
    count = 120
    for k in range(count):
        source = tmp_path / f"d{k:03d}.txt"
        source.write_text(kialo.replace("Sugar should be taxed.", f"Sugar should be taxed, says {k}."), encoding="utf-8")
        (folder / f"d{k:03d}.yaml").write_text(import_map(str(source), output=f"d{k:03d}.yaml").yaml, encoding="utf-8")
    bad = folder / "d050.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("says 50.", "says \x1b[2J50."), encoding="utf-8")
    result = invoke("check", folder)
    assert result.exit_code == 2
    line = next(n for n, text in enumerate(bad.read_text(encoding="utf-8").split("\n"), 1) if "\x1b" in text)
    assert result.stderr.startswith(f"Error: {bad}:{line}:")
    assert "#x001b is not allowed" in result.stderr and "\x1b" not in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout.splitlines()[-1].startswith(f"{count - 1} maps, {6 * (count - 1)} claims,")
    assert result.stdout.splitlines()[-1].endswith("; 1 file could not be read")
    assert result.stdout.count("AM203") == 2 * (count - 1)
    as_json = json.loads(invoke("check", folder, "--format", "json").stdout)
    assert as_json["summary"]["maps"] == count - 1 and [e["path"] for e in as_json["input_errors"]] == [str(bad)]
    github = invoke("check", folder, "--format", "github").stdout
    assert f"::error file={bad.relative_to(tmp_path.parent).as_posix()},line={line}," in github  # from the repository's top


def test_a_map_that_includes_a_bad_one_is_left_out_and_counted(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("title: B\nclaims:\n  a:\n    txt: A\n", encoding="utf-8")
    (tmp_path / "uses.yaml").write_text("title: U\ninclude: [bad]\nclaims:\n  b:\n    text: B\n    kind: assumption\n", encoding="utf-8")
    (tmp_path / "fine.yaml").write_text("title: F\nclaims:\n  c:\n    text: C\n    kind: conclusion\n", encoding="utf-8")
    result = invoke("check", tmp_path)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "bad.yaml:4:5" in result.stderr
    assert result.stdout.splitlines()[-1].startswith("1 map, 1 claim, 0 relations")
    assert result.stdout.splitlines()[-1].endswith("; 1 file could not be read, 1 map that needs one not checked")


def _argdown_cli() -> str | None:
    candidate = REPO / "bench" / ".argdown" / "node_modules" / ".bin" / "argdown"
    return str(candidate) if candidate.is_file() and shutil.which("node") else shutil.which("argdown")


@pytest.mark.skipif(_argdown_cli() is None, reason="the Argdown CLI is not installed"
                    " (npm install --prefix bench/.argdown @argdown/cli@1.7.5)")
def test_every_argdown_example_imports_through_argdown_json(tmp_path: Path) -> None:
    """``.argdown`` text is read through ``argdown json``: every real example goes that way, then imports,
    checks and renders, with every statement, argument and relation Argdown read."""
    import subprocess

    texts = tmp_path / "argdown"
    shutil.copytree(DATA / "argdown", texts, ignore=shutil.ignore_patterns("json"))
    done = subprocess.run([_argdown_cli(), "json", f"{texts}/*.argdown", str(tmp_path / "json")],  # type: ignore[list-item]
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    written = sorted((tmp_path / "json").glob("*.json"))
    assert [p.stem for p in written] == sorted(p.stem for p in (DATA / "argdown").glob("*.argdown"))
    for path in written:
        document = json.loads(path.read_text(encoding="utf-8"))
        m = read_argdown_json(path.read_text(encoding="utf-8"), str(path), path.stem)
        plain = [a for a in document["arguments"].values() if not a["pcs"]]
        assert len(m.claims) == len(document["statements"]) + len(plain), path.stem
        by_type = Counter(r["relationType"] for r in document["relations"])
        assert relations(m) == Counter({"supports": by_type["support"] + by_type["entails"],
                                        "opposes": by_type["attack"] + by_type["undercut"],
                                        "tension": by_type["contrary"] + by_type["contradictory"]}) - Counter(), path.stem
        out = imported(tmp_path, path)
        assert invoke("check", out).exit_code in (0, 1), path.stem
        assert invoke("render", out, "-o", tmp_path / "render", "-f", "dot").exit_code == 0, path.stem


def test_hostile_text_in_any_field_leaves_a_readable_map(tmp_path: Path) -> None:
    """Ids, types and texts with line breaks, control characters and lone surrogates: the map is still
    one YAML document argmap reads, the header still comments, and nothing raw reaches it."""
    document = {
        "nodes": [{"nodeID": "a\nb: x", "type": "I", "text": "bad \ud800 and \x85 and \u2028 \x1b[2J"},
                  {"nodeID": "2", "type": "weird\x07\ntype", "text": "x"}, {"nodeID": 3, "type": "I", "text": ""}],
        "edges": [{"fromID": "zz\x07\n", "toID": 3}], "argmap": {"title": "T\x07\nx"},
    }
    source = tmp_path / "h.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    out = imported(tmp_path, source)
    text = out.read_text(encoding="utf-8")
    assert text.isascii() is False and all(c.isprintable() or c == "\n" for c in text)
    assert "# dropped 1 nodes of type 'weird\\x07 type' (2)\n" in text
    m = load_map(out)
    assert [c.text for c in m.claims] == ["bad \ufffd and and \x1b[2J", "(no text in the AIF file)"]
    checked = invoke("check", out)
    assert checked.exit_code == 0 and "\x1b" not in checked.stdout
    kialo = tmp_path / "k.txt"
    kialo.write_text(f"Discussion Title: x\n\n1. T\n1.{'9' * 5000}. Pro: deep number\n", encoding="utf-8")
    assert invoke("import", kialo).exit_code == 0


def test_ova3_files_carry_their_text_and_speakers(tmp_path: Path) -> None:
    source = tmp_path / "ova.json"
    shutil.copy(DATA / "aif" / "ova3.json", source)
    assert guess_format(str(source), source.read_text(encoding="utf-8")) == "aif"
    out = imported(tmp_path, source)
    m = load_map(out)
    assert [(c.id, c.kind, c.quote, c.note) for c in m.claims] == [
        ("1", "conclusion", "We should walk more", "said by Ada Byron"),
        ("2", "evidence", "because walking is good for the heart", "said by Ada Byron")]  # the locution, as said
    assert (out.parent / "sources" / "ova.txt").read_text(encoding="utf-8") == (
        "We should walk more, because walking is good for the heart.\n")
    assert invoke("check", out).exit_code == 0


@pytest.mark.parametrize(("page", "text"), [
    ("<a <a <a x", "<a <a <a x"),  # unclosed: text (html.parser takes quadratic time on a long run of these)
    ("a<!-- never closed", "a"),
    ("<P>One<BR/>two</P><STYLE>p{}</STYLE>", "\nOne\ntwo\n"),
    ("x &lt;y&gt; &#233; &bogus;", "x <y> \u00e9 &bogus;"),
])
def test_html_text_of_odd_pages(page: str, text: str) -> None:
    from argmap.importing import html_text

    assert html_text(page) == text


def test_argdown_text_says_how_to_make_the_json(tmp_path: Path) -> None:
    source = tmp_path / "veggie_debate.argdown"
    shutil.copy(DATA / "argdown" / "veggie_debate.argdown", source)
    result = invoke("import", source)
    assert (result.exit_code, result.stderr) == (2, f"Error: {source}:1: this is Argdown text, not the JSON `argdown json`"
                                                    " writes; run `argdown json FILE OUTDIR` (npm install @argdown/cli)"
                                                    " and import OUTDIR/FILE.json\n")


def test_an_undercut_of_a_one_premise_inference_attacks_its_argument(tmp_path: Path) -> None:
    document = {"nodes": [{"nodeID": n, "type": "I", "text": t} for n, t in (("a", "Rain."), ("b", "Wet streets."), ("c", "A roof."))]
                + [{"nodeID": "r", "type": "RA", "text": "Default Inference"}, {"nodeID": "x", "type": "CA", "text": "Default Conflict"}],
                "edges": [{"fromID": u, "toID": v} for u, v in (("a", "r"), ("r", "b"), ("c", "x"), ("x", "r"))]}
    source = tmp_path / "u.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    m = load_map(imported(tmp_path, source))
    assert [(a.id, a.premises, a.conclusion) for a in m.arguments] == [("r", ("a",), "b")]
    assert [(c.id, c.kind, [(r.type, r.target) for r in c.relations]) for c in m.claims] == [
        ("a", "assumption", []), ("b", "conclusion", []), ("c", "assumption", [("opposes", "r")])]
    labels = json.loads(invoke("evaluate", tmp_path / "maps" / "u.yaml", "--format", "json").stdout)
    assert labels["labels"]["b"] == "out"  # the only inference to it is undercut by an unattacked claim


# Field data a review turned up -----------------------------------------------------------------------


def _aif(tmp_path: Path, nodes: list[tuple[object, str, str]], edges: list[tuple[object, object]], **extra: object) -> Path:
    source = tmp_path / "n.json"
    document = {"nodes": [{"nodeID": n, "type": t, "text": x} for n, t, x in nodes],
                "edges": [{"edgeID": str(k), "fromID": u, "toID": v} for k, (u, v) in enumerate(edges)], **extra}
    source.write_text(json.dumps(document), encoding="utf-8")
    return source


def test_an_aif_edge_written_twice_is_read_once(tmp_path: Path) -> None:
    # OVA and AIFdb nodesets hold such repeats: the premise must not count twice, the attack not be lost.
    nodes = [("1", "I", "Tax sugar."), ("2", "I", "Sugar harms."), ("3", "RA", "Default Inference"),
             ("4", "I", "Taxes hurt the poor."), ("5", "CA", "Default Conflict")]
    out = imported(tmp_path, _aif(tmp_path, nodes, [("2", "3"), ("3", "1"), ("2", "3"), ("4", "5"), ("5", "1"), ("4", "5")]))
    m = load_map(out)
    assert m.arguments == ()
    assert [(c.id, [(r.type, r.target) for r in c.relations]) for c in m.claims] == [
        ("1", []), ("2", [("supports", "1")]), ("4", [("opposes", "1")])]
    text = out.read_text(encoding="utf-8")
    assert "# 2 edges repeating an earlier one (the same fromID and toID) read once.\n" in text
    assert "# Nothing was dropped.\n" in text


def test_aif_types_in_lower_case_and_odd_dialogue_fields(tmp_path: Path) -> None:
    nodes = [("1", "i", "Tax sugar."), ("2", "i", "Sugar harms."), ("3", "ra", "Default Inference"), ("4", "I", "Unrelated.")]
    out = imported(tmp_path, _aif(tmp_path, nodes, [("2", "3"), ("3", "1"), ("4", "1")], locutions=5, participants="x"))
    m = load_map(out)
    assert [(c.id, [(r.type, r.target) for r in c.relations]) for c in m.claims] == [
        ("1", []), ("2", [("supports", "1")]), ("4", [])]
    assert "# dropped 1 edges from one proposition straight to another (no RA, CA or MA between) (4 -> 1)\n" in (
        out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "args", "message"), [
    ('{"nodes": [{"nodeID": ' + "7" * 5000 + ', "type": "I", "text": "x"}]}', ["-f", "aif"], ":1: not JSON argmap can read: Exceeds"),
    ("", [], ": the file is empty: there is nothing to import"),
])
def test_json_python_cannot_read_is_one_line_and_exit_2(tmp_path: Path, text: str, args: list[str], message: str) -> None:
    path = tmp_path / "n.json"
    path.write_text(text, encoding="utf-8")
    result = invoke("import", path, *args)
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: {path}{message}")
    assert result.stderr.count("\n") == 1
    assert_no_traceback(result.stderr)


def test_a_lone_surrogate_in_ova_text_is_a_replacement_character(tmp_path: Path) -> None:
    document = json.loads((DATA / "aif" / "ova3.json").read_text(encoding="utf-8"))
    document["text"] = "We should walk more \ud83d, because walking is good for the heart."
    source = tmp_path / "ova.json"
    source.write_text(json.dumps(document), encoding="utf-8")  # json.dumps writes it as the escape \ud83d
    out = imported(tmp_path, source)
    assert (out.parent / "sources" / "ova.txt").read_text(encoding="utf-8") == (
        "We should walk more \ufffd, because walking is good for the heart.\n")
    assert invoke("check", out).exit_code == 0


@pytest.mark.parametrize("layout", ["2018", "current"])
def test_kialo_text_lines_that_start_with_a_number_stay_in_their_claim(layout: str) -> None:
    if layout == "2018":
        text = ("Discussion Title: Tax sugar?\n\n1. Sugar should be taxed.\n1.1. Pro: There are three reasons:\n"
                "1. health\n2. revenue\n1.2. Con: Denmark dropped its fat tax in\n2014. Sales had not fallen.\n")
    else:
        text = ("Discussion Name:\nTax sugar?\n\n1. Thesis:\nSugar should be taxed.\n\n  1.1. Pro:\n  There are three reasons:\n"
                "  1. health\n  2. revenue\n\n  1.2. Con:\n  Denmark dropped its fat tax in\n  2014. Sales had not fallen.\n")
    result = import_kialo(text, "k.txt", "k")
    assert [(c.id, c.text) for c in result.argmap.claims] == [
        ("1", "Sugar should be taxed."), ("1-1", "There are three reasons: 1. health 2. revenue"),
        ("1-2", "Denmark dropped its fat tax in 2014. Sales had not fallen.")]
    assert ("3 lines that start with a number but no Pro:, Con: or Thesis: (1. health, 2014. Sales fell.)"
            " are read as text of the claim above.") in result.described


def test_kialo_links_to_their_own_claim_and_pros_of_a_question_are_counted() -> None:
    text = ("Discussion Name:\nQ\n\n1. Question:\nShould we?\n\n  1.1. Thesis:\n  Yes.\n\n    1.1.1. Pro:\n    -> See 1.1.\n\n"
            "  1.2. Pro:\n  A pro of the question.\n")
    result = import_kialo(text, "k.txt", "k")
    assert [(c.id, c.relations) for c in result.argmap.claims] == [("1-1", ()), ("1-2", ())]
    assert result.dropped == ("dropped 1 pros and cons of the question itself (not of a thesis) (1.2)",
                              "dropped 1 '-> See' links to the claim they are under (1.1.1 -> 1.1)")


def test_argdown_keeps_a_support_and_an_attack_between_the_same_statements(tmp_path: Path) -> None:
    document = {"statements": {t: {"members": [{"text": t + ".", "startLine": k}]} for k, t in enumerate("ABC", 1)},
                "arguments": {},
                "relations": [{"relationType": rt, "from": u, "to": v, "fromType": "equivalence-class", "toType": "equivalence-class"}
                              for rt, u, v in (("support", "A", "B"), ("attack", "A", "B"), ("support", "A", "B"),
                                               ("attack", "C", "C"), (["support"], "C", "A"))]}
    document["statements"]["A"]["tags"] = [{"a": 1}, "kept"]
    source = tmp_path / "d.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = import_argdown_json(source.read_text(encoding="utf-8"), str(source), "d")
    assert [(c.id, c.note, [(r.type, r.target) for r in c.relations]) for c in result.argmap.claims] == [
        ("a", "tags: kept", [("supports", "b"), ("opposes", "b")]), ("b", None, []), ("c", None, [])]
    assert result.dropped == ("dropped 1 relations of a statement to itself (C)",
                              "dropped 1 relations of a type argmap has not (['support'])")
    out = imported(tmp_path, source)
    assert "AM202" in invoke("check", out, "--format", "json").stdout  # supports and opposes the same claim


def test_ids_too_long_for_a_yaml_key_are_cut(tmp_path: Path) -> None:
    deep = "Discussion Title: x\n\n1. T\n" + "".join(f"{'.'.join(['1'] * k)}. Pro: level {k}\n" for k in range(2, 601))
    (tmp_path / "deep.txt").write_text(deep, encoding="utf-8")
    long_id = _aif(tmp_path, [("x" * 100_000, "I", "Long."), ("y" * 3000, "I", "Longer."), ("r", "RA", "Default Inference")],
                   [("x" * 100_000, "r"), ("r", "y" * 3000)])
    for source in (tmp_path / "deep.txt", long_id):
        out = imported(tmp_path, source)
        m = load_map(out)
        assert max(len(c.id) for c in m.claims) < 110  # 100, and -2, -3, ... where cut ids meet
        assert invoke("check", out).exit_code in (0, 1)
    assert [c.id for c in m.claims] == ["x" * 100, "y" * 100]


def test_blank_argmap_fields_in_aif_are_left_out(tmp_path: Path) -> None:
    # An AIF file that says "source": "" (or a blank quote, section, note) made a map that did not load.
    source = _aif(tmp_path, [("1", "I", "A")], [], argmap={"source": " ", "title": ["t"]})
    document = json.loads(source.read_text(encoding="utf-8"))
    document["nodes"][0]["argmap"] = {"kind": ["x"], "quote": " ", "section": "", "note": 5}
    source.write_text(json.dumps(document), encoding="utf-8")
    m = load_map(imported(tmp_path, source))
    assert (m.source, m.title) == (None, "n (AIF)")
    assert [(c.kind, c.quote, c.section, c.note) for c in m.claims] == [("assumption", None, None, None)]


def test_argdown_tags_after_an_emoji_are_taken_out_of_the_text() -> None:
    # Argdown's ranges count UTF-16 units, as JavaScript does: an emoji before a tag shifted the cut.
    text = "Cats \U0001F642 are great #conclusion"
    start = len(text[:text.index("#")].encode("utf-16-le")) // 2
    document = {"statements": {"Cats": {"members": [{"text": text, "startLine": 1, "ranges": [
        {"type": "tag", "start": start, "stop": start + len("#conclusion") - 1}]}], "tags": ["conclusion"]}},
        "arguments": {}, "relations": []}
    m = read_argdown_json(json.dumps(document), "d.json", "d")
    assert [(c.text, c.kind) for c in m.claims] == [("Cats \U0001F642 are great", "conclusion")]


def test_a_combined_map_has_no_aif_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("title: A\nclaims:\n  x:\n    text: X\n    kind: conclusion\n")
    (tmp_path / "both.yaml").write_text("title: Both\ninclude: [a]\n")
    result = invoke("export", tmp_path / "both.yaml", "-f", "aif")
    assert result.exit_code == 2 and "has no claims of its own" in result.stderr and result.stdout == ""
