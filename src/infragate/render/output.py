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
    remove = "remove"  # rendered by an earlier baseline of the project, not by this one
    edited = "hand-edited"  # stamped by infragate, changed since
    foreign = "not ours"  # exists without a stamp: written by a person or another tool


@dataclass(frozen=True)
class Change:
    path: str
    action: Action
    before: str | None
    after: str | None  # None: the file goes

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


def _leftovers(out: Path, files: Mapping[str, str], project: str) -> dict[str, str]:
    """Files stamped for `project` that this render does not produce, in the folders it
    writes to: what an earlier baseline rendered and this one dropped (a whole preview
    environment, a cache that was removed)."""
    tops = {p.split("/", 1)[0] for p in files if "/" in p}
    found: dict[str, str] = {}
    candidates = [p for p in out.iterdir() if p.is_file()] if out.is_dir() else []
    for top in sorted(tops):
        if (out / top).is_dir() and not (out / top).is_symlink():
            candidates.extend(p for p in (out / top).rglob("*") if p.is_file())
    for path in candidates:
        relative = path.relative_to(out).as_posix()
        if relative in files or ".terraform" in path.parts or path.is_symlink():
            continue
        try:
            with path.open(encoding="utf-8") as handle:
                head = handle.read(4096)
        except (OSError, UnicodeDecodeError):
            continue
        if stamp.MARK not in head:
            continue
        text = path.read_text(encoding="utf-8")
        found_stamp, _ = stamp.read(text)
        if found_stamp is not None and found_stamp.project == project:
            found[relative] = text
    return found


def plan(out: Path, files: Mapping[str, str], project: str | None = None) -> list[Change]:
    """What writing `files` into `out` does to each; with `project`, also which files an
    earlier render of that project left that this one removes."""
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
    if project is not None:
        for relative, before in sorted(_leftovers(out, files, project).items()):
            action = Action.edited if stamp.edited(before) else Action.remove
            changes.append(Change(relative, action, before, None))
    return changes


def diff(changes: list[Change]) -> str:
    chunks: list[str] = []
    for c in changes:
        if c.action is Action.unchanged:
            continue
        chunks.extend(
            difflib.unified_diff(
                (c.before or "").splitlines(keepends=True),
                (c.after or "").splitlines(keepends=True),
                fromfile="/dev/null" if c.before is None else f"a/{c.path}",
                tofile="/dev/null" if c.after is None else f"b/{c.path}",
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


def _conflict_message(out: Path, conflicts: list[Change]) -> str:
    edited = [c.path for c in conflicts if c.action is Action.edited]
    foreign = [c.path for c in conflicts if c.action is Action.foreign]
    parts = [f"refusing to render into {out}: nothing was written."]
    if edited:
        parts.append(
            "Edited by hand since infragate rendered them:\n"
            + "".join(f"  {p}\n" for p in edited)
            + "Put the change into the brief ('infragate change propose') and re-render, "
            "or discard the edits with --force."
        )
    if foreign:
        parts.append(
            "Already there and not written by infragate:\n"
            + "".join(f"  {p}\n" for p in foreign)
            + "Review them against what the baseline renders ('infragate render --dry-run'), "
            "then replace them with --force."
        )
    parts.append(f"--force keeps each replaced file beside it as <name>{BACKUP_SUFFIX}.")
    return "\n".join(parts)


def _prune_empty_parents(folder: Path, out: Path) -> None:
    root = out.resolve()
    while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def apply(out: Path, changes: list[Change], force: bool) -> dict[str, Path]:
    """Write every change; returns the backups made of hand-edited files (path → backup)."""
    conflicts = [c for c in changes if c.conflict]
    if conflicts and not force:
        raise Refused(_conflict_message(out, conflicts))
    backups: dict[str, Path] = {}
    for c in changes:
        if c.action is Action.unchanged:
            continue
        path = target(out, c.path)
        if c.conflict:
            backup = _backup_path(path)
            shutil.copy2(path, backup)
            backups[c.path] = backup
        if c.after is None:
            path.unlink()
            _prune_empty_parents(path.parent, out)
        else:
            write_atomic(path, c.after, mode=0o755 if c.after.startswith("#!") else 0o644)
    return backups
