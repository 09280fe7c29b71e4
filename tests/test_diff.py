"""``argmap diff``: two revisions of a map in a git repository made here, folders, files, and bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.diff import diff_specs, format_diff
from tests.helpers import REPO, invoke, write_map

LIBRARY = (REPO / "docs" / "tour-maps" / "library.yaml").read_text(encoding="utf-8")
LETTER = (REPO / "docs" / "tour-maps" / "sources" / "letter.txt").read_text(encoding="utf-8")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def run(*args: str) -> tuple[int, str, str]:
    result = invoke("diff", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def second_version(text: str) -> str:
    """The library map with a claim added (an answer to the cost), a relation removed, a claim changed."""
    text = text.replace("    kind: assumption\n    supports: [cost]\n", "    kind: assumption\n")  # budget no longer supports cost
    text = text.replace("Last year 40,000 people borrowed books", "Last year 50,000 people borrowed books")
    return text + "  volunteers:\n    text: Volunteers will staff the extra days.\n    kind: assumption\n    opposes: [cost]\n"


def two_commits(repo: Path) -> Path:
    """``repo``, a new git repository with two commits of maps/library.yaml (the tour map) and its source."""
    (repo / "maps" / "sources").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    (repo / "maps" / "library.yaml").write_text(LIBRARY, encoding="utf-8")
    (repo / "maps" / "sources" / "letter.txt").write_text(LETTER, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    (repo / "maps" / "library.yaml").write_text(second_version(LIBRARY), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "second")
    return repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits of maps/library.yaml and its source, and an uncommitted edit on top."""
    repo = two_commits(tmp_path / "repo")
    monkeypatch.chdir(repo)
    return repo


def test_two_revisions_in_text(repo: Path) -> None:
    status, out, err = run("main~1", "main", "--", "maps/")
    assert (status, err) == (0, "")
    assert out == (
        "argmap diff main~1 -> main\n"
        "\n"
        "labels flipped:\n"
        "  maps/library.yaml:4: library#open-daily out -> in: The library should open every day.\n"
        "  maps/library.yaml:12: library#cost in -> out: Opening every day costs more than the town can pay.\n"
        "\n"
        "new findings:\n"
        "  maps/library.yaml:10:12: error AM301 quote-not-in-source: the quote of 'demand' is not in sources/letter.txt:"
        " \"Last year 50,000 people borrowed books\"; nearest, line 1: \"Last year 40,000 people borrowed books\""
        " (\"50,000\" where the source has \"40,000\")\n"
        "  maps/library.yaml:15:3: warning AM104 orphan-claim: 'budget' has no relation to any other claim\n"
        "\n"
        "resolved findings:\n"
        "  warning AM203 contested-conclusion: conclusion 'open-daily' is out: it is defeated by 'cost' (was maps/library.yaml:4)\n"
        "\n"
        "claims added:\n"
        "  + maps/library.yaml:18: library#volunteers (assumption): Volunteers will staff the extra days.\n"
        "\n"
        "claims changed:\n"
        "  ~ maps/library.yaml:7: library#demand: quote 'Last year 40,000 people borrowed books' ->"
        " 'Last year 50,000 people borrowed books'\n"
        "\n"
        "relations added:\n"
        "  + maps/library.yaml:21: volunteers opposes cost\n"
        "\n"
        "relations removed:\n"
        "  - budget supports cost (was maps/library.yaml:18)\n"
        "\n"
        "claims: 1 added, 0 removed, 1 changed; relations: 1 added, 1 removed; 2 labels flipped;"
        " findings: 1 new error, 1 new warning, 1 resolved\n"
    )


def test_two_revisions_in_json(repo: Path) -> None:
    status, out, _ = run("main~1", "main", "--format", "json", "--", "maps/")
    document = json.loads(out)
    assert document["summary"] == {"claims_added": 1, "claims_removed": 0, "claims_changed": 1, "relations_added": 1,
                                   "relations_removed": 1, "label_flips": 2, "new_errors": 1, "new_warnings": 1,
                                   "resolved": 1}
    assert [c["id"] for c in document["claims"]["added"]] == ["volunteers"]
    assert document["claims"]["added"][0]["label"] == "in"
    assert [(r["source"], r["type"], r["target"]) for r in document["relations"]["removed"]] == [
        ("library#budget", "supports", "library#cost")]
    assert [(f["id"], f["old"], f["new"]) for f in document["labels"]["flipped"]] == [("open-daily", "out", "in"), ("cost", "in", "out")]
    assert [f["code"] for f in document["findings"]["new"]] == ["AM301", "AM104"]
    assert [f["code"] for f in document["findings"]["resolved"]] == ["AM203"]


def test_two_revisions_in_markdown(repo: Path) -> None:
    status, out, _ = run("main~1", "main", "--format", "markdown", "--", "maps/")
    lines = out.splitlines()
    assert lines[0] == "### argmap: what this change does to the argument"
    assert lines[2].startswith("**2 label flips** · **1 new error** · 1 new warning · 1 resolved")
    # Flips first, then the new error, then the rest; the edits folded away.
    order = [out.index(heading) for heading in ("#### Labels flipped", "#### New errors", "#### New warnings", "#### Resolved",
                                                "<details>")]
    assert order == sorted(order)
    assert "| `library#open-daily` | out | **in** | The library should open every day. |" in lines
    assert "- `maps/library.yaml:10` **AM301** quote-not-in-source: the quote of 'demand' is not in sources/letter.txt:" \
           " \"Last year 50,000 people borrowed books\"; nearest, line 1: \"Last year 40,000 people borrowed books\"" \
           " (\"50,000\" where the source has \"40,000\")" in lines
    assert "- added relation `volunteers opposes cost`" in lines and "- removed relation `budget supports cost`" in lines


def test_the_source_is_read_from_the_revision_and_the_work_tree_is_untouched(repo: Path) -> None:
    # The work tree's letter now says 50,000 too: the old revision must still be checked against its own letter.
    letter = repo / "maps" / "sources" / "letter.txt"
    letter.write_text(LETTER.replace("40,000", "50,000"), encoding="utf-8")
    before = git(repo, "status", "--porcelain")
    status, out, _ = run("main~1", "main", "--format", "json")
    assert [f["code"] for f in json.loads(out)["findings"]["new"]] == ["AM301", "AM104"]
    # The work tree against main: the quote matches the edited letter, so AM301 is resolved there.
    status, out, _ = run("main", "maps", "--format", "json")
    assert [f["code"] for f in json.loads(out)["findings"]["resolved"]] == ["AM301"]
    assert git(repo, "status", "--porcelain") == before == " M maps/sources/letter.txt\n"
    assert letter.read_text(encoding="utf-8") == LETTER.replace("40,000", "50,000")


def test_the_configuration_applies_to_both_sides(repo: Path) -> None:
    # The configuration's patterns name files of the work tree; a revision's copies of them are matched alike.
    (repo / "pyproject.toml").write_text('[tool.argmap.per-file-ignores]\n"maps/" = ["AM104", "AM301"]\n'
                                         '[tool.argmap]\nexclude = ["nothing-*.yaml"]\n', encoding="utf-8")
    status, out, _ = run("main~1", "main", "--format", "json")
    document = json.loads(out)
    assert document["findings"]["new"] == [] and [f["code"] for f in document["findings"]["resolved"]] == ["AM203"]
    assert json.loads(run("main~1", "main", "--format", "json", "--isolated")[1])["summary"]["new_errors"] == 1
    (repo / "pyproject.toml").write_text('[tool.argmap]\nexclude = ["library.yaml"]\n', encoding="utf-8")
    assert run("main~1", "main")[0:2] == (2, "")  # every map of both sides excluded


def test_a_source_outside_the_maps_folder_is_read_from_the_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "texts-apart"
    (repo / "maps").mkdir(parents=True)
    (repo / "texts").mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "maps" / "library.yaml").write_text(LIBRARY.replace("sources/letter.txt", "../texts/letter.txt"), encoding="utf-8")
    (repo / "texts" / "letter.txt").write_text(LETTER, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "first")
    (repo / "texts" / "letter.txt").write_text(LETTER.replace("40,000", "50,000"), encoding="utf-8")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-am", "the letter misquoted")
    (repo / "texts" / "letter.txt").write_text(LETTER, encoding="utf-8")  # and put right in the work tree
    monkeypatch.chdir(repo)
    document = json.loads(run("main~1", "main", "--format", "json")[1])
    assert [f["code"] for f in document["findings"]["new"]] == ["AM301"]
    assert document["claims"] == {"added": [], "removed": [], "changed": []}
    assert json.loads(run("main", "maps", "--format", "json")[1])["findings"]["resolved"][0]["code"] == "AM301"


def test_fail_on(repo: Path) -> None:
    assert run("main~1", "main")[0] == 0
    assert run("main~1", "main", "--fail-on", "label-flips")[0] == 1
    assert run("main~1", "main", "--fail-on", "new-errors")[0] == 1
    assert run("main", "main~1", "--fail-on", "new-errors")[0] == 0  # backwards, the error is resolved
    assert run("main", "main~1", "--fail-on", "new-findings")[0] == 1  # ... and AM203 comes back
    assert run("main", "main", "--fail-on", "new-findings", "--fail-on", "label-flips")[0:2] == (
        0, "argmap diff main -> main\n\nno change to the argument\n")


def test_files_and_folders_need_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_map(tmp_path, LIBRARY, "old/library", source=None)
    write_map(tmp_path, second_version(LIBRARY), "new/library")
    for side in ("old", "new"):
        (tmp_path / side / "sources").mkdir()
        (tmp_path / side / "sources" / "letter.txt").write_text(LETTER, encoding="utf-8")
    by_folder = diff_specs("old", "new")
    by_file = diff_specs("old/library.yaml", "new/library.yaml")
    assert by_folder.summary() == by_file.summary() and by_folder.summary()["label_flips"] == 2
    assert by_folder.claims_added[0]["path"] == by_file.claims_added[0]["path"] == "new/library.yaml"
    assert (by_folder.old, by_file.old) == ("old", "old/library.yaml")


def test_a_quote_added_is_shown_as_a_change_from_none(tmp_path: Path) -> None:
    old = write_map(tmp_path, "title: T\nclaims:\n  a:\n    text: A\n    kind: evidence\n", "m")
    new = write_map(tmp_path / "n", "title: T\nclaims:\n  a:\n    text: A\n    kind: evidence\n    quote: A line\n", "m")
    out = format_diff(diff_specs(str(old), str(new)), "text")
    assert f"  ~ {tmp_path}/n/m.yaml:3: m#a: quote (none) -> 'A line'\n" in out


def test_a_renamed_id_is_a_removal_and_an_addition(tmp_path: Path) -> None:
    old = write_map(tmp_path, "title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n", "old")
    new = write_map(tmp_path / "n", "title: T\nclaims:\n  b:\n    text: A\n    kind: assumption\n", "old")
    d = diff_specs(str(old), str(new))
    assert [c["id"] for c in d.claims_removed] == ["a"] and [c["id"] for c in d.claims_added] == ["b"]


def test_a_tension_written_the_other_way_round_is_the_same_relation(tmp_path: Path) -> None:
    head = "title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n"
    old = write_map(tmp_path, head + "    tension: [b]\n  b:\n    text: B\n    kind: assumption\n", "m")
    new = write_map(tmp_path / "n", head + "  b:\n    text: B\n    kind: assumption\n    tension: [a]\n", "m")
    d = diff_specs(str(old), str(new))
    assert d.relations_added == d.relations_removed == [] and d.is_empty()


def test_markdown_escapes_any_text(tmp_path: Path) -> None:
    text = "A | pipe, *stars*, `ticks`, <b>tags</b>, [links](x) & #heading\nand a second line"
    old = write_map(tmp_path, "title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n", "m")
    new = write_map(tmp_path / "n", f"title: T\nclaims:\n  a:\n    text: A\n    kind: assumption\n  b:\n    text: {json.dumps(text)}\n"
                    "    kind: assumption\n    opposes: [a]\n", "m")
    out = format_diff(diff_specs(str(old), str(new)), "markdown")
    assert "| `m#a` | in | **out** | A |" in out
    assert ("- added `m#b` (assumption): A \\| pipe, \\*stars\\*, \\`ticks\\`, \\<b\\>tags\\</b\\>, \\[links\\](x) &amp; \\#heading"
            " and a second line") in out


@pytest.mark.parametrize("args, message", [
    (["main~5", "main"], "Error: 'main~5' is not a file, a folder or a revision of this repository; check the name\n"),
    (["main~1", "main", "--", "nope"], "Error: 'nope' is in neither 'main~1' nor 'main'; check the paths after --\n"),
    (["--", "-x", "main"], "Error: '-x' is not a file, a folder or a revision of this repository; check the name\n"),
])
def test_bad_revisions_and_paths_are_one_line_and_exit_2(repo: Path, args: list[str], message: str) -> None:
    assert run(*args) == (2, "", message)


def test_a_bad_map_in_a_revision_names_the_revision(repo: Path) -> None:
    (repo / "maps" / "library.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    status, out, err = run("main~1", "main")
    assert (status, out) == (2, "")
    assert err.startswith("Error: main:maps/library.yaml:2:1: YAML syntax error") and err.count("\n") == 1


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    if shutil.which("git") and subprocess.run(["git", "rev-parse"], cwd=tmp_path, capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git repository here")
    assert run("main", "HEAD") == (2, "", "Error: 'main' is not a file or folder here, and this is not a git repository\n")


def test_the_markdown_example_in_the_docs_is_what_diff_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    page = (REPO / "docs" / "outputs.md").read_text(encoding="utf-8")
    shown = page.split("```markdown\n", 1)[1].split("```\n", 1)[0]
    printed = run("docs/tour-maps/library.yaml", "docs/tour-maps/revised/library.yaml", "--format", "markdown")[1]
    assert shown == printed
