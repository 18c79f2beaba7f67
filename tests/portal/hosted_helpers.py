"""A project kept in the store, as the portal keeps one: its brief and allowed signers in
the store, approvals signed elsewhere with the command the portal shows and pasted in."""

from __future__ import annotations

import shlex
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.lifecycle import hosted, service, signing
from infragate.lifecycle.approvals import Statement
from infragate.lifecycle.clock import Clock
from infragate.store.engine import Store
from tests.helpers import brief_text, merge
from tests.lifecycle_helpers import ANN, BOB, CARA, OWNERS, START
from tests.signing_keys import key_for, signers_text

# A project with no repository states its application's contract in the brief, since
# render reads it from nowhere else (render/contract refuses to guess it).
CONTRACT = {
    "workload": {
        "app": {
            "start": "node server.js",
            "port": 3000,
            "health_path": "/health",
            "liveness_path": "/livez",
            "package_manager": "npm",
            "workers": [{"name": "worker", "command": "node worker.js"}],
        }
    }
}


def sign_elsewhere(statement: Statement, key: Path) -> str:
    """What an approver does on their own machine: save the statement, run the one command
    the portal shows (with their key), and copy the .sig file's text."""
    with tempfile.TemporaryDirectory(prefix="infragate-approver-") as folder:
        path = Path(folder) / "statement.txt"
        path.write_bytes(statement.message)
        command = shlex.split(signing.sign_command(str(path), str(key)))
        subprocess.run(command, check=True, capture_output=True, timeout=30)
        return Path(f"{path}.sig").read_text()


def as_pasted(signature: str) -> str:
    """The signature as a browser form hands it over: CRLF line ends, blank space around."""
    return "\n  " + signature.replace("\n", "\r\n") + "\r\n\r\n"


class Hosted:
    """A project whose brief and allowed signers the store keeps; a minute per step."""

    def __init__(
        self,
        store: Store,
        base: str = "production",
        patch: dict[str, Any] | None = None,
        signers: tuple[str, ...] = (ANN, BOB, CARA),
    ) -> None:
        self.store = store
        self.catalog = load_catalog()
        self.minutes = 0
        text = brief_text(base, merge(CONTRACT, patch or OWNERS))
        stored = hosted.keep_brief(store, text, self.clock())
        self.name = stored.project
        hosted.keep_signers(store, self.name, signers_text(signers), self.clock())

    def clock(self, actor: str = ANN) -> Clock:
        self.minutes += 1
        return Clock(START + timedelta(minutes=self.minutes), actor)

    @property
    def signers(self) -> signing.AllowedSigners:
        return hosted.signers(self.store, self.name)

    def edit_brief(self, old: str, new: str) -> None:
        text = hosted.brief_text(self.store, self.name)
        assert old in text, old
        hosted.keep_brief(self.store, text.replace(old, new), self.clock(), self.name)

    def statement(self, role: Role, email: str) -> Statement:
        loaded = hosted.loaded_brief(self.store, self.name)
        return service.approval_statement(loaded, self.catalog, role, email)

    def approve(
        self, role: Role, email: str, signature: str | None = None
    ) -> service.ApprovalResult:
        """Approve with `signature`, by default `email`'s own of the statement shown now."""
        if signature is None:
            signature = sign_elsewhere(self.statement(role, email), key_for(email))
        return service.approve_signed(
            self.store,
            hosted.loaded_brief(self.store, self.name),
            self.catalog,
            self.clock(email),
            role,
            email,
            "looks right",
            as_pasted(signature),
            self.signers,
        )

    def approve_all(self) -> None:
        self.approve(Role.infra_owner, ANN)
        self.approve(Role.budget_owner, BOB)

    def freeze(self, actor: str = ANN) -> service.StoredFreeze:
        loaded = hosted.loaded_brief(self.store, self.name)
        return service.freeze_in_store(self.store, loaded, self.clock(actor))

    def propose(self, by: str = CARA, reason: str = "more traffic") -> service.ProposalResult:
        loaded = hosted.loaded_brief(self.store, self.name)
        return service.propose(self.store, loaded, self.catalog, self.clock(by), by, reason)

    def approve_change(self, role: Role, email: str) -> service.ChangeApprovalResult:
        loaded = hosted.loaded_brief(self.store, self.name)
        statement = service.change_statement(self.store, loaded, self.catalog, role, email)
        assert statement.change_request is not None
        return service.approve_change_signed(
            self.store,
            loaded,
            self.catalog,
            self.clock(email),
            role,
            email,
            "",
            as_pasted(sign_elsewhere(statement, key_for(email))),
            self.signers,
            statement.change_request,
        )
