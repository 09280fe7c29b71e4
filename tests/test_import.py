"""``argmap import``: ASPARTIX apx and ICCMA 2023 frameworks read as maps of assumptions and attacks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from argmap.analysis import grounded_labelling, preferred_extensions
from argmap.debate import load_subject
from argmap.export import export_map
from argmap.importing import import_text
from argmap.interchange import read_apx, read_i23
from argmap.interchange.framework import claim_ids
from argmap.load import load_map
from tests.helpers import assert_no_traceback, invoke, write_map

py_arg = pytest.importorskip("py_arg", reason="python-argumentation is a test dependency (pip install -e .[test])")
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension  # noqa: E402
from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions  # noqa: E402
from py_arg.import_export.argumentation_framework_from_aspartix_format_reader import (  # noqa: E402
    ArgumentationFrameworkFromASPARTIXFormatReader,
)

END_TO_END = 200  # random frameworks taken all the way: apx text, argmap import, map file, evaluate


def framework(argmap) -> tuple[list[str], set[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    return [c.id for c in argmap.claims], {(c.id, r.target) for c in argmap.claims for r in c.relations}


def test_apx_facts_comments_quoted_names_and_self_attacks() -> None:
    text = ('% a comment\narg(a). arg(b).\narg("Big One"). arg(c_1)\n.\natt(a,b). att(b,a). % more\n'
            'att("Big One","Big One").\natt( a , "Big One" ).\natt(a,b).\n')
    m = read_apx(text, "f.apx", "f")
    assert framework(m) == (["a", "b", "big-one", "c-1"],
                            {("a", "b"), ("b", "a"), ("big-one", "big-one"), ("a", "big-one")})
    assert [c.text for c in m.claims] == ["a", "b", "Big One", "c_1"]
    assert {c.kind for c in m.claims} == {"assumption"}
    assert [(c.position.line, c.position.column) for c in m.claims] == [(2, 1), (2, 9), (3, 1), (3, 17)]
    assert [r.position.line for r in m.claims[0].relations] == [5, 7]  # the repeated att(a,b) is one attack


def test_apx_block_comments() -> None:
    # ASP's %* ... *% comments a block (it was "expected arg(NAME)."): over lines, between facts, and never closed.
    m = read_apx("%* made by hand\n att(x,y). *%\narg(a). %* the other *% arg(b).\natt(a,b).\n", "f.apx", "f")
    assert framework(m) == (["a", "b"], {("a", "b")})


def test_i23_header_comments_and_attacks() -> None:
    m = read_i23("# made by hand\np af 3\n\n1 2\n2 1\n3 3\n# the end\n", "f.i23", "f")
    assert framework(m) == (["1", "2", "3"], {("1", "2"), ("2", "1"), ("3", "3")})
    assert m.title == "f (ICCMA 2023 framework)"


def test_ids_are_mapped_deterministically_without_collisions() -> None:
    names = ["x", "X", "x-2", "Ä b", "a__b", "A B", "-", "--", "9lives"]
    first = claim_ids(names)
    assert first == claim_ids(names)
    assert first == {"x": "x", "X": "x-3", "x-2": "x-2", "Ä b": "b", "a__b": "a-b", "A B": "a-b-2", "-": "arg",
                     "--": "arg-2", "9lives": "9lives"}
    assert len(set(first.values())) == len(names)


def test_i23_export_and_import_round_trip_keeps_names_and_attacks(tmp_path: Path) -> None:
    path = write_map(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            opposes: [b, a]
          b:
            text: B
            kind: assumption
            tension: [c]
          c:
            text: C
            kind: assumption
    """)
    for fmt, reader in (("i23", read_i23), ("apx", read_apx)):
        back = reader(export_map(str(path), fmt), f"t.{fmt}", "t")
        assert framework(back) == (["a", "b", "c"], {("a", "b"), ("a", "a"), ("b", "c"), ("c", "b")}), fmt


def test_import_writes_a_map_with_a_header_that_says_where_it_came_from(tmp_path: Path) -> None:
    source = tmp_path / "bench" / "traffic.apx"
    source.parent.mkdir()
    source.write_text('arg(a). arg("B").\natt(a,"B"). att("B","B").\n', encoding="utf-8")
    out = tmp_path / "maps" / "traffic.yaml"
    result = invoke("import", source, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[:5] == [
        "# Imported by `argmap import -f apx` from traffic.apx (ASPARTIX apx format): 2 arguments, 2 attacks.",
        "# Each argument is an assumption whose text is its name in the file; each attack is an `opposes`.",
        "# Self-attacks, and arguments no attack touches, are deliberate in a framework: they ignore AM003 and AM104.",
        "# 1 name was changed to a valid claim id ([a-z0-9][a-z0-9-]*):",
        "#   'B' -> b",
    ]
    m = load_map(out)
    assert m.name == "traffic" and framework(m) == (["a", "b"], {("a", "b"), ("b", "b")})
    assert [sorted(c.ignore) for c in m.claims] == [[], ["AM003"]]
    assert invoke("import", source).stdout.replace("\n", "").startswith("# Imported")  # stdout without -o
    labels = invoke("evaluate", out, "--format", "json")
    assert labels.exit_code == 0 and '"b": "out"' in labels.stdout


def test_import_never_overwrites_and_writes_nothing_on_bad_input(tmp_path: Path) -> None:
    good = tmp_path / "good.apx"
    good.write_text("arg(a).\n", encoding="utf-8")
    out = tmp_path / "m.yaml"
    out.write_text("title: kept\n", encoding="utf-8")
    result = invoke("import", good, "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {out}: refusing to overwrite an existing file; remove it or choose another -o\n"
    assert out.read_text(encoding="utf-8") == "title: kept\n"
    bad = tmp_path / "bad.apx"
    bad.write_text("arg(a).\narg(b).\natt(a,c).\n", encoding="utf-8")
    fresh = tmp_path / "fresh.yaml"
    result = invoke("import", bad, "-o", fresh)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {bad}:3: att(a,c) names 'c', which no arg(...) declares; add arg(c).\n"
    assert not fresh.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(("suffix", "text", "message"), [
    (".apx", "arg(a)\n", "1: expected arg(NAME). or att(NAME,NAME). but found 'arg(a)'"),
    (".apx", "arg(a).\nargument(b).\n", "2: expected arg(NAME). or att(NAME,NAME). but found 'argument(b).'"),
    (".apx", "arg(a).\natt(a).\n", "2: expected arg(NAME). or att(NAME,NAME). but found 'att(a).'"),
    (".apx", "% nothing\n", "1: no arg(...) facts: the framework has no arguments to import"),
    (".apx", 'arg("a).\n', "1: expected arg(NAME). or att(NAME,NAME). but found 'arg(\"a).'"),
    (".apx", "arg(a).\n%* never closed\narg(b).\n", "2: a block comment '%*' is never closed with '*%'"),
    (".i23", "1 2\n", "1: expected the header 'p af N' (N arguments) but found '1 2'"),
    (".i23", "# only a comment\n", "1: no 'p af N' header: not an ICCMA 2023 framework"),
    (".i23", "p af 2\n1 3\n", "2: argument 3 does not exist: the header declares arguments 1 to 2"),
    (".i23", "p af 2\n1 0\n", "2: argument 0 does not exist: the header declares arguments 1 to 2"),
    (".i23", "p af 2\n1 2 3\n", "2: expected an attack 'i j' (two argument numbers) but found '1 2 3'"),
    (".i23", "p af 2\np af 3\n", "2: expected an attack 'i j' (two argument numbers) but found a second header"),
    (".i23", "\n\np af 0\n", "3: 'p af 0': the framework has no arguments to import"),
    (".af", "p af two\n", "1: expected the header 'p af N' (N arguments) but found 'p af two'"),
    # 13 bytes that would make five million claims (47 s and 4.3 GB before the cap)
    (".i23", "p af 5000000\n1 2\n", "1: 'p af 5000000' declares more arguments than argmap imports (1,000,000 at most)"),
    (".i23", "p af 3\n1 " + "9" * 5000 + "\n", "2: argument 9999999999999999999999999999999999999999... does not exist:"
                                             " the header declares arguments 1 to 3"),
])
def test_bad_framework_is_one_line_with_its_line_and_exit_2(tmp_path: Path, suffix: str, text: str, message: str) -> None:
    path = tmp_path / f"f{suffix}"
    path.write_text(text, encoding="utf-8")
    result = invoke("import", path)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}:{message}\n"
    assert result.stdout == ""
    assert_no_traceback(result.stderr)


def test_an_argument_with_an_empty_name_is_a_claim_argmap_reads(tmp_path: Path) -> None:
    path = tmp_path / "f.apx"
    path.write_text('arg(""). arg(" "). arg(a). att(a, "").\n', encoding="utf-8")
    out = tmp_path / "f.yaml"
    assert invoke("import", path, "-o", out).exit_code == 0
    assert [(c.id, c.text) for c in load_map(out).claims] == [("arg", '""'), ("arg-2", '" "'), ("a", "a")]


def test_import_refuses_what_it_cannot_tell_or_write(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("arg(a).\n", encoding="utf-8")
    assert invoke("import", path).stdout.startswith("# Imported by `argmap import -f apx`")  # told by its content
    path.write_text("a(b).\n", encoding="utf-8")
    assert invoke("import", path).stderr == (f"Error: {path}: cannot tell the format from the file name or its content;"
                                             " give -f aif or -f argdown or -f kialo or -f apx or -f i23\n")
    path.write_text("arg(a).\n", encoding="utf-8")
    assert invoke("import", path, "-f", "apx").exit_code == 0
    assert invoke("import", path, "-f", "apx", "-o", tmp_path / "m.json").stderr.startswith(
        f"Error: {tmp_path / 'm.json'}: the map must be written to a .yaml file")
    missing = invoke("import", tmp_path / "none.apx")
    assert (missing.exit_code, missing.stderr) == (2, f"Error: {tmp_path / 'none.apx'}: no such file\n")
    (tmp_path / "bin.apx").write_bytes(b"arg(a).\xff\n")
    assert invoke("import", tmp_path / "bin.apx").exit_code == 2


def reference(apx: str) -> tuple[set[str], list[list[str]]]:
    af = ArgumentationFrameworkFromASPARTIXFormatReader.from_apx(apx)
    grounded = {str(a).strip('"') for a in get_grounded_extension(af)}
    return grounded, sorted(sorted(str(a).strip('"') for a in ext) for ext in get_preferred_extensions(af))


def test_imported_frameworks_evaluate_as_python_argumentation_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """All the way from apx text through ``argmap import`` and the map file to the semantics, self-attacks included."""
    rng = random.Random(23)
    self_attacking = 0
    for k in range(END_TO_END):
        n = rng.randint(1, 8)
        facts = [f'arg("a{i}").' for i in range(n)]
        attacks = [(u, v) for u in range(n) for v in range(n) if rng.random() < (0.3 if u == v else 0.2)]
        facts += [f'att("a{u}","a{v}").' for u, v in attacks]
        self_attacking += any(u == v for u, v in attacks)
        apx = "\n".join(facts) + "\n"
        source = tmp_path / f"f{k}.apx"
        source.write_text(apx, encoding="utf-8")
        out = tmp_path / f"f{k}.yaml"
        out.write_text(import_text(str(source), output=str(out)), encoding="utf-8")
        subject = load_subject(str(out))
        G = subject.graph
        labels = grounded_labelling(G)
        grounded = {subject.names[m] for m, label in labels.items() if label == "in"}
        preferred = sorted(sorted(subject.names[m] for m in ext) for ext in preferred_extensions(G))
        assert (grounded, preferred) == reference(apx), apx
    with capsys.disabled():
        print(f"\nargmap import: {END_TO_END} random apx frameworks ({self_attacking} with self-attacks)"
              " evaluate as python-argumentation does")
    assert self_attacking > END_TO_END // 4


def test_an_imported_framework_checks_clean_but_for_its_missing_conclusion(tmp_path: Path) -> None:
    from argmap.check import check_paths

    source = tmp_path / "f.apx"
    source.write_text("arg(a). arg(b). arg(lone).\natt(a,a). att(a,b).\n", encoding="utf-8")
    out = tmp_path / "f.yaml"
    assert invoke("import", source, "-o", out).exit_code == 0
    assert [sorted(c.ignore) for c in load_map(out).claims] == [["AM003"], [], ["AM104"]]
    assert [f.code for f in check_paths([str(out)]).findings] == ["AM105"]
    assert invoke("check", out, "--disable", "AM105", "--strict").exit_code == 0
