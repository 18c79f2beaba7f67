"""Vendored and third-party code: set aside once by the walker, listed in the inventory with
the reason, and read by no rule."""

from __future__ import annotations

from pathlib import Path

from infragate.audit.engine import run_audit
from infragate.audit.judgement import basis_from_brief
from infragate.audit.repo import Repo
from infragate.audit.walker import walk


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return root


BROKEN = "#!/bin/bash\nif true; then\nexit 1\n"


def test_vendored_paths_are_listed_with_the_reason_and_not_read(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitattributes": "gen/** linguist-generated\nvendor/** -linguist-vendored\n",
            ".gitmodules": '[submodule "tools/lib"]\n\tpath = tools/lib\n\turl = x\n',
            "gen/api.sh": BROKEN,
            "third_party/x/deploy.sh": BROKEN,
            "tools/lib/setup.sh": BROKEN,
            "app/.github/workflows/ci.yml": "on: push\n",
            "nested/.git": "gitdir: ../.git/modules/nested\n",
            "nested/run.sh": BROKEN,
            "web/app.min.js": "x",
            "vendor/keep/own.sh": "echo ours\n",
            "run.sh": "echo ok\n",
            ".devcontainer/Dockerfile": "FROM mcr.microsoft.com/devcontainers/python:3.12\n",
        },
    )
    walked = walk(tmp_path)
    assert walked.vendored == {
        "app/.github": "a .github folder below the root: GitHub runs only the root's workflows",
        "gen": "marked linguist-generated in .gitattributes",
        "nested": "a separate git repository inside this one (its own .git)",
        "third_party": "a vendored folder (GitHub Linguist's vendor list)",
        "tools/lib": "a git submodule (.gitmodules)",
        "web/app.min.js": "a vendored file (GitHub Linguist's vendor list)",
    }
    # `-linguist-vendored` un-vendors a folder Linguist's list would set aside.
    assert "vendor/keep/own.sh" in walked.texts
    assert not any(
        p.endswith(".sh") and p not in ("run.sh", "vendor/keep/own.sh") for p in walked.texts
    )
    report = run_audit(tmp_path, basis_from_brief(None, tmp_path), tools=("bash",))
    assert not [
        f for f in report.findings if f.file and f.file != "run.sh" and f.file.endswith(".sh")
    ]
    listed = {(f.name, f.detail) for f in report.inventory if f.category == "vendored"}
    assert ("third_party", "a vendored folder (GitHub Linguist's vendor list)") in listed


def test_a_file_inside_a_vendored_folder_counts_as_present() -> None:
    repo = Repo.from_texts({"vendor/bin/phpunit": "x", "app.php": "<?php"})
    assert set(repo.texts) == {"app.php"}
    assert repo.vendored == {"vendor": "a vendored folder (GitHub Linguist's vendor list)"}
    assert repo.exists("vendor/bin/phpunit") and repo.is_vendored("vendor/bin/phpunit")


def test_only_the_root_workflows_are_workflows() -> None:
    repo = Repo.from_texts(
        {
            ".github/workflows/ci.yml": "on: push\n",
            ".github/workflows/old/ci.yml": "on: push\n",
            "svc/.github/workflows/ci.yml": "on: push\n",
        }
    )
    assert repo.workflows() == [".github/workflows/ci.yml"]


def test_a_dev_container_is_not_the_application_s_image(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "package.json": '{"name": "web", "dependencies": {"next": "14"}}',
            ".devcontainer/Dockerfile": "FROM node:20\n",
            ".devcontainer/setup.sh": "#!/bin/bash\nsudo apt-get install -y postgresql\n",
        },
    )
    report = run_audit(tmp_path, basis_from_brief(None, tmp_path), tools=())
    slugs = {f.slug for f in report.findings}
    assert "no-container-image" in slugs
    assert "script-requires-root" not in slugs


def test_committed_workflows_are_read_even_when_gitignore_matches_them(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {".gitignore": "*.yml\n", ".github/workflows/ci.yml": "on: push\n", "a.yml": "x: 1\n"},
    )
    walked = walk(tmp_path)
    assert ".github/workflows/ci.yml" in walked.texts and "a.yml" not in walked.paths
