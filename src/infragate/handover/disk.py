"""The pack on disk: written file by file (temp + rename, the manifest last), never over
a file a person edited; and checked against its manifest."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from infragate import strictread
from infragate.errors import UsageError
from infragate.files import write_atomic
from infragate.handover.pack import MANIFEST, MANIFEST_SCHEMA, digest_text

# A manifest names a few dozen files; a megabyte is far past any real one.
MANIFEST_BYTES = 1_000_000


def _read_manifest(directory: Path) -> dict[str, str] | None:
    """The files the pack in `directory` was written with (path → sha256), or None."""
    path = directory / MANIFEST
    if not os.path.lexists(path):
        return None
    # read as every other JSON input: no pipe, duplicate key or oversized file gets through
    kind = strictread.Kind("a handover manifest", "generate the pack again with --force")
    data = strictread.loads(path, strictread.read_text(path, kind, MANIFEST_BYTES), kind)
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA:
        raise UsageError(f"{path}: not a handover manifest ({MANIFEST_SCHEMA} expected)")
    files = data.get("files")
    if not isinstance(files, dict):
        raise UsageError(f"{path}: the manifest has no 'files' table")
    return {str(k): str(v) for k, v in files.items()}


def _hash(path: Path) -> str | None:
    try:
        return digest_text(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return "unreadable"


def write(directory: Path, files: dict[str, str], force: bool = False) -> list[str]:
    """Write the pack; returns the paths removed because the new pack no longer has them.

    Refused before anything is written when a file of the previous pack was edited since,
    or when a file the pack would replace was not written by infragate (unless `force`)."""
    old = _read_manifest(directory) or {}
    if not force:
        edited = [p for p, want in sorted(old.items()) if _hash(directory / p) not in (None, want)]
        foreign = [
            p
            for p, text in files.items()
            if p != MANIFEST
            and p not in old
            and _hash(directory / p) not in (None, digest_text(text))
        ]
        if edited or foreign:
            named = ", ".join(str(directory / p) for p in [*edited, *foreign])
            raise UsageError(
                f"{named}: edited by hand or not written by infragate; nothing was written. "
                "Keep your changes elsewhere and pass --force to replace them, or choose "
                "another directory with -o."
            )
    for path, text in files.items():
        if path != MANIFEST:
            write_atomic(directory / path, text)
    write_atomic(directory / MANIFEST, files[MANIFEST])
    stale = sorted(p for p in old if p not in files)
    for p in stale:
        (directory / p).unlink(missing_ok=True)
    return stale


@dataclass(frozen=True)
class PackCheck:
    directory: str
    checked: int
    edited: tuple[str, ...]
    missing: tuple[str, ...]
    added: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not (self.edited or self.missing or self.added)

    def problems(self) -> list[str]:
        return (
            [
                f"{p}: edited since the pack was made (its sha256 differs from the manifest)"
                for p in self.edited
            ]
            + [f"{p}: missing" for p in self.missing]
            + [f"{p}: not part of the pack (not in the manifest)" for p in self.added]
        )


def verify(directory: Path) -> PackCheck:
    files = _read_manifest(directory)
    if files is None:
        raise UsageError(
            f"{directory / MANIFEST} not found: {directory} holds no handover pack "
            "(write one with 'infragate handover -o DIR')"
        )
    edited, missing = [], []
    for path, want in sorted(files.items()):
        got = _hash(directory / path)
        if got is None:
            missing.append(path)
        elif got != want:
            edited.append(path)
    present = {
        p.relative_to(directory).as_posix()
        for p in directory.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }
    added = sorted(present - set(files) - {MANIFEST})
    return PackCheck(str(directory), len(files), tuple(edited), tuple(missing), tuple(added))
