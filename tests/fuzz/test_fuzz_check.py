"""Fuzz the whole ``check`` pipeline: random map structures (hypothesis) and damaged real maps (bytes).

The only accepted outcomes are a sound ``CheckResult`` or a clear ``MapError`` (see ``oracle.py``).
Budgets: ``ARGMAP_FUZZ_STRUCTURED`` and ``ARGMAP_FUZZ_MUTATIONS`` cases, ``ARGMAP_FUZZ_SEED`` for the
mutator; ``make fuzz`` runs the long version.
"""

from __future__ import annotations

import random
import re
import shutil
import traceback
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap.check import CheckResult
from argmap.diagrams import diagrams
from argmap.export import export_map
from argmap.model import KINDS, RELATION_TYPES, MapError, Position
from argmap.report import FORMATS, format_result
from tests.fuzz.mutate import mutate
from tests.fuzz.oracle import assert_clear_error, budget, check_outcome, seed
from tests.helpers import REPO

MAPS = sorted((REPO / "maps").glob("*.yaml"))
OTHER = "title: Other\nclaims:\n  x:\n    text: X\n    kind: assumption\n  y:\n    text: Y\n    supports: [x]\n"


# ---------------------------------------------------------------- the oracle itself can fail


def test_oracle_rejects_an_error_without_a_file(tmp_path):
    with pytest.raises(AssertionError, match="names no file"):
        assert_clear_error(MapError("something went wrong"), tmp_path)


def test_oracle_rejects_a_position_outside_the_file(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("title: T\n")
    assert_clear_error(MapError("fine", Position(str(path), 2, 1)), tmp_path)  # the end of the file
    with pytest.raises(AssertionError, match="line 3 is not in"):
        assert_clear_error(MapError("bad", Position(str(path), 3, 1)), tmp_path)
    with pytest.raises(AssertionError, match="column 10 is not on line 1"):
        assert_clear_error(MapError("bad", Position(str(path), 1, 10)), tmp_path)


# ---------------------------------------------------------------- byte mutations of the real maps


@pytest.fixture(scope="module")
def map_folder(tmp_path_factory) -> Path:
    """A copy of ``maps/`` (the maps, and the sources their quotes are checked against)."""
    folder = tmp_path_factory.mktemp("fuzz-maps")
    shutil.copytree(REPO / "maps", folder, dirs_exist_ok=True)
    return folder


def test_mutated_real_maps_check_or_fail_clearly(map_folder: Path, tmp_path: Path) -> None:
    corpus = [p.read_bytes() for p in MAPS]
    cases = budget("mutations", 300)
    outcomes = {CheckResult: 0, MapError: 0}
    for case in range(cases):
        r = random.Random(f"{seed()}-{case}")
        index = r.randrange(len(MAPS))
        target = map_folder / MAPS[index].name
        data = mutate(r, corpus[index], corpus)
        target.write_bytes(data)
        try:
            outcomes[type(check_outcome(target, map_folder))] += 1
        except Exception:
            keep = tmp_path / f"crash-seed{seed()}-case{case}-{target.name}"
            keep.write_bytes(data)
            pytest.fail(f"case {case} (ARGMAP_FUZZ_SEED={seed()}) of {target.name}, input kept in {keep}:\n"
                        + traceback.format_exc())
        finally:
            target.write_bytes(corpus[index])
    # The mutator damages some files beyond reading and leaves others readable with new findings.
    assert outcomes[CheckResult] > cases // 20 and outcomes[MapError] > cases // 20, outcomes
    print(f"{cases} mutated maps: {outcomes[CheckResult]} checked, {outcomes[MapError]} refused clearly")


# ---------------------------------------------------------------- random structures through yaml.safe_dump

junk = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
ids = st.sampled_from(["a", "b", "c", "d", "x-1", "node", "0"]) | st.from_regex(r"[a-z0-9][a-z0-9-]{0,6}", fullmatch=True)
bad_ids = st.sampled_from(["Bad_Id", "-x", "a b", "", "a#", "#a", "é"])
refs = ids | ids.map(lambda i: f"other#{i}") | ids.map(lambda i: f"m#{i}") | ids.map(lambda i: f"missing#{i}") | bad_ids
words = st.text(max_size=30)


def documents(wrong: bool) -> st.SearchStrategy:
    """Map documents: well-formed (rules and diagrams get exercised), or with wrong types and keys mixed in."""

    def maybe(value: st.SearchStrategy) -> st.SearchStrategy:
        return st.one_of(value, junk) if wrong else value

    def key(name: str, value: st.SearchStrategy) -> dict[str, st.SearchStrategy]:
        return {name: maybe(value)}

    optional_claim = {
        **key("kind", st.sampled_from([*KINDS, "fact"] if wrong else KINDS)),
        **key("quote", st.sampled_from(["the source text", "not in it"]) | words),
        **key("section", words),
        **key("note", words),
        **key("ignore", st.lists(st.sampled_from(["AM104", "AM101", "AM999", "x"] if wrong else ["AM104", "AM101"]),
                                 max_size=2)),
        **{rel: maybe(st.lists(refs if wrong else good_refs, max_size=3)) for rel in RELATION_TYPES},
    }
    if wrong:
        optional_claim["colour"] = words
    claim = st.fixed_dictionaries({"text": maybe(words.filter(str.strip))}, optional=optional_claim)
    argument = st.fixed_dictionaries(
        {"premises": maybe(st.lists(refs if wrong else good_refs, min_size=1, max_size=3)),
         "conclusion": maybe(refs if wrong else good_refs)},
        optional={"note": maybe(words)},
    )
    top = {
        **key("source", st.sampled_from(["src.txt", "missing.txt", "sub", "latin1.txt"])),
        **key("arguments", st.dictionaries(ids | bad_ids if wrong else ids, maybe(argument), max_size=2)),
        **key("include", st.lists(st.sampled_from(["other", "m", "missing", "Bad Name", "../other"] if wrong else
                                                  ["other"]), max_size=2)),
        **key("expect", st.dictionaries(refs if wrong else good_refs, maybe(st.sampled_from(["in", "out", "undec"])),
                                        max_size=2)),
    }
    if wrong:
        top["extra"] = junk
    return st.fixed_dictionaries(
        {"title": maybe(words.filter(str.strip)),
         "claims": maybe(st.dictionaries(ids | bad_ids | refs if wrong else ids, maybe(claim), max_size=6))},
        optional=top,
    )


good_refs = ids | ids.map(lambda i: f"other#{i}") | st.sampled_from(["missing#a", "m#a"])
document = st.booleans().flatmap(documents)


@pytest.fixture(scope="module")
def structure_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz-structures")
    (folder / "other.yaml").write_text(OTHER)
    (folder / "src.txt").write_text("the source text\n")
    (folder / "latin1.txt").write_bytes(b"caf\xe9\n")
    (folder / "sub").mkdir()
    return folder


@settings(max_examples=budget("structured", 100), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(doc=document, flow=st.booleans(), unicode=st.booleans())
def test_random_structures_check_render_and_export_or_fail_clearly(structure_folder: Path, doc: dict, flow: bool,
                                                                   unicode: bool) -> None:
    path = structure_folder / "m.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=unicode, default_flow_style=flow), encoding="utf-8")
    outcome = check_outcome(path, structure_folder)
    event(f"check: {type(outcome).__name__}")
    if isinstance(outcome, MapError):
        return
    for fmt in FORMATS:
        assert format_result(outcome, fmt).endswith("\n")
    # What checks must also draw and export (no Graphviz here: the DOT text only).
    (diagram,) = diagrams([str(path)])
    assert re.match(r'(strict )?digraph "m" {', diagram.dot)
    for fmt in ("json", "graphml"):
        assert export_map(str(path), fmt)
