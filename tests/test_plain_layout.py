"""The plain-layout reader answers exactly what the full YAML reader answers, or leaves the file to it.

``read_plain_layout`` is a fast lane: wherever it returns a map, that map must equal the one PyYAML's
event parser makes (``parse_yaml_map``), positions included; wherever the full reader finds an error
or a duplicate key, it must return None. The cases below hold it to that on the real maps, on
generated maps, on map documents dumped in many YAML styles and on damaged copies of all of them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from unittest.mock import patch

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap import plain_layout
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


def edited(corpus: list[str], cases: int, most: int) -> Iterator[str]:
    """``cases`` maps of ``corpus``, each given one to ``most`` small edits."""
    r = random.Random(seed())
    for _ in range(cases):
        text = r.choice(corpus)
        for _ in range(r.randint(1, most)):
            text = small_edit(r, text)
        yield text


def test_edited_maps_are_read_as_the_full_reader_reads_them_or_left_to_it():
    corpus = [p.read_text(encoding="utf-8") for p in SEED_MAPS] + [generate(60, s).yaml for s in range(3)]
    corpus.append(PLAIN_LAYOUT)
    cases = budget("mutations", 300)
    answered = sum(assert_agrees(text) for text in edited(corpus, cases, most=2))
    # Small edits mostly leave a map the plain reader reads: the comparison above must have been
    # made, not skipped by declining everything.
    assert answered > cases // 4


def damaged(corpus: list[bytes]) -> Iterator[str]:
    """Maps of ``corpus`` damaged one to three times by the fuzz mutator, those still UTF-8."""
    r = random.Random(seed())
    for _ in range(budget("mutations", 300)):
        data = r.choice(corpus)
        for _ in range(r.randint(1, 3)):
            data = mutate(r, data, corpus)
        try:
            yield data.decode("utf-8")
        except UnicodeDecodeError:
            continue


def test_damaged_maps_are_read_as_the_full_reader_reads_them_or_left_to_it():
    corpus = [p.read_bytes() for p in SEED_MAPS] + [generate(60, s).yaml.encode() for s in range(3)]
    corpus.append(PLAIN_LAYOUT.encode())
    for text in damaged(corpus):
        assert_agrees(text)


# ---------------------------------------------------------------- claim entries read at once


def typed(value: object) -> object:
    """``value`` with the type of every record in it, so that a plain tuple never passes for a Position."""
    if is_dataclass(value):
        return type(value).__name__, tuple(typed(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, tuple):
        return type(value).__name__, tuple(typed(item) for item in value)
    return value


@contextmanager
def entries_read_at_once(after: int):
    """Read claim entries in the generator's shape at once from the entry after the ``after``-th on
    (past the second at the earliest), and count them in the list yielded."""
    shaped: list[str] = []
    real = plain_layout._Reader._shaped_claims

    def counting(reader, *args):
        before = len(reader.claims)
        ended = real(reader, *args)
        shaped.extend(claim.id for claim in reader.claims[before:])
        return ended

    with patch.object(plain_layout, "_SHAPE_AFTER", after), patch.object(plain_layout._Reader, "_shaped_claims", counting):
        yield shaped


def read_both_ways(text: str) -> tuple[object, list[str]]:
    """Read ``text`` line by line only and with entries read at once as early as may be; assert that
    both give the same answer, record types included, and that it is the full reader's where there
    is one. Return the map (or None) and the ids of the claims read at once."""
    with entries_read_at_once(10**9) as never:
        by_lines = read_plain_layout(text, "m.yaml", "m")
    assert not never
    with entries_read_at_once(0) as shaped:
        at_once = read_plain_layout(text, "m.yaml", "m")
    assert typed(at_once) == typed(by_lines)
    if at_once is not None:
        assert typed(at_once) == typed(parse_yaml_map(text, "m.yaml", "m"))
    return at_once, shaped


@pytest.mark.parametrize("claims, generator_seed", [(30, 0), (300, 1), (1000, 7), (3000, 2)])
def test_generated_claims_past_the_second_are_read_at_once_as_line_by_line(claims, generator_seed):
    argmap, shaped = read_both_ways(generate(claims, generator_seed).yaml)
    assert argmap is not None
    assert shaped == [claim.id for claim in argmap.claims[2:]]


def test_claims_are_read_at_once_only_past_the_first_hundred_by_default():
    text = generate(400, 5).yaml
    with entries_read_at_once(plain_layout._SHAPE_AFTER) as shaped:
        argmap = read_plain_layout(text, "m.yaml", "m")
    assert argmap is not None
    assert shaped == [claim.id for claim in argmap.claims[plain_layout._SHAPE_AFTER + 1:]]
    assert typed(argmap) == typed(parse_yaml_map(text, "m.yaml", "m"))


SHAPED = """\
title: "Entries in the shape and out of it"
claims:
  first:
    text: "The first claim, read line by line."
    kind: "conclusion"
  second:
    text: "The second, read line by line too: the shape is known from here."
    supports: ["first"]
  third:
    text: "Every field the shape has, in its order."
    kind: "evidence"
    section: "A section"
    quote: "the quote, with ' and # and: inside"
    supports: ["first", "second"]
    opposes: ["second"]
    tension: ["first", "second"]
    same-as: ["second"]
{entry}  after-1:
    text: "An entry in the shape after it."
    opposes: ["third"]
  after-2:
    text: "Another, last of the claims."
    kind: "assumption"
    tension: ["after-1"]
arguments:
  linked:
    premises: ["first", "second"]
    conclusion: "third"
expect:
  first: in
"""

# Entries put between ``third`` and ``after-1``, each with whether the line reading (and so the
# plain reader) answers. Those in the shape are read at once, the others line by line; ``read_both_ways``
# holds both readings to the same map, positions and all.
ENTRIES = {
    "in the shape": ('  x:\n    text: "X"\n', True),
    "in the shape, with every field": ('  x:\n    text: "X"\n    kind: "claim"\n    section: "S"\n    quote: "Q"\n'
                                      '    supports: ["first"]\n    opposes: ["first"]\n    tension: ["first"]\n'
                                      '    same-as: ["first"]\n', True),
    "unicode text": ('  x:\n    text: "Ünïcödé → text, \u3000 wide"\n    quote: "ü"\n    supports: ["first"]\n', True),
    "leading and trailing spaces inside quotes": ('  x:\n    text: "  X  "\n    section: " S"\n', True),
    "a comment between fields": ('  x:\n    text: "X"\n    # why\n    supports: ["first"]\n', True),
    "a comment after a value": ('  x:\n    text: "X"  # why\n', True),
    "a comment after the entry": ('  x:\n    text: "X"\n  # why\n', True),
    "a comment at the margin after the entry": ('  x:\n    text: "X"\n# why\n', True),
    "a comment after the key": ('  x:  # why\n    text: "X"\n', True),
    "a blank line between fields": ('  x:\n    text: "X"\n\n    kind: "evidence"\n', True),
    "a blank line after the entry": ('  x:\n    text: "X"\n\n', True),
    "a line of spaces after the entry": ('  x:\n    text: "X"\n      \n', True),
    "a trailing space": ('  x:\n    text: "X" \n', True),
    "two spaces after the colon": ('  x:\n    text:  "X"\n', True),
    "kind before text": ('  x:\n    kind: "evidence"\n    text: "X"\n', True),
    "section after quote": ('  x:\n    text: "X"\n    quote: "Q"\n    section: "S"\n', True),
    "opposes before supports": ('  x:\n    text: "X"\n    opposes: ["first"]\n    supports: ["second"]\n', True),
    "a field after the lists": ('  x:\n    text: "X"\n    supports: ["first"]\n    kind: "evidence"\n', True),
    "a note": ('  x:\n    text: "X"\n    note: "N"\n    supports: ["first"]\n', True),
    "an empty note": ('  x:\n    text: "X"\n    note: ""\n', True),
    "an ignore list": ('  x:\n    text: "X"\n    ignore: ["AM104"]\n', True),
    "plain values": ("  x:\n    text: X\n    kind: evidence\n    supports: [first, second]\n", True),
    "single quotes": ("  x:\n    text: 'X'\n    section: 'It''s'\n", True),
    "a list in single quotes": ("  x:\n    text: \"X\"\n    supports: ['first', 'second']\n", True),
    "a list without spaces": ('  x:\n    text: "X"\n    supports: ["first","second"]\n', True),
    "an empty list": ('  x:\n    text: "X"\n    supports: []\n', True),
    "a block list": ('  x:\n    text: "X"\n    supports:\n    - first\n    - "second"\n', True),
    "a block list, indented": ('  x:\n    text: "X"\n    supports:\n      - first\n', True),
    "a reference to another map": ('  x:\n    text: "X"\n    supports: ["other#y"]\n', True),
    "an extension": ('  other#y:\n    supports: ["first"]\n', True),
    "a quoted key": ('  "x":\n    text: "X"\n', True),
    "a quoted field key": ('  x:\n    "text": "X"\n', True),
    "a long id": (f'  {"x" * 1000}:\n    text: "X"\n', True),
    "the same id as another": ('  third:\n    text: "X"\n', False),
    "an id too long for a key": (f'  {"x" * 1001}:\n    text: "X"\n', False),
    "a bad id": ('  X:\n    text: "X"\n', False),
    "blank text": ('  x:\n    text: "   "\n', False),
    "empty text": ('  x:\n    text: ""\n', False),
    "blank text of wide spaces": ('  x:\n    text: "\u3000\u00a0"\n', False),
    "a blank section": ('  x:\n    text: "X"\n    section: " "\n', False),
    "an empty quote": ('  x:\n    text: "X"\n    quote: ""\n', False),
    "an unknown kind": ('  x:\n    text: "X"\n    kind: "fact"\n', False),
    "an escape": ('  x:\n    text: "X\\"Y"\n', False),
    "a backslash": ('  x:\n    text: "X\\\\"\n', False),
    "a bad target": ('  x:\n    text: "X"\n    supports: ["First"]\n', False),
    "an empty target": ('  x:\n    text: "X"\n    supports: [""]\n', False),
    "a field twice": ('  x:\n    text: "X"\n    text: "Y"\n', False),
    "a relation twice": ('  x:\n    text: "X"\n    supports: ["first"]\n    supports: ["second"]\n', False),
    "an unknown field": ('  x:\n    text: "X"\n    colour: "red"\n', False),
    "no text": ('  x:\n    kind: "evidence"\n', False),
    "no fields": ("  x:\n", False),
    "a deeper line after the entry": ('  x:\n    text: "X"\n      more: "Y"\n', False),
    "a shallower line after the entry": ('  x:\n    text: "X"\n y:\n', False),
    "an item after the entry": ('  x:\n    text: "X"\n  - first\n', False),
    "an item after a field": ('  x:\n    text: "X"\n    - first\n', False),
    "a field at another depth": ('  x:\n    text: "X"\n     kind: "evidence"\n', False),
    "an empty block list before": ('  x:\n    text: "X"\n    supports:\n', False),
    "text on the key's line": ('  x: "X"\n', False),
}


@pytest.mark.parametrize("entry, answered", ENTRIES.values(), ids=ENTRIES.keys())
def test_entries_in_and_out_of_the_shape_read_as_line_by_line(entry, answered):
    argmap, shaped = read_both_ways(SHAPED.format(entry=entry))
    assert (argmap is not None) == answered
    if answered:
        assert shaped[0] == "third" and shaped[-2:] == ["after-1", "after-2"]


ENDINGS = {
    "no line break": ("", "third"),
    "a line break": ("\n", "x"),
    "a blank line": ("\n\n", "third"),
    "a comment": ("\n# the end\n", "third"),
    "an indented comment": ("\n  # the end\n", "third"),
    "arguments": ("\narguments:\n  a:\n    premises: [first]\n    conclusion: first\n", "x"),
    "expect on one line": ("\nexpect: {first: in}\n", "x"),
    "include": ("\ninclude: [other]\n", "x"),
}


@pytest.mark.parametrize("ending, last_read_at_once", ENDINGS.values(), ids=ENDINGS.keys())
def test_the_last_entry_reads_the_same_at_the_end_of_the_text(ending, last_read_at_once):
    """The last entry is read at once only where what follows it cannot add to it (a blank line or a
    comment might come before a field of it)."""
    text = SHAPED.split("{entry}")[0] + '  x:\n    text: "X"\n    supports: ["third"]' + ending
    argmap, shaped = read_both_ways(text)
    assert argmap is not None
    assert shaped[-1] == last_read_at_once


@pytest.mark.parametrize("entry_indent, field_indent", [(1, 2), (2, 4), (2, 3), (4, 8), (3, 4)])
def test_claims_at_any_indentation_read_at_once_as_line_by_line(entry_indent, field_indent):
    def indent(line: str) -> str:
        depth = len(line) - len(line.lstrip(" "))
        return " " * {0: 0, 2: entry_indent, 4: field_indent}[depth] + line.lstrip(" ")

    text = "\n".join(indent(line) for line in generate(50, 4).yaml.split("\n"))
    argmap, shaped = read_both_ways(text)
    assert argmap is not None and len(shaped) == 48


@settings(max_examples=budget("structured", 100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.one_of(st.sampled_from(' "\\\n\u00a0\u2000\u3000\x1c\x85'), st.characters(blacklist_categories=("Cs",))),
               max_size=8))
def test_the_shape_takes_a_quoted_text_exactly_where_the_line_reading_would(value):
    """Double-quoted, without escapes or line breaks, and not blank as ``_text`` sees it (``isspace``)."""
    fits = re.fullmatch(plain_layout._TEXT, f'"{value}"') is not None
    assert fits == (not any(c in value for c in '"\\\n') and bool(value) and not value.isspace())


def entry_text(draw: st.DrawFn) -> str:
    """Mostly a text the shape takes; now and then one with what it must not take."""
    if draw(st.integers(0, 30)) < 30:
        return draw(st.sampled_from(["A claim.", "ü → x", " spaced ", "a # b: c", "it's", "x"]))
    return draw(st.text(alphabet=st.sampled_from(' ab"\\#:\'-\u00a0\u3000é\t'), max_size=5))


@st.composite
def shaped_maps(draw: st.DrawFn) -> str:
    """Maps of claims in and near the generator's shape: random fields, texts, lists and stray lines."""
    ids = [f"c{i}" for i in range(draw(st.integers(3, 8)))]
    lines = ["title: T", "claims:"]
    for claim_id in ids:
        lines.append(f"  {claim_id}:")
        lines.append(f'    text: "{entry_text(draw)}"')
        for key in ("kind", "section", "quote"):
            if draw(st.booleans()):
                value = draw(st.sampled_from(["claim", "evidence", "conclusion", "fact"])) if key == "kind" else entry_text(draw)
                lines.append(f'    {key}: "{value}"')
        for key in ("supports", "opposes", "tension", "same-as"):
            if draw(st.booleans()):
                odd = draw(st.integers(0, 30)) == 30
                targets = draw(st.lists(st.sampled_from([*ids, "m#x", "Bad", ""] if odd else ids), min_size=1, max_size=3))
                lines.append(f"    {key}: [{', '.join(f'{chr(34)}{t}{chr(34)}' for t in targets)}]")
        if draw(st.integers(0, 30)) == 30:
            stray = draw(st.sampled_from(["", "  # c", "    # c", "#", "      x: y", '    note: "n"', "  - c0", " ", "    supports: [c0]"]))
            lines.insert(draw(st.integers(2, len(lines))), stray)
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\narguments:\n  a:\n    premises: [c0]\n    conclusion: c1\n"]))


@settings(max_examples=budget("structured", 100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=shaped_maps())
def test_random_claims_near_the_shape_read_at_once_as_line_by_line(text):
    argmap, shaped = read_both_ways(text)
    event(f"answered: {argmap is not None}, claims read at once: {min(len(shaped), 3)}")


def test_edited_generated_maps_read_at_once_as_line_by_line():
    corpus = [generate(60, s).yaml for s in range(3)] + [SHAPED.format(entry="")]
    cases = budget("mutations", 300)
    answered = sum(read_both_ways(text)[0] is not None for text in edited(corpus, cases, most=3))
    assert answered > cases // 4


def test_damaged_generated_maps_read_at_once_as_line_by_line():
    corpus = [generate(60, s).yaml.encode() for s in range(3)] + [SHAPED.format(entry="").encode()]
    for text in damaged(corpus):
        read_both_ways(text)
