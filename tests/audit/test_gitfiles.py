"""Git's own file list: committed files are read whatever .gitignore says (real git, real
work trees in a temporary folder)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from infragate.audit.gitfiles import git_listing
from infragate.audit.walker import walk

GIT = shutil.which("git")


def _git(root: Path, *args: str) -> None:
    assert GIT is not None, "git is required for these tests"
    subprocess.run(
        [GIT, "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
    )


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


@pytest.fixture
def work_tree(tmp_path: Path) -> Path:
    """A repository whose .gitignore, added last, matches files committed before it."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    _write(
        root,
        {
            ".github/workflows/ci.yml": "on: push\n",
            "config/deploy.yml": "servers: [web]\n",
            "app/main.py": "print(1)\n",
        },
    )
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "first")
    _write(
        root,
        {
            ".gitignore": "*.yml\nlocal/\n",
            "local/notes.txt": "mine\n",  # untracked and ignored: not the repository's
            "draft.yml": "x: 1\n",  # untracked and ignored
            "app/new.py": "print(2)\n",  # untracked, not ignored: about to be committed
        },
    )
    return root


def test_committed_files_are_read_even_when_gitignore_matches_them(work_tree: Path) -> None:
    walked = walk(work_tree)
    assert ".github/workflows/ci.yml" in walked.texts
    assert "config/deploy.yml" in walked.texts
    assert "app/new.py" in walked.texts
    assert "draft.yml" not in walked.paths
    assert "local/notes.txt" not in walked.paths and "local" not in walked.dirs


def test_command_line_excludes_still_apply_in_a_work_tree(work_tree: Path) -> None:
    walked = walk(work_tree, exclude=["config/"])
    assert "config/deploy.yml" not in walked.paths
    assert ".github/workflows/ci.yml" in walked.paths


def test_listing_names_files_and_their_folders(work_tree: Path) -> None:
    listed = git_listing(work_tree)
    assert listed is not None
    assert listed.files >= {".github/workflows/ci.yml", "config/deploy.yml", ".gitignore"}
    assert listed.includes(".github", is_dir=True)
    assert listed.includes(".github/workflows", is_dir=True)
    assert not listed.includes("local", is_dir=True)
    assert not listed.includes("draft.yml", is_dir=False)


def test_a_folder_inside_a_work_tree_keeps_its_own_gitignore(work_tree: Path) -> None:
    # A sample tree inside someone else's repository is judged like a folder outside git.
    _write(work_tree, {"sample/.gitignore": "*.log\n", "sample/app.log": "x", "sample/a.py": ""})
    assert git_listing(work_tree / "sample") is None
    walked = walk(work_tree / "sample")
    assert "a.py" in walked.paths and "app.log" not in walked.paths


def test_outside_git_the_walker_reads_gitignore_itself(tmp_path: Path) -> None:
    _write(tmp_path, {".gitignore": "*.yml\n", "ci.yml": "on: push\n", "main.py": ""})
    assert git_listing(tmp_path) is None
    walked = walk(tmp_path)
    assert "main.py" in walked.paths and "ci.yml" not in walked.paths


def test_without_git_on_path_the_walker_falls_back(
    work_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(work_tree / "no-such-bin"))
    assert git_listing(work_tree) is None
    assert "config/deploy.yml" not in walk(work_tree).paths  # .gitignore honoured again
