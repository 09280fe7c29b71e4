"""The loader, at library level: what a map file becomes, where each item was written, and bad input."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from argmap.load import decode_map_text, find_map_files, load_map, load_map_set, parse_map
from argmap.model import ArgMap, MapError, Position
from tests.helpers import write_map

FULL = """
title: A full map
source: sources/full.txt
claims:
  main:
    text: The main claim.
    kind: conclusion
  fact:
    text: A fact.
    kind: evidence
    quote: a fact
    section: Facts
    note: from the text
    ignore: [AM104]
    supports: [main, other#x]
    opposes: [rival]
  rival:
    text: A rival claim.
    tension: [main]
    same-as: [other#y]
arguments:
  together:
    premises: [fact, rival]
    conclusion: main
    note: linked
include: [other]
expect:
  main: in
  rival: out
"""


def _parse(text: str, path: str = "m.yaml") -> ArgMap:
    return parse_map(textwrap.dedent(text).lstrip("\n"), path, Path(path).stem)


def _error(text: str | bytes, path: str = "m.yaml") -> MapError:
    with pytest.raises(MapError) as caught:
        if isinstance(text, bytes):
            text = decode_map_text(text, path)
        _parse(text, path)
    return caught.value


# ---------------------------------------------------------------- what a good map becomes


def test_full_map_fields_and_positions():
    m = _parse(FULL, "full.yaml")
    assert (m.name, m.path, m.title, m.source) == ("full", "full.yaml", "A full map", "sources/full.txt")
    assert m.position == Position("full.yaml", 1, 1)
    assert m.source_position == Position("full.yaml", 2, 9)
    assert [c.id for c in m.claims] == ["main", "fact", "rival"]
    main, fact, rival = m.claims
    assert (main.kind, main.position) == ("conclusion", Position("full.yaml", 4, 3))
    assert rival.kind == "claim"  # the default
    assert fact.quote == "a fact" and fact.quote_position == Position("full.yaml", 10, 12)
    assert (fact.section, fact.note, fact.ignore) == ("Facts", "from the text", frozenset({"AM104"}))
    assert fact.ignore_positions[0][1] == Position("full.yaml", 13, 14)
    assert [(r.type, r.source, r.target, r.position.line, r.position.column) for r in fact.relations] == [
        ("supports", "fact", "main", 14, 16),
        ("supports", "fact", "other#x", 14, 22),
        ("opposes", "fact", "rival", 15, 15),
    ]
    assert [(r.type, r.target) for r in rival.relations] == [("tension", "main"), ("same-as", "other#y")]
    (argument,) = m.arguments
    assert (argument.id, argument.premises, argument.conclusion, argument.note) == ("together", ("fact", "rival"), "main", "linked")
    assert argument.position == Position("full.yaml", 21, 3)
    assert argument.premise_positions == (Position("full.yaml", 22, 16), Position("full.yaml", 22, 22))
    assert argument.conclusion_position == Position("full.yaml", 23, 17)
    assert m.includes == ("other",) and m.include_positions == (Position("full.yaml", 25, 11),)
    assert [(e.claim, e.label, e.position.line) for e in m.expect] == [("main", "in", 27), ("rival", "out", 28)]
    assert m.duplicate_keys == ()


@pytest.mark.parametrize("literal", ["yes", "no", "on", "off", "true", "False", "1961", "1.5", "0x1F", "1e3", ".inf", "2001-01-01", "0o17"])
def test_plain_scalars_stay_the_literal_text(literal):
    m = _parse(f"title: {literal}\nclaims:\n  {literal.lower().replace('.', '')}:\n    text: {literal}\n    section: {literal}\n")
    assert m.title == literal
    assert m.claims[0].text == literal
    assert m.claims[0].section == literal


def test_quoted_and_unicode_text():
    m = _parse(
        """
        title: 'It''s "quoted"'
        claims:
          a:
            text: "caf\\u00e9 \\"x\\" \\t tab"
            quote: 中文 — “curly” 😀 naïve
            note: |
              line one
              line two
          b:
            text: >
              folded
              text
            note: "null"
        """
    )
    assert m.title == "It's \"quoted\""
    a, b = m.claims
    assert a.text == 'café "x" \t tab'
    assert a.quote == "中文 — “curly” 😀 naïve"
    assert a.note == "line one\nline two"  # the line break YAML keeps at the end of a block: dropped
    assert b.text == "folded text"
    assert b.note == "null"  # quoted: the word, not nothing


@pytest.mark.parametrize("value", ["", " ~", " null", " Null", ' ""', " '   '"])
def test_empty_or_null_text_is_an_error(value):
    error = _error(f"title: T\nclaims:\n  a:\n    text:{value}\n")
    assert error.position.line == 4
    assert "'text' of claim 'a' is empty" in error.message


def test_note_may_be_empty():
    assert _parse("title: T\nclaims:\n  a:\n    text: A\n    note:\n").claims[0].note is None


@pytest.mark.parametrize("empty", ["", " ~", " null"])
def test_empty_sections_and_lists_are_allowed(empty):
    m = _parse(f"title: T\nclaims:{empty}\narguments:{empty}\nexpect:{empty}\n")
    assert (m.claims, m.arguments, m.expect) == ((), (), ())
    m = _parse(f"title: T\nclaims:\n  a:\n    text: A\n    supports:{empty}\n    ignore:{empty}\n")
    assert (m.claims[0].relations, m.claims[0].ignore) == ((), frozenset())


@pytest.mark.parametrize("text", ["---\n", "~\n", "--- ~\n...\n", "null\n"])
def test_document_of_nothing_is_the_empty_file_error(text):
    error = _error(text)
    assert error.position.line == 1
    assert "the file is empty" in error.message


def test_utf8_bom_is_dropped_and_positions_are_unchanged(tmp_path):
    body = b"title: T\nclaims:\n  a:\n    text: A\n"
    with_bom = load_map(write_map(tmp_path, b"\xef\xbb\xbf" + body, "bom"))
    without = load_map(write_map(tmp_path, body, "plain"))
    assert with_bom.title == "T"
    assert with_bom.claims[0].position.line == without.claims[0].position.line == 3
    assert with_bom.claims[0].position.column == without.claims[0].position.column == 3


def test_utf8_bom_error_on_line_one_counts_columns_without_the_bom(tmp_path):
    path = write_map(tmp_path, b"\xef\xbb\xbfcolour: red\ntitle: T\nclaims: {}\n")
    with pytest.raises(MapError) as caught:
        load_map(path)
    assert caught.value.position == Position(str(path), 1, 1)


def test_crlf_gives_the_same_map_and_positions_as_lf(tmp_path):
    lf = textwrap.dedent(FULL).lstrip("\n").encode()
    crlf = load_map(write_map(tmp_path, lf.replace(b"\n", b"\r\n"), "crlf"))
    plain = load_map(write_map(tmp_path, lf, "lf"))

    def shape(m):
        where = lambda p: (p.line, p.column)  # noqa: E731
        claims = [(c.id, c.text, c.quote, where(c.position), [(r.target, where(r.position)) for r in c.relations]) for c in m.claims]
        arguments = [(a.id, where(a.position), [where(p) for p in a.premise_positions], where(a.conclusion_position)) for a in m.arguments]
        return claims, arguments, [(e.claim, e.label, where(e.position)) for e in m.expect], [where(p) for p in m.include_positions]

    assert shape(crlf) == shape(plain)
    assert shape(crlf)[0][1][3] == (7, 3)  # 'fact' is on line 7 either way
    assert not any("\r" in c.text for c in crlf.claims)


def test_crlf_block_scalar_has_plain_newlines():
    m = _parse("title: T\r\nclaims:\r\n  a:\r\n    text: |\r\n      one\r\n      two\r\n")
    assert m.claims[0].text == "one\ntwo"


def test_crlf_error_position(tmp_path):
    path = write_map(tmp_path, b"title: T\r\nclaims:\r\n  a:\r\n    text: A\r\n    colour: red\r\n")
    with pytest.raises(MapError) as caught:
        load_map(path)
    assert caught.value.position == Position(str(path), 5, 5)


# ---------------------------------------------------------------- duplicate keys: AM001, not an input error


def test_duplicate_claim_id_keeps_the_first_and_records_the_second():
    m = _parse("title: T\nclaims:\n  a:\n    text: first\n  b:\n    text: B\n  a:\n    text: second\n")
    assert [(c.id, c.text) for c in m.claims] == [("a", "first"), ("b", "B")]
    (dup,) = m.duplicate_keys
    assert dup.key == "a"
    assert dup.position == Position("m.yaml", 7, 3)
    assert dup.first == Position("m.yaml", 3, 3)


def test_duplicate_text_in_a_claim_keeps_the_first():
    m = _parse("title: T\nclaims:\n  a:\n    text: first\n    kind: evidence\n    text: second\n")
    assert m.claims[0].text == "first"
    assert m.claims[0].kind == "evidence"
    (dup,) = m.duplicate_keys
    assert (dup.key, dup.position, dup.first) == ("text", Position("m.yaml", 6, 5), Position("m.yaml", 4, 5))


def test_duplicate_top_level_key_keeps_the_first():
    m = _parse("title: one\nclaims:\n  a:\n    text: A\ntitle: two\n")
    assert m.title == "one"
    assert [(d.key, d.position.line, d.first.line) for d in m.duplicate_keys] == [("title", 5, 1)]


# ---------------------------------------------------------------- MapError


def test_map_error_str_is_position_then_message():
    error = _error("title: T\nclaims:\n  a:\n    text: A\nfoo: 1\n")
    assert error.position == Position("m.yaml", 5, 1)
    assert error.path == "m.yaml"
    assert str(error) == f"m.yaml:5:1: {error.message}"
    assert error.message == ("unknown key 'foo' in the map; expected one of: title, source, url, author, date, note,"
                             " sections, claims, arguments, include, expect, must-win")


def test_map_error_without_a_position_names_the_path(tmp_path):
    with pytest.raises(MapError) as caught:
        load_map(tmp_path / "nope.yaml")
    assert caught.value.position is None
    assert caught.value.path == str(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}: no such file"


@pytest.mark.parametrize(
    ("text", "line", "column", "fragments"),
    [
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: A\n    colour: red\n",
            5, 5, ["'colour'", "claim 'a'", "text, kind, quote"], id="unknown-claim-key",
        ),
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: [x, y]\n",
            4, 11, ["'text' of claim 'a' must be text, not a list"], id="text-list",
        ),
        pytest.param("title: T\nclaims:\n  a:\n    text: {x: y}\n", 4, 11, ["must be text, not a mapping"], id="text-mapping"),
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: A\n    supports: b\n",
            5, 15, ["must be a list", "supports: [other-claim]"], id="supports-scalar",
        ),
        pytest.param("title: T\nclaims:\n  - a\n", 3, 3, ["'claims' must be a mapping, not a list"], id="claims-list"),
        pytest.param("title: T\nclaims: hello\n", 2, 9, ["'claims' must be a mapping, not text"], id="claims-scalar"),
        pytest.param("title: T\nclaims:\n  a: hello\n", 3, 6, ["claim 'a' must be a mapping", "'text:'"], id="claim-scalar"),
        pytest.param("title: T\nclaims:\n  Bad_Id:\n    text: A\n", 3, 3, ["bad claim id 'Bad_Id'", "lowercase"], id="id-Bad_Id"),
        pytest.param("title: T\nclaims:\n  -x:\n    text: A\n", 3, 3, ["bad claim id '-x'"], id="id-dash"),
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: A\n    kind: fact\n",
            5, 11, ["unknown kind 'fact'", "conclusion, claim, evidence, assumption"], id="bad-kind",
        ),
        pytest.param("title: T\nclaims:\n  a:\n    kind: claim\n", 3, 3, ["claim 'a' has no 'text:'"], id="missing-text"),
        pytest.param("claims:\n  a:\n    text: A\n", 1, 1, ["no 'title:'"], id="missing-title"),
        pytest.param("title: T\n", 1, 1, ["no 'claims:'"], id="missing-claims"),
        pytest.param("title: T\nclaims:\n  a: &x\n    text: A\n", 3, 6, ["anchors (&x)", "not allowed"], id="anchor"),
        pytest.param("title: T\nclaims:\n  a:\n    text: *x\n", 4, 11, ["aliases (*x)", "not allowed"], id="alias"),
        pytest.param(
            "title: T\nclaims:\n  a: !!python/object:os.system\n    text: A\n",
            3, 6, ["tags", "python/object", "not allowed"], id="tag-python",
        ),
        pytest.param("title: T\nclaims:\n  a:\n    text: !!str A\n", 4, 11, ["tags", "not allowed"], id="tag-str"),
        # Plain scalars in lists and as keys are read on a fast path: anchors and tags are seen there too.
        pytest.param("title: T\nclaims:\n  a:\n    text: A\n    supports: [b, &y c]\n", 5, 19, ["anchors (&y)"], id="anchor-in-list"),
        pytest.param("title: T\nclaims:\n  a:\n    text: A\n    supports: [!!str b]\n", 5, 16, ["tags"], id="tag-in-list"),
        pytest.param("title: T\nclaims:\n  &k a:\n    text: A\n", 3, 3, ["anchors (&k)"], id="anchor-on-key"),
        pytest.param("", 1, 1, ["empty"], id="empty"),
        pytest.param("# only\n# comments\n", 1, 1, ["empty"], id="comments-only"),
        pytest.param("- a\n- b\n", 1, 1, ["must be a YAML mapping", "not a list"], id="top-list"),
        pytest.param("just text\n", 1, 1, ["must be a YAML mapping", "not text"], id="top-scalar"),
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: A\n    supports: [b, c\n  b:\n    text: B\n",
            6, 4, ["YAML syntax error", "']'"], id="unclosed-bracket",
        ),
        pytest.param("title: T\nclaims:\n  a:\n\ttext: A\n", 4, 1, ["tabs", "spaces"], id="tab-indent"),
        pytest.param("title: T\nclaims:\n  a:\n    text: A\n---\ntitle: U\n", 5, 1, ["one YAML document"], id="two-documents"),
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: A\narguments:\n  g:\n    premises: []\n    conclusion: a\n",
            7, 15, ["no premises"], id="argument-empty-premises",
        ),
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: A\narguments:\n  g:\n    conclusion: a\n",
            6, 3, ["no 'premises:'"], id="argument-no-premises",
        ),
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: A\narguments:\n  g:\n    premises: [a]\n",
            6, 3, ["no 'conclusion:'"], id="argument-no-conclusion",
        ),
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: A\nexpect:\n  a: maybe\n",
            6, 6, ["expected label of 'a'", "in, out, undec"], id="expect-bad-label",
        ),
        pytest.param("title: T\nclaims:\n  a:\n    text: A\n    supports: [Bad]\n", 5, 16, ["bad reference 'Bad'"], id="bad-reference"),
        pytest.param(
            "title: T\nclaims:\n  a:\n    text: A\n    ignore: [foo]\n",
            5, 14, ["'foo'", "rule code like AM104"], id="ignore-not-a-code",
        ),
        pytest.param(
            "title: T\ninclude: [b]\nclaims:\n  b#x:\n    text: X\n",
            5, 5, ["'text' cannot be set on 'b#x'", "note, supports"], id="extension-text",
        ),
        pytest.param("title: T\ninclude: other\n", 2, 10, ["'include' must be a list"], id="include-scalar"),
        pytest.param("title: T\nclaims:\n  ? [a]\n  : x\n", 3, 5, ["keys must be plain text"], id="complex-key"),
        pytest.param("title: T\x07\nclaims: {}\n", 1, 9, ["#x0007", "not allowed"], id="control-char"),
    ],
)
def test_bad_input_position_and_message(text, line, column, fragments):
    error = _error(text)
    assert error.position == Position("m.yaml", line, column), str(error)
    for fragment in fragments:
        assert fragment in error.message
    assert "\n" not in str(error)


# ---------------------------------------------------------------- bytes: decode_map_text


def test_non_utf8_is_reported_on_line_one():
    with pytest.raises(MapError) as caught:
        decode_map_text(b"title: caf\xe9\n", "m.yaml")
    assert caught.value.position == Position("m.yaml", 1, 11)
    assert "not valid UTF-8" in caught.value.message and "0xe9" in caught.value.message


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"title: T\nclaims:\n  a:\n    text: caf\xe9\n", 4, 14),
        (b"title: T\r\nclaims:\r\n  a:\r\n    text: caf\xe9\r\n", 4, 14),
        ("title: café ".encode() + b"\xff\n", 1, 13),  # columns count characters, not bytes
        (b"\xef\xbb\xbftitle: \xff\n", 1, 8),  # the BOM is not a column
        (b"\xef\xbb\xbftitle: T\nab\xff\n", 2, 3),
        (b"title: \xe2\x82\n", 1, 8),  # a truncated sequence
    ],
)
def test_non_utf8_position(data, line, column):
    with pytest.raises(MapError) as caught:
        decode_map_text(data, "m.yaml")
    assert caught.value.position == Position("m.yaml", line, column)


def test_non_utf8_position_with_old_mac_line_endings():
    # YAML (and the rest of the loader) treat a lone CR as a line break; the UTF-8 error must agree.
    with pytest.raises(MapError) as caught:
        decode_map_text(b"title: T\rclaims:\r  a:\r    text: caf\xe9\r", "m.yaml")
    assert caught.value.position == Position("m.yaml", 4, 14)


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_is_refused(bom):
    with pytest.raises(MapError) as caught:
        decode_map_text(bom + "title: T\n".encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"), "m.yaml")
    assert caught.value.position == Position("m.yaml", 1, 1)
    assert "UTF-16" in caught.value.message and "UTF-8" in caught.value.message


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\x00\x01\x02binary", 1, 1),
        (b"title: T\nclaims:\n  a:\n    text: A\x00B\n", 4, 12),
        ("title: café\0\n".encode(), 1, 12),  # columns count characters, as everywhere else
        (b"\xef\xbb\xbftitle: T\x00\n", 1, 9),  # the BOM is not a column
    ],
)
def test_nul_byte_is_binary(data, line, column):
    with pytest.raises(MapError) as caught:
        decode_map_text(data, "m.yaml")
    assert caught.value.position == Position("m.yaml", line, column)
    assert "binary" in caught.value.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: café\x07\n", 1, 12),
        ("title: 😀😀\x07\nclaims: {}\n", 1, 10),
        ("title: T\r\nclaims:\r\n  a:\r\n    text: ü\x07\r\n", 4, 12),
    ],
)
def test_control_character_position_counts_characters(text, line, column):
    error = _error(text)
    assert error.position == Position("m.yaml", line, column)
    assert "#x0007" in error.message


def test_utf8_bom_decodes_to_text_without_it():
    assert decode_map_text(b"\xef\xbb\xbftitle: T\n", "m.yaml") == "title: T\n"


# ---------------------------------------------------------------- files: load_map


def test_load_map_reads_the_source_text(tmp_path):
    path = write_map(tmp_path, "title: T\nsource: sources/m.txt\nclaims:\n  a:\n    text: A\n", source="The source.\n")
    m = load_map(path)
    assert (m.name, m.path, m.source_text, m.source_error) == ("m", str(path), "The source.\n", None)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda folder: None, "does not exist"),
        (lambda folder: (folder / "sources" / "m.txt").mkdir(parents=True), "is a folder"),
        (lambda folder: ((folder / "sources").mkdir(), (folder / "sources" / "m.txt").write_bytes(b"caf\xe9")), "not UTF-8"),
    ],
    ids=["missing", "folder", "not-utf8"],
)
def test_unreadable_source_is_recorded_not_raised(tmp_path, make, fragment):
    path = write_map(tmp_path, "title: T\nsource: sources/m.txt\nclaims:\n  a:\n    text: A\n")
    make(tmp_path)
    m = load_map(path)
    assert m.source_text is None
    assert fragment in m.source_error


def test_max_bytes_boundary(tmp_path):
    path = write_map(tmp_path, "title: T\nclaims:\n  a:\n    text: A\n")
    size = path.stat().st_size
    assert load_map(path, max_bytes=size).title == "T"
    with pytest.raises(MapError) as caught:
        load_map(path, max_bytes=size - 1)
    assert caught.value.position == Position(str(path), 1, 1)
    assert "over the limit" in caught.value.message and "--max-bytes" in caught.value.message


def test_load_map_of_a_folder(tmp_path):
    (tmp_path / "x.yaml").mkdir()
    with pytest.raises(MapError, match="is a folder"):
        load_map(tmp_path / "x.yaml")


def test_file_name_that_cannot_be_a_map_name(tmp_path):
    path = write_map(tmp_path, "title: T\nclaims: {}\n", "my map")
    with pytest.raises(MapError) as caught:
        load_map(path)
    assert caught.value.path == str(path) and "rename the file" in caught.value.message


# ---------------------------------------------------------------- sets of maps: find_map_files, load_map_set

A = "title: A\nclaims:\n  x:\n    text: X\n    kind: evidence\n    supports: [b#y]\n"
B = "title: B\nclaims:\n  y:\n    text: Y\n    kind: conclusion\n"


def test_folder_gives_its_yaml_and_yml_files_sorted(tmp_path):
    write_map(tmp_path, B, "b")
    (tmp_path / "a.yml").write_text("title: A\nclaims: {}\n")
    (tmp_path / "notes.txt").write_text("not a map")
    write_map(tmp_path, "title: Sub\nclaims: {}\n", "sub/c")
    assert [p.name for p in find_map_files([tmp_path])] == ["a.yml", "b.yaml"]
    assert [m.name for m in load_map_set([tmp_path]).maps] == ["a", "b"]


def test_folder_without_maps_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(MapError) as caught:
        load_map_set([tmp_path])
    assert caught.value.path == str(tmp_path) and "no maps" in caught.value.message


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(MapError) as caught:
        load_map_set([tmp_path / "nope"])
    assert str(caught.value) == f"{tmp_path / 'nope'}: no such file or folder"


def test_map_reference_pulls_in_the_other_map(tmp_path):
    a = write_map(tmp_path, A, "a")
    write_map(tmp_path, B, "b")
    maps = load_map_set([a])
    assert [m.name for m in maps.maps] == ["a"]
    assert [m.name for m in maps.extra] == ["b"]
    assert maps.by_name()["b"].claims[0].id == "y"


def test_reference_to_a_missing_map_is_left_to_the_rules(tmp_path):
    a = write_map(tmp_path, A, "a")
    assert [m.name for m in load_map_set([a]).all_maps] == ["a"]


def test_two_maps_in_one_folder_reference_each_other(tmp_path):
    write_map(tmp_path, A, "a")
    write_map(tmp_path, B + "    opposes: [a#x]\n", "b")
    maps = load_map_set([tmp_path])
    assert [m.name for m in maps.maps] == ["a", "b"] and maps.extra == ()


def test_combined_map_with_include_and_extension(tmp_path):
    write_map(tmp_path, A, "a")
    write_map(tmp_path, B, "b")
    c = write_map(tmp_path, "title: C\ninclude: [a, b]\nclaims:\n  b#y:\n    note: why\n    opposes: [a#x]\n", "c")
    maps = load_map_set([c])
    (combined,) = maps.maps
    assert combined.includes == ("a", "b") and combined.claims == ()
    (extension,) = combined.extensions
    assert (extension.target, extension.note, extension.position) == ("b#y", "why", Position(str(c), 4, 3))
    assert [(r.type, r.source, r.target) for r in extension.relations] == [("opposes", "b#y", "a#x")]
    assert [m.name for m in maps.extra] == ["a", "b"]


def test_missing_include_is_an_error_at_the_include(tmp_path):
    a = write_map(tmp_path, "title: A\nclaims:\n  x:\n    text: X\ninclude: [gone]\n", "a")
    with pytest.raises(MapError) as caught:
        load_map_set([a])
    assert caught.value.position == Position(str(a), 5, 11)
    assert "included map 'gone' not found" in caught.value.message


def test_include_cycle_is_an_error(tmp_path):
    write_map(tmp_path, "title: A\ninclude: [b]\n", "a")
    b = write_map(tmp_path, "title: B\nclaims:\n  y:\n    text: Y\ninclude: [a]\n", "b")
    with pytest.raises(MapError) as caught:
        load_map_set([tmp_path])
    assert "include cycle: a -> b -> a" in caught.value.message
    assert caught.value.position == Position(str(b), 5, 11)


def test_an_include_cycle_in_a_folder_leaves_the_other_maps_checked(tmp_path):
    # A linter goes on past one bad file: the cycle stopped the whole check (no SARIF for code scanning).
    write_map(tmp_path, "title: A\nclaims:\n  a:\n    text: A\n", "a")
    write_map(tmp_path, "title: C1\ninclude: [c2]\n", "c1")
    c2 = write_map(tmp_path, "title: C2\ninclude: [c1]\n", "c2")
    write_map(tmp_path, "title: D\ninclude: [c1]\n", "d")
    write_map(tmp_path, "title: E\ninclude: [e]\n", "e")
    errors: list[MapError] = []
    loaded = load_map_set([tmp_path], errors=errors)
    assert [m.name for m in loaded.maps] == ["a"]
    cycles = [e for e in errors if "include cycle" in e.message]
    assert [(e.message.split(";")[0], e.position) for e in cycles] == [
        ("include cycle: c1 -> c2 -> c1", Position(str(c2), 2, 11)), ("include cycle: e -> e", Position(str(tmp_path / "e.yaml"), 2, 11))]
    assert sorted(e.message.split("'")[1] for e in errors if e not in cycles) == ["c1", "c2", "d", "e"]  # counted, not checked


def test_map_including_itself_is_an_error(tmp_path):
    a = write_map(tmp_path, "title: A\ninclude: [a]\n", "a")
    with pytest.raises(MapError, match="include cycle") as caught:
        load_map_set([a])
    assert caught.value.position == Position(str(a), 2, 11)


def test_error_in_an_included_map_names_that_map(tmp_path):
    write_map(tmp_path, "title: B\nclaims:\n  y:\n    txt: Y\n", "b")
    a = write_map(tmp_path, "title: A\ninclude: [b]\n", "a")
    with pytest.raises(MapError) as caught:
        load_map_set([a])
    assert caught.value.position == Position(str(tmp_path / "b.yaml"), 4, 5)


def test_two_maps_of_one_name_are_an_error(tmp_path):
    write_map(tmp_path, B, "one/b")
    write_map(tmp_path, B, "two/b")
    with pytest.raises(MapError, match="two maps are named 'b'"):
        load_map_set([tmp_path / "one", tmp_path / "two"])


def test_same_file_twice_is_loaded_once(tmp_path):
    b = write_map(tmp_path, B, "b")
    assert len(load_map_set([tmp_path, b, b]).maps) == 1


def test_same_file_spelled_differently_is_loaded_once(tmp_path, monkeypatch):
    b = write_map(tmp_path, B, "maps/b")
    monkeypatch.chdir(tmp_path)
    assert len(load_map_set(["maps", b]).maps) == 1  # relative folder, absolute file
    assert len(load_map_set(["maps/b.yaml", "maps/../maps/b.yaml"]).maps) == 1


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("[" * 5000 + "]" * 5000 + "\n", (1, 52)),  # past libyaml's own limit (1,000 levels from 0.2.6)
        ("[" * 60 + "]" * 60 + "\n", (1, 52)),  # under it
        ("x: " + "{a: " * 3000 + "}" * 3000 + "\n", (1, 201)),
        ("- " * 2000 + "a\n", (1, 103)),
        ("title: t\nclaims:\n" + "".join(" " * i + "a:\n" for i in range(2200)), (53, 51)),
    ],
    ids=["flow-5000", "flow-60", "flow-mappings", "block-sequences", "block-mappings"],
)
def test_nesting_past_the_limit_is_argmaps_error_whatever_libyaml_allows(text: str, position: tuple[int, int]) -> None:
    with pytest.raises(MapError) as raised:
        parse_map(text, "m.yaml", "m")
    assert str(raised.value) == f"m.yaml:{position[0]}:{position[1]}: YAML nested more than 50 levels deep; a map needs only a few"
