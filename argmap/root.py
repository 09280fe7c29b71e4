"""The root that maps cannot leave, and reading files inside it safely.

A map names other files: its ``source:``, the maps it includes or refers to. In CI a map can come
from a stranger's pull request, so every such name is resolved inside a *root* folder, symbolic
links included, and anything that would lead out of it is refused with the same message whether or
not the target exists (so a map cannot learn anything about files outside). The root is, in order:

1. the folder given with ``--root``;
2. the nearest folder holding ``.git`` above the map (or folder) named on the command line: the
   repository's top;
3. otherwise the folder of that map (or the folder named).

Names are resolved one component at a time from a folder known to be inside the root; a ``..`` or a
symbolic link that would step out is refused before anything outside is looked at. Only regular
files are read (never a FIFO, a device or ``/proc``), and no more than a size limit of them.

Output folders are checked the same way: one the user names inside the root must not lead out of it
through a symbolic link (a pull request can commit ``render -> /home/runner``); one named outside the
root (``-o ~/diagrams``) is the user's choice.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from argmap.files import OutputError
from argmap.model import MapError

MAX_LINKS = 40  # symbolic links followed in one name, as Linux allows


class OutsideRoot(Exception):
    """A name leads outside the root (the message never says whether its target exists)."""


class InsideGit(Exception):
    """A name leads into a ``.git`` folder: the repository's own files, and in CI often a token
    (``actions/checkout`` keeps one in ``.git/config``), which a map's quotes could probe."""


@dataclass(frozen=True)
class Root:
    """A folder that the maps read from it cannot leave.

    ``real`` is the folder with every symbolic link resolved; ``named`` the same folder as it was
    found (through the links of the command line's path), so that a path given under it can be
    followed from ``real`` one component at a time.
    """

    real: Path
    named: Path
    how: str  # "--root", ".git" or "folder"

    def describe(self) -> str:
        """The root as messages name it."""
        what = {"--root": "the --root folder", ".git": "the repository's top", "folder": "the map's folder (no .git above it)"}
        return f"{self.real} ({what[self.how]})"

    def contains(self, path: str | os.PathLike[str]) -> bool:
        """Whether the absolute, resolved ``path`` is the root or inside it."""
        return _is_within(Path(path), self.real)

    def resolve(self, folder: Path, name: str) -> Path:
        """``folder/name`` with every symbolic link and ``..`` resolved, never stepping outside the root.

        ``folder`` must be resolved and inside the root. Raises ``OutsideRoot`` for a name that
        leads out (an absolute path elsewhere, too many ``..``, a link pointing out), having looked
        at nothing outside the root, and ``InsideGit`` for one that ends inside a ``.git`` folder.
        Components that do not exist are kept as written.
        """
        if "\0" in name:
            raise ValueError("a NUL character in a path")
        if os.path.isabs(name):
            relative = _relative_to(Path(os.path.normpath(name)), self.real)
            if relative is None:
                raise OutsideRoot(name)
            folder, name = self.real, str(relative)
        current = folder
        parts = [p for p in name.split("/") if p not in ("", ".")]
        parts.reverse()  # a stack: the next component last
        links = 0
        while parts:
            part = parts.pop()
            if part == "..":
                if current == self.real:
                    raise OutsideRoot(name)
                current = current.parent
                continue
            candidate = current / part
            try:
                mode = os.lstat(candidate).st_mode
            except OSError:  # missing (or under a file): what is left is kept as written, inside the root
                current = candidate
                continue
            if not stat.S_ISLNK(mode):
                current = candidate
                continue
            links += 1
            if links > MAX_LINKS:
                raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(candidate))
            target = os.readlink(candidate)
            if os.path.isabs(target):
                relative = _relative_to(Path(os.path.normpath(target)), self.real)
                if relative is None:
                    raise OutsideRoot(name)
                current = self.real
                target = str(relative)
            parts.extend(reversed([p for p in target.split("/") if p not in ("", ".")]))
        if any(part.lower() == ".git" for part in current.relative_to(self.real).parts):
            raise InsideGit(name)
        return current

    def locate(self, given: str | os.PathLike[str]) -> Path:
        """A path from the command line, resolved inside the root; ``MapError`` if it leads out."""
        absolute = Path(os.path.abspath(given))
        for base in (self.named, self.real):
            relative = _relative_to(absolute, base)
            if relative is not None:
                try:
                    return self.resolve(self.real, str(relative))
                except (OutsideRoot, InsideGit):
                    break
        raise MapError(f"lies outside the root {self.describe()}; maps are read only from inside it (see --root)",
                       path=str(given))


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _relative_to(path: Path, folder: Path) -> Path | None:
    return path.relative_to(folder) if _is_within(path, folder) else None


def find_root(given: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> Root:
    """The root for the map or folder ``given`` on the command line (see the module's docstring)."""
    if root is not None:
        named = Path(os.path.abspath(root))
        real = Path(os.path.realpath(named))
        if not real.is_dir():
            raise MapError("is not a folder; --root names the folder maps may read from", path=str(root))
        return Root(real, named, "--root")
    absolute = Path(os.path.abspath(given))
    try:
        start = absolute if absolute.is_dir() else absolute.parent
    except OSError:  # a name too long: its folder
        start = absolute.parent
    for folder in (start, *start.parents):
        try:
            if os.path.lexists(folder / ".git"):
                return Root(Path(os.path.realpath(folder)), folder, ".git")
        except OSError:  # pragma: no cover - an unreadable folder above
            continue
    return Root(Path(os.path.realpath(start)), start, "folder")


class NotRegular(Exception):
    """The path is not a regular file; ``kind`` says what it is."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class TooLarge(Exception):
    """The file holds more than the limit; ``size`` is what was seen (at least the limit plus one)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def file_kind(mode: int) -> str:
    """What a file of ``mode`` is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Opened without following a final symbolic link and without blocking (a named pipe would wait
    for a writer), then checked to be a regular file: a device (``/dev/zero``), a pipe or a folder
    raises ``NotRegular``; more than ``limit`` bytes (by its size, or as read: ``/proc`` files say
    0) raises ``TooLarge``. Other failures are ``OSError``.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW met a symbolic link
            raise NotRegular("a symbolic link") from None
        if error.errno == errno.ENXIO:  # a socket, or a pipe without a writer, on some systems
            raise NotRegular("not a regular file") from None
        raise
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(file_kind(info.st_mode))
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(handle, min(limit + 1 - size, 1 << 20) or 1)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLarge(size)
        return b"".join(chunks)
    finally:
        os.close(handle)


def check_output_folder(folder: str | os.PathLike[str], roots: list[Root]) -> None:
    """Refuse an output folder that lies inside a root as named but leads out of it through a link.

    A folder named outside every root is the user's choice and is allowed.
    """
    absolute = Path(os.path.abspath(folder))
    for root in roots:
        for base in (root.named, root.real):
            relative = _relative_to(absolute, base)
            if relative is None:
                continue
            try:
                root.resolve(root.real, str(relative))
            except InsideGit:
                raise OutputError(f"refusing to write into {folder}: it is inside a .git folder; name another folder"
                                  " with -o") from None
            except OutsideRoot:
                raise OutputError(
                    f"refusing to write into {folder}: it is inside {root.real} but a symbolic link on its path leads"
                    " outside; remove the link or name another folder with -o"
                ) from None
            except OSError as error:
                raise OutputError(f"cannot write to {folder} ({error.strerror}); choose another place with -o") from None
            break
