"""Writing rendered files safely: inside the output directory, atomically, and never
over a file somebody edited by hand unless asked to (and then keeping a backup)."""

from __future__ import annotations

import difflib
import shutil
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from infragate import strictread
from infragate.errors import Refused, UsageError
from infragate.files import stage
from infragate.render import journal, lockfile, stamp

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


def is_backup(path: str) -> bool:
    """A copy `--force` kept of a hand-edited file: the person's, never rendered again."""
    return BACKUP_SUFFIX in PurePosixPath(path).name


# A rendered file is a few kB; a file this large at a rendered path is someone else's.
EXISTING_MAX_BYTES = 20_000_000


def read_existing(path: Path) -> str | None:
    """The text of a file that may be a rendered one; None if there is none. Bytes that
    are not UTF-8 are replaced, so such a file fails its stamp instead of being skipped."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    why = strictread.special_kind(mode)  # a pipe here would block the run: never opened
    if why is not None:
        what = "a folder" if stat.S_ISDIR(mode) else f"a file that {why}"
        raise UsageError(f"{path} is {what} where infragate renders a file; move it out of the way")
    kind = strictread.Kind("a file infragate renders", "move it out of the way")
    data = strictread.read_bytes(path, kind, EXISTING_MAX_BYTES)
    return data.decode("utf-8", errors="replace")


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
        if (
            relative in files
            or is_backup(relative)
            or ".terraform" in path.parts
            or path.is_symlink()
        ):
            continue
        try:
            with path.open("rb") as handle:
                if stamp.MARK.encode() not in handle.read(4096):
                    continue
        except OSError:
            continue
        text = read_existing(path)
        found_stamp = None if text is None else stamp.read(text)[0]
        if text is not None and found_stamp is not None and found_stamp.project == project:
            found[relative] = text
    return found


def classify(path: str, before: str | None, after: str, project: str) -> Action:
    """What rendering `after` for `project` at `path`, over a file holding `before` (None: no
    file), is."""
    if before is None:
        return Action.create
    if before == after:
        return Action.unchanged
    found, _ = stamp.read(before)
    rewritten = found is None or found.project != project or stamp.edited(path, before)
    if rewritten and lockfile.is_lock(path) and lockfile.only_gained_hashes(before, after):
        # Terraform rewrote it with another platform's hashes: kept (lockfile.py). One that
        # still carries its unedited stamp is ours to update to this baseline's.
        return Action.unchanged
    if found is None or found.project != project:
        return Action.foreign  # a person's file, another tool's, or another project's
    return Action.edited if stamp.edited(path, before) else Action.update


def plan(out: Path, files: Mapping[str, str], project: str) -> list[Change]:
    """What writing `files` (rendered for `project`) into `out` does to each file, and
    which files an earlier render of the project left that this one removes."""
    changes = []
    for relative, after in files.items():
        before = read_existing(target(out, relative))
        changes.append(Change(relative, classify(relative, before, after, project), before, after))
    for relative, before in sorted(_leftovers(out, files, project).items()):
        action = Action.edited if stamp.edited(relative, before) else Action.remove
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


def apply(out: Path, changes: list[Change], force: bool, baseline: str = "") -> dict[str, Path]:
    """Write every change; returns the backups made of hand-edited files (path → backup).

    Every new file is first written to a temporary file beside its target; only when all
    of them are on disk are they renamed into place. A full disk or an error mid-way
    leaves the previous render; a crash (or a kill) is finished or undone by the next
    run from the journal it keeps (journal.py), so the folder never keeps files of two
    baselines.
    """
    conflicts = [c for c in changes if c.conflict]
    if conflicts and not force:
        raise Refused(_conflict_message(out, conflicts))
    moving = [(c, target(out, c.path)) for c in changes if c.action is not Action.unchanged]
    if not moving:
        return {}
    label = baseline or "the baseline"
    removes = [c.path for c, _ in moving if c.after is None]
    out.mkdir(parents=True, exist_ok=True)
    journal.begin(out, label, [c.path for c, _ in moving if c.after is not None], removes)
    staged: list[tuple[Path, Path]] = []
    backups: dict[str, Path] = {}
    try:
        for c, path in moving:
            if c.after is not None:
                mode = 0o755 if c.after.startswith("#!") else 0o644
                staged.append((stage(path, c.after, mode), path))
        for c, path in moving:
            if c.conflict:
                backups[c.path] = _backup_path(path)
                shutil.copy2(path, backups[c.path])
        journal.commit(out, label, staged, removes)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        journal.finish(out)
        raise
    for tmp, path in staged:
        tmp.replace(path)
    for c, path in moving:
        if c.after is None:
            path.unlink(missing_ok=True)
            _prune_empty_parents(path.parent, out)
    journal.finish(out)
    return backups
