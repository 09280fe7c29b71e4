"""The ``argmap`` command: a thin layer of click over the library.

Only what ``argmap check`` needs is imported here; each other command imports its own modules (debate,
diagrams, dot, export, generate) when it runs, so that checking does not pay for them. The option choices
those modules define are repeated below (tests/test_cli_imports.py holds them equal).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from argmap import __version__
from argmap.analysis import MAX_STEPS, MAX_UNDECIDED
from argmap.check import check_paths
from argmap.files import OutputError, write_atomic
from argmap.load import DEFAULT_MAX_BYTES
from argmap.model import MapError
from argmap.report import FORMATS as REPORT_FORMATS
from argmap.report import escape_controls, escape_controls_json, format_result
from argmap.root import Root, check_output_folder, find_root
from argmap.rules import RULES, rule_table
from argmap.wording import plural

DEFAULT_PATHS = ("maps",)
SEMANTICS = ("grounded", "preferred", "gradual")  # argmap.debate.SEMANTICS
RENDER_FORMATS = ("svg", "png", "pdf", "dot")  # argmap.dot.FORMATS
RANKDIRS = ("TB", "LR", "BT", "RL")  # argmap.dot.RANKDIRS
ENGINES = ("dot", "sfdp", "neato", "fdp", "twopi", "circo")  # argmap.dot.ENGINES
DEFAULT_TIMEOUT = 120.0  # argmap.dot.DEFAULT_TIMEOUT
DEFAULT_THRESHOLD = 150  # argmap.overview.DEFAULT_THRESHOLD
EXPORT_FORMATS = ("json", "graphml", "dot", "apx", "i23", "argdown")  # argmap.export.FORMATS
MIN_CLAIMS = 10  # argmap.generate.MIN_CLAIMS
IMPORT_FORMATS = ("apx", "i23")  # argmap.interchange.FORMATS
BLOCK_FORMATS = ("markdown", "html", "json")  # argmap.blocks.FORMATS


# What a command made, kept here until ``run`` ends the process with ``os._exit`` rather than freed
# object by object when the command returns: a third of a second for a map of 100,000 claims. Only
# ``run`` sets it; a process that goes on after a command (the tests) frees as usual.
_left_to_exit: list[object] | None = None


def _leave_to_exit(*objects: object) -> None:
    if _left_to_exit is not None:
        _left_to_exit.extend(objects)


class InputError(click.ClickException):
    """Bad input, or an output that cannot be made: one line on stderr, exit status 2."""

    exit_code = 2


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (killing Graphviz, removing temporary files) and exit with
    status 128 + the signal's number (143, 129)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _input_errors() -> Iterator[None]:
    try:
        yield
    except (MapError, OutputError) as error:  # argmap.dot.RenderError (Graphviz failed) is an OutputError
        raise InputError(escape_controls(" ".join(str(error).splitlines()))) from None
    except OSError as error:  # a path the system refuses (too long, say) that no check above caught
        where = f"{error.filename}: " if error.filename is not None else ""
        raise InputError(escape_controls(f"{where}cannot be used ({error.strerror}); check the path")) from None


def _echo(text: str, *, json_text: bool = False) -> None:
    """Print ``text`` (and flush it) with its control characters escaped, so map text cannot drive the
    terminal; a stdout that cannot be written is one line on stderr, exit status 2, and a reader that
    went away (``| head``) is no error."""
    text = escape_controls_json(text) if json_text else escape_controls(text)
    if sys.stdout is None:  # started with stdout closed (>&-): what was asked for cannot be shown
        raise InputError("cannot write to standard output (it is closed)")
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()
    except OSError as error:
        _discard_stdout()
        raise InputError(f"cannot write to standard output ({error.strerror})") from None


def _roots(paths: tuple[str, ...], root: str | None) -> list[Root]:
    """The root of each path (see ``argmap.root``), for checking an output folder."""
    return [find_root(path, root) for path in paths]


def _codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True,
    help="Refuse map and source files larger than this.",
)
root_option = click.option(
    "--root", type=click.Path(file_okay=False), metavar="DIR",
    help="Read maps, sources and included maps only inside DIR [default: the repository's top (the nearest folder"
         " with .git above each path), else the map's folder].",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main() -> None:
    """Check, render and export argument maps written in YAML."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--disable", multiple=True, metavar="CODE", help="Skip a rule (repeat, or separate with commas).")
@max_bytes_option
@root_option
def check(paths: tuple[str, ...], fmt: str, strict: bool, disable: tuple[str, ...], max_bytes: int, root: str | None) -> None:
    """Check maps (files or folders; default maps/) and report findings.

    Exit status: 0 clean, 1 error findings (or warnings with --strict), 2 bad input.

    \b
    Example:
        argmap check maps --format github --strict
    """
    with _input_errors():
        result = check_paths(paths or DEFAULT_PATHS, disable=_codes(disable), max_bytes=max_bytes, root=root)
    _leave_to_exit(result)
    # The verdict stands: a reader that stops early (| head) does not change it.
    _echo(format_result(result, fmt), json_text=fmt == "json")
    sys.exit(1 if result.failed(strict) else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", default="render", show_default=True, help="Folder for the diagrams.")
@click.option("-f", "--format", "fmt", type=click.Choice(RENDER_FORMATS), default="svg", show_default=True,
              help="Diagram format; a .dot file is always written too.")
@click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this claim (id or map#id).")
@click.option("--depth", type=click.IntRange(0), default=2, show_default=True, help="Steps around --focus.")
@click.option("--rankdir", type=click.Choice(RANKDIRS, case_sensitive=False), default="LR", show_default=True,
              help="LR puts conclusions on the left, TB on top.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if the .dot files in the folder are not what the maps give now.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds to allow Graphviz per diagram.")
@click.option("--evaluate", is_flag=True, help="Colour claims by whether they stand (grounded); writes <map>.grounded.*")
@click.option("--full", is_flag=True, help="Draw every claim, however large the map (no overview).")
@click.option("--overview-above", type=click.IntRange(1), default=DEFAULT_THRESHOLD, show_default=True, metavar="N",
              help="Draw maps of more than N claims as an overview: conclusions and what is close below them.")
@click.option("--per-conclusion", is_flag=True, help="Also draw one diagram per conclusion, <map>.<conclusion>.")
@click.option("--engine", type=click.Choice(ENGINES), default="dot", show_default=True,
              help="Graphviz layout program; sfdp is fast on very large maps.")
@max_bytes_option
@root_option
def render(paths: tuple[str, ...], output: str, fmt: str, focus: str | None, depth: int, rankdir: str,
           check_only: bool, timeout: float, evaluate: bool, full: bool, overview_above: int, per_conclusion: bool,
           engine: str, max_bytes: int, root: str | None) -> None:
    """Draw each map (default maps/) as DOT and SVG/PNG/PDF in the output folder.

    \b
    Example:
        argmap render maps -o render
        argmap render maps/debate.yaml --focus main-claim --depth 1 -f png
    """
    with _input_errors():
        from argmap.diagrams import diagrams, stale_diagrams, write_diagrams

        items = diagrams(paths or DEFAULT_PATHS, rankdir=rankdir.upper(), focus=focus, depth=depth,
                         max_bytes=max_bytes, evaluate=evaluate, full=full, overview_above=overview_above,
                         per_conclusion=per_conclusion, root=root)
        check_output_folder(output, _roots(paths or DEFAULT_PATHS, root))
        if check_only:
            stale = stale_diagrams(items, output)
            if stale:
                verb = "is" if len(stale) == 1 else "are"
                _echo("".join(f"{line}\n" for line in stale) + f"{len(stale)} of {plural(len(items), 'diagram')} {verb} stale;"
                      f" run: argmap render {' '.join(paths or DEFAULT_PATHS)} -o {output}\n")
                sys.exit(1)
            _echo(f"{plural(len(items), 'diagram')} in {output} {'is' if len(items) == 1 else 'are'} up to date\n")
            return
        written = write_diagrams(items, output, fmt, timeout=timeout, engine=engine)
    _echo(f"wrote {plural(len(written), 'file')} for {plural(len(items), 'diagram')} into {output}\n")


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True,
              help="json: node-link; graphml; dot: the diagram; apx, i23: the attack framework for solvers;"
                   " argdown: an Argdown document.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@max_bytes_option
@root_option
def export(map_path: str, fmt: str, output: str | None, max_bytes: int, root: str | None) -> None:
    """Export one map's graph as node-link JSON, GraphML, DOT, APX, i23 or Argdown.

    \b
    Example:
        argmap export maps/debate.yaml -f graphml -o debate.graphml
    """
    with _input_errors():
        from argmap.export import export_bytes, export_map

        if output is None:
            text = export_map(map_path, fmt, max_bytes=max_bytes, root=root)
        else:
            check_output_folder(Path(output).parent, _roots((map_path,), root))
            data = export_bytes(map_path, fmt, max_bytes=max_bytes, root=root)
    if output is None:
        _echo(text, json_text=fmt in ("json", "apx"))
        return
    with _input_errors():
        if Path(output).resolve() == Path(map_path).resolve():
            raise OutputError(f"refusing to overwrite the map {map_path} with its export")
        if Path(output).is_dir():
            raise OutputError(f"{output} is a folder; give a file name")
        write_atomic(output, data)


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.option("--semantics", type=click.Choice(SEMANTICS), default="grounded", show_default=True,
              help="grounded: what survives every attack; preferred: every maximal defensible position;"
                   " gradual: a strength from 0 to 1 for each claim, from the weights (DF-QuAD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--explain", "explain_claim", metavar="CLAIM",
              help="Say why this claim has its grounded label, and what the other side must defeat to change it"
                   " (with --semantics gradual: how its strength is reached).")
@click.option("--max-undecided", type=click.IntRange(1), default=MAX_UNDECIDED, metavar="N",
              help="Preferred semantics refuses, before searching, maps with more than N claims undecided under"
                   " grounded.  [default: no limit; --max-steps bounds the search]")
@click.option("--max-steps", type=click.IntRange(1), default=MAX_STEPS, show_default=True,
              help="Preferred semantics stops (exit 2) after this many search steps (1,000,000: a few seconds).")
@max_bytes_option
@root_option
def evaluate(map_path: str, semantics: str, fmt: str, explain_claim: str | None, max_undecided: int | None, max_steps: int,
             max_bytes: int, root: str | None) -> None:
    """Which claims of a map stand once every attack and tension is weighed, and why each other one does not.

    \b
    Example:
        argmap evaluate maps/debate.yaml
        argmap evaluate maps/debate.yaml --explain main-claim
        argmap evaluate maps/debate.yaml --semantics preferred --format json
        argmap evaluate maps/debate.yaml --semantics gradual
    """
    with _input_errors():
        from argmap.debate import evaluate_map

        text = evaluate_map(map_path, semantics=semantics, fmt=fmt, explain_claim=explain_claim,
                            max_undecided=max_undecided, max_steps=max_steps, max_bytes=max_bytes, root=root)
    _echo(text, json_text=fmt == "json")


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.argument("claim")
@click.option("--side", type=click.Choice(["for", "against"]), default="for", show_default=True,
              help="Whose seat the brief is written from.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@max_bytes_option
@root_option
def brief(map_path: str, claim: str, side: str, fmt: str, max_bytes: int, root: str | None) -> None:
    """A debate brief on one claim: the case for, the case against, weak points, expected rebuttals.

    \b
    Example:
        argmap brief maps/debate.yaml main-claim --side against > brief.md
    """
    with _input_errors():
        from argmap.debate import brief_map

        text = brief_map(map_path, claim, side=side, fmt=fmt, max_bytes=max_bytes, root=root)
    _echo(text, json_text=fmt == "json")


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.argument("claim")
@click.option("--side", type=click.Choice(["for", "against"]), default="for", show_default=True,
              help="Our seat: blocks answer what the other side can run against it.")
@click.option("--format", "fmt", type=click.Choice(BLOCK_FORMATS), default="markdown", show_default=True,
              help="html: one printable page, no scripts or outside files.")
@click.option("--depth", type=click.IntRange(1, 5), default=3, show_default=True,
              help="Levels of answers: ours, their comeback, our reply, ...")
@max_bytes_option
@root_option
def blocks(map_path: str, claim: str, side: str, fmt: str, depth: int, max_bytes: int, root: str | None) -> None:
    """Blocks written in advance: each argument the other side can run against our position, with our answers
    (what in the map attacks it or what it directly rests on), their comebacks and our replies, each a card with its quote.

    \b
    Example:
        argmap blocks maps/debate.yaml main-claim --side for > blocks.md
        argmap blocks maps/debate.yaml main-claim --side against --format html > blocks.html
    """
    with _input_errors():
        from argmap.blocks import blocks_map

        text = blocks_map(map_path, claim, side=side, fmt=fmt, depth=depth, max_bytes=max_bytes, root=root)
    _echo(text, json_text=fmt == "json")


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@max_bytes_option
@root_option
def outline(map_path: str, max_bytes: int, root: str | None) -> None:
    """A pro/con outline of the whole map (Kialo-style, Markdown) to hand out: each conclusion, what backs and
    attacks it, and theirs in turn, with labels, strengths and quotes.

    \b
    Example:
        argmap outline maps/debate.yaml > handout.md
    """
    with _input_errors():
        from argmap.outline import outline_map

        text = outline_map(map_path, max_bytes=max_bytes, root=root)
    _echo(text)


@main.command("import")
@click.argument("source", metavar="FILE", type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(IMPORT_FORMATS),
              help="apx: ASPARTIX arg(a). att(a,b). facts; i23: ICCMA 2023 'p af N' and 'i j' lines."
                   "  [default: from the extension: .apx, or .i23/.af]")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the map to this new .yaml file (never over an existing one) instead of stdout.")
@max_bytes_option
def import_command(source: str, fmt: str | None, output: str | None, max_bytes: int) -> None:
    """Read an argumentation framework written for solvers as a map of assumptions and attacks.

    Published benchmark frameworks can then be checked, evaluated and drawn as they are. A name
    that is not a valid claim id is changed, and the map's header comment says how.

    \b
    Example:
        argmap import -f apx traffic.apx -o maps/traffic.yaml
        argmap evaluate maps/traffic.yaml --semantics preferred
    """
    with _input_errors():
        from argmap.importing import check_output, import_text

        if output is not None:
            check_output(output)
        text = import_text(source, fmt, output=output, max_bytes=max_bytes)
        if output is None:
            _echo(text)
            return
        write_atomic(output, text.encode("utf-8"), new=True)
    click.echo(f"wrote {escape_controls(output)}", err=True)


@main.command("generate")
@click.option("--claims", "count", type=click.IntRange(MIN_CLAIMS), required=True, help="How many claims.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same map, byte for byte.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the map here and its source text to sources/<stem>.txt beside it (default: the map to stdout).")
def generate_command(count: int, seed: int, output: str | None) -> None:
    """Generate a realistic synthetic map (for benchmarks), with a few planted defects.

    \b
    Example:
        argmap generate --claims 10000 --seed 1 -o big/big.yaml
    """
    with _input_errors():
        from argmap.generate import generate, write_generated

        if output is None:
            text = generate(count, seed).yaml
        else:
            made = write_generated(output, count, seed)
    if output is None:
        _echo(text)
        return
    _echo(f"wrote {output} ({made.claims} claims, {made.relations} relations) and its source text\n")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List the rules: code, name, severity and what each checks."""
    if fmt == "markdown":
        _echo(rule_table())
    else:
        _echo("".join(f"{rule.code} {rule.name} ({rule.severity}): {rule.summary}\n" for rule in RULES))


def cli_reference() -> str:
    """docs/cli.md: every command's ``--help``, as printed at a fixed width (so the page is the same everywhere)."""
    parts = [
        "# Command-line reference\n",
        "<!-- Generated from each command's --help by `make docs`; tests/test_reference_docs.py fails when it drifts. -->\n",
    ]
    top = click.Context(main, info_name="argmap", terminal_width=100, max_content_width=100, **main.context_settings)
    contexts = [top, *(click.Context(main.commands[name], info_name=name, parent=top) for name in sorted(main.commands))]
    for context in contexts:
        parts.append(f"## `{context.command_path}`\n\n```text\n{context.get_help()}\n```\n")
    return "\n".join(parts)


def _reader_gone() -> None:
    """The reader of stdout went away (``argmap check | head -1``): send the rest of the output, and
    Python's own flush at exit, to /dev/null instead of failing on the closed pipe."""
    _discard_stdout()


def _discard_stdout() -> None:
    """Send whatever is left in stdout's buffer, and anything later, to /dev/null."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    except OSError:  # pragma: no cover - /dev/null cannot be opened
        pass


def _terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def run(argv: list[str] | None = None) -> NoReturn:
    """Entry point: click's own handling, plus Ctrl-C (exit 130) and a closed stdout without tracebacks."""
    # One command's objects live until it exits and form no reference cycles worth collecting: the
    # cyclic collector's passes over a large map's millions of objects would cost seconds, free nothing.
    gc.disable()
    global _left_to_exit
    _left_to_exit = []
    # SIGTERM (a CI job cancelled, a timeout) unwinds like Ctrl-C: Graphviz is killed, temporary files
    # are removed, and the outputs are as they were.
    # SIGHUP (the terminal closed) likewise.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is signal.SIG_DFL:
            signal.signal(getattr(signal, name), _terminated)
    code = exit_status(argv)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()
    except OSError as error:
        _discard_stdout()
        click.echo(f"Error: cannot write to standard output ({error.strerror})", err=True)
        code = 2
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        pass
    # Like mypy's hard exit: the process ends here, so Python need not free its millions of objects
    # one by one first (half a second at 100,000 claims).
    os._exit(code)


def exit_status(argv: list[str] | None) -> int:
    """Run the command line ``argv`` (or the process's own) and return its exit status, without exiting."""
    try:
        main.main(args=argv, prog_name="argmap", standalone_mode=False)
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            return done.code or 0
        click.echo(done.code, err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("argmap: interrupted", err=True)
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except BrokenPipeError:
        # The reader stopped reading what argmap had done: that is its choice, not a failure.
        _reader_gone()
        return 0
    except OSError as error:  # stdout refused what click printed itself (--help, --version)
        _discard_stdout()
        click.echo(f"Error: cannot write to standard output ({error.strerror})", err=True)
        return 2
    except KeyboardInterrupt:
        click.echo("argmap: interrupted", err=True)
        return 130
    except Terminated as ended:
        click.echo("argmap: terminated" if ended.signum == signal.SIGTERM else "argmap: hung up", err=True)
        return 128 + ended.signum
    return 0
