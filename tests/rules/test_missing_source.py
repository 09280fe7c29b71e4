"""AM302 missing-source: quotes with no source, or a source that cannot be read."""

from __future__ import annotations

from .common import assert_findings

CODE = "AM302"

def test_quotes_but_no_source_is_reported_at_the_start_of_the_map(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          c:
            text: C
            quote: other words
          e:
            text: E
            kind: evidence
            quote: some words
    """, CODE, [(1, 1)])
    assert found[0].message == "2 claims have quotes (first 'c') but the map has no 'source:'"


def test_the_start_of_the_map_is_where_its_first_key_is(tmp_path):
    assert_findings(tmp_path, """
        # A comment before the map.

        title: t
        claims:
          e:
            text: E
            kind: evidence
            quote: some words
    """, CODE, [(3, 1)])


def test_a_source_file_that_does_not_exist(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        source: sources/s.txt
        claims:
          e:
            text: E
            kind: evidence
            quote: some words
    """, CODE, [(2, 9)])
    assert found[0].message.startswith("source file 'sources/s.txt' does not exist")


def test_a_source_that_is_a_folder(tmp_path):
    (tmp_path / "sources").mkdir()
    assert_findings(tmp_path, """
        title: t
        source: sources
        claims:
          e:
            text: E
            kind: evidence
            quote: some words
    """, CODE, [(2, 9)])


def test_a_source_that_is_not_utf8(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 culture".encode("latin-1"))
    found = assert_findings(tmp_path, """
        title: t
        source: latin1.txt
        claims:
          e:
            text: E
            kind: evidence
            quote: some words
    """, CODE, [(2, 9)])
    assert found[0].message == "source file 'latin1.txt' is not UTF-8 text; save it as UTF-8"


def test_a_named_source_that_cannot_be_read_is_reported_even_without_quotes(tmp_path):
    assert_findings(tmp_path, """
        title: t
        source: sources/s.txt
        claims:
          a:
            text: A
            kind: assumption
    """, CODE, [(2, 9)])


def test_no_quotes_and_no_source_is_fine(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
    """, CODE, [])


def test_quiet_when_the_source_is_there(tmp_path):
    assert_findings(tmp_path, """
        title: t
        source: sources/s.txt
        claims:
          e:
            text: E
            kind: evidence
            quote: some words
    """, CODE, [], "Here are some words.\n")
