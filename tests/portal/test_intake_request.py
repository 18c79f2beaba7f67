"""Submitting an intake records the project as `approve` records a design: the same design
row, event and state, so the owners' approvals (CLI or portal) then count for it; the brief
is kept as written, for download; the trail stays verifiable."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infragate.brief.loader import parse_brief
from infragate.brief.model import Role
from infragate.catalog.model import Catalog
from infragate.errors import Refused
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.portal.intake import Intake, intake_from_form
from infragate.portal.intake_form import IntakeForm, OwnerFields, form_from_template
from infragate.store import repository as repo
from infragate.store.engine import Store
from tests.signing_keys import key_for, write_signers

ANN, BOB, REQ = "ann@example.com", "bob@example.com", "rita@example.com"
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def submitted_intake(catalog: Catalog, name: str = "ledger") -> Intake:
    form: IntakeForm = form_from_template(catalog.templates["web-app-postgres"])
    form = form.model_copy(
        update={
            "project_name": name,
            "team": "finance",
            "cost_center": "CC-2001",
            "client": "Ledger Ltd",
            "owners": [
                OwnerFields(name="Ann Infra", email=ANN, roles=["infra_owner"]),
                OwnerFields(name="Bob Budget", email=BOB, roles=["budget_owner"]),
            ],
        }
    )
    intake = intake_from_form(form, catalog)
    assert intake.ready, intake.view().problems
    return intake


def submit(store: Store, catalog: Catalog, intake: Intake) -> service.RequestResult:
    assert intake.loaded is not None and intake.brief_yaml is not None
    return service.request(
        store, intake.loaded, catalog, Clock(NOW, REQ), intake.brief_yaml, intake.template
    )


def test_a_request_records_the_design_the_intake_showed(
    store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    intake = submitted_intake(catalog)
    result = submit(store, catalog, intake)
    assert result.project == "ledger" and result.state is State.designed
    assert intake.design is not None
    assert result.monthly_usd == json.loads(intake.design.model_dump_json())["cost"]["monthly_usd"]
    assert [(role, who) for role, who in result.awaiting] == [
        (Role.infra_owner, [f"Ann Infra <{ANN}>"]),
        (Role.budget_owner, [f"Bob Budget <{BOB}>"]),
    ]
    with store.read() as conn:
        project = repo.find_project(conn, "ledger")
        assert project is not None and project.design_sha256 == result.design_sha256
        record = repo.design(conn, project, result.design_sha256)
        events = repo.events(conn, project)
    assert record is not None
    assert record.design == json.loads(intake.design.model_dump_json())
    assert [e.kind for e in events] == [
        "project.created",
        "project.requested",
        "design.recorded",
        "state.changed",
        "document.stored",  # the portal's copy of the brief, which its approvals read
    ]
    assert all(e.actor == REQ for e in events)
    assert events[1].payload["template"] == "web-app-postgres"
    kept = service.requested(store, "ledger")
    assert kept is not None and kept.brief_yaml == intake.brief_yaml
    assert (kept.requested_by, kept.template) == (REQ, "web-app-postgres")
    assert service.verify_store(store)[1] == []

    # The owners approve the very brief they can download, as the CLI does: their approvals
    # count for the design the request recorded, which is not recorded a second time.
    brief_path = tmp_path / "infra" / "brief.yaml"
    brief_path.parent.mkdir()
    brief_path.write_text(kept.brief_yaml)
    write_signers(brief_path.parent, (ANN, BOB))
    loaded = parse_brief(brief_path, brief_path.read_text())
    for role, email in ((Role.infra_owner, ANN), (Role.budget_owner, BOB)):
        approved = service.approve(
            store, loaded, catalog, Clock(NOW, email), role, email, "", key_for(email)
        )
        assert approved.voided == 0 and approved.design_sha256 == result.design_sha256
    assert approved.state is State.approved and approved.missing == []
    kinds = [e.kind for _, trail in service.trail(store, "ledger") for e in trail]
    assert kinds.count("design.recorded") == 1 and kinds.count("approval.recorded") == 2
    assert service.verify_store(store)[1] == []


def test_a_project_that_exists_is_not_requested_again(store: Store, catalog: Catalog) -> None:
    submit(store, catalog, submitted_intake(catalog))
    before = service.trail(store, "ledger")
    with pytest.raises(Refused, match="already exists"):
        submit(store, catalog, submitted_intake(catalog))
    assert service.trail(store, "ledger") == before


def test_a_brief_the_gate_refuses_is_not_requested(store: Store, catalog: Catalog) -> None:
    form = form_from_template(catalog.templates["internal-tool"])  # still the examples
    intake = intake_from_form(form, catalog)
    assert intake.loaded is not None and intake.brief_yaml is not None and not intake.ready
    with pytest.raises(Refused, match="GATE014"):
        service.request(
            store, intake.loaded, catalog, Clock(NOW, REQ), intake.brief_yaml, "internal-tool"
        )
    assert service.trail(store, None) == []
