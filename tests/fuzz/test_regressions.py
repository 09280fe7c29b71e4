"""What the fuzzers found, each fixed in argmap and kept here so that it stays fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.check import check_paths
from argmap.files import OutputError, output_path
from argmap.load import load_map_set, parse_map
from argmap.model import MapError, Position
from argmap.report import format_text
from tests.fuzz.oracle import assert_clear_error

LONG = "x" * 5000  # longer than a file name may be


def test_include_of_a_name_too_long_for_the_file_system_is_not_found(tmp_path: Path) -> None:
    # Was: OSError (File name too long) from Path.is_file, a traceback.
    path = tmp_path / "m.yaml"
    path.write_text(f"title: T\ninclude: [{LONG}]\n")
    with pytest.raises(MapError, match="included map 'x+' not found") as caught:
        load_map_set([path])
    assert_clear_error(caught.value, tmp_path)


def test_map_reference_to_a_name_too_long_is_a_dangling_reference(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(f"title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n    supports: [{LONG}#b]\n")
    (finding,) = [f for f in check_paths([str(path)]).findings if f.code == "AM002"]
    assert (finding.line, finding.column) == (6, 16)


def test_a_path_too_long_is_a_map_error(tmp_path: Path) -> None:
    with pytest.raises(MapError, match=r"cannot be read \(File name too long\); check the path"):
        load_map_set([tmp_path / LONG])
    with pytest.raises(OutputError, match=r"cannot write to .*File name too long"):
        output_path(tmp_path / LONG, "m.dot")


@pytest.mark.parametrize(("text", "position"), [
    ("title: T\nclaims:\n  a:\n    supports: [b, c", (4, 20)),  # was 5:1, a line the file does not have
    ("title: 'T", (1, 10)),
    ("title: T\nclaims: {a: {text: A}", (2, 22)),
])
def test_yaml_error_at_the_end_of_a_file_without_a_final_line_break(text: str, position: tuple[int, int]) -> None:
    with pytest.raises(MapError) as caught:
        parse_map(text, "m.yaml", "m")
    assert caught.value.position == Position("m.yaml", *position)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_positions_count_the_line_breaks_yaml_counts(separator: str) -> None:
    # YAML breaks lines at U+2028, U+2029 and U+0085 too; positions computed outside the parser
    # (a rejected character) now count them the same way as the parser's own.
    with pytest.raises(MapError) as caught:
        parse_map(f"title: 'T{separator}U'\nclaims:\n  a:\n    text: A\x07\n", "m.yaml", "m")
    assert caught.value.position == Position("m.yaml", 5, 12)


def test_a_finding_that_quotes_several_lines_is_one_line_of_text(tmp_path: Path) -> None:
    # Was: an AM301 message with the quote's line breaks, so one finding took three lines of output.
    (tmp_path / "s.txt").write_text("Something else.\n")
    path = tmp_path / "m.yaml"
    path.write_text("title: T\nsource: s.txt\nclaims:\n  a:\n    text: A\n    kind: evidence\n"
                    "    quote: |\n      line one\n      line two\n")
    result = check_paths([str(path)])
    lines = format_text(result).splitlines()
    assert len(lines) == len(result.findings) + 1
    assert any('"line one line two"' in line for line in lines)


def test_a_source_path_with_a_nul_character_is_missing_source(tmp_path: Path) -> None:
    # Was: ValueError (embedded null byte) from reading the source, a traceback.
    path = tmp_path / "m.yaml"
    path.write_text('title: T\nsource: "a\\0b.txt"\nclaims:\n  a:\n    text: A\n    kind: evidence\n    quote: Q\n')
    (finding,) = [f for f in check_paths([str(path)]).findings if f.code == "AM302"]
    assert (finding.line, finding.column, finding.message) == (2, 9, "the 'source:' path holds a NUL character; correct it")
