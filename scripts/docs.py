"""Write the generated reference pages: docs/rules.md (rule docstrings) and docs/cli.md (--help), and
the JSON Schema of the map format, schema/map.schema.json (argmap.schema).

    .venv/bin/python scripts/docs.py          (or: make docs)

tests/test_reference_docs.py fails when either page differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from argmap.cli import cli_reference
from argmap.rules import rule_reference
from argmap.schema import SCHEMA_FILE, schema_text

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main() -> None:
    for name, text in (("rules.md", rule_reference()), ("cli.md", cli_reference())):
        (DOCS / name).write_text(text, encoding="utf-8")
        print(f"wrote docs/{name}")
    schema = DOCS.parent / SCHEMA_FILE
    schema.parent.mkdir(exist_ok=True)
    schema.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main()
