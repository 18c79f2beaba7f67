"""Building blocks for lifecycle tests: a project on disk, a clock, the steps to a state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from infragate.brief.loader import LoadedBrief, load_brief
from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.store.engine import Store
from tests.helpers import brief_text
from tests.signing_keys import key_for, write_signers

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
ANN, BOB, CARA = "ann@example.com", "bob@example.com", "cara@example.com"
# A production brief with a third person who proposes changes and approves nothing.
OWNERS = {
    "owners": [
        {"name": "Ann Infra", "email": ANN, "roles": ["infra_owner"]},
        {"name": "Bob Budget", "email": BOB, "roles": ["budget_owner"]},
        {"name": "Cara Lead", "email": CARA, "roles": ["tech_lead"]},
    ]
}


class Project:
    """A repository with infra/brief.yaml, and a clock that moves a minute per step."""

    def __init__(
        self,
        root: Path,
        store: Store,
        base: str = "production",
        patch: dict[str, Any] | None = None,
    ) -> None:
        self.root = root
        self.store = store
        self.brief_path = root / "infra" / "brief.yaml"
        self.lock_path = root / "infra" / "baseline.lock.json"
        self.catalog = load_catalog()
        self.minutes = 0
        self.write_brief(base, patch if patch is not None else OWNERS)

    def write_brief(self, base: str, patch: dict[str, Any] | None = None) -> None:
        self.brief_path.parent.mkdir(parents=True, exist_ok=True)
        self.brief_path.write_text(brief_text(base, patch))
        # the examples' owners too (shopfront: dana, sam), for tests that start from them
        write_signers(
            self.brief_path.parent, (ANN, BOB, CARA, "dana@example.com", "sam@example.com")
        )

    def edit_brief(self, old: str, new: str) -> None:
        text = self.brief_path.read_text()
        assert old in text, old
        self.brief_path.write_text(text.replace(old, new))

    @property
    def loaded(self) -> LoadedBrief:
        return load_brief(self.brief_path)

    def clock(self, actor: str = ANN, days: int = 0) -> Clock:
        self.minutes += 1
        return Clock(START + timedelta(days=days, minutes=self.minutes), actor)

    def approve(self, role: Role, email: str, days: int = 0) -> service.ApprovalResult:
        return service.approve(
            self.store,
            self.loaded,
            self.catalog,
            self.clock(email, days),
            role,
            email,
            "",
            key_for(email),
        )

    def approve_all(self) -> None:
        self.approve(Role.infra_owner, ANN)
        self.approve(Role.budget_owner, BOB)

    def freeze(self, days: int = 0) -> service.FreezeResult:
        return service.freeze(self.store, self.loaded, self.clock(ANN, days), self.lock_path)

    def propose(self, by: str = CARA, reason: str = "more traffic") -> service.ProposalResult:
        return service.propose(self.store, self.loaded, self.catalog, self.clock(by), by, reason)

    def approve_change(self, role: Role, email: str) -> service.ChangeApprovalResult:
        return service.approve_change(
            self.store,
            self.loaded,
            self.catalog,
            self.clock(email),
            role,
            email,
            "",
            key_for(email),
        )
