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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click
from click.core import ParameterSource

from argmap import __version__
from argmap.analysis import MAX_STEPS, MAX_UNDECIDED
from argmap.check import check_paths, validate_codes
from argmap.config import Config, expand_codes, format_settings, load_config, settings_in_force
from argmap.files import OutputError, deferring, write_atomic
from argmap.load import DEFAULT_MAX_BYTES, NotChecked
from argmap.model import KIND_MEANINGS, KINDS, MapError
from argmap.report import FORMATS as REPORT_FORMATS
from argmap.report import escape_controls, escape_controls_json, format_result
from argmap.root import Root, check_output_folder, find_root
from argmap.rules import RULES, rule_table
from argmap.wording import plural

DEFAULT_PATHS = ("maps",)
SEMANTICS = ("grounded", "preferred", "gradual")  # argmap.debate.SEMANTICS
RENDER_FORMATS = ("svg", "png", "pdf", "dot", "html")  # argmap.viewer.RENDER_FORMATS
RANKDIRS = ("TB", "LR", "BT", "RL")  # argmap.dot.RANKDIRS
ENGINES = ("dot", "sfdp", "neato", "fdp", "twopi", "circo")  # argmap.dot.ENGINES
DEFAULT_TIMEOUT = 120.0  # argmap.dot.DEFAULT_TIMEOUT
DEFAULT_THRESHOLD = 150  # argmap.overview.DEFAULT_THRESHOLD
EXPORT_FORMATS = ("json", "graphml", "dot", "mermaid", "apx", "i23", "argdown", "aif")  # argmap.export.FORMATS
MIN_CLAIMS = 10  # argmap.generate.MIN_CLAIMS
IMPORT_FORMATS = ("aif", "argdown", "kialo", "apx", "i23")  # argmap.interchange.FORMATS
DIFF_FORMATS = ("text", "markdown", "json")  # argmap.diff.FORMATS
DIFF_FAIL_ON = ("new-errors", "new-findings", "label-flips")  # argmap.diff.FAIL_ON
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


def config_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--config FILE`` and ``--isolated``: which configuration file applies (see docs/configuration.md)."""
    command = click.option("--isolated", is_flag=True, help="Ignore every configuration file; argmap's defaults.")(command)
    return click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Read this configuration file instead of looking for one"
                             " (pyproject.toml [tool.argmap], argmap.toml, .argmap.toml).")(command)


def _config(config_file: str | None, isolated: bool) -> Config:
    with _input_errors():
        return load_config(config_file, isolated=isolated)


def _given(name: str) -> bool:
    """Whether option ``name`` was given on the command line (or by an environment variable), not left at its default."""
    source = click.get_current_context().get_parameter_source(name)
    return source is not None and source not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)


def _paths(paths: tuple[str, ...], config: Config, *, here: bool = True) -> tuple[str, ...]:
    """The paths given, else the configuration's (relative to its file), else maps/ (which must be ``here``,
    in the current folder, but for a git revision)."""
    if paths:
        return paths
    if config.paths is not None:
        return tuple(config.shown(p) for p in config.paths)
    if here and not any(os.path.lexists(p) for p in DEFAULT_PATHS):  # run from elsewhere than the repository's top, say
        raise InputError(f"{', '.join(DEFAULT_PATHS)}: no such folder here, and no paths were given; name the maps"
                         " (argmap check FILE-OR-FOLDER), run from the folder that holds maps/, or set paths in argmap.toml")
    return DEFAULT_PATHS


def _selectors(values: tuple[str, ...]) -> list[str]:
    selectors = [code.strip() for value in values for code in value.split(",") if code.strip()]
    for selector in selectors:
        try:
            expand_codes([selector])
        except ValueError:
            raise InputError(f"unknown rule '{selector}'; give a code (AM103), a prefix (AM1), ALL or a rule name;"
                             " see `argmap rules`") from None
    return selectors


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
              help="text for people, json for tools, github for workflow annotations, sarif for code scanning.")
@click.option("--strict/--no-strict", default=None,
              help="Fail (exit 1) on warnings too. [default: the configuration's 'strict', else no]")
@click.option("--select", multiple=True, metavar="RULE",
              help="Run only these rules (codes, prefixes like AM1, ALL, or names); replaces the configuration's selection.")
@click.option("--extend-select", multiple=True, metavar="RULE", help="Run these rules too.")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules (repeat, or separate with commas).")
@click.option("--disable", multiple=True, metavar="CODE", help="Skip a rule by its code, as --ignore does (kept for scripts).")
@config_options
@max_bytes_option
@root_option
def check(paths: tuple[str, ...], fmt: str, strict: bool | None, select: tuple[str, ...], extend_select: tuple[str, ...],
          ignore: tuple[str, ...], disable: tuple[str, ...], config_file: str | None, isolated: bool, max_bytes: int,
          root: str | None) -> None:
    """Check maps (files or folders; default: the configuration's paths, else maps/) and report findings.

    Exit status: 0 clean, 1 error findings (or warnings with --strict), 2 bad input. A file that
    cannot be read is one line on stderr; the other maps are still checked, and the exit status is 2.

    \b
    Example:
        argmap check maps --format github --strict
    """
    config = _config(config_file, isolated)
    with _input_errors():
        disabled = validate_codes(_codes(disable))
        enabled = config.enabled_codes(select=_selectors(select) if select else None,
                                       extend_select=_selectors(extend_select), ignore=_selectors(ignore))
        result = check_paths(_paths(paths, config), disable=disabled, max_bytes=max_bytes,
                             settings=config.rule_settings(enabled), exclude=config.is_excluded, root=root,
                             keep_going=True)
    _leave_to_exit(result)
    for error in result.input_errors:
        if not isinstance(error, NotChecked):  # a map left out for another's error: only counted
            click.echo(f"Error: {escape_controls(' '.join(str(error).splitlines()))}", err=True)
    if result.input_errors and not result.summary.maps and fmt == "text":
        sys.exit(2)  # nothing could be checked: the errors are all there is to say (tools get their document)
    # The verdict stands: a reader that stops early (| head) does not change it.
    _echo(format_result(result, fmt), json_text=fmt in ("json", "sarif"))
    strict = strict if strict is not None else bool(config.strict)
    sys.exit(2 if result.input_errors else 1 if result.failed(strict) else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", default="render", show_default=True,
              help="Folder for the diagrams. [configuration: render.output]")
@click.option("-f", "--format", "fmt", type=click.Choice(RENDER_FORMATS), default="svg", show_default=True,
              help="Diagram format (html: an interactive page, docs/viewer.md); a .dot file is always written too."
                   " [configuration: render.format]")
@click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this claim (id or map#id).")
@click.option("--depth", type=click.IntRange(0), default=2, show_default=True, help="Steps around --focus.")
@click.option("--rankdir", type=click.Choice(RANKDIRS, case_sensitive=False), default="LR", show_default=True,
              help="LR puts conclusions on the left, TB on top. [configuration: render.rankdir]")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if the .dot files in the folder are not what the maps give now.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds to allow Graphviz per diagram.")
@click.option("--evaluate", is_flag=True, help="Colour claims by whether they stand (grounded); writes <map>.grounded.*")
@click.option("--full", is_flag=True, help="Draw every claim, however large the map (no overview).")
@click.option("--overview-above", type=click.IntRange(1), default=DEFAULT_THRESHOLD, show_default=True, metavar="N",
              help="Draw maps of more than N claims as an overview: conclusions and what is close below them."
                   " [configuration: render.overview-above]")
@click.option("--per-conclusion", is_flag=True, help="Also draw one diagram per conclusion, <map>.<conclusion>.")
@click.option("--engine", type=click.Choice(ENGINES), default="dot", show_default=True,
              help="Graphviz layout program; sfdp is fast on very large maps.")
@config_options
@max_bytes_option
@root_option
def render(paths: tuple[str, ...], output: str, fmt: str, focus: str | None, depth: int, rankdir: str,
           check_only: bool, timeout: float, evaluate: bool, full: bool, overview_above: int, per_conclusion: bool,
           engine: str, config_file: str | None, isolated: bool, max_bytes: int, root: str | None) -> None:
    """Draw each map (default: the configuration's paths, else maps/) as DOT and SVG/PNG/PDF in the output folder.

    The findings drawn are those of argmap check, with the configuration's rule settings.

    \b
    Example:
        argmap render maps -o render
        argmap render maps/debate.yaml --focus main-claim --depth 1 -f png
        argmap render maps -f html      (one interactive page per map: docs/viewer.md)
    """
    config = _config(config_file, isolated)
    defaults = config.render
    output = config.shown(defaults.output) if defaults.output and not _given("output") else output
    fmt = defaults.format if defaults.format and not _given("fmt") else fmt
    rankdir = defaults.rankdir if defaults.rankdir and not _given("rankdir") else rankdir
    overview_above = defaults.overview_above if defaults.overview_above and not _given("overview_above") else overview_above
    paths = _paths(paths, config)
    if fmt == "html":
        if focus is not None or per_conclusion:
            raise click.UsageError("-f html writes one page per map, which has its own focus view; leave out"
                                   " --focus and --per-conclusion (a claim's page address is <map>.html#<claim>)")
        with _input_errors():
            from argmap.viewer import pages, stale_pages, write_pages

            made = pages(paths, rankdir=rankdir.upper(), max_bytes=max_bytes, evaluate=evaluate, full=full,
                         overview_above=overview_above, timeout=timeout, engine=engine, root=root,
                         settings=config.rule_settings(config.enabled_codes()), exclude=config.is_excluded)
            check_output_folder(output, _roots(paths, root))
            if check_only:
                _report_stale(stale_pages(made, output), len(made), "page", paths, output, " -f html")
                return
            written = write_pages(made, output)
        _echo(f"wrote {plural(len(written), 'file')} for {plural(len(made), 'page')} into {output}\n")
        return
    with _input_errors():
        from argmap.diagrams import diagrams, stale_diagrams, write_diagrams

        items = diagrams(paths, rankdir=rankdir.upper(), focus=focus, depth=depth,
                         max_bytes=max_bytes, evaluate=evaluate, full=full, overview_above=overview_above,
                         per_conclusion=per_conclusion, settings=config.rule_settings(config.enabled_codes()),
                         exclude=config.is_excluded, root=root)
        check_output_folder(output, _roots(paths, root))
        if check_only:
            _report_stale(stale_diagrams(items, output), len(items), "diagram", paths, output, "")
            return
        written = write_diagrams(items, output, fmt, timeout=timeout, engine=engine)
    _echo(f"wrote {plural(len(written), 'file')} for {plural(len(items), 'diagram')} into {output}\n")


def _report_stale(stale: list[str], count: int, what: str, paths: tuple[str, ...], output: str, extra: str) -> None:
    """Say which outputs of ``render --check`` are stale (exit 1), or that all ``count`` are up to date."""
    if stale:
        verb = "is" if len(stale) == 1 else "are"
        _echo("".join(f"{line}\n" for line in stale) + f"{len(stale)} of {plural(count, what)} {verb} stale;"
              f" run: argmap render {' '.join(paths)} -o {output}{extra}\n")
        sys.exit(1)
    _echo(f"{plural(count, what)} in {output} {'is' if count == 1 else 'are'} up to date\n")


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True,
              help="json: node-link; graphml; dot: the diagram; mermaid: the diagram as a Mermaid flowchart (for"
                   " Markdown); apx, i23: the attack framework for solvers; argdown: an Argdown document; aif: AIF"
                   " JSON (AIFdb, OVA).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@config_options
@max_bytes_option
@root_option
def export(map_path: str, fmt: str, output: str | None, config_file: str | None, isolated: bool, max_bytes: int,
           root: str | None) -> None:
    """Export one map's graph as node-link JSON, GraphML, DOT, Mermaid, APX, i23, Argdown or AIF.

    \b
    Example:
        argmap export maps/debate.yaml -f graphml -o debate.graphml
    """
    config = _config(config_file, isolated)
    settings = config.rule_settings(config.enabled_codes())  # the findings dot and mermaid draw, as render's
    with _input_errors():
        from argmap.export import export_bytes, export_map

        if output is None:
            text = export_map(map_path, fmt, max_bytes=max_bytes, root=root, settings=settings)
        else:
            check_output_folder(Path(output).parent, _roots((map_path,), root))
            data = export_bytes(map_path, fmt, max_bytes=max_bytes, root=root, settings=settings, output=output)
    if output is None:
        _echo(text, json_text=fmt in ("json", "apx", "aif"))
        return
    with _input_errors():
        if Path(output).is_dir():
            raise OutputError(f"{output} is a folder; give a file name")
        write_atomic(output, data)


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True,
              help="text for a terminal, markdown for a pull-request comment, json for tools.")
@click.option("--fail-on", multiple=True, type=click.Choice(DIFF_FAIL_ON),
              help="Exit 1 when the change adds an error finding, any finding, or flips a claim's label (repeat for several).")
@config_options
@max_bytes_option
def diff_command(old: str, new: str, paths: tuple[str, ...], fmt: str, fail_on: tuple[str, ...], config_file: str | None,
                 isolated: bool, max_bytes: int) -> None:
    """What a change does to the argument: claims, relations, grounded labels and findings, OLD to NEW.

    OLD and NEW are each a map file, a folder of maps, or a git revision (read with git into a
    temporary folder; the work tree is not touched). A revision is read at PATHS (after --), else at
    the other side's path, else at the configuration's paths, else maps/. Claims are matched by map
    and id: a renamed id is a removal and an addition.

    \b
    Example:
        argmap diff main HEAD -- maps/
        argmap diff origin/main maps --format markdown > comment.md
        argmap diff old.yaml new.yaml --fail-on label-flips
    """
    config = _config(config_file, isolated)
    with _input_errors():
        from argmap.diff import diff_specs, format_diff

        result = diff_specs(old, new, paths, default_paths=_paths((), config, here=False), max_bytes=max_bytes,
                            settings=config.rule_settings(config.enabled_codes()), exclude=config.is_excluded)
    _echo(format_diff(result, fmt), json_text=fmt == "json")
    sys.exit(1 if result.failed(fail_on) else 0)


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path())
@click.option("--semantics", type=click.Choice(SEMANTICS), default="grounded", show_default=True,
              help="grounded: what survives every attack; preferred: every maximal defensible position;"
                   " gradual: a strength from 0 to 1 for each claim, from the weights (DF-QuAD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--explain", "explain_claim", metavar="CLAIM",
              help="Say why this claim has its grounded label, and what the other side must defeat to change it"
                   " (with --semantics gradual: how its strength is reached; not with --semantics preferred).")
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
              help="aif: AIF JSON (AIFdb, OVA); argdown: what `argdown json` writes; kialo: Kialo's text export;"
                   " apx: ASPARTIX arg(a). att(a,b). facts; i23: ICCMA 2023 'p af N' and 'i j' lines."
                   "  [default: from the extension (.apx, .i23, .af), else from the content]")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the map to this new .yaml file (never over an existing one) instead of stdout; an AIF"
                   " nodeset's source text (NAME.txt beside it) goes to sources/ beside the map.")
@max_bytes_option
def import_command(source: str, fmt: str | None, output: str | None, max_bytes: int) -> None:
    """Read an argument map or framework of another tool as an argmap map.

    AIFdb's and OVA's AIF, Argdown and Kialo keep their claims, supports, attacks and linked
    arguments; solver frameworks become assumptions and attacks. The map's header comment says
    where it came from, how it was mapped and what was dropped, counted.

    \b
    Example:
        argmap import nodeset6064.json -o maps/nodeset6064.yaml
        argmap import -f kialo debate.txt -o maps/debate.yaml
        argmap check maps/debate.yaml
    """
    with _input_errors():
        from argmap.importing import check_output, import_map

        if output is not None:
            check_output(output)
        made = import_map(source, fmt, output=output, max_bytes=max_bytes)
        if output is None:
            _echo(made.yaml)
            return
        if made.source_name is not None and made.source_text is not None:
            beside = Path(output).parent / made.source_name
            write_atomic(beside, made.source_text.encode("utf-8"), new=True)
            try:
                write_atomic(output, made.yaml.encode("utf-8"), new=True)
            except BaseException:
                beside.unlink(missing_ok=True)
                raise
        else:
            write_atomic(output, made.yaml.encode("utf-8"), new=True)
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


@main.command("config")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@config_options
def config_command(fmt: str, config_file: str | None, isolated: bool) -> None:
    """Show the configuration in force: which file applies, and every setting after argmap's defaults.

    The file is [tool.argmap] in pyproject.toml, argmap.toml or .argmap.toml, the first found from
    this folder up to the top of the git repository. See docs/configuration.md.
    """
    import json

    settings = settings_in_force(_config(config_file, isolated))
    _echo(json.dumps(settings, indent=2) + "\n" if fmt == "json" else format_settings(settings), json_text=fmt == "json")


@main.command("new")
@click.argument("source", metavar="SOURCE", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, metavar="MAP",
              help="The map to write (maps/NAME.yaml); never over an existing file.")
@click.option("--title", help="The map's title [default: the source's first line when it is short, else its file name].")
@max_bytes_option
def new_command(source: str, output: str, title: str | None, max_bytes: int) -> None:
    """Start a map of SOURCE (a text file): its title and source, a conclusion to write, the four kinds
    explained, and the source's paragraphs as sections to fill in; the first line points editors at the
    JSON Schema of the format (written to schema/map.schema.json at the repository's top if missing).

    \b
    Example:
        argmap new sources/op-ed.txt -o maps/op-ed.yaml
    """
    with _input_errors():
        from argmap.starter import write_starter

        started = write_starter(source, output, max_bytes=max_bytes, title=title)
    also = f" and {os.path.relpath(started.schema_path)} (the schema editors use)" if started.schema_path else ""
    _echo(f"wrote {started.map_path}{also}: {plural(started.paragraphs, 'paragraph')} of {source} as sections to fill in;"
          f" then run: argmap check {started.map_path}\n")


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the map format (what schema/map.schema.json holds), for editors and tools.

    \b
    Example:
        argmap schema > schema/map.schema.json
    """
    from argmap.schema import schema_text

    _echo(schema_text())


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List the rules: code, name, severity and what each checks; then the four kinds of claim, what
    each means and how it decides verdicts."""
    if fmt == "markdown":
        _echo(rule_table())
    else:
        kinds = "".join(f"  {kind:<10}  {KIND_MEANINGS[kind]}\n" for kind in KINDS)
        _echo("".join(f"{rule.code} {rule.name} ({rule.severity}): {rule.summary}\n" for rule in RULES)
              + "\nKinds of claim (kind:), and how each decides verdicts:\n" + kinds)


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


def _on_signal(signum: int, frame: object) -> None:
    if deferring(signum):  # starting or ending Graphviz: delivered again in a moment
        return
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def run(argv: list[str] | None = None) -> NoReturn:
    """Entry point: click's own handling, plus Ctrl-C (exit 130) and a closed stdout without tracebacks."""
    # One command's objects live until it exits and form no reference cycles worth collecting: the
    # cyclic collector's passes over a large map's millions of objects free nothing (with it, a check
    # of 50,000 hand-written claims takes 4.0 s CPU instead of 2.1 s).
    gc.disable()
    global _left_to_exit
    _left_to_exit = []
    # SIGTERM (a CI job cancelled, a timeout) unwinds like Ctrl-C: Graphviz is killed, temporary files
    # are removed, and the outputs are as they were.
    # SIGHUP (the terminal closed) likewise. A signal the caller ignores (nohup) stays ignored.
    for name, usual in (("SIGINT", signal.default_int_handler), ("SIGTERM", signal.SIG_DFL), ("SIGHUP", signal.SIG_DFL)):
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is usual:
            signal.signal(getattr(signal, name), _on_signal)
    try:
        code = exit_status(argv)
    except Exception as error:  # a bug of argmap's: one line, not a traceback, and not exit 1 (findings)
        if os.environ.get("ARGMAP_TRACEBACK"):
            raise
        detail = escape_controls(" ".join(f"{type(error).__name__}: {error}".split()))[:300]
        click.echo(f"Error: argmap failed on this input ({detail}); please report it with the command and the files"
                   " (ARGMAP_TRACEBACK=1 shows where)", err=True)
        code = 2
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
    except click.exceptions.NoArgsIsHelpError as error:  # `argmap` alone: the help
        error.show()
        return error.exit_code
    except click.UsageError as error:  # one line, as every other bad input (click prints four)
        command = error.ctx.command_path if error.ctx is not None else "argmap"
        message = " ".join(error.format_message().split())
        click.echo(f"Error: {escape_controls(message)} (see '{command} --help')", err=True)
        return error.exit_code
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
