"""The requests queue and a project's page as data, from the same store the CLI writes,
and the two actions (a pasted approval, a freeze), including two freezes at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from infragate.brief.model import Role
from infragate.errors import Refused
from infragate.lifecycle import hosted, service
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.portal import requests_actions, requests_view
from infragate.portal.requests_models import ProjectPage, RequestQueue
from infragate.store import change_requests as crs
from infragate.store import repository as repo
from infragate.store.engine import Store, open_store
from tests.lifecycle_helpers import ANN, BOB, CARA, OWNERS, START, Project
from tests.portal.hosted_helpers import Hosted, as_pasted, sign_elsewhere
from tests.signing_keys import key_for

TODAY = START.date()
ANN_SHOWN, BOB_SHOWN = f"Ann Infra <{ANN}>", f"Bob Budget <{BOB}>"


def named(name: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {**OWNERS, "project": {"name": name}, **(extra or {})}


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


def _entries(queue: RequestQueue) -> dict[str, Any]:
    return {e.project: e for g in queue.groups for e in g.projects}


def test_the_queue_says_what_blocks_each_project_and_who_must_act(
    sqlite_store: Store, tmp_path: Path
) -> None:
    store = sqlite_store
    Hosted(store, patch=named("blocked", {"workload": {"datastores": ["sqlite"]}}))
    half = Hosted(store, patch=named("half"))
    half.approve(Role.infra_owner, ANN)
    ready = Hosted(store, patch=named("ready"))
    ready.approve_all()
    frozen = Hosted(store, patch=named("frozen"))
    frozen.approve_all()
    frozen.freeze()
    fresh = Hosted(store, patch=named("fresh"))
    on_disk = Project(tmp_path / "repo", store, "production")  # kept in a repository
    on_disk.approve_all()
    on_disk.freeze()

    queue = requests_view.request_queue(store, fresh.catalog, TODAY)
    assert [g.state for g in queue.groups] == list(State)
    by_state = {g.state: [e.project for e in g.projects] for g in queue.groups}
    assert by_state[State.draft] == ["blocked", "fresh"]
    assert by_state[State.designed] == ["half"]
    assert by_state[State.approved] == ["ready"]
    assert by_state[State.frozen] == ["fixture-prod", "frozen"]
    entries = _entries(queue)
    assert [b.key for b in entries["blocked"].blockers] == ["RS003"]
    assert entries["blocked"].waiting[0].who == [ANN_SHOWN]  # the infra owner waives RS003
    assert entries["fresh"].step == "approve the design"
    assert [(w.what, w.who) for w in entries["fresh"].waiting] == [
        ("infra_owner approval of the design", [ANN_SHOWN]),
        ("budget_owner approval of the design", [BOB_SHOWN]),
    ]
    statement = fresh.statement(Role.infra_owner, ANN)
    assert entries["fresh"].design_sha256 == statement.design_sha256
    assert [(w.what, w.who) for w in entries["half"].waiting] == [
        ("budget_owner approval of the design", [BOB_SHOWN])
    ]
    assert entries["ready"].step == "freeze the design"
    lock = service.stored_lock(store, "frozen")
    assert lock is not None
    assert entries["frozen"].monthly_usd == lock[0].document["monthly_usd"]
    assert (entries["frozen"].latest_version, entries["frozen"].waiting) == (1, [])
    assert entries["fixture-prod"].hosted is False and entries["frozen"].hosted is True
    # a brief edited after an approval voids it: the queue says so, and who approves again
    half.edit_brief("peak_rps: 40", "peak_rps: 80")
    again = _entries(requests_view.request_queue(store, fresh.catalog, TODAY))["half"]
    assert again.step.startswith("the brief changed since the design was recorded")
    assert [w.who for w in again.waiting] == [[ANN_SHOWN], [BOB_SHOWN]]
    # after a freeze, an edited brief waits for a change proposal
    frozen.edit_brief("peak_rps: 40", "peak_rps: 80")
    changed = _entries(requests_view.request_queue(store, fresh.catalog, TODAY))["frozen"]
    assert changed.step == "the brief no longer matches baseline v1: propose the change"


def test_a_project_page_shows_design_approvals_changes_and_the_trail(
    sqlite_store: Store,
) -> None:
    p = Hosted(sqlite_store)
    p.approve_all()
    v1 = p.freeze()
    p.edit_brief("peak_rps: 40", "peak_rps: 80")
    proposal = p.propose(CARA, "launch campaign")
    p.approve_change(Role.infra_owner, ANN)
    page = requests_view.project_page(p.store, p.catalog, p.name, TODAY)
    assert ProjectPage.model_validate_json(page.model_dump_json()) == page
    assert (page.state, page.hosted, page.standing.change_request) == (State.frozen, True, 1)
    assert page.design is not None
    shown = p.statement(Role.infra_owner, ANN)
    assert shown.design_sha256 == proposal_sha(p)
    now = service.candidate(hosted.loaded_brief(p.store, p.name), p.catalog)
    assert page.design.model_dump(mode="json") == now.design
    assert [(a.role, a.email, a.design_sha256) for a in page.approvals] == [
        (Role.infra_owner, ANN, shown.design_sha256)
    ]
    assert [(w.what, w.who) for w in page.awaiting] == [
        ("budget_owner approval of change request #1", [BOB_SHOWN])
    ]
    (baseline,) = page.baselines
    assert (baseline.version, baseline.sha256) == (1, v1.sha256)
    assert {a.design_sha256 for a in baseline.approvals} == {v1.document["design_sha256"]}
    (change,) = page.change_requests
    assert (change.number, change.status, change.requested_by) == (1, "proposed", CARA)
    assert change.delta_monthly_usd == f"{proposal.diff.delta_usd:.2f}"
    assert change.diff == proposal.diff.as_dict()
    ((_, events),) = service.trail(p.store, p.name)
    assert [(e.seq, e.kind, e.hash) for e in page.trail] == [
        (e.seq, e.kind, e.hash) for e in events
    ]
    assert page.evidence == []
    assert page.downloads.model_dump() == {
        "brief": True,
        "allowed_signers": True,
        "lock": True,
        "render": True,
    }
    with pytest.raises(requests_view.NoSuchProject):
        requests_view.project_page(p.store, p.catalog, "nowhere", TODAY)


def proposal_sha(p: Hosted) -> str:
    with p.store.read() as conn:
        project = repo.find_project(conn, p.name)
        assert project is not None
        change = crs.change_with_status(conn, project, "proposed")
        assert change is not None
        return change.design_sha256


def test_a_repository_project_shows_what_the_store_recorded(
    sqlite_store: Store, tmp_path: Path
) -> None:
    on_disk = Project(tmp_path / "repo", sqlite_store, "production")
    first = on_disk.approve(Role.infra_owner, ANN)
    page = requests_view.project_page(sqlite_store, on_disk.catalog, "fixture-prod", TODAY)
    assert page.hosted is False and page.design is not None
    assert [a.design_sha256 for a in page.approvals] == [first.design_sha256]
    assert page.downloads.brief is False and page.downloads.lock is False
    with pytest.raises(Refused, match=r"no brief in the store"):
        requests_view.statement_to_sign(
            sqlite_store, on_disk.catalog, "fixture-prod", Role.budget_owner, BOB
        )


def test_the_statement_shown_is_what_the_pasted_signature_must_sign(
    sqlite_store: Store,
) -> None:
    p = Hosted(sqlite_store)
    shown = requests_view.statement_to_sign(p.store, p.catalog, p.name, Role.infra_owner, ANN)
    assert shown.text.encode() == p.statement(Role.infra_owner, ANN).message
    assert shown.command.startswith("ssh-keygen -Y sign -n infragate-approval -f ")
    assert shown.command.endswith(shown.filename) and shown.change_request is None
    signature = sign_elsewhere(p.statement(Role.infra_owner, ANN), key_for(ANN))
    outcome = requests_actions.approve_pasted(
        p.store, p.catalog, p.name, p.clock(ANN), Role.infra_owner, "", as_pasted(signature), None
    )
    assert (outcome.state, outcome.missing) == (State.designed, [Role.budget_owner])
    assert outcome.design_sha256 == shown.design_sha256
    with pytest.raises(Refused, match=r"is not the brief's budget_owner"):
        requests_view.statement_to_sign(p.store, p.catalog, p.name, Role.budget_owner, ANN)
    p.approve(Role.budget_owner, BOB)
    frozen = requests_actions.freeze(p.store, p.name, p.clock(BOB))
    assert frozen.version == 1
    p.edit_brief("peak_rps: 40", "peak_rps: 80")
    p.propose(CARA, "bigger")
    for_change = requests_view.statement_to_sign(p.store, p.catalog, p.name, Role.budget_owner, BOB)
    assert for_change.change_request == 1
    assert "change_request: 1" in for_change.text


def _two_freezes_at_once(store: Store, name: str) -> list[object]:
    """Two threads, each with its own connection, freeze the same project at once."""
    barrier = threading.Barrier(2)
    results: list[object] = []

    def run(actor: str) -> None:
        clock = Clock(START + timedelta(hours=1), actor)
        barrier.wait()
        try:
            results.append(requests_actions.freeze(store, name, clock))
        except Refused as exc:
            results.append(exc)

    threads = [threading.Thread(target=run, args=(who,)) for who in (ANN, BOB)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_two_freezes_at_once_make_one_baseline(store_url: str) -> None:
    store = open_store(store_url)
    try:
        p = Hosted(store)
        p.approve_all()
        results = _two_freezes_at_once(store, p.name)
        frozen = [r for r in results if isinstance(r, requests_actions.FreezeOutcome)]
        refused = [r for r in results if isinstance(r, Refused)]
        assert len(frozen) == 1 and len(refused) == 1, results
        assert "nothing to freeze" in str(refused[0])
        baselines, _ = service.history(store, p.name)
        assert [(b.version, b.sha256) for b in baselines] == [(1, frozen[0].sha256)]
        ((_, events),) = service.trail(store, p.name)
        assert [e.kind for e in events].count("baseline.frozen") == 1
        assert service.verify_store(store)[1] == []
    finally:
        store.close()
