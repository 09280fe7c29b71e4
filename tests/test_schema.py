"""The JSON Schema of the map format (schema/map.schema.json): made from the model, kept in step, and
as strict as argmap is where it can be (issue 21). Validated with the ``jsonschema`` package."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from argmap.rules import RULES
from argmap.schema import SCHEMA_FILE, map_schema, schema_text
from tests.test_bad_input_table import BUILDERS, ROWS

REPO = Path(__file__).resolve().parents[1]
VALIDATOR = jsonschema.Draft7Validator(map_schema())


class TextLoader(yaml.SafeLoader):
    """YAML as argmap reads it: plain scalars are text (``yes``, ``2024-05-01``), only the null words null."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def errors(text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(yaml.load(text, Loader=TextLoader))]


def test_the_published_schema_is_the_one_the_model_makes():
    assert (REPO / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(), "run `make docs`"
    jsonschema.Draft7Validator.check_schema(map_schema())


MAPS = sorted((REPO / "maps").glob("*.yaml")) + sorted((REPO / "docs" / "tour-maps").glob("*.yaml"))


@pytest.mark.parametrize("path", MAPS, ids=[p.name for p in MAPS])
def test_every_map_of_the_repository_validates(path):
    assert errors(path.read_text(encoding="utf-8")) == []


def _doc_examples() -> list[tuple[str, str]]:
    """Every ```yaml block of the README, docs/ and the rules' docstrings that is a whole map (has a title)."""
    found = []
    files = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    pages = [(p.relative_to(REPO).as_posix(), p.read_text(encoding="utf-8")) for p in files]
    pages += [(f"rule {rule.code}", rule.doc) for rule in RULES]
    for name, text in pages:
        for number, block in enumerate(re.findall(r"```yaml\n(.*?)```", text, re.DOTALL), 1):
            if re.search(r"^title:", block, re.MULTILINE):
                found.append((f"{name} #{number}", block))
    return found


EXAMPLES = _doc_examples()


@pytest.mark.parametrize(("name", "block"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_every_map_the_docs_show_validates(name, block):
    assert errors(block) == []


def test_the_docs_show_many_maps():
    assert len(EXAMPLES) >= 30
    assert any(name.startswith("docs/map-format.md") for name, _ in EXAMPLES)


# Rows of docs/bad-input.md where argmap refuses what the schema cannot see: a refusal that depends on
# YAML's form (anchors, aliases, tags, a second document), on other files, or on the file itself.
NOT_EXPRESSIBLE = {
    "YAML anchor (`&a`)", "YAML alias (`*a`)", "YAML tag (`!!python/object:os.system`)", 'a "billion laughs" alias bomb',
    "include cycle", "include of a map that does not exist", "a file over a lower limit (`--max-bytes 100`)",
    # a configuration file, not a map
    "a configuration with an unknown setting (`selct` in `[tool.argmap]`)", "a configuration that is not valid TOML",
    "a configuration naming a rule that does not exist", "`--config` naming a file that does not exist",
}


@pytest.mark.parametrize("row", ROWS, ids=[row.input for row in ROWS])
def test_the_schema_refuses_the_bad_input_it_can_express_and_accepts_what_argmap_reads(row, tmp_path):
    if row.input in NOT_EXPRESSIBLE:
        pytest.skip("argmap refuses it for what a schema cannot see")
    if BUILDERS[row.input](tmp_path).args[:1] != ["check"]:
        pytest.skip("not about a map's content (outputs, Graphviz)")
    path = tmp_path / "m.yaml"
    if not path.is_file() or path.stat().st_size > 4 * 1024 * 1024:
        pytest.skip("no map file of a size to read")
    try:
        data = yaml.load(path.read_bytes().decode("utf-8-sig"), Loader=TextLoader)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        pytest.skip("not YAML a schema validator can read: YAML itself refuses it")
    found = list(VALIDATOR.iter_errors(data))
    if row.exit == 2:
        assert found, f"argmap refuses it ({row.message}), the schema does not"
    elif row.exit in (0, 1):
        assert found == [], [e.message for e in found]


def test_the_not_expressible_rows_are_rows():
    assert NOT_EXPRESSIBLE <= {row.input for row in ROWS}


@pytest.mark.parametrize(("text", "where"), [
    ("title: T\nurl: javascript:alert(1)\nclaims: {}\n", "url"),
    ("title: T\nsections:\n  Part one:\n    a:\n      txt: A\n", "sections/Part one/a"),
    ("title: T\nclaims:\n  a: {text: A, kind: fact}\n", "claims/a/kind"),
    ("title: T\nclaims:\n  a: {text: A}\narguments:\n  g: {premises: [], conclusion: a}\n", "arguments/g/premises"),
    ("title: T\nclaims:\n  a: {text: A, ignore: [E501]}\n", "claims/a/ignore/0"),
    ("title: T\nexpect: {a: maybe}\nclaims:\n  a: {text: A}\n", "expect/a"),
])
def test_new_keys_are_checked_too(text, where):
    assert [e for e in errors(text) if e.startswith(where + ":")], errors(text)


@pytest.mark.parametrize("text", [
    "title: T\nclaims:\n  a:\n",  # a claim that is nothing
    "title: T\ninclude: [o]\nclaims:\n  o#a:\n",  # an extension that is nothing
    "title: T\nclaims:\n  a: {text: A}\narguments:\n  g: {premises: , conclusion: a}\n",
    "title:\nclaims: {}\n",
    "title: T\nauthor:\nclaims: {}\n",
    "title: T\nsections: [a, b]\n",
])
def test_what_argmap_refuses_as_nothing_or_the_wrong_type_the_schema_refuses(text):
    from argmap.load import parse_map
    from argmap.model import MapError

    with pytest.raises(MapError):
        parse_map(text, "m.yaml", "m")
    assert errors(text)


def test_what_argmap_reads_as_text_the_schema_accepts():
    assert errors("title: 2024\ndate: 2024-05-01\nauthor: yes\nsections:\n  Empty:\nclaims:\n  a: {text: 42, note: }\n") == []
