"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from infragate.errors import UsageError


class WriteError(UsageError):
    """A file could not be written; nothing of it was left behind."""

    def __init__(self, path: Path, exc: OSError) -> None:
        self.path = path
        self.reason = exc.strerror or str(exc)
        super().__init__(f"cannot write {path}: {self.reason}. Nothing was written{_hint(exc)}")


def _hint(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return (
            "; the disk is full (or the file too large for it): free space (df -h), then run again"
        )
    if exc.errno == errno.EROFS:
        return "; the file system is read-only: choose a path elsewhere or remount it read-write"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            "; this user may not write there: check the folder's permissions or choose another path"
        )
    if exc.errno == errno.EISDIR:
        return "; a folder is in its place: move it away, or pass the path of a file to write"
    if exc.errno == errno.ENOTDIR:
        return "; part of the path is a file, not a folder"
    return ""


def stage(path: Path, text: str, mode: int | None = None) -> Path:
    """`_stage`, with a failure said as what it is and what to do (WriteError)."""
    try:
        return _stage(path, text, mode)
    except OSError as exc:
        raise WriteError(path, exc) from None


def _stage(path: Path, text: str, mode: int | None = None) -> Path:
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
        # said before anything is staged beside it, in the words of every other failed write
        raise WriteError(path, IsADirectoryError(errno.EISDIR, "Is a directory", str(path)))
    if existing is not None and not stat.S_ISREG(existing):
        _write_in_place(path, text)
        return
    tmp = stage(path, text, mode)
    try:
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WriteError(path, exc) from None
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


def write_pair(first: tuple[Path, str], second: tuple[Path, str]) -> None:
    """Write two files together or neither (a brief and its schema): both are staged on
    disk first, so a full disk stops before either changes; if the second rename still
    fails, the first file is put back as it was."""
    staged: list[Path] = []
    try:
        for path, text in (first, second):
            staged.append(stage(path, text))
    except BaseException:
        for tmp in staged:
            tmp.unlink(missing_ok=True)
        raise
    (path1, _), (path2, _) = first, second
    try:
        before: bytes | None = path1.read_bytes()
    except OSError:
        before = None
    try:
        staged[0].replace(path1)
    except OSError as exc:
        for tmp in staged:
            tmp.unlink(missing_ok=True)
        raise WriteError(path1, exc) from None
    try:
        staged[1].replace(path2)
    except OSError as exc:
        staged[1].unlink(missing_ok=True)
        if before is None:
            path1.unlink(missing_ok=True)
        else:
            write_atomic(path1, before.decode("utf-8", "replace"))
        raise WriteError(path2, exc) from None


def refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(
            f"{path} already exists and may hold your edits; nothing was written. "
            "Pass --force to replace it, or choose another path with --path."
        )
