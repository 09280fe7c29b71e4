"""``argmap check`` imports only what checking needs (not networkx); the other commands import their modules when they run.

PyYAML too is imported only when a map needs it (one outside the plain layout, or with an error).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import argmap.cli
import argmap.debate
import argmap.dot
import argmap.export
import argmap.generate
import argmap.interchange
import argmap.overview
import argmap.viewer

REPO = Path(__file__).resolve().parent.parent
LAZY = ("pydot", "pyparsing", "argmap.debate", "argmap.diagrams", "argmap.dot", "argmap.overview", "argmap.export",
        "argmap.generate", "argmap.importing", "argmap.interchange", "argmap.viewer", "argmap.blocks", "argmap.outline",
        "argmap.gradual", "argmap.weighing")


def _imported_by(*command: str) -> set[str]:
    script = (
        "import sys\n"
        "from argmap.cli import main\n"  # not run(), which ends the process at once
        "try:\n"
        f"    main.main(args={list(command)!r}, prog_name='argmap', standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    return set(done.stderr.split())


def test_check_imports_no_drawing_export_debate_or_generator() -> None:
    modules = _imported_by("check", "maps")
    assert "argmap.check" in modules
    assert not [m for m in LAZY if m in modules]


def test_check_does_not_import_networkx(tmp_path: Path) -> None:
    # The rules read the graph as plain dicts; importing networkx would take twice as long as checking
    # the seed maps. A generated map has every kind of finding, support circles included.
    generated = tmp_path / "gen.yaml"
    argmap.generate.write_generated(generated, 200, seed=1)
    for path in ("maps", str(generated)):
        modules = _imported_by("check", path)
        assert "argmap.rules.circular_support" in modules and "networkx" not in modules
    assert "networkx" in _imported_by("evaluate", "maps/china-and-north-korea.yaml")


def test_render_and_export_dot_do_not_import_pydot(tmp_path: Path) -> None:
    modules = _imported_by("export", "maps/china-and-north-korea.yaml", "-f", "dot", "-o", str(tmp_path / "m.dot"))
    assert "argmap.export" in modules and "pydot" not in modules
    modules = _imported_by("render", "--check", "maps", "-o", "render")
    assert "argmap.diagrams" in modules and "pydot" not in modules


def test_option_choices_repeated_in_the_cli_are_the_modules_own() -> None:
    assert argmap.cli.SEMANTICS == argmap.debate.SEMANTICS
    assert argmap.cli.EXPORT_FORMATS == argmap.export.FORMATS
    assert argmap.cli.MIN_CLAIMS == argmap.generate.MIN_CLAIMS
    assert argmap.cli.IMPORT_FORMATS == argmap.interchange.FORMATS
    assert argmap.cli.RENDER_FORMATS == argmap.viewer.RENDER_FORMATS == (*argmap.dot.FORMATS, "html")
    assert argmap.cli.RANKDIRS == argmap.dot.RANKDIRS
    assert argmap.cli.ENGINES == argmap.dot.ENGINES
    assert argmap.cli.DEFAULT_TIMEOUT == argmap.dot.DEFAULT_TIMEOUT
    assert argmap.cli.DEFAULT_THRESHOLD == argmap.overview.DEFAULT_THRESHOLD
