"""The textbook frameworks of the argumentation literature, with the answers the literature gives.

The frameworks are written here as ASPARTIX facts and taken through ``argmap import``, so the whole
path from a solver's file to the labels is checked. Sources: Dung, "On the acceptability of
arguments...", Artificial Intelligence 77 (1995); Baroni, Caminada and Giacomin, "An introduction to
argumentation semantics", Knowledge Engineering Review 26(4) (2011). No benchmark instance was
copied: the stored copies of the ASPARTIX and ICCMA examples found carried no licence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis import grounded_labelling, preferred_extensions
from argmap.debate import load_subject
from argmap.importing import import_text

# name: (apx facts, grounded extension, preferred extensions)
EXAMPLES = {
    "reinstatement": ("arg(a). arg(b). arg(c). att(a,b). att(b,c).", {"a", "c"}, [{"a", "c"}]),
    "nixon-diamond": ("arg(a). arg(b). att(a,b). att(b,a).", set(), [{"a"}, {"b"}]),
    "odd-cycle": ("arg(a). arg(b). arg(c). att(a,b). att(b,c). att(c,a).", set(), [set()]),
    "even-cycle": ("arg(a). arg(b). arg(c). arg(d). att(a,b). att(b,c). att(c,d). att(d,a).", set(), [{"a", "c"}, {"b", "d"}]),
    "self-attack": ("arg(a). arg(b). att(a,a). att(a,b).", set(), [set()]),
    "floating-reinstatement": ("arg(a). arg(b). arg(c). arg(d). att(a,b). att(b,a). att(a,c). att(b,c). att(c,d).",
                               set(), [{"a", "d"}, {"b", "d"}]),
    "self-attacker-defeated": ("arg(a). arg(b). arg(c). att(a,b). att(b,b). att(b,c).", {"a", "c"}, [{"a", "c"}]),
}


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_textbook_framework(tmp_path: Path, name: str) -> None:
    facts, grounded, preferred = EXAMPLES[name]
    source = tmp_path / f"{name}.apx"
    source.write_text(facts.replace(". ", ".\n") + "\n", encoding="utf-8")
    out = tmp_path / f"{name}.yaml"
    out.write_text(import_text(str(source), output=str(out)), encoding="utf-8")
    subject = load_subject(str(out))
    labels = grounded_labelling(subject.graph)
    assert {subject.names[n] for n, label in labels.items() if label == "in"} == grounded
    found = sorted(sorted(subject.names[n] for n in ext) for ext in preferred_extensions(subject.graph))
    assert found == sorted(sorted(e) for e in preferred)
