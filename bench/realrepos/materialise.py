"""A labelled repository as a user's clone has it: from the fetched mirror, at its pinned
commit, into build/real_repos/<owner>__<name>/ (reused while its marker names the commit)."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from realrepos.labels import RepoLabels


def _is_git_dir(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir()


def find_git_dir(mirrors: Path, repo: str) -> Path | None:
    """The git directory under mirrors/<owner>+<name>/ (bare, or a .git a few levels down)."""
    base = mirrors / repo.replace("/", "+")
    if not base.is_dir():
        return None
    queue: list[tuple[Path, int]] = [(base, 0)]
    while queue:
        current, depth = queue.pop(0)
        if _is_git_dir(current):
            return current
        if depth >= 3:
            continue
        try:
            children = sorted(p for p in current.iterdir() if p.is_dir() and not p.is_symlink())
        except OSError:
            continue
        # a work tree's .git first, then everything else breadth-first
        children.sort(key=lambda p: p.name != ".git")
        queue.extend((child, depth + 1) for child in children)
    return None


def _git(
    git_dir: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


def _extract_archive(git_dir: Path, commit: str, dest: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tar_path = Path(tmp) / "tree.tar"
        proc = _git(git_dir, "archive", "--format=tar", "-o", str(tar_path), commit)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip())
        with tarfile.open(tar_path) as tar:
            tar.extractall(dest, filter="tar")


def _extract_blobwise(git_dir: Path, commit: str, dest: Path) -> list[str]:
    """Fallback for snapshots with missing objects: write every blob that is there."""
    listing = _git(git_dir, "ls-tree", "-r", "-z", "--full-tree", commit)
    if listing.returncode != 0:
        raise RuntimeError(listing.stderr.decode("utf-8", "replace").strip())
    entries: list[tuple[str, str, str]] = []
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind == "blob":
            entries.append((mode, sha, raw_path.decode("utf-8", "surrogateescape")))
    batch = _git(
        git_dir, "cat-file", "--batch", stdin="".join(f"{e[1]}\n" for e in entries).encode()
    )
    out = batch.stdout
    pos = 0
    missing: list[str] = []
    for mode, _sha, rel in entries:
        eol = out.index(b"\n", pos)
        header = out[pos:eol].decode()
        pos = eol + 1
        if header.endswith(" missing"):
            missing.append(rel)
            continue
        size = int(header.split()[2])
        content = out[pos : pos + size]
        pos += size + 1
        target = dest / rel
        if not target.resolve().is_relative_to(dest.resolve()):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            target.symlink_to(content.decode("utf-8", "surrogateescape"))
        else:
            target.write_bytes(content)
            if mode == "100755":
                target.chmod(0o755)
    return missing


def _clone(git_dir: Path, commit: str, dest: Path) -> None:
    """A work tree at `commit`: what a user who cloned the repository has."""
    for args in (
        ["git", "clone", "--quiet", "--no-checkout", str(git_dir), str(dest)],
        ["git", "-C", str(dest), "-c", "advice.detachedHead=false", "checkout", "--quiet", commit],
    ):
        proc = subprocess.run(args, capture_output=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip())


def materialise(
    labels: RepoLabels, mirrors: Path, build: Path, rebuild: bool
) -> tuple[Path | None, str]:
    """(directory, note); directory is None when the repository cannot be had."""
    dest = build / labels.key
    marker = build / f"{labels.key}.commit"
    made = marker.read_text(encoding="utf-8").split() if marker.is_file() else []
    # The marker names the commit and how the tree was made; an older marker (the commit
    # alone, from before trees were clones) means the tree is made again.
    if not rebuild and dest.is_dir() and len(made) == 2 and made[0] == labels.commit:
        return dest, f"cached ({made[1]})"
    git_dir = find_git_dir(mirrors, labels.repo)
    if git_dir is None:
        return None, "mirror missing"
    if _git(git_dir, "cat-file", "-e", f"{labels.commit}^{{commit}}").returncode != 0:
        return None, f"commit {labels.commit[:12]} not in the mirror at {git_dir}"
    if dest.exists():
        shutil.rmtree(dest)
    marker.unlink(missing_ok=True)
    how, note = "clone", "cloned"
    try:
        _clone(git_dir, labels.commit, dest)
    except (RuntimeError, OSError) as cloning:
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        how, note = "archive", f"extracted with git archive (no clone: {cloning})"
        try:
            _extract_archive(git_dir, labels.commit, dest)
        except (RuntimeError, tarfile.TarError, OSError) as exc:
            shutil.rmtree(dest)
            dest.mkdir(parents=True)
            try:
                missing = _extract_blobwise(git_dir, labels.commit, dest)
            except (RuntimeError, ValueError, OSError) as inner:
                shutil.rmtree(dest, ignore_errors=True)
                return None, f"cannot extract: {cloning}; {exc}; {inner}"
            how = "blobs"
            note = f"extracted blob by blob ({len(missing)} missing objects in the snapshot)"
    marker.write_text(f"{labels.commit} {how}\n", encoding="utf-8")
    return dest, note
