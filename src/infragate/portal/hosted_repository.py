"""A project kept in the store, laid out for a moment as the repository the CLI works in:
infra/brief.yaml, infra/allowed_signers, infra/baseline.lock.json and the files `render`
writes from that baseline, in a temporary folder removed afterwards.

The closure gate and drift read a repository (closure/service.py, render/drift.py); a
project made in the portal has none, so they read this one, built from the store by the
same code as the downloads (portal/downloads.py). Its rendered files are the store's own,
so comparing them finds nothing by construction: for such a project, drift means the
lock's verification and a Terraform state (said on the pages, `NOT_CHECKED`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from infragate.errors import Refused
from infragate.lifecycle import hosted, service, signing
from infragate.lifecycle.baseline import LOCK_FILE
from infragate.portal.downloads import rendered_files
from infragate.store.engine import Store

NOT_CHECKED = (
    "The repository's files: the project has no repository yet, so the files compared are "
    "the ones the portal renders from its baseline (the rendered zip). Once a repository "
    "holds them, run 'infragate drift' there."
)


@dataclass(frozen=True)
class Layout:
    root: Path  # the repository's root
    scratch: Path  # a folder beside it for uploads (a state file), outside the repository

    @property
    def brief(self) -> Path:
        return self.root / "infra" / "brief.yaml"

    @property
    def lock(self) -> Path:
        return self.root / "infra" / LOCK_FILE


def is_hosted(store: Store, name: str) -> bool:
    try:
        hosted.brief_text(store, name)
    except Refused:
        return False
    return True


@contextmanager
def hosted_repository(store: Store, name: str, today: date) -> Iterator[Layout]:
    """The repository of `name` (its brief in the store, a frozen baseline) in a temporary
    folder; Refused when the store keeps no brief or nothing is frozen."""
    brief = hosted.brief_text(store, name)
    found = service.stored_lock(store, name)
    if found is None:
        raise Refused(f"{name} has no frozen baseline: approve the design and freeze it first")
    signers = hosted.signers(store, name).text
    try:
        _, files = rendered_files(store, name, today)
    except Refused:
        files = {}  # the lock does not verify: the gate and drift say why, from the lock
    with tempfile.TemporaryDirectory(prefix="infragate-portal-") as folder:
        layout = Layout(Path(folder) / "repository", Path(folder) / "uploads")
        layout.scratch.mkdir()
        layout.brief.parent.mkdir(parents=True)
        layout.brief.write_text(brief)
        layout.lock.write_text(found[1])
        if signers is not None:
            (layout.root / "infra" / signing.SIGNERS_FILE).write_text(signers)
        for path, text in files.items():
            target = layout.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
            if text.startswith("#!"):
                target.chmod(0o755)  # as render writes scripts
        yield layout
