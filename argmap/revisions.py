"""Maps as a git revision holds them, copied into a temporary folder (the work tree is never touched).

:func:`checkout_maps` reads the files at some paths of a revision with ``git ls-tree`` and
``git cat-file --batch`` (``git show REV:path`` for many files in one process), with the maps beside
them (for ``include`` and ``map#id``); :meth:`Checkout.fetch` then reads what else the maps name from
the same revision (a ``source:`` outside those folders).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from argmap.load import MAP_SUFFIXES
from argmap.model import MapError

GIT_TIMEOUT = 120.0


@dataclass(frozen=True)
class Checkout:
    """Files of ``revision`` copied under ``folder`` as they lie under the repository's top, ``root``.

    ``paths`` are the asked-for paths inside ``folder`` that the revision has; ``missing`` those
    it does not have, as they were given.
    """

    revision: str
    root: Path
    folder: Path
    paths: tuple[str, ...]
    missing: tuple[str, ...] = ()
    commit: str = ""
    written: set[str] = field(default_factory=set, repr=False, compare=False)  # repository paths copied
    _shown: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def shown(self, path: str) -> str:
        """A path inside the copy as the same file of the work tree is named from the current folder."""
        found = self._shown.get(path)  # asked once per relation and claim: tens of thousands of times
        if found is None:
            try:
                found = os.path.relpath(self.root / Path(os.path.abspath(path)).relative_to(self.folder))
            except ValueError:
                found = path
            self._shown[path] = found
        return found

    def fetch(self, paths: Iterable[str | os.PathLike[str]]) -> int:
        """Copy these files (paths inside the copy, as a map names its source) from the revision, if it has them.

        Returns how many were copied; a path outside the repository, one already copied or one the
        revision does not have is passed over.
        """
        wanted = []
        for path in paths:
            try:
                inside = _inside(PurePosixPath(Path(os.path.abspath(path)).relative_to(self.folder).as_posix()))
            except ValueError:
                continue
            if inside is not None and inside not in self.written:
                wanted.append(inside)
        return len(_copy(self.root, self.commit, sorted(set(wanted)), self.folder, self.written))

    def in_work_tree(self, path: str | os.PathLike[str]) -> str:
        """The absolute path in the work tree of a file inside the copy (what the configuration's patterns see)."""
        try:
            return str(self.root / Path(os.path.abspath(path)).relative_to(self.folder))
        except ValueError:
            return str(path)


def _git(root: Path | None, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    command = ["git", *(["-C", str(root)] if root is not None else []), *args]
    try:
        return subprocess.run(command, input=data, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise MapError("git is not installed; a revision can only be read with git") from None
    except subprocess.TimeoutExpired:
        raise MapError(f"git {args[0]} did not finish in {GIT_TIMEOUT:.0f} s") from None


def repository_root(start: str | os.PathLike[str] = ".") -> Path | None:
    """The top folder of the git work tree that holds ``start``, if any."""
    try:
        done = _git(Path(start), "rev-parse", "--show-toplevel")
    except MapError:
        return None
    return Path(os.fsdecode(done.stdout.strip())) if done.returncode == 0 else None


def resolve_revision(root: Path, revision: str) -> str | None:
    """The commit ``revision`` names in the repository at ``root`` (a branch, tag, hash, ``HEAD~1``...)."""
    if revision.startswith("-"):
        return None
    done = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    return done.stdout.decode().strip() if done.returncode == 0 else None


def _tree_files(root: Path, commit: str, paths: Iterable[str], *, recursive: bool = True) -> list[str]:
    args = ["ls-tree", "-z", "--name-only", "--full-tree"] + (["-r"] if recursive else [])
    done = _git(root, *args, commit, "--", *paths)
    if done.returncode != 0:
        raise MapError(f"git ls-tree failed: {done.stderr.decode(errors='replace').strip()}")
    return [os.fsdecode(name) for name in done.stdout.split(b"\0") if name]


def _object_type(root: Path, commit: str, path: str) -> str | None:
    done = _git(root, "cat-file", "-t", f"{commit}:{path}")
    return done.stdout.decode().strip() if done.returncode == 0 else None


def _read_blobs(root: Path, commit: str, paths: list[str]) -> dict[str, bytes]:
    """The contents of ``paths`` (relative to the top) in ``commit``, through one ``git cat-file --batch``."""
    wanted = [p for p in paths if "\n" not in p]
    if not wanted:
        return {}
    done = _git(root, "cat-file", "--batch", data="".join(f"{commit}:{p}\n" for p in wanted).encode())
    if done.returncode != 0:
        raise MapError(f"git cat-file failed: {done.stderr.decode(errors='replace').strip()}")
    out, at = {}, 0
    data = done.stdout
    for path in wanted:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":  # "<name> missing", or a tree
            continue
        size = int(header[2])
        out[path] = data[at:at + size]
        at += size + 1
    return out


def _inside(path: PurePosixPath) -> str | None:
    """``path`` normalised, if it stays inside the repository."""
    parts: list[str] = []
    for part in path.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts) if parts else None


@contextmanager
def checkout_maps(revision: str, paths: Iterable[str], *, root: Path | None = None) -> Iterator[Checkout]:
    """Copy the maps at ``paths`` (relative to the current folder) in ``revision`` into a temporary folder.

    Yields a :class:`Checkout`; the folder is removed afterwards. A path the revision does not have
    is left out (a folder of maps added since); a revision that is not one is a ``MapError``.
    """
    root = root or repository_root()
    if root is None:
        raise MapError(f"'{revision}' is not a file or folder here, and this is not a git repository")
    commit = resolve_revision(root, revision)
    if commit is None:
        raise MapError(f"'{revision}' is not a file, a folder or a revision of this repository; check the name")
    relative, given_as = [], {}
    for given in paths:
        inside = _inside(PurePosixPath(Path(os.path.relpath(os.path.abspath(given), root)).as_posix()))
        if inside is None:
            raise MapError(f"'{given}' is outside the repository at {root}")
        relative.append(inside)
        given_as[inside] = given
    folder = Path(tempfile.mkdtemp(prefix="argmap-rev-")).resolve()
    try:
        # The copy is the repository's top, as its root (argmap.root): a map reads a source anywhere
        # in the revision, as in the work tree, and nothing outside it.
        (folder / ".git").mkdir()
        kinds = {p: _object_type(root, commit, p) for p in relative}
        present = [p for p in relative if kinds[p] in ("tree", "blob")]
        files = set(_tree_files(root, commit, present)) if present else set()
        # The maps beside each map, which an include or a map#id reference may name.
        folders = sorted({str(PurePosixPath(p).parent) for p in files if PurePosixPath(p).suffix in MAP_SUFFIXES})
        for parent in folders:
            listed = _tree_files(root, commit, [parent + "/" if parent != "." else "."], recursive=False)
            files.update(p for p in listed if PurePosixPath(p).suffix in MAP_SUFFIXES)
        written: set[str] = set()
        _copy(root, commit, sorted(files), folder, written)
        missing = tuple(given_as[p] for p in relative if p not in present)
        yield Checkout(revision, root, folder, tuple(str(folder / p) for p in present), missing, commit, written)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy(root: Path, commit: str, paths: list[str], folder: Path, written: set[str]) -> list[str]:
    """Write the files at ``paths`` (relative to the top) of ``commit`` under ``folder``; the ones it has."""
    blobs = _read_blobs(root, commit, paths)
    for path, data in blobs.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    written.update(paths)
    return list(blobs)
