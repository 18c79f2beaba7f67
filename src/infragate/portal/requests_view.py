"""The requests pages' data: the queue of projects by state, with what blocks each and who
must act, and one project's page (design, verdicts, cost frame, approvals bound to their
design hash, change requests with diff and cost delta, waivers, evidence, the trail).

Read from the same core the CLI reads: `lifecycle.standing` for the queue, `status` for a
project kept in the store (planned as its brief is now), the repository's records for
the rest. Nothing here decides anything; it shapes what the core says.
"""

from __future__ import annotations

from datetime import date

from infragate.brief.model import Role
from infragate.catalog.model import Catalog
from infragate.design.model import Design
from infragate.errors import Refused
from infragate.evidence.model import Evidence as RecordedEvidence
from infragate.evidence.model import from_events
from infragate.lifecycle import hosted, policy, service, signing
from infragate.lifecycle import standing as st
from infragate.lifecycle.states import State
from infragate.portal import requests_models as m
from infragate.store import change_requests as crs
from infragate.store import repository as repo
from infragate.store.engine import Store


class NoSuchProject(LookupError):
    """The store has no project of that name (a 404 at the door)."""


def request_queue(store: Store, catalog: Catalog, today: date) -> m.RequestQueue:
    standings = st.standings(store, catalog, today)
    return m.RequestQueue(
        as_of=today,
        groups=[
            m.QueueGroup(state=state, projects=[entry(s) for s in standings if s.state is state])
            for state in State
        ],
    )


def entry(s: st.Standing) -> m.QueueEntry:
    return m.QueueEntry(
        project=s.project,
        state=s.state,
        hosted=s.hosted,
        design_sha256=s.design_sha256,
        monthly_usd=s.monthly_usd,
        latest_version=s.latest_version,
        change_request=s.change_number,
        blockers=[m.Blocker(key=b.key, reason=b.reason) for b in s.blockers],
        step=s.step,
        waiting=[m.Waiting(what=w.what, who=w.who, role=w.role) for w in s.waiting],
    )


def evidence_of(e: RecordedEvidence) -> m.Evidence:
    return m.Evidence(
        kind=e.kind.value,
        baseline_version=e.baseline_version,
        recorded_by=e.recorded_by,
        recorded_at=e.recorded_at,
        note=e.note,
        url=e.url,
        file_name=e.file_name,
        file_sha256=e.file_sha256,
    )


def _approval(a: policy.Approval) -> m.Approval:
    return m.Approval(
        role=a.role,
        email=a.email,
        name=a.name,
        design_sha256=a.design_sha256,
        at=a.at,
        comment=a.comment,
    )


def project_page(store: Store, catalog: Catalog, name: str, today: date) -> m.ProjectPage:
    standing = st.standing_of(store, catalog, name, today)
    if standing is None:
        raise NoSuchProject(name)
    design, approvals = _current(store, catalog, standing, today)
    with store.read() as conn:
        project = repo.find_project(conn, name)
        assert project is not None
        events = repo.events(conn, project)
        baselines = repo.baselines(conn, project)
        changes = crs.changes(conn, project)
        waivers = repo.waivers(conn, project)
    has_signers = standing.hosted and hosted.signers(store, name).text is not None
    return m.ProjectPage(
        project=name,
        state=standing.state,
        hosted=standing.hosted,
        standing=entry(standing),
        design=design,
        approvals=[_approval(a) for a in approvals],
        awaiting=[m.Waiting(what=w.what, who=w.who, role=w.role) for w in standing.waiting],
        baselines=[
            m.Baseline(
                version=b.version,
                sha256=b.sha256,
                design_sha256=b.document["design_sha256"],
                frozen_at=b.frozen_at,
                frozen_by=b.frozen_by,
                monthly_usd=b.document["monthly_usd"],
                change_request=(b.document.get("change_request") or {}).get("number"),
                approvals=[
                    _approval(policy.Approval.from_dict(a)) for a in b.document["approvals"]
                ],
            )
            for b in baselines
        ],
        change_requests=[
            m.ChangeRequest(
                number=c.number,
                status=c.status,
                base_version=c.base_version,
                design_sha256=c.design_sha256,
                requested_by=c.requested_by,
                reason=c.reason,
                created_at=c.created_at,
                decided_at=c.decided_at,
                decided_by=c.decided_by,
                delta_monthly_usd=str(c.diff.get("delta_monthly_usd", "0.00")),
                diff=c.diff,
            )
            for c in changes
        ],
        waivers=[m.Waiver(**w.as_dict(), in_force=w.active_on(today)) for w in waivers],
        evidence=[evidence_of(e) for e in from_events(events)],
        trail=[
            m.TrailEvent(
                seq=e.seq, at=e.at, actor=e.actor, kind=e.kind, payload=e.payload, hash=e.hash
            )
            for e in events
        ],
        downloads=m.Downloads(
            brief=standing.hosted,
            allowed_signers=has_signers,
            lock=bool(baselines),
            render=bool(baselines) and has_signers,
        ),
    )


def _current(
    store: Store, catalog: Catalog, s: st.Standing, today: date
) -> tuple[Design | None, list[policy.Approval]]:
    """The design the page shows and the approvals it has: for a project kept in the store,
    what its brief yields now (what an approver signs); else what the store recorded."""
    if s.hosted:
        try:
            status = service.status(
                store, hosted.loaded_brief(store, s.project), catalog, today, None
            )
        except Refused:
            return None, []  # the brief yields no design; the standing says why
        return Design.model_validate(status.design), status.approvals
    if s.design_sha256 is None:
        return None, []
    with store.read() as conn:
        project = repo.find_project(conn, s.project)
        assert project is not None
        record = repo.design(conn, project, s.design_sha256)
        if record is None:
            return None, []
        pending = s.state in (State.designed, State.approved)
        approvals = (
            repo.approvals_for(conn, project, s.design_sha256, s.change_number) if pending else []
        )
    return Design.model_validate(record.design), approvals


def statement_to_sign(
    store: Store, catalog: Catalog, name: str, role: Role, email: str
) -> m.StatementToSign:
    """What `email` signs to approve, as `role`, the design of a project kept in the store
    (its open change request's, after the first freeze)."""
    loaded = hosted.loaded_brief(store, name)
    if _has_baseline(store, name):
        statement = service.change_statement(store, loaded, catalog, role, email)
    else:
        statement = service.approval_statement(loaded, catalog, role, email)
    filename = f"{name}-{role}-approval.txt"
    return m.StatementToSign(
        project=statement.project,
        role=statement.role,
        email=statement.email,
        design_sha256=statement.design_sha256,
        brief_sha256=statement.brief_sha256,
        change_request=statement.change_request,
        text=statement.message.decode(),
        filename=filename,
        command=signing.sign_command(filename),
    )


def _has_baseline(store: Store, name: str) -> bool:
    with store.read() as conn:
        project = repo.find_project(conn, name)
        return project is not None and repo.latest_baseline(conn, project) is not None
