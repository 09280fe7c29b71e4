"""AM002 dangling-reference: a relation, argument, extension or expectation names a missing claim."""

from __future__ import annotations

import pytest

from argmap.generate import generate
from argmap.graph import referenced_nodes, written_references
from argmap.load import parse_map
from tests.helpers import REPO

from .common import assert_findings

CODE = "AM002"

OTHER = """
    title: other
    claims:
      x:
        text: X
        kind: assumption
"""


def test_each_relation_type_to_a_missing_id_is_reported_at_the_reference(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b, nope]
            opposes: [gone]
            tension:
              - b
              - missing
            same-as: [absent]
          b:
            text: B
    """, CODE, [(6, 19), (7, 15), (10, 9), (11, 15)])
    assert "'supports' of 'a' names 'nope', but no claim has that id" in found[0].message


def test_argument_premise_and_conclusion(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: assumption
        arguments:
          arg:
            premises: [p, q]
            conclusion: c
    """, CODE, [(8, 19), (9, 17)])


def test_expectation_of_a_missing_claim(tmp_path):
    # Reported at the id that names nothing (AM204 uses the label's position).
    assert_findings(tmp_path, """
        title: t
        claims:
          p:
            text: P
            kind: assumption
        expect:
          nope: in
    """, CODE, [(7, 3)])


def test_reference_to_a_map_that_does_not_exist(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [nowhere#x]
    """, CODE, [(6, 16)])
    assert "there is no map named 'nowhere'" in found[0].message


def test_reference_to_a_missing_id_in_a_map_that_exists(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [other#x, other#y]
    """, CODE, [(6, 25)], others={"other": OTHER})
    assert "'other#y'" in found[0].message
    assert "no claim has that id" in found[0].message


def test_extension_of_a_missing_claim_and_its_dangling_relation(tmp_path):
    assert_findings(tmp_path, """
        title: combined
        include: [other]
        claims:
          other#nope:
            note: added here
          other#x:
            opposes: [other#gone]
    """, CODE, [(4, 3), (7, 15)], others={"other": OTHER})


def test_ignore_suppresses_it_for_that_claim_only(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            ignore: [AM002]
            supports: [nope]
          b:
            text: B
            kind: assumption
            supports: [nope]
    """, CODE, [(11, 16)])


def test_quiet_when_every_reference_resolves(tmp_path):
    assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [b, other#x]
            same-as: [other#x]
          b:
            text: B
            kind: conclusion
            tension: [a]
        arguments:
          arg:
            premises: [a, other#x]
            conclusion: b
        expect:
          b: in
          other#x: in
    """, CODE, [], others={"other": OTHER})


def test_a_missing_claim_named_by_id_and_through_the_map_name_is_reported_at_both(tmp_path):
    found = assert_findings(tmp_path, """
        title: t
        claims:
          a:
            text: A
            kind: assumption
            supports: [nope]
            opposes: [m#nope]
    """, CODE, [(6, 16), (7, 15)])
    assert [f.message for f in found] == [
        "'supports' of 'a' names 'nope', but no claim has that id",
        "'opposes' of 'a' names 'nope', but no claim has that id",
    ]


# ``referenced_nodes`` is the quick twin of ``written_references`` that the rule uses to find what is
# missing; the two enumerate references separately, so they are held to the same set here.
EVERY_KIND = """\
title: t
include: [other]
claims:
  a:
    text: A
    kind: assumption
    supports: [b, other#x, m#a]
    opposes: [gone]
  b:
    text: B
    tension: [a]
  other#x:
    supports: [b, nope]
arguments:
  both:
    premises: [a, other#x, missing]
    conclusion: b
expect:
  b: in
  other#x: undec
"""


@pytest.mark.parametrize("text", [EVERY_KIND, generate(300, 2).yaml,
                                  *(p.read_text(encoding="utf-8") for p in sorted((REPO / "maps").glob("*.yaml")))])
def test_referenced_nodes_are_the_targets_of_written_references(text):
    argmap = parse_map(text, "m.yaml", "m")
    assert referenced_nodes(argmap) == {target for target, _, _, _ in written_references(argmap)}
