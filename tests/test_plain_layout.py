"""The plain-layout reader answers exactly what the full YAML reader answers, or leaves the file to it.

``read_plain_layout`` is a fast lane: wherever it returns a map, that map must equal the one PyYAML's
event parser makes (``parse_yaml_map``), positions included; wherever the full reader finds an error
or a duplicate key, it must return None. The cases below hold it to that on the real maps, on
generated maps, on map documents dumped in many YAML styles and on damaged copies of all of them.
"""

from __future__ import annotations

import random
import re

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap.generate import generate
from argmap.load import parse_map, parse_yaml_map
from argmap.model import MapError
from argmap.plain_layout import read_plain_layout
from tests.fuzz.mutate import mutate
from tests.fuzz.oracle import budget, seed
from tests.fuzz.test_fuzz_check import document
from tests.helpers import REPO

SEED_MAPS = sorted((REPO / "maps").glob("*.yaml"))


def full_reading(text: str) -> object:
    """What the full reader makes of ``text``: the map, or the error (as text, with its position)."""
    try:
        return parse_yaml_map(text, "m.yaml", "m")
    except MapError as error:
        return f"error: {error}"


def assert_agrees(text: str) -> bool:
    """Assert the plain reader answers as the full reader or not at all; say whether it answered."""
    fast = read_plain_layout(text, "m.yaml", "m")
    if fast is None:
        return False
    assert fast == full_reading(text)
    return True


# ---------------------------------------------------------------- maps it must read itself


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.name)
def test_seed_maps_read_as_the_full_reader_reads_them(path):
    assert assert_agrees(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("claims, generator_seed", [(40, 0), (300, 1), (1000, 7)])
def test_generated_maps_read_as_the_full_reader_reads_them(claims, generator_seed):
    assert assert_agrees(generate(claims, generator_seed).yaml)


PLAIN_LAYOUT = """\
# a comment before the first key
title: 'It''s a map'   # a comment after a value
source: src.txt

claims:
    a:
        text: "Text with # and : inside quotes, and ''"
        kind: conclusion
        note: ~
    b:
        text: Plain text, with 'quotes' and "double" ones inside
        quote: 'the source: text'
        section: S
        supports:
        - a
        -   other#x
        ignore: [AM104, "AM101"]

    other#y:
        note: added here
        supports: [a]
    c:
        text: Ünïcödé text → columns count characters
        opposes: [ "a" ,  'b',c ]
        tension:
            - a   # why
        same-as: []
arguments:
  linked:
    premises:
      - b
      - c
    conclusion: a
    note: ""
include: [other]
expect:
  a: in
  other#x: undec
"""


def test_a_map_using_every_form_of_the_layout_is_read_as_the_full_reader_reads_it():
    assert assert_agrees(PLAIN_LAYOUT)


@pytest.mark.parametrize("expect", ["{a: in, other#x: undec}", """{ "a":  'in' ,'other#x': "undec" }""", "{}"])
def test_expectations_on_one_line_are_read_as_the_full_reader_reads_them(expect):
    block = PLAIN_LAYOUT.index("expect:")
    assert assert_agrees(PLAIN_LAYOUT[:block] + f"expect: {expect}  # on one line\n")


def test_the_format_example_of_the_readme_is_read_as_the_full_reader_reads_it():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("## The map format", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert assert_agrees(example)


@pytest.mark.parametrize("flow", [False, True])
@pytest.mark.parametrize("style", [None, '"', "'"])
@pytest.mark.parametrize("indent", [2, 4])
def test_pyyaml_dumps_of_a_generated_map_read_as_the_full_reader_reads_them(flow, style, indent):
    """The same map as PyYAML writes it: block or flow lists, every quoting style, two indentations."""
    document = yaml.safe_load(generate(200, 3).yaml)
    text = yaml.safe_dump(document, default_flow_style=flow if flow else False, default_style=style,
                          indent=indent, width=10_000, sort_keys=False, allow_unicode=True)
    answered = assert_agrees(text)
    assert answered == (not flow)  # a whole claim on one line, {text: ...}, is left to the full reader


# ---------------------------------------------------------------- what it leaves to the full reader


LEFT = {
    "an escape": 'title: T\nclaims:\n  a:\n    text: "tab\\there"\n',
    "a line break in text": "title: T\nclaims:\n  a:\n    text: two\n      lines\n",
    "a block scalar": "title: T\nclaims:\n  a:\n    text: |\n      literal\n",
    "an anchor": "title: T\nclaims:\n  a:\n    text: &x anchored\n",
    "a tag": "title: T\nclaims:\n  a:\n    text: !!str tagged\n",
    "a document marker": "---\ntitle: T\nclaims:\n  a:\n    text: A\n",
    "a tab": "title: T\nclaims:\n  a:\n    text:\tA\n",
    "Windows line ends": "title: T\r\nclaims:\r\n  a:\r\n    text: A\r\n",
    "a duplicate claim": "title: T\nclaims:\n  a:\n    text: A\n  a:\n    text: B\n",
    "a duplicate field": "title: T\nclaims:\n  a:\n    text: A\n    text: B\n",
    "a duplicate top key": "title: T\ntitle: U\nclaims:\n  a:\n    text: A\n",
    "empty text": "title: T\nclaims:\n  a:\n    text:\n",
    "null text": "title: T\nclaims:\n  a:\n    text: null\n",
    "a null relation": "title: T\nclaims:\n  a:\n    text: A\n    supports: [null]\n",
    "a relation written as text": "title: T\nclaims:\n  a:\n    text: A\n    supports: b\n",
    "an unknown key": "title: T\nclaims:\n  a:\n    text: A\n    colour: red\n",
    "an unknown kind": "title: T\nclaims:\n  a:\n    text: A\n    kind: fact\n",
    "a bad id": "title: T\nclaims:\n  A:\n    text: A\n",
    "text set on another map's claim": "title: T\nclaims:\n  m#a:\n    text: A\n",
    "nothing added to another map's claim": "title: T\nclaims:\n  m#a:\n  b:\n    text: B\n",
    "a flow mapping": "title: T\nclaims:\n  a: {text: A}\n",
    "a flow mapping as a field": "title: T\nclaims:\n  a:\n    text: {A: B}\n",
    "a flow mapping as the title": "title: {a: b}\nclaims:\n  a:\n    text: A\n",
    "a duplicate in a one-line expect": "title: T\nclaims:\n  a:\n    text: A\nexpect: {a: in, a: out}\n",
    "a bad label in a one-line expect": "title: T\nclaims:\n  a:\n    text: A\nexpect: {a: maybe}\n",
    "no space after a colon": "title: T\nclaims:\n  a:\n    text:A\n",
    "a colon in plain text": "title: T\nclaims:\n  a:\n    text: see: this\n",
    "a hash right after quotes": 'title: T\nclaims:\n  a:\n    text: "A"#b\n',
    "a trailing comma": "title: T\nclaims:\n  a:\n    text: A\n    supports: [b,]\n",
    "uneven indentation": "title: T\nclaims:\n  a:\n    text: A\n  b:\n      text: B\n",
    "a key too long for YAML": "title: T\nclaims:\n  " + "a" * 1100 + ":\n    text: A\n",
    "no title": "claims:\n  a:\n    text: A\n",
    "an empty file": "",
    "a list as the document": "- title\n",
    "a premise list left empty": "title: T\nclaims:\n  a:\n    text: A\narguments:\n  x:\n    premises: []\n"
                                 "    conclusion: a\n",
}


@pytest.mark.parametrize("text", LEFT.values(), ids=LEFT.keys())
def test_what_strays_from_the_layout_is_left_to_the_full_reader(text):
    assert read_plain_layout(text, "m.yaml", "m") is None
    # and ``parse_map`` gives the full reader's answer, error or map
    try:
        outcome: object = parse_map(text, "m.yaml", "m")
    except MapError as error:
        outcome = f"error: {error}"
    assert outcome == full_reading(text)


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe"])
@pytest.mark.parametrize("elsewhere", ["", "é"], ids=["ascii", "unicode"])
def test_characters_yaml_treats_specially_are_left_to_the_full_reader(character, elsewhere):
    text = f"title: T{elsewhere}\nclaims:\n  a:\n    text: A{character}B\n"
    assert read_plain_layout(text, "m.yaml", "m") is None
    assert read_plain_layout(text.replace(character, ""), "m.yaml", "m") is not None


# ---------------------------------------------------------------- random documents and damage


@settings(max_examples=budget("structured", 100), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(doc=document, flow=st.booleans(), style=st.sampled_from([None, '"', "'"]), indent=st.sampled_from([2, 3, 4]))
def test_random_map_documents_in_any_style_read_as_the_full_reader_reads_them(doc, flow, style, indent):
    text = yaml.safe_dump(doc, default_flow_style=flow, default_style=style, indent=indent, allow_unicode=True)
    event(f"plain reader answered: {assert_agrees(text)}")


def small_edit(r: random.Random, text: str) -> str:
    """An edit that often keeps a map valid: what a person does to a map between two checks."""
    lines = text.split("\n")
    i = r.randrange(len(lines))
    line = lines[i]
    edit = r.randrange(8)
    if edit == 0:  # another word
        words = re.findall(r"[A-Za-z0-9-]+", line)
        if words:
            word = r.choice(words)
            line = line.replace(word, r.choice(["a", "b", "thesis", "x-1", "AM104", "null", "yes", "é", word * 2]), 1)
    elif edit == 1:  # another quoting
        line = re.sub(r'"([^"\\]*)"', r.choice([r"\1", r"'\1'", r'"\1 "']), line, count=1)
    elif edit == 2:
        line = " " * r.choice([1, 2, 4]) + line if r.random() < 0.5 else line[r.randint(1, 2):]
    elif edit == 3:
        line += r.choice(["  # a comment", " ", "#x", ",", "]"])
    elif edit == 4:
        line = r.choice(["", "# a comment", "   # indented comment", "  " + line.strip()]) + "\n" + line
    elif edit == 5 and i + 1 < len(lines):
        line, lines[i + 1] = lines[i + 1], line
    elif edit == 6:
        line = ""
    else:
        at = r.randrange(len(line) + 1)
        line = line[:at] + r.choice([":", " ", "-", "#", "'", '"', "[", "~", "\\", "- "]) + line[at:]
    lines[i] = line
    return "\n".join(lines)


def test_edited_maps_are_read_as_the_full_reader_reads_them_or_left_to_it():
    corpus = [p.read_text(encoding="utf-8") for p in SEED_MAPS] + [generate(60, s).yaml for s in range(3)]
    corpus.append(PLAIN_LAYOUT)
    r = random.Random(seed())
    cases = budget("mutations", 300)
    answered = 0
    for _ in range(cases):
        text = r.choice(corpus)
        for _ in range(r.randint(1, 2)):
            text = small_edit(r, text)
        answered += assert_agrees(text)
    # Small edits mostly leave a map the plain reader reads: the comparison above must have been
    # made, not skipped by declining everything.
    assert answered > cases // 4


def test_damaged_maps_are_read_as_the_full_reader_reads_them_or_left_to_it():
    corpus = [p.read_bytes() for p in SEED_MAPS] + [generate(60, s).yaml.encode() for s in range(3)]
    corpus.append(PLAIN_LAYOUT.encode())
    r = random.Random(seed())
    for _ in range(budget("mutations", 300)):
        data = r.choice(corpus)
        for _ in range(r.randint(1, 3)):
            data = mutate(r, data, corpus)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        assert_agrees(text)
