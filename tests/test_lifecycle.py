"""The lifecycle on a real store: SQLite and PostgreSQL, every test on both."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from infragate.brief.model import Role
from infragate.errors import Refused
from infragate.lifecycle import service
from infragate.lifecycle.signing import SIGNERS_FILE
from infragate.lifecycle.states import State
from infragate.lifecycle.verify import verify_lock
from infragate.store import repository as repo
from infragate.store import tables as t
from infragate.store.engine import HEAD_REVISION, Store, head_revision, open_store, upgrade
from tests.lifecycle_helpers import ANN, BOB, CARA, OWNERS, START, Project


@pytest.fixture
def project(tmp_path: Path, store: Store) -> Project:
    return Project(tmp_path, store)


def _state(p: Project) -> State:
    with p.store.read() as conn:
        return State(conn.execute(select(t.projects.c.state)).scalar_one())


def _verify(p: Project, today: date | None = None) -> dict[str, bool]:
    result = verify_lock(
        p.lock_path,
        p.lock_path.read_text(),
        p.brief_path,
        p.brief_path.read_text(),
        today or START.date(),
        p.brief_path.parent / SIGNERS_FILE,
        (p.brief_path.parent / SIGNERS_FILE).read_text(),
    )
    return {c.name: c.ok for c in result.checks}


# -- migrations --------------------------------------------------------------------------


def test_migrations_run_from_empty_and_from_the_previous_revision(store_url: str) -> None:
    store = open_store(store_url, migrate=False)
    try:
        _migrate_with_data(store)
    finally:
        store.close()


def _migrate_with_data(store: Store) -> None:
    upgrade(store, "0001")
    with store.write() as conn:
        conn.execute(
            text(
                "INSERT INTO projects (name, state, head_seq, created_at) "
                "VALUES ('kept', 'draft', 0, '2026-01-01T00:00:00Z')"
            )
        )
    assert "baselines" not in inspect(store.engine).get_table_names()
    upgrade(store)  # 0001 -> head, data kept
    with store.read() as conn:
        assert conn.execute(text("SELECT name FROM projects")).scalar_one() == "kept"
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
            head_revision()
        )
    assert head_revision() == HEAD_REVISION
    # the migrations create exactly the tables and columns the code queries
    inspector = inspect(store.engine)
    for table in t.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    upgrade(store)  # already at head: a no-op, not an error


# -- the happy path ----------------------------------------------------------------------


def test_approve_freeze_change_and_freeze_again(project: Project) -> None:
    p = project
    first = p.approve(Role.infra_owner, ANN)
    assert first.state is State.designed and first.missing == [Role.budget_owner]
    assert p.approve(Role.budget_owner, BOB).state is State.approved

    v1 = p.freeze()
    assert (v1.version, v1.rewritten) == (1, False)
    assert _state(p) is State.frozen
    lock = json.loads(p.lock_path.read_text())
    assert lock["sha256"] == v1.sha256 and lock["baseline"]["version"] == 1
    assert [a["role"] for a in lock["baseline"]["approvals"]] == ["infra_owner", "budget_owner"]
    assert all(_verify(p).values()), _verify(p)

    # after freeze, a changed brief is a change request with its diff and cost delta
    p.edit_brief("peak_rps: 40", "peak_rps: 160")
    assert _verify(p)["brief"] is False
    proposal = p.propose(CARA, "launch campaign")
    assert proposal.number == 1 and proposal.base_version == 1
    resized = {c.key for c in proposal.diff.changes if c.what == "component"}
    assert "prod/web" in resized
    assert proposal.diff.delta_usd > 0
    assert proposal.diff.delta_usd == sum(proposal.diff.by_environment.values())
    assert proposal.diff.after_usd - proposal.diff.before_usd == proposal.diff.delta_usd

    assert not p.approve_change(Role.infra_owner, ANN).approved
    assert p.approve_change(Role.budget_owner, BOB).approved
    assert _state(p) is State.approved
    v2 = p.freeze()
    assert v2.version == 2
    doc = json.loads(p.lock_path.read_text())["baseline"]
    assert doc["previous"] == {"version": 1, "sha256": v1.sha256}
    assert doc["change_request"]["number"] == 1
    assert doc["change_request"]["requested_by"] == CARA
    assert all(_verify(p).values())

    baselines, changes = service.history(p.store, "fixture-prod")
    assert [b.version for b in baselines] == [1, 2]
    assert [(c.number, c.status) for c in changes] == [(1, "frozen")]
    checked, problems = service.verify_store(p.store)
    assert problems == [] and checked >= 12
    kinds = [e.kind for _, events in service.trail(p.store, None) for e in events]
    assert kinds.count("baseline.frozen") == 2 and kinds[0] == "project.created"


def test_freeze_twice_refuses_and_rewrite_lock_restores_a_deleted_lock(project: Project) -> None:
    p = project
    p.approve_all()
    p.freeze()
    with pytest.raises(Refused, match=r"nothing to freeze: .* frozen as baseline v1"):
        p.freeze()
    original = p.lock_path.read_text()
    p.lock_path.unlink()
    with pytest.raises(Refused, match=r"is missing; rewrite it .* --rewrite-lock"):
        p.freeze()
    result = service.freeze(p.store, p.loaded, p.clock(), p.lock_path, rewrite_lock=True)
    assert result.rewritten and p.lock_path.read_text() == original


# -- approvals and separation of duties ---------------------------------------------------


def test_approvals_are_refused_with_the_reason(project: Project) -> None:
    p = project
    with pytest.raises(Refused, match=r"mallory@example.com is not an owner named in the brief"):
        p.approve(Role.infra_owner, "mallory@example.com")
    with pytest.raises(
        Refused, match=r"Bob Budget <bob@example.com> is not the brief's infra_owner"
    ):
        p.approve(Role.infra_owner, BOB)
    p.approve(Role.infra_owner, ANN)
    with pytest.raises(Refused, match=r"already approved as infra_owner by Ann Infra"):
        p.approve(Role.infra_owner, ANN)
    with pytest.raises(Refused, match=r"is designed, not approved"):
        p.freeze()


def test_production_needs_two_different_people(tmp_path: Path, store: Store) -> None:
    both = {
        "owners": [
            {"name": "Ann Infra", "email": ANN, "roles": ["infra_owner", "budget_owner"]},
            {"name": "Bob Budget", "email": BOB, "roles": ["budget_owner"]},
        ]
    }
    p = Project(tmp_path, store, "production", both)
    p.approve(Role.infra_owner, ANN)
    with pytest.raises(Refused, match=r"must be a different person"):
        p.approve(Role.budget_owner, ANN)
    assert p.approve(Role.budget_owner, BOB).state is State.approved


def test_an_mvp_owner_may_hold_both_roles_and_a_prototype_needs_one(
    tmp_path: Path, store: Store
) -> None:
    both = {
        "owners": [
            {"name": "Ann Infra", "email": ANN, "roles": ["infra_owner", "budget_owner"]},
            {"name": "Bob Budget", "email": BOB, "roles": ["tech_lead"]},
        ]
    }
    mvp = Project(tmp_path / "mvp", store, "mvp", both)
    mvp.approve(Role.infra_owner, ANN)
    assert mvp.approve(Role.budget_owner, ANN).state is State.approved
    proto = Project(tmp_path / "proto", store, "prototype", {})
    assert proto.approve(Role.infra_owner, ANN).state is State.approved


def test_approving_an_approved_design_again_is_an_answer_not_a_crash(
    tmp_path: Path, store: Store
) -> None:
    # A prototype needs the infra owner only; its one owner also holds the budget role.
    proto = Project(tmp_path / "proto", store, "prototype", {})
    assert proto.approve(Role.infra_owner, ANN).state is State.approved
    with pytest.raises(Refused, match=r"already approved .*infra_owner by ann@example.com"):
        proto.approve(Role.budget_owner, ANN)
    with pytest.raises(Refused, match="Next: infragate freeze"):
        proto.approve(Role.infra_owner, ANN)
    assert proto.freeze().version == 1


def test_a_changed_design_voids_earlier_approvals(project: Project) -> None:
    p = project
    p.approve(Role.infra_owner, ANN)
    p.edit_brief("peak_rps: 40", "peak_rps: 80")
    result = p.approve(Role.budget_owner, BOB)
    assert result.voided == 1
    assert result.state is State.designed and result.missing == [Role.infra_owner]


def test_nobody_approves_a_change_they_requested(project: Project) -> None:
    p = project
    p.approve_all()
    p.freeze()
    p.edit_brief("peak_rps: 40", "peak_rps: 80")
    p.propose(BOB, "bigger")
    with pytest.raises(
        Refused,
        match=r"Bob Budget requested this change and cannot approve it; "
        "the brief names no other budget_owner",
    ):
        p.approve_change(Role.budget_owner, BOB)


def test_a_change_to_nothing_and_a_brief_edited_after_approval_are_refused(
    project: Project,
) -> None:
    p = project
    p.approve_all()
    p.edit_brief("peak_rps: 40", "peak_rps: 41")
    with pytest.raises(Refused, match=r"changed since the design was approved"):
        p.freeze()
    p.edit_brief("peak_rps: 41", "peak_rps: 40")
    p.freeze()
    with pytest.raises(Refused, match=r"yields the design of baseline v1: nothing to change"):
        p.propose()


# -- waivers -----------------------------------------------------------------------------


@pytest.fixture
def sqlite_in_production(tmp_path: Path, store: Store) -> Project:
    patch = {**OWNERS, "workload": {"datastores": ["sqlite", "redis"]}}
    return Project(tmp_path, store, "production", patch)


def test_a_blocker_closes_the_gate_until_waived_and_the_waiver_travels(
    sqlite_in_production: Project,
) -> None:
    p = sqlite_in_production
    with pytest.raises(Refused, match=r"closed by 1 blocker.*RS003"):
        p.approve(Role.infra_owner, ANN)
    expires = START.date() + timedelta(days=30)
    waiver = service.waive(
        p.store, p.loaded, p.clock(ANN), "RS003", ANN, "migration to PostgreSQL is planned", expires
    )
    assert waiver.approver_name == "Ann Infra"
    p.approve_all()
    p.freeze()
    doc = json.loads(p.lock_path.read_text())["baseline"]
    assert [w["key"] for w in doc["waivers"]] == ["RS003"]
    assert [b["key"] for b in doc["blockers"]] == ["RS003"]
    assert all(_verify(p).values())
    # the waiver lapses by itself: CI's verify fails the day after it expires
    lapsed = _verify(p, today=expires + timedelta(days=1))
    assert lapsed["waivers"] is False and lapsed["hash"] is True


def test_an_expired_waiver_no_longer_lets_a_design_freeze(sqlite_in_production: Project) -> None:
    p = sqlite_in_production
    service.waive(
        p.store,
        p.loaded,
        p.clock(ANN),
        "RS003",
        ANN,
        "short-lived exception",
        START.date() + timedelta(days=2),
    )
    p.approve_all()
    with pytest.raises(Refused, match=r"cannot freeze: the design gate is closed by 1 .*RS003"):
        p.freeze(days=5)


@pytest.mark.parametrize(
    ("key", "email", "reason", "days", "message"),
    [
        ("RS003", BOB, "a good reason here", 10, "granted by the brief's infra_owner"),
        ("budget", ANN, "a good reason here", 10, "granted by the brief's budget_owner"),
        ("RS003", ANN, "because", 10, "give a reason of at least a sentence"),
        ("RS003", ANN, "a good reason here", 0, "is not in the future"),
        ("RS003", ANN, "a good reason here", 181, "a waiver lasts at most 180 days"),
        ("XYZ", ANN, "a good reason here", 10, "'XYZ' names no blocker"),
    ],
)
def test_waivers_are_refused_with_the_reason(
    sqlite_in_production: Project, key: str, email: str, reason: str, days: int, message: str
) -> None:
    p = sqlite_in_production
    with pytest.raises(Refused, match=message):
        service.waive(
            p.store,
            p.loaded,
            p.clock(email),
            key,
            email,
            reason,
            START.date() + timedelta(days=days),
        )


# -- tampering ---------------------------------------------------------------------------


@pytest.fixture
def frozen(project: Project) -> Project:
    project.approve_all()
    project.freeze()
    return project


def _problems(p: Project) -> list[str]:
    return [x.message for x in service.verify_store(p.store)[1]]


def test_verify_log_catches_an_edited_event(frozen: Project) -> None:
    with frozen.store.write() as conn:
        conn.execute(t.events.update().where(t.events.c.seq == 3).values(actor="mallory@x.com"))
    (message,) = _problems(frozen)
    assert message.startswith("event #3 (") and "was edited" in message


def test_verify_log_catches_a_deleted_event(frozen: Project) -> None:
    with frozen.store.write() as conn:
        conn.execute(t.events.delete().where(t.events.c.seq == 4))
    (message,) = _problems(frozen)
    assert "event #5" in message and "event #4 is missing" in message


def test_verify_log_catches_reordered_events(frozen: Project) -> None:
    with frozen.store.write() as conn:
        conn.execute(t.events.update().where(t.events.c.seq == 4).values(seq=-4))
        conn.execute(t.events.update().where(t.events.c.seq == 5).values(seq=4))
        conn.execute(t.events.update().where(t.events.c.seq == -4).values(seq=5))
    (message,) = _problems(frozen)
    assert message.startswith("event #4 (") and "does not link" in message


def test_verify_log_catches_events_deleted_from_the_end(frozen: Project) -> None:
    with frozen.store.write() as conn:
        last = conn.execute(select(t.events.c.seq).order_by(t.events.c.seq.desc())).first()
        assert last is not None
        conn.execute(t.events.delete().where(t.events.c.seq == last.seq))
    (message,) = _problems(frozen)
    assert "deleted from the end" in message


def test_verify_log_catches_an_edited_baseline_row(frozen: Project) -> None:
    with frozen.store.write() as conn:
        doc = json.loads(conn.execute(select(t.baselines.c.document)).scalar_one())
        doc["monthly_usd"] = "1.00"
        conn.execute(t.baselines.update().values(document=json.dumps(doc)))
    (message,) = _problems(frozen)
    assert "baseline v1 was edited" in message
    # the forger who also rewrites the hash column is caught by the trail
    from infragate.canonical import digest

    with frozen.store.write() as conn:
        conn.execute(t.baselines.update().values(sha256=digest(doc)))
    (message,) = _problems(frozen)
    assert "not the baseline the trail recorded" in message


def test_verify_catches_an_edited_lock_file(frozen: Project) -> None:
    p = frozen
    lock = json.loads(p.lock_path.read_text())
    lock["baseline"]["monthly_usd"] = "1.00"
    p.lock_path.write_text(json.dumps(lock))
    assert _verify(p)["hash"] is False
    # a forger who recomputes the outer hash still cannot hide an edited design
    from infragate.canonical import digest

    lock["baseline"]["design"]["cost"]["monthly_usd"] = "1.00"
    lock["sha256"] = digest(lock["baseline"])
    p.lock_path.write_text(json.dumps(lock))
    checks = _verify(p)
    assert checks["hash"] is True and checks["contents"] is False
    # ... and one who recomputes every hash is caught by the approvals, bound to the design
    lock["baseline"]["design_sha256"] = digest(lock["baseline"]["design"])
    lock["sha256"] = digest(lock["baseline"])
    p.lock_path.write_text(json.dumps(lock))
    checks = _verify(p)
    assert checks["hash"] and checks["contents"] and checks["approvals"] is False


def test_status_says_who_must_act(project: Project) -> None:
    p = project
    s = service.status(p.store, p.loaded, p.catalog, START.date(), p.lock_path)
    assert s.state is State.draft
    assert [(str(r), names) for r, names in s.missing] == [
        ("infra_owner", ["Ann Infra <ann@example.com>"]),
        ("budget_owner", ["Bob Budget <bob@example.com>"]),
    ]
    p.approve_all()
    p.freeze()
    p.lock_path.unlink()
    s = service.status(p.store, p.loaded, p.catalog, START.date(), p.lock_path)
    assert s.state is State.frozen and s.lock_state == "missing"
    assert any("--rewrite-lock" in step for step in s.next_steps)
    p.edit_brief("peak_rps: 40", "peak_rps: 80")
    s = service.status(p.store, p.loaded, p.catalog, START.date(), p.lock_path)
    assert any("change propose" in step for step in s.next_steps)


def test_only_a_frozen_project_is_retired_and_then_nothing_moves(project: Project) -> None:
    p = project
    with pytest.raises(Refused, match=r"not in the store"):
        service.retire(p.store, p.loaded, p.clock(ANN), ANN, "cancelled")
    p.approve(Role.infra_owner, ANN)
    with pytest.raises(Refused, match=r"is designed: only a project with a frozen baseline"):
        service.retire(p.store, p.loaded, p.clock(ANN), ANN, "cancelled")
    p.approve(Role.budget_owner, BOB)
    p.freeze()
    with pytest.raises(Refused, match=r"retired by the brief's infra_owner: Ann Infra"):
        service.retire(p.store, p.loaded, p.clock(BOB), BOB, "contract ended")
    assert service.retire(p.store, p.loaded, p.clock(ANN), ANN, "contract ended") is State.frozen
    assert _state(p) is State.retired
    p.edit_brief("peak_rps: 40", "peak_rps: 80")
    with pytest.raises(Refused, match=r"is retired"):
        p.propose()
    assert service.verify_store(p.store)[1] == []


def test_on_sqlite_a_reader_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    """WAL gives readers a snapshot: `status` or `log` must not queue behind a freeze."""
    import threading

    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    p = Project(tmp_path, store)
    p.approve(Role.infra_owner, ANN)
    read: list[object] = []
    try:
        with store.write() as conn:
            repo.lock_project(conn, "fixture-prod", "2026-11-25T09:00:00Z", ANN)  # holds the lock
            reader = threading.Thread(target=lambda: read.append(service.trail(store, None)))
            reader.start()
            reader.join(timeout=10)  # a reader taking the write lock would wait 30 s
            assert read, "the reader waited for the writer"
    finally:
        store.close()
