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
from infragate.lifecycle.hosted import brief_path
from infragate.lifecycle.states import State
from infragate.memo import memo
from infragate.store import overview as ov
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
        seen = ov.overview(conn)
        return [_standing(conn, seen, p, catalog, today) for p in seen.projects]


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
    conn: Connection, seen: ov.Overview, project: repo.ProjectRow, catalog: Catalog, today: date
) -> Standing:
    latest = _baseline(conn, seen.latest_baseline.get(project.id))
    change = seen.open_change.get(project.id)
    live = wv.active(seen.waivers.get(project.id, []), today)
    stored = seen.stored_brief.get(project.id)
    current = _stored_brief(conn, project.name, stored) if stored else None
    base: dict[str, Any] = {
        "project": project.name,
        "state": project.state,
        "hosted": stored is not None,
        "latest_version": latest.version if latest else None,
        "change_number": change.number if change else None,
    }
    if project.state is State.retired:
        return Standing(**base, design_sha256=None, monthly_usd=None, blockers=[], step="retired")
    sha = change.design_sha256 if change else project.design_sha256 if not latest else None
    record = _recorded(conn, project, sha) if sha else None
    if record is not None and sha is not None:
        brief = record.brief
        base |= {"design_sha256": sha, "monthly_usd": record.monthly_usd}
        blockers = [b for b in record.blockers if b.key not in live]
        base["blockers"] = blockers
        number = change.number if change else None
        approvals = seen.approvals.get((project.id, sha, number), [])
        what = f"change request #{number}" if number else "the design"
        if current is not None and current.digest != record.brief_digest:
            step = f"the brief changed since {what} was recorded: its approvals are void"
            waiting = _awaiting(current.loaded.brief, [], "the new design")
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
            "design_sha256": latest.design_sha256,
            "monthly_usd": latest.monthly_usd,
            "blockers": [],
        }
        if current is not None and current.digest != latest.brief_sha256:
            return Standing(
                **base,
                step=f"the brief no longer matches baseline v{latest.version}: propose the change",
                waiting=[Waiting("a change proposal", _approvers(current.loaded.brief))],
            )
        return Standing(**base, step=f"{project.state} as baseline v{latest.version}")
    return _draft(base, current, catalog, live)


def _draft(
    base: dict[str, Any], current: _Stored | None, catalog: Catalog, live: dict[str, wv.Waiver]
) -> Standing:
    """No design recorded yet: plan the stored brief to know what blocks it."""
    if current is None:
        return Standing(
            **base, design_sha256=None, monthly_usd=None, blockers=[], step="nothing recorded yet"
        )
    planned = memo(("plan", current.sha256, catalog.version), lambda: _plan(current, catalog))
    if planned.refusal is not None:
        return Standing(
            **base,
            design_sha256=None,
            monthly_usd=None,
            blockers=[wv.Blocker("design", planned.refusal)],
            step="fix the brief: no design can be made from it",
            waiting=[Waiting("a fix of the brief", _approvers(current.loaded.brief))],
        )
    blockers = [b for b in planned.blockers if b.key not in live]
    base |= {
        "design_sha256": planned.design_sha256,
        "monthly_usd": planned.monthly_usd,
        "blockers": blockers,
    }
    if blockers:
        return Standing(
            **base,
            step="fix or waive the blockers: " + ", ".join(b.key for b in blockers),
            waiting=_waivers_needed(current.loaded.brief, blockers),
        )
    return Standing(
        **base,
        step="approve the design",
        waiting=_awaiting(current.loaded.brief, [], "the design"),
    )


# What the queue derives from content that never changes, memoised by that content's hash.


@dataclass(frozen=True)
class _Stored:
    """A brief the store keeps, parsed."""

    sha256: str
    loaded: LoadedBrief
    digest: str  # brief_digest: what approvals and baselines bind


@dataclass(frozen=True)
class _Recorded:
    """A design recorded for approval, as the queue needs it."""

    brief: Brief
    brief_digest: str
    monthly_usd: str
    blockers: tuple[wv.Blocker, ...]


@dataclass(frozen=True)
class _Planned:
    """What a stored brief yields when planned (or why it yields nothing)."""

    design_sha256: str | None
    monthly_usd: str | None
    blockers: tuple[wv.Blocker, ...]
    refusal: str | None


def _plan(current: _Stored, catalog: Catalog) -> _Planned:
    try:
        cand = candidate(current.loaded, catalog)
    except Refused as exc:
        return _Planned(None, None, (), str(exc))
    return _Planned(cand.sha256, cand.design["cost"]["monthly_usd"], tuple(cand.blockers), None)


def _recorded(conn: Connection, project: repo.ProjectRow, sha: str) -> _Recorded | None:
    key = ("design", conn.engine.url.render_as_string(), project.id, sha)

    def load() -> _Recorded | None:
        record = repo.design(conn, project, sha)
        if record is None:
            return None
        return _Recorded(
            Brief.model_validate(record.brief),
            digest(record.brief),
            record.design["cost"]["monthly_usd"],
            tuple(wv.Blocker(x["key"], x["reason"]) for x in record.blockers),
        )

    found = memo(key, load)
    return found


def _stored_brief(conn: Connection, name: str, ref: ov.Ref) -> _Stored:
    def parse() -> _Stored:
        loaded = parse_brief(brief_path(name), ov.document_text(conn, ref))
        return _Stored(ref.sha256, loaded, brief_digest(loaded.brief))

    return memo(("brief", name, ref.sha256), parse)


@dataclass(frozen=True)
class _Frozen:
    """The latest baseline, as the queue needs it."""

    version: int
    design_sha256: str
    brief_sha256: str
    monthly_usd: str


def _baseline(conn: Connection, ref: ov.Ref | None) -> _Frozen | None:
    if ref is None:
        return None

    def load() -> _Frozen:
        document = ov.baseline_document(conn, ref)
        return _Frozen(
            ref.version,
            str(document["design_sha256"]),
            str(document["brief_sha256"]),
            str(document["monthly_usd"]),
        )

    return memo(("baseline", ref.sha256), load)


def standing_of(store: Store, catalog: Catalog, name: str, today: date) -> Standing | None:
    """Where one project stands; None when the store has no such project."""
    with store.read() as conn:
        project = repo.find_project(conn, name)
        if project is None:
            return None
        return _standing(conn, ov.overview(conn), project, catalog, today)
