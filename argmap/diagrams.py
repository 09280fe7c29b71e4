"""Render maps into a folder of diagrams, and tell whether the committed diagrams are current."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from argmap.analysis import grounded_labelling
from argmap.check import RuleSettings, findings_in_scope
from argmap.dot import DEFAULT_TIMEOUT, RenderError, dot_text, layout, resolve_focus, to_dot
from argmap.files import output_path, write_all_atomic
from argmap.graph import diagram_nodes, local_id
from argmap.load import DEFAULT_MAX_BYTES, load_map_set
from argmap.model import ArgMap, MapError
from argmap.overview import DEFAULT_THRESHOLD, below, overview, steps_below
from argmap.root import NotRegular, TooLarge, read_regular


@dataclass(frozen=True)
class Diagram:
    """One diagram to write: its base file name (no suffix) and its DOT text."""

    name: str
    dot: str
    map: str = ""  # the name of the map it draws
    of: str = ""  # what it draws, for messages: "map 'a' (maps/a.yaml)"


def diagrams(
    paths: Iterable[str],
    *,
    rankdir: str = "LR",
    focus: str | None = None,
    depth: int = 2,
    max_bytes: int = DEFAULT_MAX_BYTES,
    root: str | None = None,
    evaluate: bool = False,
    full: bool = False,
    overview_above: int = DEFAULT_THRESHOLD,
    per_conclusion: bool = False,
    settings: RuleSettings | None = None,
    exclude: Callable[[Path], bool] | None = None,
) -> list[Diagram]:
    """The DOT diagram of every map at ``paths`` (with the findings of ``argmap check`` drawn on it).

    A map of more than ``overview_above`` claims is drawn as an overview (see ``argmap.overview``)
    unless ``full``. With ``per_conclusion``, each conclusion also gets a diagram of its own,
    ``<map>.<conclusion>``, of what lies below it (folded past ``depth`` steps). With ``focus``, only
    the maps whose diagram shows that claim, each cut down to its neighbourhood and named
    ``<map>.<claim>``. With ``evaluate``, nodes are coloured by their grounded label and the
    diagrams are named ``<map>.grounded`` (so they sit beside the plain ones). ``settings`` and
    ``exclude`` are a repository's configuration, as ``argmap check`` applies them.
    """
    loaded = load_map_set(paths, max_bytes=max_bytes, root=root, exclude=exclude)
    out = []
    for argmap in loaded.maps:
        maps, findings = findings_in_scope(loaded, argmap.name, settings=settings)
        G = maps.graph
        labels = grounded_labelling(G) if evaluate else None
        suffix = ".grounded" if evaluate else ""
        shown = " with --evaluate" if evaluate else ""
        draw = partial(to_dot, maps, argmap.name, findings, rankdir=rankdir, labels=labels)
        if focus is not None:
            node = resolve_focus(maps, argmap.name, focus)
            if node is not None:
                graph = draw(focus=node, depth=depth)
                out.append(Diagram(f"{argmap.name}.{local_id(node)}{suffix}", dot_text(graph), argmap.name,
                                   f"claim '{local_id(node)}' of map '{argmap.name}' ({argmap.path}){shown}"))
            continue
        nodes, _ = diagram_nodes(maps, argmap.name)
        claims = sum(1 for n in nodes if G.nodes[n]["kind"] != "argument")
        folded = None if full or claims <= overview_above else overview(G, nodes)
        out.append(Diagram(argmap.name + suffix, dot_text(draw(folded=folded)), argmap.name,
                           f"map '{argmap.name}' ({argmap.path}){shown}"))
        if per_conclusion:
            steps = steps_below(G)
            for c in (n for n in nodes if G.nodes[n]["kind"] == "conclusion" and G.nodes[n]["map"] == argmap.name):
                part = overview(G, below(G, c, nodes, steps), depth=depth, roots=[c], steps=steps)
                graph = draw(folded=part, subtitle=f"what '{local_id(c)}' rests on and what attacks it")
                out.append(Diagram(f"{argmap.name}.{local_id(c)}{suffix}", dot_text(graph), argmap.name,
                                   f"conclusion '{local_id(c)}' of map '{argmap.name}' ({argmap.path}){shown}"))
    if focus is not None and not out:
        raise MapError(f"no map here has a claim '{focus}' to focus on")
    _check_names(out, loaded.maps)
    return out


MAX_NAME_BYTES = 255  # a file name, on Linux, macOS and Windows alike


def _check_names(items: list[Diagram], maps: Iterable[ArgMap]) -> None:
    """Refuse diagrams whose files would overwrite each other, in this render or in one with other options.

    Map ``a.b`` and conclusion ``b`` of map ``a`` (drawn with ``--per-conclusion``, or any claim
    ``b`` with ``--focus b``) are both ``a.b.*``; map ``x.grounded`` and map ``x`` drawn with
    ``--evaluate`` are both ``x.grounded.*``.
    """
    made: dict[str, Diagram] = {}
    for item in items:
        if len(f"{item.name}.grounded.html".encode()) > MAX_NAME_BYTES:
            raise MapError(f"{item.of} would be drawn as {item.name[:40]}...*, a file name longer than a file system"
                           f" takes ({MAX_NAME_BYTES} bytes); give it a shorter id")
        if item.name in made:
            raise MapError(f"{made[item.name].of} and {item.of} would both be drawn as {item.name}.*, one overwriting"
                           " the other; rename one")
        made[item.name] = item
    possible: dict[str, list[tuple[str, str]]] = {}  # file name -> (map, what) for every diagram a map can have
    for argmap in maps:
        named = [(argmap.name, f"map '{argmap.name}' ({argmap.path})")]
        named += [(f"{argmap.name}.{c.id}", f"{'conclusion' if c.kind == 'conclusion' else 'claim'} '{c.id}' of map"
                                            f" '{argmap.name}' ({argmap.path})") for c in argmap.claims]
        for name, what in named:
            possible.setdefault(name, []).append((argmap.name, what))
            possible.setdefault(f"{name}.grounded", []).append((argmap.name, f"{what} with --evaluate"))
    for item in items:
        for owner, what in possible.get(item.name, []):
            if owner != item.map:
                raise MapError(f"{item.of} and {what} can both be drawn as {item.name}.* (see --per-conclusion, --focus"
                               " and --evaluate), one overwriting the other; rename one")


def write_diagrams(
    items: Iterable[Diagram], folder: str, fmt: str = "svg", *, timeout: float = DEFAULT_TIMEOUT, engine: str = "dot"
) -> list[Path]:
    """Write ``<name>.dot`` (and ``<name>.<fmt>`` laid out by Graphviz) for each diagram into ``folder``.

    Every layout is made before anything is written, so a Graphviz failure leaves the folder as it
    was; each file is replaced atomically.
    """
    files: list[tuple[Path, bytes]] = []
    for item in items:
        files.append((output_path(folder, f"{item.name}.dot"), item.dot.encode("utf-8")))
        if fmt != "dot":
            try:
                laid_out = layout(item.dot, fmt, timeout=timeout, engine=engine)
            except RenderError as error:  # which of the many diagrams (--per-conclusion draws hundreds)
                raise RenderError(f"{item.name}.{fmt}, {item.of}: {error}") from None
            files.append((output_path(folder, f"{item.name}.{fmt}"), laid_out))
    write_all_atomic(files)
    return [path for path, _ in files]


def stale_diagrams(items: Iterable[Diagram], folder: str) -> list[str]:
    """What is out of date in ``folder``: one line per ``.dot`` file that is missing or differs."""
    return stale_files((output_path(folder, f"{item.name}.dot"), item.dot.encode("utf-8")) for item in items)


def stale_files(files: Iterable[tuple[Path, bytes]]) -> list[str]:
    """One line per file of ``(path, the bytes it should hold)`` that is missing or holds anything else."""
    stale = []
    for path, expected in files:
        try:
            current = read_regular(path, len(expected))
        except FileNotFoundError:
            stale.append(f"{path}: missing")
            continue
        except TooLarge:
            stale.append(f"{path}: out of date")
            continue
        except NotRegular as kind:
            stale.append(f"{path}: is {kind.kind}, not an output of argmap")
            continue
        except OSError as error:
            stale.append(f"{path}: cannot be read ({error.strerror})")
            continue
        if current != expected:
            stale.append(f"{path}: out of date")
    return stale
