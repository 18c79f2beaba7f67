""".pre-commit-hooks.yaml through the real `pre-commit try-repo`, on a project frozen
through the CLI in a git repository of its own: pre-commit clones this repository's
committed HEAD, builds a virtualenv, pip-installs infragate there and runs the hooks on
what is staged, as a commit would. try-repo installs afresh on every call (its store is a
temporary folder; about 12 s here), so each test makes one call that runs every hook."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.door_helpers import MORE_TRAFFIC, clone_head, edit_brief, frozen_project, git, store_env
from tests.helpers import ROOT
from tests.render.rendered_examples import tool

HOOKS = ("infragate-check", "infragate-verify", "infragate-drift", "infragate-audit")


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clone_head(tmp_path_factory.mktemp("hooks") / "infragate")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(
    project: Path, hooks_repo: Path, cache: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **store_env(project),
        "PRE_COMMIT_HOME": str(cache),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [str(tool("pre-commit")), "try-repo", str(hooks_repo), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _status(out: str, hook_name_start: str) -> str:
    """The word pre-commit ends a hook's line with: Passed, Failed or Skipped."""
    lines = [line for line in out.splitlines() if line.startswith(hook_name_start)]
    assert len(lines) == 1, out
    found = re.search(r"(Passed|Failed|Skipped)$", lines[0])
    assert found, lines[0]
    return found[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return frozen_project(tmp_path / "project")


def test_the_hooks_file_names_the_four_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert tuple(h["id"] for h in hooks) == HOOKS
    for hook in hooks:
        assert hook["entry"].split()[:2] == ["infragate", hook["id"].removeprefix("infragate-")]
        assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_every_hook_passes_on_a_frozen_project(
    project: Path, hooks_repo: Path, cache: Path
) -> None:
    done = try_repo(project, hooks_repo, cache, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("infragate check", "infragate verify", "infragate drift", "infragate audit"):
        assert _status(done.stdout, name) == "Passed"


def test_verify_fails_on_a_brief_edited_without_a_change_request(
    project: Path, hooks_repo: Path, cache: Path
) -> None:
    edit_brief(project, *MORE_TRAFFIC)
    git("add", "infra/brief.yaml", cwd=project)
    done = try_repo(project, hooks_repo, cache)  # every hook, on what is staged
    assert done.returncode == 1
    assert _status(done.stdout, "infragate verify") == "Failed"
    assert "FAIL" in done.stdout and "change propose" in done.stdout
    # the start gate judges what the brief says, not whether it was frozen: more
    # traffic breaks no gate rule
    assert _status(done.stdout, "infragate check") == "Passed"


def test_check_and_verify_fail_on_an_edit_that_breaks_a_gate_rule(
    project: Path, hooks_repo: Path, cache: Path
) -> None:
    edit_brief(project, "budget_owner", "tech_lead")  # nobody holds the budget any more
    git("add", "infra/brief.yaml", cwd=project)
    done = try_repo(project, hooks_repo, cache)
    assert done.returncode == 1
    assert _status(done.stdout, "infragate check") == "Failed"
    assert _status(done.stdout, "infragate verify") == "Failed"
    assert "GATE005" in done.stdout


def test_check_and_verify_skip_a_commit_that_leaves_infra_alone(
    project: Path, hooks_repo: Path, cache: Path
) -> None:
    edit_brief(project, *MORE_TRAFFIC)  # edited, not staged: pre-commit sets it aside
    (project / "NOTES.md").write_text("notes\n")
    git("add", "NOTES.md", cwd=project)
    done = try_repo(project, hooks_repo, cache)
    assert done.returncode == 0, done.stdout
    assert _status(done.stdout, "infragate check") == "Skipped"
    assert _status(done.stdout, "infragate verify") == "Skipped"
    # drift and audit look at the whole repository, whatever is staged
    assert _status(done.stdout, "infragate drift") == "Passed"
    assert _status(done.stdout, "infragate audit") == "Passed"
