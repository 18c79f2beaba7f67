"""The files of a git work tree as git itself lists them.

The audit reads what the repository contains: a file that is committed is read even when a
.gitignore pattern matches it (a `*.yml` line does not make .github/workflows disappear), and
an untracked file counts unless git ignores it. Outside git, the walker keeps reading the
.gitignore files itself.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT_S = 60


@dataclass(frozen=True)
class GitListing:
    """Relative POSIX paths of the files git lists, and every folder above them."""

    files: frozenset[str]
    dirs: frozenset[str]

    def includes(self, rel: str, is_dir: bool) -> bool:
        # A submodule or a nested repository is listed as a path of its own; its folder is
        # met (and judged by the walker) but nothing in it is listed.
        if is_dir:
            return rel in self.dirs or rel in self.files
        return rel in self.files


def git_listing(root: Path) -> GitListing | None:
    """Git's list of the files under `root` when `root` is the top of a git work tree and git
    is on PATH; None otherwise (not a work tree, git missing or failing).

    Only the top of a work tree: a folder inside another repository (an unpacked archive
    under someone's ignored build/, a sample tree in a test suite) is judged by its own
    .gitignore files, as any folder outside git is.
    """
    git = shutil.which("git")
    if git is None:
        return None
    top = _git(git, root, "rev-parse", "--show-toplevel")
    if top is None or Path(top.decode("utf-8", "surrogateescape").strip()) != root.resolve():
        return None
    listed = _git(git, root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if listed is None:
        return None
    files: set[str] = set()
    dirs: set[str] = set()
    for raw in listed.split(b"\0"):
        if not raw:
            continue
        rel = raw.decode("utf-8", "surrogateescape").rstrip("/")
        files.add(rel)
        parent = rel.rpartition("/")[0]
        while parent and parent not in dirs:
            dirs.add(parent)
            parent = parent.rpartition("/")[0]
    return GitListing(frozenset(files), frozenset(dirs))


def _git(git: str, root: Path, *args: str) -> bytes | None:
    try:
        proc = subprocess.run(
            [git, "-C", str(root), "-c", "core.quotepath=off", *args],
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None
