"""Lifecycle operations: the pure rules of this package applied to the store.

Each operation is one transaction that locks the project row first, checks its gate,
writes its records and appends the events that explain them, so that two processes
acting on one project run one after the other and a crash leaves the old state or
the new one. Refusals raise `Refused` with the reason and who can act.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection

from infragate.brief.loader import LoadedBrief
from infragate.brief.model import Brief, Role
from infragate.canonical import digest
from infragate.catalog.model import Catalog
from infragate.errors import InfragateError, Refused
from infragate.files import write_atomic
from infragate.lifecycle import baseline as bl
from infragate.lifecycle import policy
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.chain import ChainBreak, Event, first_break
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.diff import DesignDiff, diff_designs
from infragate.lifecycle.states import HAS_BASELINE, State, can_move
from infragate.store import repository as repo
from infragate.store.engine import Store


@dataclass(frozen=True)
class Candidate:
    """The design the brief in the repository yields now."""

    brief: Brief
    brief_data: dict[str, Any]
    design: dict[str, Any]
    sha256: str
    blockers: list[wv.Blocker]

    @property
    def name(self) -> str:
        return self.brief.project.name or "unnamed"


def candidate(loaded: LoadedBrief, catalog: Catalog) -> Candidate:
    """Gate and plan the brief; the blockers are what must be fixed or waived."""
    from infragate.design.planner import plan
    from infragate.gate import evaluate
    from infragate.pricing.book import load_pricebook
    from infragate.rules.base import Status

    brief = loaded.brief
    if not brief.project.name:
        raise Refused(
            f"{loaded.path}: project.name is missing; the lifecycle tracks projects by name"
        )
    report = evaluate(loaded, catalog)
    blockers = [
        wv.Blocker(r.rule.id, r.reason) for r in report.results if r.status is Status.failed
    ]
    cloud = brief.cloud
    try:
        if cloud.provider is None or cloud.region is None:
            raise Refused("cloud.provider and cloud.region are needed to price a design")
        design = plan(brief, catalog, load_pricebook(cloud.provider, cloud.region))
    except InfragateError as exc:
        failed = "; ".join(f"{b.key}: {b.reason}" for b in blockers)
        raise Refused(
            f"no design can be made from {loaded.path} ({exc.render()}). "
            f"Fix the brief first{': ' + failed if failed else ''}"
        ) from None
    blockers += [wv.Blocker(wv.blocker_key(text), text) for text in design.blockers]
    data: dict[str, Any] = json.loads(design.model_dump_json())
    return Candidate(brief, bl.brief_data(brief), data, digest(data), blockers)


def _refuse_blockers(blockers: Sequence[wv.Blocker], what: str) -> None:
    if not blockers:
        return
    lines = "; ".join(f"{b.key}: {b.reason}" for b in blockers)
    raise Refused(
        f"{what}: the design gate is closed by {len(blockers)} blocker(s): {lines}. Fix the "
        "brief, or have the owner waive each one: infragate waive KEY --as EMAIL "
        "--reason TEXT --expires YYYY-MM-DD"
    )


def _owner_name(brief: Brief, email: str) -> str:
    owner = brief.owner(email)
    return owner.name if owner else email


def _move(
    conn: Connection,
    project: repo.ProjectRow,
    target: State,
    clock: Clock,
    why: str,
    design_sha256: str | None = None,
) -> repo.ProjectRow:
    if not can_move(project.state, target):  # a defect, not a user's mistake
        raise AssertionError(f"no move from {project.state} to {target}")
    return repo.set_state(conn, project, target, clock.at, clock.actor, why, design_sha256)


# approve -------------------------------------------------------------------------------


def _record_approval(
    conn: Connection,
    project: repo.ProjectRow,
    clock: Clock,
    brief: Brief,
    design_sha256: str,
    role: Role,
    email: str,
    comment: str,
    change: repo.ChangeRow | None,
) -> tuple[list[policy.Approval], list[Role]]:
    """Check and record one approval of a design (or of a change request's design):
    (every approval so far, the roles still missing)."""
    number = change.number if change else None
    existing = repo.approvals_for(conn, project, design_sha256, number)
    why = policy.refusal(brief, role, email, existing, change.requested_by if change else None)
    if why:
        what = f"approval of change request #{number}" if change else "approval"
        raise Refused(f"{what} refused: {why}")
    approval = policy.Approval(
        role, email, _owner_name(brief, email), design_sha256, clock.at, comment
    )
    repo.add_approval(conn, project, approval, number)
    payload: dict[str, Any] = approval.as_dict()
    if change:
        payload["change_request"] = number
    repo.append_event(conn, project, clock.at, clock.actor, "approval.recorded", payload)
    approvals = [*existing, approval]
    return approvals, policy.missing_roles(brief, approvals)


@dataclass(frozen=True)
class ApprovalResult:
    project: str
    state: State
    design_sha256: str
    approvals: list[policy.Approval]
    missing: list[Role]
    voided: int


def approve(
    store: Store,
    loaded: LoadedBrief,
    catalog: Catalog,
    clock: Clock,
    role: Role,
    email: str,
    comment: str,
) -> ApprovalResult:
    cand = candidate(loaded, catalog)
    with store.write() as conn:
        project = repo.lock_project(conn, cand.name, clock.at, clock.actor)
        if repo.latest_baseline(conn, project) is not None:
            raise Refused(
                f"{cand.name} already has a frozen baseline; changes after freeze go through "
                "'infragate change propose', then 'infragate change approve'"
            )
        if project.state is State.retired:
            raise Refused(f"{cand.name} is retired")
        _refuse_blockers(
            wv.unwaived(cand.blockers, repo.waivers(conn, project), clock.today),
            "nothing can be approved",
        )
        voided = 0
        if project.design_sha256 != cand.sha256:
            if project.design_sha256:
                voided = len(repo.approvals_for(conn, project, project.design_sha256, None))
            repo.save_design(
                conn,
                project,
                cand.sha256,
                cand.brief_data,
                cand.design,
                [b.as_dict() for b in cand.blockers],
                clock.at,
            )
            repo.append_event(
                conn,
                project,
                clock.at,
                clock.actor,
                "design.recorded",
                {
                    "design_sha256": cand.sha256,
                    "monthly_usd": cand.design["cost"]["monthly_usd"],
                    "waived_blockers": [b.key for b in cand.blockers],
                    "voided_approvals": voided,
                },
            )
            project = _move(
                conn, project, State.designed, clock, "design recorded for approval", cand.sha256
            )
        approvals, missing = _record_approval(
            conn, project, clock, cand.brief, cand.sha256, role, email, comment, None
        )
        if not missing:
            project = _move(conn, project, State.approved, clock, "every required role approved")
        return ApprovalResult(cand.name, project.state, cand.sha256, approvals, missing, voided)


# freeze --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FreezeResult:
    project: str
    version: int
    sha256: str
    lock_path: Path
    rewritten: bool  # the baseline existed; only its lock file was written again
    document: dict[str, Any]


LockState = Literal["current", "missing", "stale"]


def lock_state(lock_path: Path, latest: repo.BaselineRow) -> LockState:
    """Whether the lock file in the repository is the latest baseline's, byte for byte."""
    try:
        text = lock_path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return "missing"
    return "current" if text == bl.lock_text(latest.document) else "stale"


def freeze(
    store: Store, loaded: LoadedBrief, clock: Clock, lock_path: Path, rewrite_lock: bool = False
) -> FreezeResult:
    name = loaded.brief.project.name or "unnamed"
    with store.write() as conn:
        project = repo.find_project(conn, name)
        if project is None:
            raise Refused(f"{name} has no design under approval; run 'infragate approve' first")
        project = repo.lock_project(conn, name, clock.at, clock.actor)
        latest = repo.latest_baseline(conn, project)
        if project.state in HAS_BASELINE and latest is not None:
            state = lock_state(lock_path, latest)
            if rewrite_lock and state != "current":
                write_atomic(lock_path, bl.lock_text(latest.document))
                return FreezeResult(
                    name, latest.version, latest.sha256, lock_path, True, latest.document
                )
            hint = (
                ""
                if state == "current"
                else "; rewrite it from the store with 'infragate freeze --rewrite-lock'"
            )
            raise Refused(
                f"nothing to freeze: {name} is frozen as baseline v{latest.version} "
                f"(by {latest.frozen_by} at {latest.frozen_at}); {lock_path} is {state}{hint}. "
                "To change the baseline: edit the brief, then 'infragate change propose'"
            )
        if rewrite_lock:
            raise Refused(f"{name} has no frozen baseline whose lock file could be rewritten")
        if project.state is State.retired:
            raise Refused(f"{name} is retired; nothing is frozen any more")
        if project.state is not State.approved:
            raise Refused(
                f"{name} is {project.state}, not approved; 'infragate status' shows who must "
                "approve what"
            )
        change = repo.change_with_status(conn, project, "approved")
        sha = change.design_sha256 if change else project.design_sha256
        assert sha is not None
        record = repo.design(conn, project, sha)
        assert record is not None
        if bl.brief_digest(loaded.brief) != digest(record.brief):
            raise Refused(
                f"{loaded.path} changed since the design was approved; approvals are for the "
                "brief as it was. Restore it, or record the new design with 'infragate approve' "
                "(before the first freeze) or 'infragate change propose' (after)"
            )
        number = change.number if change else None
        approvals = repo.approvals_for(conn, project, sha, number)
        frozen_brief = Brief.model_validate(record.brief)
        problems = policy.problems(
            frozen_brief, approvals, sha, change.requested_by if change else None
        )
        if problems:
            raise Refused("cannot freeze: " + "; ".join(problems))
        blockers = [wv.Blocker(b["key"], b["reason"]) for b in record.blockers]
        all_waivers = repo.waivers(conn, project)
        _refuse_blockers(wv.unwaived(blockers, all_waivers, clock.today), "cannot freeze")
        live = wv.active(all_waivers, clock.today)
        used = [live[k] for k in sorted({b.key for b in blockers})]
        version = (latest.version + 1) if latest else 1
        document = bl.build(
            project=name,
            version=version,
            previous=(latest.version, latest.sha256) if latest else None,
            frozen_at=clock.at,
            frozen_by=clock.actor,
            brief=record.brief,
            design=record.design,
            approvals=approvals,
            waivers=used,
            blockers=blockers,
            change=bl.ChangeRef(change.number, change.requested_by, change.reason)
            if change
            else None,
        )
        sha256 = digest(document)
        repo.add_baseline(conn, project, version, sha256, document, clock.at, clock.actor)
        repo.append_event(
            conn,
            project,
            clock.at,
            clock.actor,
            "baseline.frozen",
            {
                "version": version,
                "sha256": sha256,
                "design_sha256": sha,
                "monthly_usd": document["monthly_usd"],
                "change_request": number,
            },
        )
        if change:
            repo.set_change_status(conn, project, change.number, "frozen", clock.at, clock.actor)
        _move(conn, project, State.frozen, clock, f"baseline v{version} frozen")
    # After the commit, never before: a lock file must not name a baseline the store
    # lacks. A crash here leaves the store frozen and the old lock file; 'status' and
    # 'freeze' say so, and 'freeze --rewrite-lock' writes it from the store.
    write_atomic(lock_path, bl.lock_text(document))
    return FreezeResult(name, version, sha256, lock_path, False, document)


# change requests -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalResult:
    project: str
    number: int
    base_version: int
    diff: DesignDiff
    superseded: int | None


def propose(
    store: Store,
    loaded: LoadedBrief,
    catalog: Catalog,
    clock: Clock,
    requested_by: str,
    reason: str,
) -> ProposalResult:
    cand = candidate(loaded, catalog)
    with store.write() as conn:
        project = repo.lock_project(conn, cand.name, clock.at, clock.actor)
        latest = repo.latest_baseline(conn, project)
        if latest is None:
            raise Refused(
                f"{cand.name} has no frozen baseline yet: before the first freeze the design is "
                "approved directly ('infragate approve')"
            )
        if project.state is State.retired:
            raise Refused(f"{cand.name} is retired")
        waiting = repo.change_with_status(conn, project, "approved")
        if waiting:
            raise Refused(
                f"change request #{waiting.number} is approved and waits to be frozen; run "
                "'infragate freeze' first"
            )
        if cand.sha256 == latest.document["design_sha256"]:
            raise Refused(
                f"the brief yields the design of baseline v{latest.version}: nothing to change"
            )
        _refuse_blockers(
            wv.unwaived(cand.blockers, repo.waivers(conn, project), clock.today),
            "the change cannot be proposed",
        )
        superseded = None
        open_change = repo.change_with_status(conn, project, "proposed")
        if open_change:
            superseded = open_change.number
            repo.set_change_status(
                conn, project, open_change.number, "superseded", clock.at, clock.actor
            )
            repo.append_event(
                conn,
                project,
                clock.at,
                clock.actor,
                "change.superseded",
                {"number": open_change.number},
            )
        diff = diff_designs(latest.document["design"], cand.design)
        repo.save_design(
            conn,
            project,
            cand.sha256,
            cand.brief_data,
            cand.design,
            [b.as_dict() for b in cand.blockers],
            clock.at,
        )
        number = repo.add_change(
            conn,
            project,
            latest.version,
            cand.sha256,
            requested_by,
            reason,
            diff.as_dict(),
            clock.at,
        )
        repo.append_event(
            conn,
            project,
            clock.at,
            clock.actor,
            "change.proposed",
            {
                "number": number,
                "base_version": latest.version,
                "design_sha256": cand.sha256,
                "requested_by": requested_by,
                "reason": reason,
                "delta_monthly_usd": f"{diff.delta_usd:.2f}",
            },
        )
        return ProposalResult(cand.name, number, latest.version, diff, superseded)


@dataclass(frozen=True)
class ChangeApprovalResult:
    project: str
    number: int
    approvals: list[policy.Approval]
    missing: list[Role]
    approved: bool


def approve_change(
    store: Store,
    loaded: LoadedBrief,
    catalog: Catalog,
    clock: Clock,
    role: Role,
    email: str,
    comment: str,
) -> ChangeApprovalResult:
    cand = candidate(loaded, catalog)
    with store.write() as conn:
        project = repo.lock_project(conn, cand.name, clock.at, clock.actor)
        change = repo.change_with_status(conn, project, "proposed")
        if change is None:
            raise Refused(f"{cand.name} has no change request awaiting approval")
        if change.design_sha256 != cand.sha256:
            raise Refused(
                f"{loaded.path} no longer yields the design of change request #{change.number}; "
                "propose again ('infragate change propose') so that approvers see what changes"
            )
        record = repo.design(conn, project, change.design_sha256)
        assert record is not None
        brief = Brief.model_validate(record.brief)
        approvals, missing = _record_approval(
            conn, project, clock, brief, change.design_sha256, role, email, comment, change
        )
        if not missing:
            repo.set_change_status(conn, project, change.number, "approved", clock.at, clock.actor)
            repo.append_event(
                conn, project, clock.at, clock.actor, "change.approved", {"number": change.number}
            )
            _move(conn, project, State.approved, clock, f"change request #{change.number} approved")
        return ChangeApprovalResult(cand.name, change.number, approvals, missing, not missing)


def reject_change(store: Store, loaded: LoadedBrief, clock: Clock, email: str, reason: str) -> int:
    brief = loaded.brief
    name = brief.project.name or "unnamed"
    owner = brief.owner(email)
    if owner is None or not set(owner.roles) & set(policy.APPROVING_ROLES):
        holders = ", ".join(
            f"{o.name} <{o.email}>"
            for o in brief.owners
            if set(o.roles) & set(policy.APPROVING_ROLES)
        )
        raise Refused(f"a change request is rejected by an approver named in the brief: {holders}")
    with store.write() as conn:
        project = repo.lock_project(conn, name, clock.at, clock.actor)
        change = repo.change_with_status(conn, project, "proposed")
        if change is None:
            raise Refused(f"{name} has no change request awaiting a decision")
        repo.set_change_status(conn, project, change.number, "rejected", clock.at, email)
        repo.append_event(
            conn,
            project,
            clock.at,
            clock.actor,
            "change.rejected",
            {"number": change.number, "by": email, "reason": reason},
        )
        return change.number


def retire(store: Store, loaded: LoadedBrief, clock: Clock, email: str, reason: str) -> State:
    """End the project's life: no more approvals, changes or freezes. Returns the old state."""
    brief = loaded.brief
    name = brief.project.name or "unnamed"
    owner = brief.owner(email)
    if owner is None or Role.infra_owner not in owner.roles:
        holders = ", ".join(policy.who_can_approve(brief, Role.infra_owner)) or "nobody"
        raise Refused(f"a project is retired by the brief's infra_owner: {holders}")
    with store.write() as conn:
        project = repo.find_project(conn, name)
        if project is None:
            raise Refused(f"{name} is not in the store ({store.location}); nothing to retire")
        project = repo.lock_project(conn, name, clock.at, clock.actor)
        if not can_move(project.state, State.retired):
            raise Refused(
                f"{name} is {project.state}: only a project with a frozen baseline is retired "
                "(before that, there is nothing running to retire)"
            )
        _move(conn, project, State.retired, clock, f"retired by {email}: {reason}")
        return project.state


# waivers -------------------------------------------------------------------------------


def waive(
    store: Store,
    loaded: LoadedBrief,
    clock: Clock,
    key: str,
    email: str,
    reason: str,
    expires: date,
) -> wv.Waiver:
    brief = loaded.brief
    name = brief.project.name or "unnamed"
    why = wv.refusal(brief, key, email, reason, expires, clock.today)
    if why:
        raise Refused(f"waiver refused: {why}")
    waiver = wv.Waiver(
        key, email, _owner_name(brief, email), reason.strip(), expires.isoformat(), clock.at
    )
    with store.write() as conn:
        project = repo.lock_project(conn, name, clock.at, clock.actor)
        repo.add_waiver(conn, project, waiver)
        repo.append_event(conn, project, clock.at, clock.actor, "waiver.granted", waiver.as_dict())
    return waiver


# reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoreProblem:
    project: str
    message: str


def verify_store(store: Store) -> tuple[int, list[StoreProblem]]:
    """(events checked, problems): every chain intact, every baseline as its event says."""
    problems: list[StoreProblem] = []
    checked = 0
    with store.read() as conn:
        for project in repo.all_projects(conn):
            events = repo.events(conn, project)
            checked += len(events)
            broken: ChainBreak | None = first_break(events, project.head_seq, project.head_hash)
            if broken:
                problems.append(StoreProblem(project.name, broken.message))
            frozen = {
                e.payload.get("version"): e.payload.get("sha256")
                for e in events
                if e.kind == "baseline.frozen"
            }
            for b in repo.baselines(conn, project):
                actual = digest(b.document)
                if actual != b.sha256:
                    problems.append(
                        StoreProblem(
                            project.name,
                            f"baseline v{b.version} was edited: its contents hash to {actual[:12]}, "
                            f"not the recorded {b.sha256[:12]}",
                        )
                    )
                elif frozen.get(b.version) != b.sha256:
                    problems.append(
                        StoreProblem(
                            project.name,
                            f"baseline v{b.version} ({b.sha256[:12]}) is not the baseline the trail "
                            "recorded as frozen: the row was replaced",
                        )
                    )
    return checked, problems


@dataclass
class Status:
    project: str
    store: str
    state: State
    design_sha256: str
    recorded_sha256: str | None
    approvals: list[policy.Approval]
    missing: list[tuple[Role, list[str]]]
    blockers: list[wv.Blocker]
    waivers: list[tuple[wv.Waiver, bool]]  # (waiver, in force)
    latest: repo.BaselineRow | None
    lock_state: LockState | Literal["none"]  # "none": nothing frozen yet
    change: repo.ChangeRow | None
    next_steps: list[str] = field(default_factory=list)


def status(
    store: Store, loaded: LoadedBrief, catalog: Catalog, today: date, lock_path: Path
) -> Status:
    cand = candidate(loaded, catalog)
    with store.read() as conn:
        project = repo.find_project(conn, cand.name)
        waivers = repo.waivers(conn, project) if project else []
        latest = repo.latest_baseline(conn, project) if project else None
        change = repo.change_with_status(conn, project, "proposed", "approved") if project else None
        # Whose approvals count: the open change request's, else (before the first freeze)
        # those of the brief's design as it is now.
        brief, approvals = cand.brief, []
        if project and change:
            record = repo.design(conn, project, change.design_sha256)
            assert record is not None
            brief = Brief.model_validate(record.brief)
            approvals = repo.approvals_for(conn, project, change.design_sha256, change.number)
        elif project and not latest:
            approvals = repo.approvals_for(conn, project, cand.sha256, None)
    live = wv.active(waivers, today)
    requester = change.requested_by if change else None
    report = Status(
        project=cand.name,
        store=store.location,
        state=project.state if project else State.draft,
        design_sha256=cand.sha256,
        recorded_sha256=project.design_sha256 if project else None,
        approvals=approvals,
        missing=[
            (r, policy.who_can_approve(brief, r, requester))
            for r in policy.missing_roles(brief, approvals)
        ],
        blockers=[b for b in cand.blockers if b.key not in live],
        waivers=[(w, w.active_on(today)) for w in waivers],
        latest=latest,
        lock_state=lock_state(lock_path, latest) if latest else "none",
        change=change,
    )
    report.next_steps = _next_steps(report)
    return report


def _next_steps(s: Status) -> list[str]:
    steps: list[str] = []
    who = "; ".join(f"{role}: {', '.join(names) or 'nobody named'}" for role, names in s.missing)
    if s.blockers:
        steps.append(
            "fix or waive the blockers: "
            + ", ".join(b.key for b in s.blockers)
            + " (infragate waive KEY --as EMAIL --reason TEXT --expires YYYY-MM-DD)"
        )
    if s.latest is None:
        if s.state is State.approved and s.recorded_sha256 == s.design_sha256:
            steps.append("freeze the approved design: infragate freeze")
        elif s.recorded_sha256 and s.recorded_sha256 != s.design_sha256:
            steps.append(
                "the brief changed since the design was recorded: earlier approvals are void; "
                f"approve again ({who})"
            )
        elif not s.blockers:
            steps.append(f"approve the design: infragate approve --role ROLE --as EMAIL ({who})")
    else:
        if s.lock_state in ("missing", "stale"):
            steps.append(
                f"the lock file is {s.lock_state}: 'infragate freeze --rewrite-lock' writes it "
                f"from baseline v{s.latest.version}"
            )
        if s.change and s.change.status == "proposed":
            steps.append(
                f"change request #{s.change.number} awaits approval ({who}): "
                "infragate change approve --role ROLE --as EMAIL"
            )
        elif s.change and s.change.status == "approved":
            steps.append(f"freeze change request #{s.change.number}: infragate freeze")
        elif s.design_sha256 != s.latest.document["design_sha256"]:
            steps.append(
                "the brief no longer matches the baseline: infragate change propose "
                "--as EMAIL --reason TEXT"
            )
    return steps


def history(store: Store, name: str) -> tuple[list[repo.BaselineRow], list[repo.ChangeRow]]:
    with store.read() as conn:
        project = repo.find_project(conn, name)
        if project is None:
            return [], []
        return repo.baselines(conn, project), repo.changes(conn, project)


def trail(store: Store, name: str | None) -> list[tuple[str, list[Event]]]:
    with store.read() as conn:
        projects = repo.all_projects(conn)
        return [(p.name, repo.events(conn, p)) for p in projects if name is None or p.name == name]


def waivers_in_force(store: Store, name: str, today: date) -> dict[str, wv.Waiver]:
    with store.read() as conn:
        project = repo.find_project(conn, name)
        return wv.active(repo.waivers(conn, project), today) if project else {}
