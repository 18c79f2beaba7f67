"""Walk a repository once: honour .gitignore, skip vendored and generated folders, never
follow a symlink out of the tree, and turn every unreadable file into a reason, not a crash.

This is the audit's only contact with the filesystem (with `linters.py`); what it returns
is plain data that the rest of the audit works on.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from infragate.audit.gitfiles import GitListing, git_listing
from infragate.audit.model import Skipped

MAX_BYTES = 2_000_000
# Folders that hold dependencies, build output or tool state, never the repo's own infra.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "vendor",
        "dist",
        "build",
        ".next",
        "target",
        "__pycache__",
        ".terraform",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".cache",
    }
)
# Known binary formats are listed, not read: nothing a rule checks lives in them.
BINARY_SUFFIXES = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".ico",
        ".bmp",
        ".pdf",
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".jar",
        ".war",
        ".class",
        ".so",
        ".dylib",
        ".dll",
        ".exe",
        ".o",
        ".a",
        ".pyc",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".mp3",
        ".mp4",
        ".mov",
        ".avi",
        ".wasm",
        ".db",
        ".sqlite",
        ".sqlite3",
        ".bin",
        ".iso",
        ".tar",
    ]
)
SNIFF = 8192

Reader = Callable[[Path], bytes]


def _read_bytes(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


@dataclass
class Walked:
    """Every file seen (relative POSIX paths), the text of those read, and what was skipped."""

    paths: set[str] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)


class _Ignores:
    """The .gitignore files met on the way down, each applying below its own folder."""

    def __init__(self, listed: GitListing | None = None) -> None:
        self.specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
        self.listed = listed  # git's own file list: then .gitignore files are git's business

    def add(self, base: str, text: str, *, gitignore: bool = True) -> None:
        if gitignore and self.listed is not None:
            return
        spec = pathspec.GitIgnoreSpec.from_lines(text.splitlines())
        self.specs.append((base, spec))

    def ignored(self, rel: str, is_dir: bool) -> bool:
        if self.listed is not None and not self.listed.includes(rel, is_dir):
            return True
        for base, spec in self.specs:
            if base and not rel.startswith(base + "/"):
                continue
            sub = rel[len(base) + 1 :] if base else rel
            if spec.match_file(sub + "/" if is_dir else sub):
                return True
        return False


def walk(
    root: Path,
    *,
    max_bytes: int = MAX_BYTES,
    reader: Reader = _read_bytes,
    exclude: Sequence[str] = (),
) -> Walked:
    """`exclude`: gitignore-style patterns from the command line (test fixtures, samples)."""
    root = root.resolve()
    out = Walked()
    ignores = _Ignores(git_listing(root))
    if exclude:
        ignores.add("", "\n".join(exclude), gitignore=False)
    seen_dirs: set[tuple[int, int]] = set()
    root_stat = root.stat()
    seen_dirs.add((root_stat.st_dev, root_stat.st_ino))
    _walk_dir(root, "", root, out, ignores, seen_dirs, max_bytes, reader)
    out.skipped.sort(key=lambda s: s.path)
    return out


def _inside(root: Path, target: Path) -> bool:
    return target == root or root in target.parents


def _walk_dir(
    directory: Path,
    rel_dir: str,
    root: Path,
    out: Walked,
    ignores: _Ignores,
    seen: set[tuple[int, int]],
    max_bytes: int,
    reader: Reader,
) -> None:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        out.skipped.append(Skipped(rel_dir or ".", f"folder cannot be listed: {exc.strerror}"))
        return
    gitignore = next((e for e in entries if e.name == ".gitignore"), None)
    if gitignore is not None and gitignore.is_file(follow_symlinks=False):
        # An unreadable .gitignore ignores nothing; the file itself is reported below.
        with contextlib.suppress(OSError):
            ignores.add(rel_dir, reader(Path(gitignore.path)).decode("utf-8", "replace"))
    for entry in entries:
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
        path = Path(entry.path)
        try:
            is_link = entry.is_symlink()
            st = path.stat() if is_link else entry.stat(follow_symlinks=False)
        except OSError as exc:
            reason = "symlink loop" if is_link and exc.errno == 40 else "broken symlink"
            out.skipped.append(Skipped(rel, reason if is_link else f"cannot stat: {exc.strerror}"))
            continue
        is_dir = stat.S_ISDIR(st.st_mode)
        if is_dir and entry.name in SKIP_DIRS:
            continue
        if ignores.ignored(rel, is_dir):
            continue
        if is_link:
            target = path.resolve()
            if not _inside(root, target):
                out.skipped.append(Skipped(rel, "symlink points outside the repository"))
                continue
        if is_dir:
            key = (st.st_dev, st.st_ino)
            if key in seen:
                out.skipped.append(Skipped(rel, "symlink loop (folder already visited)"))
                continue
            seen.add(key)
            out.dirs.add(rel)
            _walk_dir(path, rel, root, out, ignores, seen, max_bytes, reader)
            continue
        out.paths.add(rel)
        if not stat.S_ISREG(st.st_mode):
            out.skipped.append(Skipped(rel, "not a regular file"))
            continue
        _read(path, rel, st.st_size, out, max_bytes, reader)


def _read(path: Path, rel: str, size: int, out: Walked, max_bytes: int, reader: Reader) -> None:
    if path.suffix.lower() in BINARY_SUFFIXES:
        return
    if size > max_bytes:
        out.skipped.append(Skipped(rel, f"over the {max_bytes:,}-byte size cap ({size:,} bytes)"))
        return
    try:
        raw = reader(path)
    except PermissionError:
        out.skipped.append(Skipped(rel, "permission denied"))
        return
    except OSError as exc:
        out.skipped.append(Skipped(rel, f"cannot be read: {exc.strerror or exc}"))
        return
    if len(raw) > max_bytes:
        out.skipped.append(Skipped(rel, f"over the {max_bytes:,}-byte size cap"))
        return
    if b"\x00" in raw[:SNIFF]:
        out.skipped.append(Skipped(rel, "binary file"))
        return
    try:
        out.texts[rel] = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.skipped.append(Skipped(rel, f"not UTF-8 text (first bad byte on line {line})"))
