"""``argmap check`` through click's CliRunner: formats, options, exit codes, paths and determinism.

Every test runs in its own ``tmp_path`` as the working folder, so paths in the output are relative.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import invoke, write_map

CLEAN = """
title: Clean
claims:
  c:
    text: C
    kind: conclusion
  e:
    text: E
    kind: assumption
    supports: [c]
"""

BAD = """
title: Bad
claims:
  c:
    text: C
    kind: conclusion
  lonely:
    text: L
"""

WARN = """
title: Warn
claims:
  lonely:
    text: L
"""

BAD_LINES = [
    "bad.yaml:3:3: error AM101 unsupported-conclusion: conclusion 'c' is not supported: nothing supports it",
    "bad.yaml:6:3: warning AM104 orphan-claim: 'lonely' has no relation to any other claim",
    "1 map, 2 claims, 0 relations: 1 error, 1 warning",
]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()  # a repository's top: annotations name files from there
    monkeypatch.chdir(tmp_path)


def check(*args: str) -> tuple[int, str, str]:
    result = invoke("check", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def lines(text: str) -> list[str]:
    assert text.endswith("\n")
    return text[:-1].split("\n")


# ---------------------------------------------------------------- exit codes and text format


def test_clean_map_exits_0_with_only_the_summary(tmp_path):
    write_map(tmp_path, CLEAN, "clean")
    assert check("clean.yaml") == (0, "1 map, 2 claims, 1 relation: no problems found\n", "")


def test_error_findings_exit_1_one_line_each_then_the_summary(tmp_path):
    write_map(tmp_path, BAD, "bad")
    status, out, err = check("bad.yaml")
    assert (status, err) == (1, "")
    assert lines(out) == BAD_LINES


def test_warnings_alone_exit_0_and_fail_with_strict(tmp_path):
    write_map(tmp_path, WARN, "warn")
    expected = "warn.yaml:1:1: warning AM105 no-conclusion: map 'warn' has no conclusion; mark the claim it argues for" \
               " with kind: conclusion\n" \
               "warn.yaml:3:3: warning AM104 orphan-claim: 'lonely' has no relation to any other claim\n" \
               "1 map, 1 claim, 0 relations: 0 errors, 2 warnings\n"
    assert check("warn.yaml") == (0, expected, "")
    assert check("warn.yaml", "--strict") == (1, expected, "")


def test_strict_on_a_clean_map_exits_0(tmp_path):
    write_map(tmp_path, CLEAN, "clean")
    assert check("--strict", "clean.yaml")[0] == 0


def test_input_error_exits_2_with_nothing_on_stdout(tmp_path):
    write_map(tmp_path, "title: T\nclaims:\n  a:\n    txt: A\n", "broken")
    status, out, err = check("broken.yaml")
    assert (status, out) == (2, "")
    assert err == (
        "Error: broken.yaml:4:5: unknown key 'txt' in claim 'a'; did you mean 'text'? expected one of: "
        "text, kind, quote, section, note, ignore, weight, supports, opposes, tension, same-as\n"
    )


def test_when_no_map_can_be_read_the_machine_formats_still_carry_the_errors(tmp_path):
    # They printed nothing: no annotation, no input_errors, and an empty SARIF file for code scanning.
    write_map(tmp_path, "title: T\nclaims:\n  a:\n    txt: A\n", "broken")
    status, out, _ = check("--format", "json", "broken.yaml")
    assert status == 2 and json.loads(out)["input_errors"][0]["line"] == 4
    status, out, _ = check("--format", "github", "broken.yaml")
    assert status == 2 and out.startswith("::error file=broken.yaml,line=4,col=5,title=input error::unknown key 'txt'")
    status, out, _ = check("--format", "sarif", "broken.yaml")
    run = json.loads(out)["runs"][0]
    assert status == 2 and run["results"] == [] and not run["invocations"][0]["executionSuccessful"]


def test_a_bad_file_in_a_folder_does_not_stop_the_check_of_the_others(tmp_path):
    write_map(tmp_path, CLEAN, "clean")
    write_map(tmp_path, "title: T\nclaims:\n  a:\n    txt: A\n", "broken")
    status, out, err = check(".")
    assert status == 2
    assert out.endswith(": no problems found; 1 file could not be read\n") and out.startswith("1 map,")
    assert err == (
        "Error: broken.yaml:4:5: unknown key 'txt' in claim 'a'; did you mean 'text'? expected one of: "
        "text, kind, quote, section, note, ignore, weight, supports, opposes, tension, same-as\n"
    )


@pytest.mark.parametrize("args", [["--format", "xml"], ["--max-bytes", "0"], ["--no-such-option"]])
def test_usage_errors_exit_2(tmp_path, args):
    write_map(tmp_path, CLEAN, "clean")
    status, out, err = check("clean.yaml", *args)
    assert (status, out) == (2, "")
    assert "Error" in err


def test_max_bytes_through_the_command(tmp_path):
    path = write_map(tmp_path, CLEAN, "clean")
    size = path.stat().st_size
    assert check("clean.yaml", "--max-bytes", str(size))[0] == 0
    status, out, err = check("clean.yaml", "--max-bytes", str(size - 1))
    assert (status, out) == (2, "")
    assert err.startswith(f"Error: clean.yaml:1:1: file is {size:,} bytes, over the limit of {size - 1:,}")


# ---------------------------------------------------------------- json and github formats


def test_json_format(tmp_path):
    write_map(tmp_path, BAD, "bad")
    status, out, err = check("--format", "json", "bad.yaml")
    assert (status, err) == (1, "")
    document = json.loads(out)
    assert list(document) == ["version", "findings", "summary"]
    assert document["version"] == 1
    assert document["findings"] == [
        {"path": "bad.yaml", "line": 3, "column": 3, "severity": "error", "code": "AM101", "rule": "unsupported-conclusion",
         "map": "bad", "claim": "c", "message": "conclusion 'c' is not supported: nothing supports it"},
        {"path": "bad.yaml", "line": 6, "column": 3, "severity": "warning", "code": "AM104", "rule": "orphan-claim",
         "map": "bad", "claim": "lonely", "message": "'lonely' has no relation to any other claim"},
    ]
    assert document["summary"] == {"maps": 1, "claims": 2, "relations": 0, "errors": 1, "warnings": 1}


def test_json_format_clean_and_strict(tmp_path):
    write_map(tmp_path, WARN, "warn")
    status, out, _ = check("--format", "json", "--strict", "warn.yaml")
    assert status == 1
    assert json.loads(out)["summary"]["warnings"] == 2  # AM104 and AM105
    write_map(tmp_path, CLEAN, "clean")
    status, out, _ = check("--format", "json", "clean.yaml")
    assert status == 0
    assert json.loads(out) == {"version": 1, "findings": [],
                               "summary": {"maps": 1, "claims": 2, "relations": 1, "errors": 0, "warnings": 0}}


def test_a_relation_written_twice_is_counted_once(tmp_path):
    write_map(tmp_path, CLEAN.replace("supports: [c]", "supports: [c, c]"), "twice")
    assert "supports: [c, c]" in (tmp_path / "twice.yaml").read_text()
    status, out, _ = check("--format", "json", "twice.yaml")
    assert (status, json.loads(out)["summary"]["relations"]) == (0, 1)


def test_json_keeps_unicode_readable(tmp_path):
    write_map(tmp_path, WARN, "größe/w")
    status, out, _ = check("--format", "json", "größe")
    assert status == 0
    assert '"path": "größe/w.yaml"' in out  # not \\u-escaped
    assert json.loads(out)["findings"][0]["path"] == "größe/w.yaml"


def test_github_format(tmp_path):
    write_map(tmp_path, BAD, "bad")
    status, out, err = check("--format", "github", "bad.yaml")
    assert (status, err) == (1, "")
    assert lines(out) == [
        "::error file=bad.yaml,line=3,col=3,title=AM101 unsupported-conclusion::conclusion 'c' is not supported: nothing supports it",
        "::warning file=bad.yaml,line=6,col=3,title=AM104 orphan-claim::'lonely' has no relation to any other claim",
        "1 map, 2 claims, 0 relations: 1 error, 1 warning",
    ]


def test_github_annotations_name_files_from_the_repository_top_wherever_argmap_runs(tmp_path, monkeypatch):
    # GitHub reads an annotation's file from the repository's top: a job with working-directory: docs gave
    # file=../maps/m.yaml, which matches no file of the pull request.
    write_map(tmp_path, BAD, "maps/bad")
    (tmp_path / "docs").mkdir()
    for where, named in ((tmp_path, "maps"), (tmp_path / "docs", "../maps"), (tmp_path / "docs", str(tmp_path / "maps"))):
        monkeypatch.chdir(where)
        status, out, _ = check("--format", "github", named)
        assert status == 1 and lines(out)[0].startswith("::error file=maps/bad.yaml,line=3,col=3,"), named
        status, out, _ = check("--format", "sarif", named)
        location = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "maps/bad.yaml", "uriBaseId": "%SRCROOT%"}, named


def test_github_format_escapes_the_file_property(tmp_path):
    write_map(tmp_path, WARN, "a,b:c/warn")
    status, out, _ = check("--format", "github", "a,b:c")
    assert status == 0
    assert lines(out)[0].startswith("::warning file=a%2Cb%3Ac/warn.yaml,line=1,col=1,title=AM105 no-conclusion::")
    assert lines(out)[1].startswith("::warning file=a%2Cb%3Ac/warn.yaml,line=3,col=3,title=AM104 orphan-claim::")


# ---------------------------------------------------------------- --disable and ignore:


def test_disable_one_rule(tmp_path):
    write_map(tmp_path, BAD, "bad")
    status, out, _ = check("bad.yaml", "--disable", "AM104")
    assert status == 1
    assert lines(out) == [BAD_LINES[0], "1 map, 2 claims, 0 relations: 1 error, 0 warnings"]


@pytest.mark.parametrize(
    "options",
    [
        ["--disable", "AM101,AM104"],
        ["--disable", "AM101", "--disable", "AM104"],
        ["--disable", "am101, am104"],
        ["--disable", "AM104,", "--disable", ",AM101"],
    ],
    ids=["comma", "repeated", "lowercase-with-space", "stray-commas"],
)
def test_disable_several_rules(tmp_path, options):
    write_map(tmp_path, BAD, "bad")
    assert check("bad.yaml", *options) == (0, "1 map, 2 claims, 0 relations: no problems found\n", "")


@pytest.mark.parametrize("value", ["AM999", "AM104,XYZ", "orphan-claim"])
def test_disable_unknown_code_exits_2(tmp_path, value):
    write_map(tmp_path, BAD, "bad")
    status, out, err = check("bad.yaml", "--disable", value)
    assert (status, out) == (2, "")
    bad = value.split(",")[-1].upper()
    assert err.startswith(f"Error: unknown rule code '{bad}'; the codes are AM001, AM002, ")
    assert err.count("\n") == 1


def test_ignore_on_a_claim_hides_only_that_claims_finding(tmp_path):
    write_map(tmp_path, WARN + "    ignore: [AM104]\n  other:\n    text: O\n", "warn")
    status, out, _ = check("warn.yaml", "--strict")
    assert status == 1
    assert lines(out) == [
        "warn.yaml:1:1: warning AM105 no-conclusion: map 'warn' has no conclusion; mark the claim it argues for with kind: conclusion",
        "warn.yaml:6:3: warning AM104 orphan-claim: 'other' has no relation to any other claim",
        "1 map, 2 claims, 0 relations: 0 errors, 2 warnings",
    ]


def test_ignore_of_another_rule_does_not_hide(tmp_path):
    write_map(tmp_path, WARN + "    ignore: [AM101, AM303]\n", "warn")
    status, out, _ = check("warn.yaml")
    assert status == 0 and "AM104" in out


def test_ignore_with_unknown_code_exits_2(tmp_path):
    write_map(tmp_path, WARN + "    ignore: [AM104, AM999]\n", "warn")
    status, out, err = check("warn.yaml")
    assert (status, out) == (2, "")
    assert err.startswith("Error: warn.yaml:5:")
    assert "unknown rule code 'AM999' in 'ignore' of claim 'lonely'" in err
    assert err.count("\n") == 1


# ---------------------------------------------------------------- determinism


def _three_maps(tmp_path):
    write_map(tmp_path, BAD, "maps/bad")
    write_map(tmp_path, WARN, "maps/warn")
    write_map(tmp_path, "title: Z\nclaims:\n  z:\n    text: Z\n    kind: evidence\n    supports: [bad#c, nope]\n  y:\n    text: Y\n",
              "maps/a-first")


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_output_is_byte_identical_between_runs(tmp_path, fmt):
    _three_maps(tmp_path)
    first = check("maps", "--format", fmt)
    second = check("maps", "--format", fmt)
    assert first == second
    assert first[0] == 1 and first[1].count("\n") > 3


def test_output_does_not_depend_on_argument_order(tmp_path):
    _three_maps(tmp_path)
    forward = check("maps/a-first.yaml", "maps/bad.yaml", "maps/warn.yaml")
    backward = check("maps/warn.yaml", "maps/bad.yaml", "maps/a-first.yaml")
    assert forward == backward == check("maps")


def test_findings_are_sorted_by_path_line_and_column(tmp_path):
    _three_maps(tmp_path)
    findings = json.loads(check("maps", "--format", "json")[1])["findings"]
    keys = [(f["path"], f["line"], f["column"], f["code"]) for f in findings]
    assert keys == sorted(keys)
    assert [f["path"] for f in findings][0] == "maps/a-first.yaml"
    assert {f["path"] for f in findings} == {"maps/a-first.yaml", "maps/bad.yaml", "maps/warn.yaml"}


# ---------------------------------------------------------------- paths: folders, files, the default


def test_folder_checks_every_yaml_and_yml_file_in_it(tmp_path):
    write_map(tmp_path, CLEAN, "maps/clean")
    (tmp_path / "maps" / "other.yml").write_text(CLEAN.replace("Clean", "Other"))
    (tmp_path / "maps" / "README.md").write_text("not a map: [")
    write_map(tmp_path, "not: [a map", "maps/sub/ignored")
    assert check("maps") == (0, "2 maps, 4 claims, 2 relations: no problems found\n", "")


def test_files_check_only_those_files(tmp_path):
    _three_maps(tmp_path)
    status, out, _ = check("maps/warn.yaml")
    assert status == 0
    assert lines(out)[-1] == "1 map, 1 claim, 0 relations: 0 errors, 2 warnings"
    assert all(line.startswith("maps/warn.yaml:") for line in lines(out)[:-1])


def test_folder_and_file_in_it_count_once(tmp_path):
    _three_maps(tmp_path)
    assert check("maps", "maps/bad.yaml") == check("maps")


def test_folder_and_the_same_file_by_absolute_path_count_once(tmp_path):
    _three_maps(tmp_path)
    status, out, err = check("maps", str(tmp_path / "maps" / "bad.yaml"))
    assert err == ""
    assert (status, lines(out)[-1]) == (1, lines(check("maps")[1])[-1])


def test_default_path_is_maps(tmp_path):
    _three_maps(tmp_path)
    assert check() == check("maps")
    assert check()[1].endswith("3 maps, 5 claims, 2 relations: 2 errors, 5 warnings\n")  # AM105 for warn, not a-first


def test_default_path_missing(tmp_path):
    status, out, err = check()
    assert (status, out, err) == (2, "", "Error: maps: no such folder here, and no paths were given; name the maps"
                                         " (argmap check FILE-OR-FOLDER), run from the folder that holds maps/, or set"
                                         " paths in argmap.toml\n")


def test_empty_folder(tmp_path):
    (tmp_path / "maps").mkdir()
    assert check("maps") == (2, "", "Error: maps: no maps here (expected *.yaml files)\n")


# ---------------------------------------------------------------- several maps together

A = "title: A\nclaims:\n  x:\n    text: X\n    kind: assumption\n    supports: [b#y]\n"
B = "title: B\nclaims:\n  y:\n    text: Y\n    kind: conclusion\n"


def test_map_references_between_two_maps_in_a_folder(tmp_path):
    write_map(tmp_path, A.replace("b#y", "b#z"), "maps/a")
    write_map(tmp_path, "title: B\nclaims:\n  y:\n    text: Y\n    kind: assumption\n    supports: [z]\n"
                        "  z:\n    text: Z\n    kind: conclusion\n    opposes: [a#x]\n", "maps/b")
    assert check("maps") == (0, "2 maps, 3 claims, 3 relations: no problems found\n", "")


def test_reference_to_a_missing_claim_of_another_map(tmp_path):
    write_map(tmp_path, A.replace("b#y", "b#nope"), "maps/a")
    write_map(tmp_path, B, "maps/b")
    status, out, _ = check("maps/a.yaml")
    assert status == 1
    assert lines(out)[0].startswith("maps/a.yaml:6:16: error AM002 dangling-reference: ")
    assert "b#nope" in lines(out)[0]


def test_findings_of_a_referenced_map_are_not_reported(tmp_path):
    write_map(tmp_path, A, "maps/a")
    write_map(tmp_path, B + "  lonely:\n    text: L\n", "maps/b")
    assert check("maps/a.yaml") == (0, "1 map, 1 claim, 1 relation: no problems found\n", "")


def test_combined_map_with_include_and_cross_map_relations(tmp_path):
    write_map(tmp_path, A.replace("    supports: [b#y]\n", ""), "maps/a")
    write_map(tmp_path, B, "maps/b")
    write_map(tmp_path, "title: Both\ninclude: [a, b]\nclaims:\n  a#x:\n    note: why\n    supports: [b#y]\n", "maps/both")
    assert check("maps/both.yaml") == (0, "1 map, 0 claims, 1 relation: no problems found\n", "")
    status, out, _ = check("maps/b.yaml")
    assert status == 1 and "AM101" in out  # on its own, b's conclusion has no support


def test_combined_map_extending_a_missing_claim(tmp_path):
    write_map(tmp_path, A.replace("    supports: [b#y]\n", ""), "maps/a")
    write_map(tmp_path, B, "maps/b")
    write_map(tmp_path, "title: Both\ninclude: [a, b]\nclaims:\n  a#gone:\n    supports: [b#y]\n", "maps/both")
    status, out, _ = check("maps/both.yaml")
    assert status == 1
    assert lines(out)[0].startswith("maps/both.yaml:4:3: error AM002 dangling-reference: ")


# ---------------------------------------------------------------- duplicate keys, encodings, line endings


def test_duplicate_claim_id_is_am001_at_the_second(tmp_path):
    write_map(tmp_path, CLEAN + "  c:\n    text: again\n", "dup")
    status, out, _ = check("dup.yaml")
    assert status == 1
    first, summary = lines(out)
    assert first.startswith("dup.yaml:10:3: error AM001 duplicate-id: 'c' ")
    assert "first at line 3" in first
    assert summary == "1 map, 2 claims, 1 relation: 1 error, 0 warnings"


def test_duplicate_text_in_a_claim_is_am001_at_the_second(tmp_path):
    write_map(tmp_path, CLEAN.replace("    text: E\n", "    text: E\n    text: F\n"), "dup")
    status, out, _ = check("dup.yaml", "--format", "json")
    assert status == 1
    (finding,) = json.loads(out)["findings"]
    assert (finding["code"], finding["line"], finding["column"]) == ("AM001", 8, 5)
    assert "'text'" in finding["message"] and "line 7" in finding["message"]


def test_duplicate_key_can_be_disabled(tmp_path):
    write_map(tmp_path, CLEAN + "  c:\n    text: again\n", "dup")
    assert check("dup.yaml", "--disable", "AM001")[0] == 0


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode(),
        lambda text: b"\xef\xbb\xbf" + text.encode(),
        lambda text: text.replace("\n", "\r\n").encode(),
        lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
    ],
    ids=["lf", "bom", "crlf", "bom-crlf"],
)
def test_bom_and_crlf_keep_positions(tmp_path, encode):
    write_map(tmp_path, encode(BAD.lstrip("\n")), "bad")
    status, out, _ = check("bad.yaml")
    assert status == 1
    assert lines(out) == BAD_LINES


def test_plain_scalars_that_look_like_other_types_are_text(tmp_path):
    write_map(tmp_path, "title: 1961\nclaims:\n  yes:\n    text: yes\n    kind: assumption\n    supports: [no]\n"
                        "  no:\n    text: 1961\n", "m")
    assert check("m.yaml", "--disable", "AM105") == (0, "1 map, 2 claims, 1 relation: no problems found\n", "")


def test_what_check_made_is_left_for_the_exit_to_discard_only_under_run(tmp_path, monkeypatch):
    # ``run`` ends the process with os._exit, so the maps and graphs a check made need not be freed
    # one by one first; any other caller (these tests) frees them as usual.
    import argmap.cli
    from argmap.check import CheckResult

    write_map(tmp_path, BAD, "bad")
    assert argmap.cli._left_to_exit is None
    check("bad.yaml")
    assert argmap.cli._left_to_exit is None
    monkeypatch.setattr(argmap.cli, "_left_to_exit", [])
    assert argmap.cli.exit_status(["check", "bad.yaml"]) == 1
    (kept,) = argmap.cli._left_to_exit
    assert isinstance(kept, CheckResult) and len(kept.graphs) == 1 and kept.graphs[0].maps.maps[0].title == "Bad"


def test_a_finding_in_a_combined_map_names_claims_as_that_map_writes_them(tmp_path):
    # AM202 said 'a' both supports and opposes 'c', at a line of comb.yaml, whose claims are one#a and one#c.
    write_map(tmp_path, "title: One\nclaims:\n  a:\n    text: A\n    kind: assumption\n    supports: [c]\n"
                        "  c:\n    text: C\n    kind: conclusion\n", "one")
    write_map(tmp_path, "title: Comb\ninclude: [one]\nclaims:\n  one#a:\n    opposes: [one#c]\n", "comb")
    _, out, _ = check("comb.yaml")
    assert "comb.yaml:5:15: error AM202 supports-and-opposes: 'one#a' both supports and opposes 'one#c'\n" in out
