"""AM105 no-conclusion: a map with no claim of kind conclusion."""

from __future__ import annotations

import re

from argmap.rules import no_conclusion

from .common import assert_findings

CODE = "AM105"


def _examples() -> dict[str, str]:
    """The passing and failing maps of the rule's docstring (its documentation), as YAML."""
    doc = no_conclusion.__doc__ or ""
    return dict(re.findall(r"^(Passes|Fails):\n\n```yaml\n(.*?)^```$", doc, re.M | re.S))


def test_the_docstring_examples_pass_and_fail(tmp_path):
    examples = _examples()
    assert set(examples) == {"Passes", "Fails"}
    assert_findings(tmp_path / "pass", examples["Passes"], CODE, [])
    found = assert_findings(tmp_path / "fail", examples["Fails"], CODE, [(1, 1)])
    assert found[0].message == "map 'm' has no conclusion; mark the claim it argues for with kind: conclusion"
    assert found[0].severity == "warning"


def test_a_map_that_only_includes_others_is_exempt(tmp_path):
    others = {"a": """
        title: A
        claims:
          x:
            text: X
            kind: assumption
    """}
    assert_findings(tmp_path, """
        title: combined
        include: [a]
    """, CODE, [], others=others)


def test_a_map_whose_included_map_has_a_conclusion_is_exempt(tmp_path):
    others = {"a": """
        title: A
        claims:
          c:
            text: C
            kind: conclusion
    """}
    assert_findings(tmp_path, """
        title: combined
        include: [a]
        claims:
          e:
            text: E
            kind: assumption
            supports: [a#c]
    """, CODE, [], others=others)


def test_a_combined_map_with_claims_and_no_conclusion_anywhere(tmp_path):
    others = {"a": """
        title: A
        claims:
          x:
            text: X
            kind: assumption
    """}
    assert_findings(tmp_path, """
        title: combined
        include: [a]
        claims:
          e:
            text: E
            kind: assumption
            opposes: [a#x]
    """, CODE, [(1, 1)], others=others)


def test_an_imported_framework_gets_it(tmp_path):
    assert_findings(tmp_path, """
        # Imported by `argmap import -f apx` from f.apx
        title: "f (ASPARTIX framework)"
        claims:
          a:
            text: "a"
            kind: "assumption"
            opposes: ["a"]
    """, CODE, [(2, 1)])


def test_disable_turns_it_off(tmp_path):
    from argmap.check import check_paths

    path = tmp_path / "m.yaml"
    path.write_text("title: t\nclaims:\n  a:\n    text: A\n    kind: assumption\n", encoding="utf-8")
    assert [f.code for f in check_paths([str(path)]).findings] == ["AM105", "AM104"]
    assert [f.code for f in check_paths([str(path)], disable=["AM105"]).findings] == ["AM104"]


def test_a_map_that_supports_the_conclusion_of_another_is_exempt(tmp_path):
    others = {"b": """
        title: B
        claims:
          z:
            text: Z
            kind: conclusion
    """}
    assert_findings(tmp_path, """
        title: A
        claims:
          x:
            text: X
            kind: assumption
            supports: [b#z]
    """, CODE, [], others=others)


def test_naming_a_map_without_a_conclusion_does_not_exempt(tmp_path):
    others = {"b": """
        title: B
        claims:
          z:
            text: Z
            kind: assumption
    """}
    assert_findings(tmp_path, """
        title: A
        claims:
          x:
            text: X
            kind: assumption
            opposes: [b#z]
    """, CODE, [(1, 1)], others=others)
