"""Writing rendered files safely: inside the output directory, atomically, and never
over a file somebody edited by hand unless asked to (and then keeping a backup)."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from infragate.errors import Refused, UsageError
from infragate.files import write_atomic
from infragate.render import stamp

BACKUP_SUFFIX = ".hand-edited"


class Action(StrEnum):
    create = "create"
    update = "update"
    unchanged = "unchanged"
    edited = "hand-edited"  # stamped by infragate, changed since
    foreign = "not ours"  # exists without a stamp: written by a person or another tool


@dataclass(frozen=True)
class Change:
    path: str
    action: Action
    before: str | None
    after: str

    @property
    def conflict(self) -> bool:
        return self.action in (Action.edited, Action.foreign)


def target(out: Path, relative: str) -> Path:
    """The file `relative` names inside `out`; refuses any path that would leave it."""
    rel = PurePosixPath(relative)
    if rel.is_absolute() or not rel.parts or any(p in ("..", "", ".") for p in rel.parts):
        raise UsageError(f"refusing to write {relative!r}: not a plain path inside {out}")
    root = out.resolve()
    path = out.joinpath(*rel.parts)
    if path.is_symlink():
        raise UsageError(
            f"refusing to write {path}: it is a symbolic link; replace it with a regular file"
        )
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        raise UsageError(
            f"refusing to write {path}: a symbolic link on the way leads outside {out} "
            f"(to {resolved})"
        )
    return path


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        return ""  # not text: certainly not a file infragate rendered


def plan(out: Path, files: Mapping[str, str]) -> list[Change]:
    changes = []
    for relative, after in files.items():
        before = _read(target(out, relative))
        if before is None:
            action = Action.create
        elif before == after:
            action = Action.unchanged
        else:
            was_edited = stamp.edited(before)
            action = (
                Action.foreign
                if was_edited is None
                else Action.edited
                if was_edited
                else Action.update
            )
        changes.append(Change(relative, action, before, after))
    return changes


def diff(changes: list[Change]) -> str:
    chunks: list[str] = []
    for c in changes:
        if c.action is Action.unchanged:
            continue
        chunks.extend(
            difflib.unified_diff(
                (c.before or "").splitlines(keepends=True),
                c.after.splitlines(keepends=True),
                fromfile="/dev/null" if c.before is None else f"a/{c.path}",
                tofile=f"b/{c.path}",
            )
        )
    return "".join(chunks)


def _backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + BACKUP_SUFFIX)
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}{BACKUP_SUFFIX}.{n}")
    return candidate


def apply(out: Path, changes: list[Change], force: bool) -> dict[str, Path]:
    """Write every change; returns the backups made of hand-edited files (path → backup)."""
    conflicts = [c for c in changes if c.conflict]
    if conflicts and not force:
        listed = "\n".join(f"  {c.path}: {c.action}" for c in conflicts)
        raise Refused(
            f"{len(conflicts)} file(s) in {out} were changed by hand or not written by "
            f"infragate, and would be overwritten:\n{listed}\nNothing was written. Put the "
            "change into the brief ('infragate change propose') and re-render, or pass "
            f"--force to overwrite them (each is kept beside it as <name>{BACKUP_SUFFIX})."
        )
    backups: dict[str, Path] = {}
    for c in changes:
        if c.action is Action.unchanged:
            continue
        path = target(out, c.path)
        if c.conflict:
            backup = _backup_path(path)
            shutil.copy2(path, backup)
            backups[c.path] = backup
        write_atomic(path, c.after, mode=0o755 if c.after.startswith("#!") else 0o644)
    return backups
