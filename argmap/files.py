"""Writing output files: whole or not at all, and only inside the folder they are meant for."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output cannot be written where it was asked for (exit status 2)."""


def output_path(folder: str | os.PathLike[str], filename: str) -> Path:
    """``folder/filename``, refusing any name that would land outside ``folder``."""
    base = Path(folder)
    target = base / filename
    if Path(filename).name != filename or filename in ("", ".", ".."):
        raise OutputError(f"refusing to write '{filename}': an output name cannot contain a folder")
    if base.exists() and not base.is_dir():
        raise OutputError(f"{base} is a file, not a folder; choose another output folder with -o")
    if target.resolve().parent != base.resolve():
        raise OutputError(f"refusing to write '{filename}' outside {base}")
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, renamed into place.

    A reader (or a crash) never sees a half-written file: the old file stays until the new one is
    complete. The temporary file is removed if anything goes wrong.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write to {target.parent}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {target}: {error.strerror}") from None
        raise
