"""What the pre-commit and GitHub Action tests share: a project frozen through the real
CLI in a git repository of its own, and a clone of this repository's committed HEAD (what
pre-commit and `uses: owner/infragate@ref` fetch)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.helpers import ROOT, brief_text, run_cli
from tests.lifecycle_helpers import ANN, BOB, CARA, OWNERS
from tests.signing_keys import key_for, write_signers

# an edit that changes what the brief means, made without a change request
MORE_TRAFFIC = ("peak_rps: 40", "peak_rps: 120")
# the production fixture's brief with the application contract that render needs
APP = {
    "start": "node server.js",
    "port": 3000,
    "health_path": "/health",
    "package_manager": "npm",
    "workers": [{"name": "worker", "command": "node worker.js"}],
}
BRIEF = {**OWNERS, "workload": {"app": APP}}


def git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(cwd),  # no user's git config (signing, hooks) reaches the fixture
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"git {' '.join(args)}:\n{done.stdout}{done.stderr}"
    return done.stdout


def store_env(root: Path) -> dict[str, str]:
    """The project's own SQLite store, kept outside the repository."""
    return {"INFRAGATE_DATABASE_URL": f"sqlite:///{root.parent / (root.name + '-store.db')}"}


def infragate(root: Path, *args: str) -> str:
    done = run_cli(*args, cwd=root, env=store_env(root))
    assert done.returncode == 0, f"infragate {' '.join(args)}:\n{done.stdout}{done.stderr}"
    return done.stdout


def frozen_project(root: Path) -> Path:
    """A production brief approved by its two owners (signed), frozen, rendered and
    committed, in a git repository at `root`."""
    (root / "infra").mkdir(parents=True)
    (root / "infra" / "brief.yaml").write_text(brief_text("production", BRIEF))
    write_signers(root / "infra", (ANN, BOB, CARA))
    for role, email in (("infra_owner", ANN), ("budget_owner", BOB)):
        infragate(root, "approve", "--role", role, "--as", email, "--key", str(key_for(email)))
    infragate(root, "freeze")
    infragate(root, "render")  # so that drift finds the files it expects
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "frozen baseline v1", cwd=root)
    return root


def edit_brief(root: Path, old: str, new: str) -> None:
    brief = root / "infra" / "brief.yaml"
    text = brief.read_text()
    assert old in text, old
    brief.write_text(text.replace(old, new))


def clone_head(dest: Path) -> Path:
    """This repository as committed: pre-commit and the action install from a checkout."""
    git("clone", "-q", "--no-hardlinks", str(ROOT), str(dest), cwd=dest.parent)
    return dest
