"""Writing output files: whole or not at all, and only inside the folder they are meant for."""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """An output cannot be written where it was asked for (exit status 2)."""


def output_path(folder: str | os.PathLike[str], filename: str) -> Path:
    """``folder/filename``, refusing any name that would land outside ``folder``."""
    base = Path(folder)
    target = base / filename
    if Path(filename).name != filename or filename in ("", ".", ".."):
        raise OutputError(f"refusing to write '{filename}': an output name cannot contain a folder")
    try:
        if base.exists() and not base.is_dir():
            raise OutputError(f"{base} is a file, not a folder; choose another output folder with -o")
        if target.resolve().parent != base.resolve():
            raise OutputError(f"refusing to write '{filename}' outside {base}")
    except OSError as error:  # a name too long, a loop of symbolic links
        raise OutputError(f"cannot write to {base} ({error.strerror}); choose another output folder with -o") from None
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes, *, stale_removed: bool = False, new: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed into place.

    ``new``: never replace a file; if ``path`` exists (even if made while writing), raise ``OutputError``.

    A reader (or a crash) never sees a half-written file: the old file stays until the new one is
    complete. The temporary file is removed if anything goes wrong, an interruption (Ctrl-C,
    SIGTERM) included; only a kill (SIGKILL, a power cut) can leave it, under its hidden name, and
    the next write of ``path`` removes it (``stale_removed``: the caller has already, for many files
    at once).
    """
    target = Path(path)
    _refuse_special(target)
    if not stale_removed:
        _prepare(target.parent, [target.name])
    temporary = _write_temporary(target, data)
    if not new:
        _replace_all([(temporary, target)])
        return
    try:
        with _signals_held():
            _link_new(temporary, target)
    except BaseException:
        _remove([temporary])
        raise


def _refuse_special(target: Path) -> None:
    """Refuse to replace what is not a regular file: a rename would put a file where a link, a named
    pipe or a device was (``export -o /dev/full`` run as root replaced the device). Every write goes
    through here, one file or many."""
    try:
        mode = target.lstat().st_mode
    except OSError:
        return  # nothing there (or nothing to see): the write says what is wrong, if anything
    kind = ("a symbolic link" if stat.S_ISLNK(mode) else "a named pipe" if stat.S_ISFIFO(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else None)
    if kind is not None:
        raise OutputError(f"refusing to write over {target}: it is {kind}, not a file; remove it or name another output")


def _link_new(temporary: str, target: Path) -> None:
    """Give the finished ``temporary`` the name ``target`` only if no file has it (a hard link fails
    then), and drop the temporary name."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise OutputError(f"refusing to overwrite {target}: it exists; remove it or choose another name") from None
    except OSError:  # a file system without hard links: the check and the rename are then two steps
        if target.exists() or target.is_symlink():
            raise OutputError(f"refusing to overwrite {target}: it exists; remove it or choose another name") from None
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def write_all_atomic(files: Iterable[tuple[Path, bytes]]) -> None:
    """:func:`write_atomic` for each ``(path, data)``, all or nothing as far as an interruption goes.

    Every file is first written under its temporary name; only when all are complete are they renamed
    into place, one after the other with Ctrl-C and SIGTERM held back until the last (a failure of
    the disk there is the one way to end with some files new and some old). Each folder is read once
    for stale temporaries (not once per file: a render of thousands of maps writes thousands of files
    into one folder).
    """
    files = list(files)
    names: dict[Path, list[str]] = {}
    for path, _ in files:
        _refuse_special(path)
        names.setdefault(path.parent, []).append(path.name)
    for folder, written in names.items():
        _prepare(folder, written)
    made: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            made.append((_write_temporary(path, data), path))
    except BaseException:
        _remove(temporary for temporary, _ in made)
        raise
    _replace_all(made)


def _prepare(folder: Path, names: list[str]) -> None:
    """Make ``folder`` (and those above it) and remove what killed writes of ``names`` left there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder, names)
    except OSError as error:
        reason = "part of it is a file, not a folder" if isinstance(error, (FileExistsError, NotADirectoryError)) else error.strerror
        raise OutputError(f"cannot write to {folder} ({reason}); choose another place with -o") from None


def _write_temporary(target: Path, data: bytes) -> str:
    """``data`` in a new hidden temporary file beside ``target``, complete and on disk; its path."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        reason = "part of it is a file, not a folder" if isinstance(error, (FileExistsError, NotADirectoryError)) else error.strerror
        raise OutputError(f"cannot write to {target.parent} ({reason}); choose another place with -o") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
    except BaseException as error:
        _remove([temporary])
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {target} ({error.strerror}); choose another place with -o") from None
        raise
    return temporary


def _replace_all(made: list[tuple[str, Path]]) -> None:
    """Rename each temporary file onto its target, with Ctrl-C and SIGTERM held back until all are."""
    with _signals_held():
        for index, (temporary, target) in enumerate(made):
            try:
                os.replace(temporary, target)
            except OSError as error:
                _remove(t for t, _ in made[index:])
                raise OutputError(f"cannot write {target} ({error.strerror}); choose another place with -o") from None


# While ``signals_deferred`` runs: the signals that came, for the command line's handlers (argmap.cli).
_deferred: list[int] | None = None


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP, as the command line handles them, until the block ends.

    For starting (or ending) a process that must not be left running: an exception raised between
    its start and the code that would kill it would lose it. Unlike ``_signals_held``, the process's
    own signal mask is left alone (a child inherits a blocked mask). A signal that came is delivered
    again on leaving; in a process without argmap's handlers (a library caller) nothing is held.
    """
    global _deferred
    if _deferred is not None:  # already holding
        yield
        return
    _deferred = []
    try:
        yield
    finally:
        came, _deferred = _deferred, None
        if came:
            signal.raise_signal(came[0])


def deferring(signum: int) -> bool:
    """For a signal handler: whether ``signum`` is held back now (``signals_deferred``); if so it is kept."""
    if _deferred is None:
        return False
    _deferred.append(signum)
    return True


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM (delivered on leaving) where the process can, in its main thread."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _remove(paths: Iterable[str]) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass


# A temporary file of ``write_atomic``: ``.<name>.<random>.tmp``, the random part without dots.
_TEMPORARY = re.compile(r"\.(.+)\.[^./]+\.tmp\Z")


def remove_stale_temporaries(folder: Path, names: Iterable[str]) -> None:
    """Remove the temporary files that earlier writes of ``names`` in ``folder`` left behind when they were killed.

    Only a kill (SIGKILL, a power cut) leaves one, and never under the final name; they are named
    ``.<name>.<random>.tmp`` (see ``write_atomic``), so nothing else in the folder is touched. Two
    writes of one file at the same moment are not supported: one of them may then fail, cleanly.
    """
    wanted = set(names)
    for entry in os.scandir(folder):
        found = _TEMPORARY.match(entry.name)
        if found and found.group(1) in wanted and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except FileNotFoundError:
                pass
