r"""The configuration file: ``[tool.argmap]`` in ``pyproject.toml``, or ``argmap.toml`` / ``.argmap.toml``.

A repository says once which maps it checks, which rules run, which files get which exceptions and
where its diagrams go. :func:`find_config` walks up from a folder to the first configuration file
(stopping at the top of a git repository); :func:`load_config` reads and validates one. Every mistake
in the file is a :class:`~argmap.model.MapError` with the file and line, and what to write instead.

>>> config = parse_config('select = ["AM1"]\nignore = ["AM103"]\n', "argmap.toml")
>>> sorted(config.enabled_codes())
['AM101', 'AM102', 'AM104', 'AM105']
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from argmap.check import SEVERITIES, RuleSettings
from argmap.model import MapError, Position
from argmap.root import find_root
from argmap.rules import RULES, RULES_BY_CODE


def _toml() -> ModuleType:
    """The TOML reader, imported only when there is a file to read (a few milliseconds on every run otherwise)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib
        except ModuleNotFoundError:
            raise MapError("reading a configuration file on Python 3.10 needs the tomli package; pip install tomli") from None
    return tomllib

CONFIG_FILES = (".argmap.toml", "argmap.toml", "pyproject.toml")  # looked for in this order in each folder
RENDER_FORMATS = ("svg", "png", "pdf", "dot", "html")  # argmap.dot.FORMATS, and the viewer's page
RANKDIRS = ("TB", "LR", "BT", "RL")  # argmap.dot.RANKDIRS
TOP_KEYS = ("paths", "exclude", "select", "extend-select", "ignore", "per-file-ignores", "severity", "strict", "render")
RENDER_KEYS = ("output", "format", "rankdir", "overview-above")


@dataclass(frozen=True)
class RenderDefaults:
    """``[render]``: what ``argmap render`` does when its options are not given."""

    output: str | None = None  # a folder, relative to the configuration file's folder
    format: str | None = None
    rankdir: str | None = None
    overview_above: int | None = None


@dataclass(frozen=True)
class Config:
    """A configuration, as read from ``path`` (``None``: no file, argmap's defaults).

    Paths and patterns in the file are relative to ``root``, the folder the file is in.
    """

    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    paths: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    strict: bool | None = None
    render: RenderDefaults = RenderDefaults()

    def enabled_codes(self, *, select: Iterable[str] | None = None, extend_select: Iterable[str] = (),
                      ignore: Iterable[str] = ()) -> frozenset[str]:
        """The rules that run, with the command line's selection over the file's.

        ``select`` given on the command line replaces the file's whole selection (its ``select``,
        ``extend-select`` and ``ignore``); ``extend_select`` and ``ignore`` given there are added to
        the file's, and a rule the command line selects by name runs even if the file ignores it.
        """
        if select is not None:
            chosen, extra, dropped = expand_codes(select), expand_codes(extend_select), expand_codes(ignore)
            return (chosen | extra) - dropped
        chosen = expand_codes(self.select) if self.select is not None else frozenset(RULES_BY_CODE)
        extra = expand_codes(extend_select)
        dropped = expand_codes(self.ignore) - extra
        return ((chosen | expand_codes(self.extend_select)) - dropped | extra) - expand_codes(ignore)

    def rule_settings(self, enabled: frozenset[str]) -> RuleSettings:
        """What ``argmap.check`` needs: which rules are off, the severities, the per-file ignores."""
        return RuleSettings(
            disabled=frozenset(RULES_BY_CODE) - enabled,
            severity=dict(self.severity),
            file_ignores=self._file_ignores if self.per_file_ignores else None,
        )

    def _file_ignores(self, path: str) -> frozenset[str]:
        relative = self.relative(path)
        if relative is None:
            return frozenset()
        return frozenset().union(*(codes for pattern, codes in self._patterns if pattern.search(relative)))

    @cached_property
    def _patterns(self) -> list[tuple[re.Pattern[str], frozenset[str]]]:
        return [(glob_pattern(glob), codes) for glob, codes in self.per_file_ignores]

    @cached_property
    def _excluded(self) -> list[re.Pattern[str]]:
        return [glob_pattern(glob) for glob in self.exclude]

    def relative(self, path: str | os.PathLike[str]) -> str | None:
        """``path`` relative to the configuration's folder, with ``/``; ``None`` when it is outside."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return None

    def is_excluded(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``exclude`` leaves out the map file ``path`` when a folder is expanded."""
        relative = self.relative(path)
        return relative is not None and any(pattern.search(relative) for pattern in self._excluded)

    def shown(self, path: str) -> str:
        """A path of the file (relative to ``root``) as the command line shows it: relative to the current folder."""
        absolute = os.path.normpath(os.path.join(self.root, path))
        try:
            return os.path.relpath(absolute)
        except ValueError:  # another drive (Windows)
            return absolute


def settings_in_force(config: Config) -> dict[str, Any]:
    """Every setting as it applies (the file's over argmap's defaults), for ``argmap config``."""
    enabled = config.enabled_codes()
    render = config.render
    return {
        "file": config.path,
        "root": str(config.root),
        "paths": list(config.paths) if config.paths is not None else ["maps"],
        "exclude": list(config.exclude),
        "rules": sorted(enabled),
        "not-run": sorted(set(RULES_BY_CODE) - enabled),
        "per-file-ignores": {pattern: sorted(codes) for pattern, codes in config.per_file_ignores},
        "severity": {code: config.severity[code] for code in sorted(config.severity)},
        "strict": bool(config.strict),
        "render": {"output": render.output or "render", "format": render.format or "svg",
                   "rankdir": render.rankdir or "LR", "overview-above": render.overview_above or 150},
    }


def format_settings(settings: Mapping[str, Any]) -> str:
    """``settings_in_force`` for a terminal."""
    def listed(values: Iterable[object]) -> str:
        return ", ".join(map(str, values)) or "(none)"

    render = settings["render"]
    lines = [
        f"configuration: {settings['file'] + ' (paths relative to its folder)' if settings['file'] else 'none (argmap defaults)'}",
        f"paths: {listed(settings['paths'])}",
        f"exclude: {listed(settings['exclude'])}",
        f"rules: {listed(settings['rules'])}",
        f"not run: {listed(settings['not-run'])}",
        "per-file-ignores:" + ("".join(f"\n  {pattern}: {listed(codes)}"
                                        for pattern, codes in settings["per-file-ignores"].items())
                               or " (none)"),
        "severity: " + listed([f"{code} {level}" for code, level in settings["severity"].items()]),
        f"strict: {'yes' if settings['strict'] else 'no'}",
        "render: " + ", ".join(f"{key} {value}" for key, value in render.items()),
    ]
    return "\n".join(lines) + "\n"


def expand_codes(selectors: Iterable[str] | None) -> frozenset[str]:
    """Rule codes for selectors: a code (``AM103``), a prefix (``AM1``, ``AM``), ``ALL``, or a rule name."""
    codes: set[str] = set()
    for selector in selectors or ():
        codes |= _codes_of(selector)
    return frozenset(codes)


def _codes_of(selector: str) -> frozenset[str]:
    value = selector.strip()
    if value.upper() == "ALL":
        return frozenset(RULES_BY_CODE)
    by_name = [rule.code for rule in RULES if rule.name == value.lower()]
    if by_name:
        return frozenset(by_name)
    prefixed = [code for code in RULES_BY_CODE if code.startswith(value.upper())] if re.fullmatch(r"AM\d{0,3}", value.upper()) else []
    if not prefixed:
        raise ValueError(value)
    return frozenset(prefixed)


def glob_pattern(glob: str) -> re.Pattern[str]:
    """A path pattern as a regular expression over a ``/``-separated relative path.

    ``*`` and ``?`` match within one folder name, ``**`` any number of folders, ``[abc]`` one of the
    characters. A pattern without ``/`` matches a name in any folder (``draft-*.yaml``); a pattern
    that matches a folder matches everything in it (``maps/legacy`` or ``maps/legacy/``).
    """
    text = glob.strip().replace("\\", "/")
    anchored = "/" in text.rstrip("/")
    text = text.strip("/")
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if text.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if text.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and "]" in text[i + 2:]:
            end = text.index("]", i + 2)
            inner = text[i + 1:end]
            out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner).replace("\\", "\\\\") + "]")
            i = end + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    return re.compile(("^" if anchored else "(?:^|/)") + body + "(?:/|$)")


# ------------------------------------------------------------------------------------------ finding


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration file that applies in folder ``start`` (default: the current folder), if any.

    In each folder from ``start`` up, the first of ``.argmap.toml``, ``argmap.toml`` and a
    ``pyproject.toml`` with a ``[tool.argmap]`` table; the search stops after the top folder of a git
    repository (one holding ``.git``), so a file outside the repository never applies to it.
    """
    folder = Path(os.path.abspath(start if start is not None else os.getcwd()))
    for current in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = current / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_argmap_table(candidate)):
                return candidate
        if (current / ".git").exists():
            return None
    return None


def _has_argmap_table(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return b"argmap" in data  # it means to configure argmap: that it is not UTF-8 is reported when it is read
    if "argmap" not in text:  # a cheap look before parsing: a pyproject.toml that never names argmap is not ours
        return False
    tomllib = _toml()
    try:
        return isinstance(tomllib.loads(text).get("tool", {}).get("argmap"), dict)
    except tomllib.TOMLDecodeError:
        return True  # it means to configure argmap: its syntax error is reported when it is read


def load_config(path: str | os.PathLike[str] | None = None, *, isolated: bool = False,
                start: str | os.PathLike[str] | None = None) -> Config:
    """The configuration in force: file ``path`` if given, else the one :func:`find_config` finds.

    ``isolated`` ignores every configuration file (argmap's defaults).
    """
    if isolated:
        return Config(root=Path.cwd())
    found = Path(path) if path is not None else find_config(start)
    if found is None:
        return Config(root=Path.cwd())
    shown = str(path) if path is not None else _shown_path(found)
    try:
        text = found.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise MapError("no such configuration file", path=shown) from None
    except IsADirectoryError:
        raise MapError("is a folder; give the configuration file", path=shown) from None
    except OSError as error:
        raise MapError(f"cannot read the configuration file ({error.strerror})", path=shown) from None
    except UnicodeDecodeError:
        raise MapError("is not UTF-8 text; save the configuration file as UTF-8", path=shown) from None
    return parse_config(text, shown, pyproject=found.name == "pyproject.toml", root=found.parent)


def _shown_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


# ------------------------------------------------------------------------------------------ reading


class _Lines:
    """Where a key or value is written in a TOML text, for messages (tomllib gives no positions)."""

    # Compiled when a file is read, not on every run (the two cost 5 ms to compile).
    HEADER = r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$"
    KEY = r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""

    def __init__(self, text: str, path: str):
        header_pattern, key_pattern = re.compile(self.HEADER), re.compile(self.KEY)
        self.path = path
        self.keys: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            header = header_pattern.match(line)
            if header:
                table = self._split(header.group(1))
                self.keys.setdefault(table, number)
                continue
            key = key_pattern.match(line)
            if key:
                self.keys.setdefault((*table, *self._split(key.group(1))), number)
        self.lines = text.splitlines()

    @staticmethod
    def _split(dotted: str) -> tuple[str, ...]:
        parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted)
        return tuple(part[1:-1] if part[:1] in "\"'" else part for part in parts)

    def line(self, key: tuple[str, ...], value: str | None = None) -> int:
        """The line of ``key`` (or of its nearest table written), or of ``value`` written after it."""
        for end in range(len(key), 0, -1):
            if key[:end] in self.keys:
                number = self.keys[key[:end]]
                if value is not None and end == len(key):
                    for offset, text in enumerate(self.lines[number - 1:number + 200]):
                        if f'"{value}"' in text or f"'{value}'" in text:
                            return number + offset
                return number
        return 1



class ConfigError(MapError):
    """A configuration argmap cannot use: ``file:line: what to fix`` (TOML has no useful column to give)."""

    def __init__(self, message: str, path: str, line: int):
        super().__init__(message, Position(path, line, 0))

    def __str__(self) -> str:
        assert self.position is not None
        return f"{self.position.path}:{self.position.line}: {self.message}"


def parse_config(text: str, path: str, *, pyproject: bool = False, root: str | os.PathLike[str] | None = None) -> Config:
    """Read configuration text; ``path`` names it in messages. In a ``pyproject.toml``, ``[tool.argmap]``."""
    tomllib = _toml()
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line = int(where.group(1)) if where else len(text.splitlines()) or 1  # else: at the end of the document
        what = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", str(error))
        raise ConfigError(f"this is not valid TOML ({what[:1].lower()}{what[1:]}); correct the syntax", path, line) from None
    lines = _Lines(text, path)
    base: tuple[str, ...] = ("tool", "argmap") if pyproject else ()
    table = document.get("tool", {}).get("argmap", {}) if pyproject else document
    reader = _Reader(lines, base)
    if not isinstance(table, dict):
        raise reader.fail((), "[tool.argmap] must be a table of settings")
    return reader.read(table, Path(os.path.abspath(root)) if root is not None else Path(os.path.abspath(path)).parent)


class _Reader:
    def __init__(self, lines: _Lines, base: tuple[str, ...]):
        self.lines = lines
        self.base = base

    def fail(self, key: tuple[str, ...], message: str, value: str | None = None) -> ConfigError:
        return ConfigError(message, self.lines.path, self.lines.line((*self.base, *key), value))

    def where(self, key: tuple[str, ...]) -> str:
        return "[" + ".".join((*self.base, *key)) + "]" if key or self.base else "the top level"

    def known(self, table: dict, key: tuple[str, ...], allowed: tuple[str, ...]) -> None:
        for name in table:
            if name not in allowed:
                hint = _close(name, allowed)
                raise self.fail((*key, name), f"unknown setting '{name}' in {self.where(key)}"
                                + (f"; did you mean '{hint}'?" if hint else f"; expected one of: {', '.join(allowed)}"))

    def strings(self, table: dict, key: str, *, within: tuple[str, ...] = ()) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail((*within, key), f"'{key}' must be a list of strings, like {key} = [\"...\"]")
        return tuple(value)

    def codes(self, table: dict, key: str, *, within: tuple[str, ...] = ()) -> tuple[str, ...] | None:
        values = self.strings(table, key, within=within)
        for value in values or ():
            try:
                _codes_of(value)
            except ValueError:
                raise self.fail((*within, key), f"unknown rule '{value}' in '{key}'; give a code (AM103), a prefix"
                                f" (AM1), ALL or a rule name; see `argmap rules`", value) from None
        return values

    def read(self, table: dict, root: Path) -> Config:
        self.known(table, (), TOP_KEYS)
        per_file: list[tuple[str, frozenset[str]]] = []
        files = table.get("per-file-ignores", {})
        if not isinstance(files, dict):
            raise self.fail(("per-file-ignores",), "'per-file-ignores' must be a table of \"pattern\" = [\"CODE\", ...]")
        for pattern in files:
            codes = self.codes(files, pattern, within=("per-file-ignores",)) or ()
            self.pattern(pattern, ("per-file-ignores", pattern))
            per_file.append((pattern, expand_codes(codes)))
        severity: dict[str, str] = {}
        given = table.get("severity", {})
        if not isinstance(given, dict):
            raise self.fail(("severity",), "'severity' must be a table of CODE = \"error\" or \"warning\"")
        chosen: list[tuple[frozenset[str], str]] = []
        for selector, level in given.items():
            try:
                codes = _codes_of(selector)
            except ValueError:
                raise self.fail(("severity", selector), f"unknown rule '{selector}' in [severity]; see `argmap rules`") from None
            if level not in SEVERITIES:
                raise self.fail(("severity", selector), f"the severity of '{selector}' must be \"error\" or \"warning\", not {level!r}")
            chosen.append((codes, level))
        # The narrower selector wins, whatever the order (AM203 over AM2, AM2 over ALL); then the later.
        for codes, level in sorted(chosen, key=lambda item: -len(item[0])):
            severity.update(dict.fromkeys(sorted(codes), level))
        strict = table.get("strict")
        if strict is not None and not isinstance(strict, bool):
            raise self.fail(("strict",), "'strict' must be true or false")
        exclude = self.strings(table, "exclude") or ()
        for glob in exclude:
            self.pattern(glob, ("exclude",), glob)
        paths = self.strings(table, "paths")
        for path in paths or ():
            self.inside(root, path, ("paths",))
        render = self.render(table.get("render", {}))
        if render.output is not None:
            self.inside(root, render.output, ("render", "output"))
        return Config(
            path=self.lines.path, root=root,
            paths=paths, exclude=exclude,
            select=self.codes(table, "select"), extend_select=self.codes(table, "extend-select") or (),
            ignore=self.codes(table, "ignore") or (), per_file_ignores=tuple(per_file), severity=severity,
            strict=strict, render=render,
        )

    def pattern(self, glob: str, key: tuple[str, ...], value: str | None = None) -> None:
        try:
            glob_pattern(glob)
        except re.error as error:
            raise self.fail(key, f"bad pattern '{glob}' ({error}); write a path with *, ** and [abc]", value) from None

    def inside(self, root: Path, path: str, key: tuple[str, ...]) -> None:
        """Refuse a path of the file that leads out of its repository (links followed): a pull request's
        configuration must not make argmap read, or write, anything outside the repository."""
        top = find_root(root).real
        target = Path(os.path.realpath(root / path))
        if target != top and top not in target.parents:
            raise self.fail(key, f"'{path}' lies outside the repository ({top}); a configuration names folders inside it", path)

    def render(self, table: object) -> RenderDefaults:
        if not isinstance(table, dict):
            raise self.fail(("render",), "'render' must be a table: [render] in argmap.toml, [tool.argmap.render] in pyproject.toml")
        self.known(table, ("render",), RENDER_KEYS)
        output = table.get("output")
        if output is not None and (not isinstance(output, str) or not output.strip()):
            raise self.fail(("render", "output"), "'output' must be the name of a folder, like output = \"render\"")
        fmt = table.get("format")
        if fmt is not None and fmt not in RENDER_FORMATS:
            raise self.fail(("render", "format"), f"'format' must be one of {', '.join(RENDER_FORMATS)}, not {fmt!r}")
        rankdir = table.get("rankdir")
        if rankdir is not None and (not isinstance(rankdir, str) or rankdir.upper() not in RANKDIRS):
            raise self.fail(("render", "rankdir"), f"'rankdir' must be one of {', '.join(RANKDIRS)}, not {rankdir!r}")
        above = table.get("overview-above")
        if above is not None and (isinstance(above, bool) or not isinstance(above, int) or above < 1):
            raise self.fail(("render", "overview-above"), "'overview-above' must be a whole number of claims, 1 or more")
        return RenderDefaults(output=output, format=fmt, rankdir=rankdir.upper() if rankdir else None, overview_above=above)


def _close(name: str, allowed: tuple[str, ...]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name.replace("_", "-"), allowed, n=1, cutoff=0.6)
    return found[0] if found else None
