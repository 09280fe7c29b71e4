"""Read map files (YAML) into the model, with a position on everything and a clear error for bad input.

A map in the plain layout is read line by line (``plain_layout``); any other, and every map with an
error, is read as PyYAML's C parser sees it (``yaml_tree``) and the node tree turned into the model
here, with a message for every way it can be wrong.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.model import (
    ARGUMENT_KEYS,
    CLAIM_KEYS,
    EXTENSION_KEYS,
    ID_PATTERN,
    KINDS,
    LABELS,
    MAP_NAME_PATTERN,
    RELATION_TYPES,
    RULE_CODE_PATTERN,
    TOP_KEYS,
    ArgMap,
    Argument,
    Claim,
    Expectation,
    Extension,
    MapError,
    MapSet,
    Position,
    Relation,
)
from argmap.plain_layout import NULL_WORDS, read_plain_layout
from argmap.root import InsideGit, NotRegular, OutsideRoot, Root, TooLarge, find_root, read_regular

if TYPE_CHECKING:
    from argmap.yaml_tree import Node

MAP_SUFFIXES = (".yaml", ".yml")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def decode_map_text(data: bytes, path: str) -> str:
    """Decode a map file's bytes as UTF-8 (an optional byte-order mark is dropped)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MapError("file is UTF-16; save it as UTF-8", Position(path, 1, 1))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # Error positions count lines as YAML does (yaml_tree), which is imported only for an error.
    nul = data.find(b"\0")
    if nul >= 0:
        from argmap.yaml_tree import offset_position

        before = data[:nul].decode("utf-8", "replace")
        raise MapError("binary data (a NUL byte); a map must be a UTF-8 text file", offset_position(path, before, len(before)))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        from argmap.yaml_tree import offset_position

        good = data[: error.start].decode("utf-8")
        raise MapError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8", offset_position(path, good, len(good))
        ) from None


def _describe(node: Node) -> str:
    if node.is_null:
        return "nothing"
    return {"map": "a mapping", "seq": "a list", "scalar": "text"}[node.kind]


def _text(node: Node, what: str, *, required: bool = True) -> str | None:
    if node.is_null:
        if required:
            raise MapError(f"{what} is empty; write some text", node.position)
        return None
    if node.kind != "scalar":
        raise MapError(f"{what} must be text, not {_describe(node)}", node.position)
    value = str(node.value)
    if required and not value.strip():
        raise MapError(f"{what} is empty; write some text", node.position)
    return value


def _mapping(node: Node, what: str) -> list[tuple[Node, Node]]:
    if node.kind != "map":
        raise MapError(f"{what} must be a mapping, not {_describe(node)}", node.position)
    return node.value  # type: ignore[return-value]


def _text_list(node: Node, what: str, example: str) -> list[tuple[str, Position]]:
    if node.is_null:
        return []
    if node.kind != "seq":
        raise MapError(f"{what} must be a list, e.g. {example}", node.position)
    out = []
    for item in node.value:  # type: ignore[union-attr]
        value = _text(item, f"an item of {what}")
        out.append((value, item.position))
    return out


def _check_keys(pairs: list[tuple[Node, Node]], allowed: tuple[str, ...], what: str) -> None:
    for key, _ in pairs:
        if key.value not in allowed:
            raise MapError(f"unknown key '{key.value}' in {what}; expected one of: {', '.join(allowed)}", key.position)


def _check_reference(value: str, position: Position, what: str) -> str:
    map_name, _, local = value.rpartition("#")
    if (map_name and not MAP_NAME_PATTERN.match(map_name)) or not ID_PATTERN.match(local):
        raise MapError(
            f"bad reference '{value}' in {what}; write a claim id (lowercase letters, digits, '-') or map-name#id",
            position,
        )
    return value


def _relations(pairs: list[tuple[Node, Node]], source: str, what: str) -> tuple[Relation, ...]:
    relations = []
    for key, value in pairs:
        rel_type = key.value
        if rel_type not in RELATION_TYPES:
            continue
        if value.kind != "seq":
            _text_list(value, f"'{rel_type}' of {what}", f"{rel_type}: [other-claim]")  # nothing, or the error
            continue
        for item in value.value:  # type: ignore[union-attr]
            target = item.value
            # Most targets are plain local ids: those need no message made in advance.
            if item.kind != "scalar" or not ID_PATTERN.match(target) or (item.plain and target in NULL_WORDS):  # type: ignore[arg-type]
                target = _text(item, f"an item of '{rel_type}' of {what}")
                _check_reference(target, item.position, what)  # type: ignore[arg-type]
            relations.append(Relation(rel_type, source, target, Position(item.path, item.line, item.column)))  # type: ignore[arg-type]
    return tuple(relations)


def _field(fields: dict[str, Node], key: str, what: str, *, required: bool = True) -> str | None:
    """The text of ``fields[key]`` (as ``_text`` gives it), with the message made only for an error."""
    node = fields[key]
    value = node.value
    if node.kind == "scalar" and value and not value.isspace() and not (node.plain and value in NULL_WORDS):  # type: ignore[union-attr]
        return value  # type: ignore[return-value]
    return _text(node, f"'{key}' of {what}", required=required)


def _claim(key: Node, value: Node) -> Claim:
    claim_id = str(key.value)
    what = f"claim '{claim_id}'"
    if value.is_null or value.kind == "scalar":
        raise MapError(f"{what} must be a mapping with at least 'text:'", value.position)
    pairs = _mapping(value, what)
    _check_keys(pairs, CLAIM_KEYS, what)
    fields = {str(k.value): v for k, v in pairs}
    if "text" not in fields:
        raise MapError(f"{what} has no 'text:'; say what the claim is", key.position)
    kind = "claim"
    if "kind" in fields:
        kind = _field(fields, "kind", what) or "claim"
        if kind not in KINDS:
            raise MapError(f"unknown kind '{kind}' in {what}; expected one of: {', '.join(KINDS)}", fields["kind"].position)
    codes: list[tuple[str, Position]] = []
    if "ignore" in fields:
        # Which codes exist is the checker's business (it knows the rules); here only the shape.
        codes = _text_list(fields["ignore"], f"'ignore' of {what}", "ignore: [AM104]")
        for code, position in codes:
            if not RULE_CODE_PATTERN.match(code):
                raise MapError(f"'{code}' in 'ignore' of {what} is not a rule code like AM104", position)
    quote_node = fields.get("quote")
    return Claim(
        id=claim_id,
        text=_field(fields, "text", what),  # type: ignore[arg-type]
        kind=kind,
        position=key.position,
        quote=_field(fields, "quote", what) if quote_node is not None else None,
        quote_position=quote_node.position if quote_node is not None else None,
        section=_field(fields, "section", what) if "section" in fields else None,
        note=_field(fields, "note", what, required=False) if "note" in fields else None,
        ignore=frozenset(code for code, _ in codes),
        ignore_positions=tuple(codes),
        relations=_relations(pairs, claim_id, what),
    )


def _extension(key: Node, value: Node) -> Extension:
    target = _check_reference(str(key.value), key.position, "claims")
    what = f"'{target}'"
    pairs = _mapping(value, what)
    for k, _ in pairs:
        if k.value not in EXTENSION_KEYS:
            raise MapError(
                f"'{k.value}' cannot be set on {what}, a claim of another map; only relations"
                f" ({', '.join(EXTENSION_KEYS)}) can be added here",
                k.position,
            )
    fields = {str(k.value): v for k, v in pairs}
    note = _text(fields["note"], f"'note' of {what}", required=False) if "note" in fields else None
    return Extension(target, key.position, note, _relations(pairs, target, what))


def _argument(key: Node, value: Node) -> Argument:
    what = f"argument '{key.value}'"
    pairs = _mapping(value, what)
    _check_keys(pairs, ARGUMENT_KEYS, what)
    fields = {str(k.value): v for k, v in pairs}
    for needed in ("premises", "conclusion"):
        if needed not in fields:
            raise MapError(f"{what} has no '{needed}:'", key.position)
    premises = _text_list(fields["premises"], f"'premises' of {what}", "premises: [a, b]")
    if not premises:
        raise MapError(f"{what} has no premises; list the claims that together support the conclusion", fields["premises"].position)
    for premise, position in premises:
        _check_reference(premise, position, what)
    conclusion = _text(fields["conclusion"], f"'conclusion' of {what}")
    _check_reference(conclusion, fields["conclusion"].position, what)  # type: ignore[arg-type]
    return Argument(
        id=str(key.value),
        premises=tuple(p for p, _ in premises),
        premise_positions=tuple(pos for _, pos in premises),
        conclusion=conclusion,  # type: ignore[arg-type]
        conclusion_position=fields["conclusion"].position,
        position=key.position,
        note=_text(fields["note"], f"'note' of {what}", required=False) if "note" in fields else None,
    )


def _read_source(argmap: ArgMap, folder: Path, root: Root, max_bytes: int) -> tuple[str | None, str | None]:
    """Return (text, None) or (None, why it could not be read), for a map in the resolved ``folder``.

    A source outside the root, or over ``max_bytes``, is an input error (``MapError``); the message
    for a source outside the root is the same whether or not the file exists.
    """
    source = argmap.source
    shown = Path(argmap.path).parent / source  # type: ignore[operator]
    try:
        path = root.resolve(folder, source)  # type: ignore[arg-type]
        data = read_regular(path, max_bytes)
    except OutsideRoot:
        raise MapError(f"source '{source}' lies outside the root {root.describe()}; a map may only quote files"
                       " inside it (move the file in, or see --root)", argmap.source_position) from None
    except InsideGit:
        raise MapError(f"source '{source}' is inside a .git folder, which maps may not read (it can hold a token);"
                       " point 'source:' at a text file of the repository", argmap.source_position) from None
    except TooLarge:
        raise MapError(f"source file '{source}' is larger than the limit of {max_bytes:,} bytes; shorten it or raise"
                       " --max-bytes", argmap.source_position) from None
    except NotRegular as kind:
        if kind.kind == "a folder":
            return None, f"source '{source}' is a folder, not a text file; point 'source:' at the text file"
        return None, f"source '{source}' is {kind.kind}, not a regular file; point 'source:' at a text file"
    except (FileNotFoundError, NotADirectoryError):
        return None, f"source file '{source}' does not exist (looked for {shown}); correct 'source:' or add the file"
    except OSError as error:
        return None, f"source file '{source}' cannot be read ({error.strerror}); correct 'source:' or check the file"
    except ValueError:  # a NUL character, which YAML lets a quoted string hold as "\0"
        return None, "the 'source:' path holds a NUL character; correct it"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, f"source file '{source}' is not UTF-8 text; save it as UTF-8"


def map_name(path: Path) -> str:
    """A map's name: its file stem, restricted so it is safe as a file name and in ``map#id``."""
    name = path.stem
    if not MAP_NAME_PATTERN.match(name):
        raise MapError(
            f"'{path.name}' cannot be a map name; rename the file to letters, digits, '-', '_' or '.'", path=str(path)
        )
    return name


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector.

    Parsing a map, building its graph and running the rules make millions of small objects and no
    reference cycles: the collector's passes over them as they pile up cost about a third of the
    time and free nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_map(text: str, path: str, name: str) -> ArgMap:
    """Parse one map's YAML text; ``path`` is only used in positions. Does not read the source file.

    A map in the plain layout is read line by line (``plain_layout``); any other, and every map with
    an error, by PyYAML's event parser, which alone words the errors.
    """
    with collector_paused():
        return read_plain_layout(text, path, name) or parse_yaml_map(text, path, name)


def parse_yaml_map(text: str, path: str, name: str) -> ArgMap:
    """``parse_map`` by PyYAML's event parser alone, whatever the layout (the reference for ``plain_layout``)."""
    with collector_paused():
        return _parse_map(text, path, name)


def _parse_map(text: str, path: str, name: str) -> ArgMap:
    # PyYAML is imported here, for a map outside the plain layout: a tenth of a command's start-up.
    from argmap.yaml_tree import read_tree

    root, duplicates = read_tree(text, path)
    if root is None or root.is_null:
        raise MapError("the file is empty; a map needs at least 'title:' and 'claims:'", Position(path, 1, 1))
    if root.kind != "map":
        raise MapError(f"a map must be a YAML mapping with 'title:' and 'claims:', not {_describe(root)}", root.position)
    pairs = root.value
    _check_keys(pairs, TOP_KEYS, "the map")  # type: ignore[arg-type]
    fields = {str(k.value): (k, v) for k, v in pairs}  # type: ignore[union-attr]
    if "title" not in fields:
        raise MapError("the map has no 'title:'; add one", root.position)
    title = _text(fields["title"][1], "'title'")
    if "claims" not in fields and "include" not in fields:
        raise MapError("the map has no 'claims:' (and includes no other map); add its claims", root.position)

    claims: list[Claim] = []
    extensions: list[Extension] = []
    if "claims" in fields and not fields["claims"][1].is_null:
        for key, value in _mapping(fields["claims"][1], "'claims'"):
            if "#" in str(key.value):
                extensions.append(_extension(key, value))
                continue
            if not ID_PATTERN.match(str(key.value)):
                raise MapError(
                    f"bad claim id '{key.value}'; use lowercase letters, digits and '-', starting with a letter or digit",
                    key.position,
                )
            claims.append(_claim(key, value))

    arguments: list[Argument] = []
    if "arguments" in fields and not fields["arguments"][1].is_null:
        for key, value in _mapping(fields["arguments"][1], "'arguments'"):
            if not ID_PATTERN.match(str(key.value)):
                raise MapError(f"bad argument id '{key.value}'; use lowercase letters, digits and '-'", key.position)
            arguments.append(_argument(key, value))

    includes: list[tuple[str, Position]] = []
    if "include" in fields:
        includes = _text_list(fields["include"][1], "'include'", "include: [other-map]")
        for included, position in includes:
            if not MAP_NAME_PATTERN.match(included):
                raise MapError(f"bad map name '{included}' in 'include'; give the file name without .yaml", position)

    expect: list[Expectation] = []
    if "expect" in fields and not fields["expect"][1].is_null:
        for key, value in _mapping(fields["expect"][1], "'expect'"):
            label = _text(value, f"expected label of '{key.value}'")
            if label not in LABELS:
                raise MapError(f"expected label of '{key.value}' must be one of: {', '.join(LABELS)}", value.position)
            expect.append(Expectation(_check_reference(str(key.value), key.position, "'expect'"), label, key.position, value.position))  # type: ignore[arg-type]

    source = source_position = None
    if "source" in fields:
        source = _text(fields["source"][1], "'source'")
        source_position = fields["source"][1].position

    return ArgMap(
        name=name,
        path=path,
        title=title,  # type: ignore[arg-type]
        position=root.position,
        source=source,
        source_position=source_position,
        claims=tuple(claims),
        arguments=tuple(arguments),
        extensions=tuple(extensions),
        includes=tuple(n for n, _ in includes),
        include_positions=tuple(p for _, p in includes),
        expect=tuple(expect),
        duplicate_keys=tuple(duplicates),
    )


def load_map(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, root: Root | None = None) -> ArgMap:
    """Load one map file, and the source text its quotes are checked against.

    Both are read only from inside ``root`` (by default found from ``path``: see ``argmap.root``),
    only if they are regular files of at most ``max_bytes``.
    """
    root = root or find_root(Path(path).parent)
    return _load(path, root, _locate_folder(path, root), max_bytes)


def _locate_folder(path: str | os.PathLike[str], root: Root) -> Path:
    """The resolved folder of the map ``path`` named on the command line, which must be inside ``root``."""
    try:
        return root.locate(Path(path).parent)
    except MapError:
        raise MapError(f"lies outside the root {root.describe()}; maps are read only from inside it (see --root)",
                       path=str(path)) from None
    except OSError as error:  # a loop of symbolic links
        raise MapError(f"cannot be read ({error.strerror}); check the path", path=str(path)) from None


def _load(path: str | os.PathLike[str], root: Root, folder: Path, max_bytes: int) -> ArgMap:
    """``load_map`` for the map ``path`` whose resolved folder inside ``root`` is ``folder``."""
    file = Path(path)
    shown = str(path)
    name = map_name(file)
    try:
        real = root.resolve(folder, file.name)
        data = read_regular(real, max_bytes)
    except OutsideRoot:
        raise MapError(f"is a symbolic link leading outside the root {root.describe()}; maps are read only from"
                       " inside it (see --root)", path=shown) from None
    except InsideGit:
        raise MapError("is inside a .git folder, which argmap does not read", path=shown) from None
    except TooLarge as large:
        raise MapError(
            f"file is {large.size:,} bytes, over the limit of {max_bytes:,}; split the map or raise --max-bytes",
            Position(shown, 1, 1),
        ) from None
    except NotRegular as kind:
        if kind.kind == "a folder":
            raise MapError("is a folder, not a map file; only map files may be named *.yaml or *.yml", path=shown) from None
        raise MapError(f"is {kind.kind}, not a map file; argmap reads only regular files", path=shown) from None
    except (FileNotFoundError, NotADirectoryError):
        if file.is_symlink():
            raise MapError("is a symbolic link to a file that does not exist; remove it or correct it", path=shown) from None
        raise MapError("no such file", path=shown) from None
    except OSError as error:
        raise MapError(f"cannot read the file ({error.strerror})", path=shown) from None
    argmap = parse_map(decode_map_text(data, shown), shown, name)
    if argmap.source is None:
        return argmap
    text, problem = _read_source(argmap, folder, root, max_bytes)  # beside the map as named, as includes are
    return replace(argmap, source_text=text, source_error=problem)


def find_map_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand folders into the map files directly inside them (sorted); keep files as given."""
    return [file for file, _ in _expand(paths)]


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, str | os.PathLike[str]]]:
    """(map file, the command-line path it came from) for each map at ``paths``.

    Every entry of a folder named ``*.yaml`` or ``*.yml`` is a map, whatever it is: a folder, a
    dangling symbolic link or a device under such a name is reported when it is loaded, not skipped.
    Only the lock files some editors leave (hidden symbolic links to nothing, ``.#m.yaml``) are
    passed over.
    """
    found: list[tuple[Path, str | os.PathLike[str]]] = []
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                files = sorted(p for p in path.iterdir() if p.suffix in MAP_SUFFIXES and not _editor_lock(p))
                if not files:
                    raise MapError("no maps here (expected *.yaml files)", path=str(given))
                found.extend((file, given) for file in files)
            elif path.exists() or path.is_symlink():
                found.append((path, given))
            else:
                raise MapError("no such file or folder", path=str(given))
        except OSError as error:  # a name too long, a folder that cannot be listed
            raise MapError(f"cannot be read ({error.strerror}); check the path", path=str(given)) from None
    return found


def _editor_lock(path: Path) -> bool:
    return path.name.startswith(".") and path.is_symlink() and not path.exists()


def _referenced_maps(argmap: ArgMap) -> Iterator[tuple[str, Position, bool]]:
    """(map name, where, is_include) for every other map this one needs."""
    for name, position in zip(argmap.includes, argmap.include_positions, strict=True):
        yield name, position, True
    # The bulk of a large map, where only ``map#id`` targets matter: one flat pass over the relations.
    refs = [(target, at) for claim in argmap.claims for _, _, target, at in claim.relations if "#" in target]
    refs += [(r.target, r.position) for e in argmap.extensions for r in e.relations]
    refs += [(e.target, e.position) for e in argmap.extensions]
    for a in argmap.arguments:
        refs += list(zip(a.premises, a.premise_positions, strict=True)) + [(a.conclusion, a.conclusion_position)]
    refs += [(e.claim, e.position) for e in argmap.expect]
    for target, position in refs:
        if "#" in target:
            yield target.rpartition("#")[0], position, False


def map_scope(maps: MapSet, name: str) -> MapSet:
    """Map ``name`` with the maps it includes or refers to, directly or not: what its meaning rests on.

    A map is checked and drawn in its own scope, so its findings are the same whether it is checked
    alone or in a folder beside maps that include it.
    """
    by_name = maps.by_name()
    if len(by_name) == 1:  # nothing else to take in: no need to read through its references
        return MapSet(maps=(by_name[name],), extra=())
    seen = [name]
    for current in seen:
        for other, _, _ in _referenced_maps(by_name[current]):
            if other in by_name and other not in seen:
                seen.append(other)
    return MapSet(maps=(by_name[name],), extra=tuple(by_name[n] for n in sorted(seen[1:])))


def _map_file(root: Root, folder: Path, name: str, position: Position) -> str | None:
    """The file name of map ``name`` in the resolved ``folder`` (None if there is none); ``MapError`` if
    a symbolic link under its name leads outside the root (whether or not its target exists)."""
    for suffix in MAP_SUFFIXES:
        try:
            if root.resolve(folder, f"{name}{suffix}").is_file():
                return f"{name}{suffix}"
        except (OutsideRoot, InsideGit):
            raise MapError(f"map '{name}' ({name}{suffix}) is a symbolic link leading outside the root {root.describe()}"
                           " or into .git; maps are read only from inside it", position) from None
        except (OSError, ValueError):  # a name too long for the file system, a loop of links: no map
            pass
    return None


def load_map_set(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES, root: str | os.PathLike[str] | None = None
) -> MapSet:
    """Load the maps at ``paths`` (files or folders) and every map they include or refer to.

    Included and referenced maps are looked up by name in the folder of the map that names them.
    A missing included map, an include cycle or two maps of one name are input errors; a ``map#id``
    reference to a map that does not exist is left for the dangling-reference rule. Nothing is read
    from outside the root of each path (``root``, or as ``argmap.root.find_root`` finds it).
    """
    loaded: dict[str, ArgMap] = {}
    places: dict[str, tuple[Root, Path]] = {}  # each map's root and resolved folder
    roots: dict[str, Root] = {}
    located: dict[Path, Path] = {}  # each folder of maps, resolved inside its root (once, not per map)
    asked: list[str] = []
    for file, given in _expand(paths):
        key = os.fspath(given)
        if key not in roots:
            roots[key] = find_root(given, root)
        where = roots[key]
        if file.parent not in located:
            located[file.parent] = _locate_folder(file, where)
        folder = located[file.parent]
        argmap = _load(file, where, folder, max_bytes)
        if argmap.name in loaded:
            if Path(loaded[argmap.name].path).resolve() == file.resolve():
                continue  # the same file named twice
            raise MapError(f"two maps are named '{argmap.name}' (also {loaded[argmap.name].path}); rename one", path=str(file))
        loaded[argmap.name] = argmap
        places[argmap.name] = (where, folder)
        asked.append(argmap.name)

    pending = list(asked)
    while pending:
        current = pending.pop(0)
        argmap = loaded[current]
        where, folder = places[current]
        shown = Path(argmap.path).parent
        for name, position, is_include in _referenced_maps(argmap):
            if name in loaded:
                continue
            file = _map_file(where, folder, name, position)
            if file is None:
                if is_include:
                    raise MapError(f"included map '{name}' not found (looked for {shown / name}.yaml);"
                                   " correct the name or add the map", position)
                continue
            loaded[name] = _load(shown / file, where, folder, max_bytes)
            places[name] = (where, folder)
            pending.append(name)

    _check_include_cycles(loaded)
    return MapSet(
        maps=tuple(loaded[n] for n in asked),
        extra=tuple(loaded[n] for n in sorted(loaded) if n not in asked),
    )


def _check_include_cycles(maps: dict[str, ArgMap]) -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        argmap = maps[name]
        for child, position in zip(argmap.includes, argmap.include_positions, strict=True):
            if child == name or state.get(child) == 1:
                loop = trail[trail.index(child):] if child in trail else [name]
                cycle = " -> ".join([*loop, child])
                raise MapError(f"include cycle: {cycle}; a map cannot include itself, directly or not", position)
            if child in maps and state.get(child) is None:
                visit(child, [*trail, child])
        state[name] = 2

    for name in sorted(maps):
        if state.get(name) is None:
            visit(name, [name])
