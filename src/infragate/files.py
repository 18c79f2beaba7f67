"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from infragate.errors import UsageError


def stage(path: Path, text: str, mode: int | None = None) -> Path:
    """Write `text` to a temporary file beside `path`, flushed to disk; the caller renames
    it over `path` (or deletes it). The file gets `mode`, else the mode of the file it will
    replace, else 0644 (a temporary file is created 0600, which would hide a generated file
    from its other readers)."""
    try:
        existing: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        existing = None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode if mode is not None else existing or 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: Path, text: str, mode: int | None = None) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`.

    A device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is written in place: renaming
    over it would replace the device with a regular file.
    """
    try:
        existing: int | None = path.stat().st_mode
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing):
        raise UsageError(f"{path} is a folder; pass the path of a file to write")
    if existing is not None and not stat.S_ISREG(existing):
        _write_in_place(path, text)
        return
    tmp = stage(path, text, mode)
    try:
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_in_place(path: Path, text: str) -> None:
    """Write to a device or a pipe. A pipe is opened without blocking: with nobody reading
    it the open fails at once (ENXIO) instead of hanging the run."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UsageError(
                f"{path} is a named pipe that nobody reads; start its reader first, or pass "
                "the path of a file"
            ) from None
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(
            f"{path} already exists and may hold your edits; nothing was written. "
            "Pass --force to replace it, or choose another path with --path."
        )
