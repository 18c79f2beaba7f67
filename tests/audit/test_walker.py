"""The walker: what it reads, what it skips and why, and that bad input never stops it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infragate.audit.engine import run_audit, scan
from infragate.audit.judgement import basis_from_brief
from infragate.audit.walker import walk


def _tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


def _skips(walked_skipped: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {s.path: s.reason for s in walked_skipped}


def test_gitignore_and_vendored_folders_are_not_read(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": "secret/\n*.log\n!keep.log\n",
            "app/.gitignore": "local.txt\n",
            "app/local.txt": "x",
            "app/main.py": "print(1)\n",
            "secret/key.txt": "x",
            "debug.log": "x",
            "keep.log": "x",
            "node_modules/pkg/index.js": "x",
            "web/node_modules/pkg/index.js": "x",
            ".venv/bin/activate": "x",
            "vendor/lib.go": "x",
            "dist/bundle.js": "x",
            ".terraform/modules/x.tf": "x",
        },
    )
    walked = walk(tmp_path)
    assert walked.paths == {".gitignore", "app/.gitignore", "app/main.py", "keep.log"}
    assert walked.skipped == []


def test_symlink_out_of_the_tree_is_not_followed(tmp_path: Path) -> None:
    outside = _tree(tmp_path / "outside", {"passwd": "root:x:0:0\n", "dir/f.txt": "x"})
    repo = _tree(tmp_path / "repo", {"a.txt": "a"})
    (repo / "link-file").symlink_to(outside / "passwd")
    (repo / "link-dir").symlink_to(outside / "dir", target_is_directory=True)
    (repo / "inside").symlink_to(repo / "a.txt")
    walked = walk(repo)
    assert "passwd" not in "".join(walked.texts.values())
    assert _skips(walked.skipped) == {
        "link-dir": "symlink points outside the repository",
        "link-file": "symlink points outside the repository",
    }
    assert walked.texts["inside"] == "a"


def test_symlink_loops_are_reported_not_followed(tmp_path: Path) -> None:
    repo = _tree(tmp_path, {"sub/a.txt": "a"})
    (repo / "sub" / "up").symlink_to(repo, target_is_directory=True)
    (repo / "self").symlink_to(repo / "self")
    walked = walk(repo)
    skips = _skips(walked.skipped)
    assert skips["self"] == "symlink loop"
    assert skips["sub/up"].startswith("symlink loop")
    assert walked.texts == {"sub/a.txt": "a"}


def test_binary_non_utf8_oversize_and_fifo_are_skipped_with_a_reason(tmp_path: Path) -> None:
    repo = _tree(
        tmp_path,
        {
            "blob.dat": b"\x7fELF\x00\x00\x01",
            "latin1.sh": "echo caf\xe9\n".encode("latin-1"),
            "big.yaml": "a: 1\n" * 1000,
            "logo.png": b"\x89PNG\x00",
            "ok.sh": "echo ok\n",
        },
    )
    os.mkfifo(repo / "pipe")
    walked = walk(repo, max_bytes=2_000)
    assert _skips(walked.skipped) == {
        "blob.dat": "binary file",
        "latin1.sh": "not UTF-8 text (first bad byte on line 1)",
        "big.yaml": "over the 2,000-byte size cap (5,000 bytes)",
        "pipe": "not a regular file",
    }
    assert set(walked.texts) == {"ok.sh"}
    assert "logo.png" in walked.paths  # known binary formats are listed, not read


def test_permission_denied_is_skipped(tmp_path: Path) -> None:
    # Root ignores chmod 000, so the opener stands in for the filesystem's refusal.
    repo = _tree(tmp_path, {"locked.sh": "echo x\n", "open.sh": "echo y\n"})

    def reader(path: Path) -> bytes:
        if path.name == "locked.sh":
            raise PermissionError(13, "Permission denied", str(path))
        return path.read_bytes()

    walked = walk(repo, reader=reader)
    assert _skips(walked.skipped) == {"locked.sh": "permission denied"}
    assert set(walked.texts) == {"open.sh"}


def test_unlistable_folder_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _tree(tmp_path, {"ok/a.txt": "a", "locked/b.txt": "b"})
    real = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr("infragate.audit.walker.os.scandir", scandir)
    walked = walk(repo)
    assert _skips(walked.skipped) == {"locked": "folder cannot be listed: Permission denied"}
    assert set(walked.texts) == {"ok/a.txt"}


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_malformed_yaml_and_a_yaml_bomb_do_not_stop_the_scan(tmp_path: Path) -> None:
    repo = _tree(
        tmp_path,
        {
            ".github/workflows/bomb.yml": BOMB,
            ".github/workflows/broken.yml": "on: [push\njobs: {\n",
            ".github/workflows/ci.yml": "on: [push]\njobs:\n  t:\n    steps:\n      - run: sleep 5\n",
            "package.json": '{"name": "x", "dependencies": {"next": "1"}}',
        },
    )
    report = run_audit(repo, basis_from_brief(None, repo), tools=())
    skips = {s.path: s.reason for s in report.skipped}
    assert "YAML bomb" in skips[".github/workflows/bomb.yml"]
    assert skips[".github/workflows/broken.yml"].startswith("malformed YAML at line")
    assert ("ci-sleep-wait", ".github/workflows/ci.yml") in {
        (f.slug, f.file) for f in report.findings
    }


def test_scan_reads_each_file_once_into_memory(tmp_path: Path) -> None:
    repo = _tree(tmp_path, {"a/b/c.sh": "echo c\n", "d.md": "# d\n"})
    scanned, status = scan(repo, tools=())
    assert dict(scanned.texts) == {"a/b/c.sh": "echo c\n", "d.md": "# d\n"}
    assert scanned.dirs == {"a", "a/b"} and status == {}
