"""Where every project stands, read from the store alone: its state, what blocks the next
step and who must act. The queue of requests shows this for every project at once, so it
plans nothing it can read: only a draft kept in the store (no design recorded yet) is
planned, to know its blockers. `status` (reading.py) is the one-project reading that
plans the brief as it is now; both apply the same policy functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection

from infragate.brief.loader import LoadedBrief, parse_brief
from infragate.brief.model import Brief, Role
from infragate.canonical import digest
from infragate.catalog.model import Catalog
from infragate.errors import Refused
from infragate.lifecycle import policy
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.baseline import brief_digest
from infragate.lifecycle.candidate import candidate
from infragate.lifecycle.hosted import BRIEF, brief_path
from infragate.lifecycle.states import State
from infragate.store import project_documents as docs
from infragate.store import repository as repo
from infragate.store.engine import Store


@dataclass(frozen=True)
class Waiting:
    """One thing the next step waits for, and the people who can do it."""

    what: str
    who: list[str]
    role: Role | None = None  # the role whose approval this is, if it is one


@dataclass(frozen=True)
class Standing:
    project: str
    state: State
    hosted: bool  # the store keeps its brief (a portal project), not a repository
    design_sha256: str | None  # the design under approval, else the latest baseline's
    monthly_usd: str | None
    latest_version: int | None
    change_number: int | None  # an open change request (proposed or approved)
    blockers: list[wv.Blocker]  # unwaived today
    step: str
    waiting: list[Waiting] = field(default_factory=list)


def standings(store: Store, catalog: Catalog, today: date) -> list[Standing]:
    """Every project in the store, by name."""
    with store.read() as conn:
        kept = docs.hosted_names(conn)
        return [_standing(conn, p, p.name in kept, catalog, today) for p in repo.all_projects(conn)]


def _approvers(brief: Brief) -> list[str]:
    return [
        f"{o.name} <{o.email}>" for o in brief.owners if set(o.roles) & {*policy.APPROVING_ROLES}
    ]


def _awaiting(
    brief: Brief, approvals: list[policy.Approval], what: str, requested_by: str | None = None
) -> list[Waiting]:
    return [
        Waiting(
            f"{role} approval of {what}", policy.who_can_approve(brief, role, requested_by), role
        )
        for role in policy.missing_roles(brief, approvals)
    ]


def _waivers_needed(brief: Brief, blockers: list[wv.Blocker]) -> list[Waiting]:
    return [
        Waiting(
            f"a fix of the brief, or a waiver of {b.key}",
            [f"{o.name} <{o.email}>" for o in brief.owners_with(wv.waiver_role(b.key))],
        )
        for b in blockers
    ]


def _standing(
    conn: Connection, project: repo.ProjectRow, hosted: bool, catalog: Catalog, today: date
) -> Standing:
    latest = repo.latest_baseline(conn, project)
    change = repo.change_with_status(conn, project, "proposed", "approved")
    live = wv.active(repo.waivers(conn, project), today)
    current = _stored_brief(conn, project, hosted)
    base: dict[str, Any] = {
        "project": project.name,
        "state": project.state,
        "hosted": hosted,
        "latest_version": latest.version if latest else None,
        "change_number": change.number if change else None,
    }
    if project.state is State.retired:
        return Standing(**base, design_sha256=None, monthly_usd=None, blockers=[], step="retired")
    sha = change.design_sha256 if change else project.design_sha256 if not latest else None
    record = repo.design(conn, project, sha) if sha else None
    if record is not None:
        brief = Brief.model_validate(record.brief)
        base |= {"design_sha256": sha, "monthly_usd": record.design["cost"]["monthly_usd"]}
        blockers = [
            b
            for b in (wv.Blocker(x["key"], x["reason"]) for x in record.blockers)
            if b.key not in live
        ]
        base["blockers"] = blockers
        number = change.number if change else None
        approvals = repo.approvals_for(conn, project, record.sha256, number)
        what = f"change request #{number}" if number else "the design"
        if current is not None and brief_digest(current.brief) != digest(record.brief):
            step = f"the brief changed since {what} was recorded: its approvals are void"
            waiting = _awaiting(current.brief, [], "the new design")
            return Standing(**base, step=step, waiting=waiting)
        if blockers:
            return Standing(
                **base,
                step="fix or waive the blockers: " + ", ".join(b.key for b in blockers),
                waiting=_waivers_needed(brief, blockers),
            )
        if project.state is State.approved:
            return Standing(
                **base, step=f"freeze {what}", waiting=[Waiting("a freeze", _approvers(brief))]
            )
        requested = change.requested_by if change else None
        return Standing(
            **base, step=f"approve {what}", waiting=_awaiting(brief, approvals, what, requested)
        )
    if latest is not None:
        base |= {
            "design_sha256": latest.document["design_sha256"],
            "monthly_usd": latest.document["monthly_usd"],
            "blockers": [],
        }
        if current is not None and brief_digest(current.brief) != latest.document["brief_sha256"]:
            return Standing(
                **base,
                step=f"the brief no longer matches baseline v{latest.version}: propose the change",
                waiting=[Waiting("a change proposal", _approvers(current.brief))],
            )
        return Standing(**base, step=f"{project.state} as baseline v{latest.version}")
    return _draft(base, current, catalog, live)


def _draft(
    base: dict[str, Any], current: LoadedBrief | None, catalog: Catalog, live: dict[str, wv.Waiver]
) -> Standing:
    """No design recorded yet: plan the stored brief to know what blocks it."""
    if current is None:
        return Standing(
            **base, design_sha256=None, monthly_usd=None, blockers=[], step="nothing recorded yet"
        )
    try:
        cand = candidate(current, catalog)
    except Refused as exc:
        return Standing(
            **base,
            design_sha256=None,
            monthly_usd=None,
            blockers=[wv.Blocker("design", str(exc))],
            step="fix the brief: no design can be made from it",
            waiting=[Waiting("a fix of the brief", _approvers(current.brief))],
        )
    blockers = [b for b in cand.blockers if b.key not in live]
    base |= {
        "design_sha256": cand.sha256,
        "monthly_usd": cand.design["cost"]["monthly_usd"],
        "blockers": blockers,
    }
    if blockers:
        return Standing(
            **base,
            step="fix or waive the blockers: " + ", ".join(b.key for b in blockers),
            waiting=_waivers_needed(current.brief, blockers),
        )
    return Standing(
        **base, step="approve the design", waiting=_awaiting(current.brief, [], "the design")
    )


def _stored_brief(conn: Connection, project: repo.ProjectRow, hosted: bool) -> LoadedBrief | None:
    row = docs.latest_document(conn, project, BRIEF) if hosted else None
    return parse_brief(brief_path(project.name), row.text) if row else None


def standing_of(store: Store, catalog: Catalog, name: str, today: date) -> Standing | None:
    """Where one project stands; None when the store has no such project."""
    with store.read() as conn:
        project = repo.find_project(conn, name)
        if project is None:
            return None
        return _standing(conn, project, name in docs.hosted_names(conn), catalog, today)
