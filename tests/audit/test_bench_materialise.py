"""bench/real_repos.py materialises each labelled repository as a clone at its pinned commit:
the audit then sees the tree a user's clone has (export-ignore and .gitignore hide nothing
that is committed)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from infragate.audit.walker import walk

ROOT = Path(__file__).resolve().parents[2]
GIT = shutil.which("git")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("real_repos", ROOT / "bench" / "real_repos.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["real_repos"] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def _git(*args: str) -> str:
    assert GIT is not None, "git is required for this test"
    proc = subprocess.run(
        [GIT, "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return proc.stdout.strip()


def test_a_repository_is_materialised_as_a_clone_that_hides_nothing_committed(
    tmp_path: Path,
) -> None:
    bench = _bench()
    source = tmp_path / "src"
    source.mkdir()
    _git("-C", str(source), "init", "-q")
    (source / ".github" / "workflows").mkdir(parents=True)
    (source / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
    (source / ".gitattributes").write_text("/.github export-ignore\n")
    (source / "app.py").write_text("print(1)\n")
    _git("-C", str(source), "add", "-A")
    _git("-C", str(source), "commit", "-q", "-m", "one")
    (source / ".gitignore").write_text("*.yml\n")
    _git("-C", str(source), "add", "-A")
    _git("-C", str(source), "commit", "-q", "-m", "two")
    commit = _git("-C", str(source), "rev-parse", "HEAD")
    mirrors = tmp_path / "mirrors"
    _git("clone", "-q", "--mirror", str(source), str(mirrors / "acme+shop" / "shop.git"))

    labels = bench.RepoLabels(
        path=tmp_path / "acme__shop.yaml",
        repo="acme/shop",
        commit=commit,
        stack="django",
        control=False,
        labels={},
    )
    build = tmp_path / "build"
    build.mkdir()
    directory, note = bench.materialise(labels, mirrors, build, rebuild=False)
    assert directory is not None and note == "cloned"
    assert (directory / ".git").is_dir()
    assert _git("-C", str(directory), "rev-parse", "HEAD") == commit
    walked = walk(directory)
    assert ".github/workflows/ci.yml" in walked.texts  # export-ignore and *.yml hide nothing
    assert bench.materialise(labels, mirrors, build, rebuild=False)[1] == "cached (clone)"
