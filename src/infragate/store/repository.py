"""Reading and writing lifecycle records. Every write happens inside `Store.write()`
with the project row locked first (`lock_project`), and appends its event there too,
so a record and the event that explains it commit together or not at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from infragate.brief.model import Role
from infragate.canonical import canonical_json
from infragate.lifecycle.chain import GENESIS, Event, make_event
from infragate.lifecycle.policy import Approval
from infragate.lifecycle.signing import Signature
from infragate.lifecycle.states import State
from infragate.lifecycle.waivers import Waiver
from infragate.store import tables as t


@dataclass(frozen=True)
class ProjectRow:
    id: int
    name: str
    state: State
    design_sha256: str | None
    head_seq: int
    head_hash: str | None
    created_at: str


@dataclass(frozen=True)
class BaselineRow:
    version: int
    sha256: str
    document: dict[str, Any]
    document_text: str
    frozen_at: str
    frozen_by: str


@dataclass(frozen=True)
class DesignRow:
    sha256: str
    brief: dict[str, Any]
    design: dict[str, Any]
    blockers: list[dict[str, str]]


def _project(row: Any) -> ProjectRow:
    return ProjectRow(
        row.id,
        row.name,
        State(row.state),
        row.design_sha256,
        row.head_seq,
        row.head_hash,
        row.created_at,
    )


def find_project(conn: Connection, name: str) -> ProjectRow | None:
    row = conn.execute(select(t.projects).where(t.projects.c.name == name)).first()
    return _project(row) if row else None


def lock_project(conn: Connection, name: str, at: str, actor: str) -> ProjectRow:
    """The project row, locked for this transaction; created (in draft) on first use."""
    query = select(t.projects).where(t.projects.c.name == name)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is not None:
        return _project(row)
    try:
        with conn.begin_nested():
            conn.execute(
                insert(t.projects).values(
                    name=name, state=State.draft, head_seq=0, head_hash=None, created_at=at
                )
            )
    except IntegrityError:
        pass  # another process created it a moment ago; lock theirs
    row = conn.execute(query).one()
    project = _project(row)
    if project.head_seq == 0:
        append_event(conn, project, at, actor, "project.created", {"name": name})
        project = _project(conn.execute(query).one())
    return project


def append_event(
    conn: Connection, project: ProjectRow, at: str, actor: str, kind: str, payload: dict[str, Any]
) -> Event:
    current = conn.execute(
        select(t.projects.c.head_seq, t.projects.c.head_hash).where(t.projects.c.id == project.id)
    ).one()
    seq = current.head_seq + 1
    event = make_event(project.name, seq, at, actor, kind, payload, current.head_hash or GENESIS)
    conn.execute(
        insert(t.events).values(
            project_id=project.id,
            seq=seq,
            at=at,
            actor=actor,
            kind=kind,
            payload=canonical_json(payload),
            prev_hash=event.prev_hash,
            hash=event.hash,
        )
    )
    conn.execute(
        update(t.projects)
        .where(t.projects.c.id == project.id)
        .values(head_seq=seq, head_hash=event.hash)
    )
    return event


def set_state(
    conn: Connection,
    project: ProjectRow,
    state: State,
    at: str,
    actor: str,
    why: str,
    design_sha256: str | None = None,
) -> ProjectRow:
    """Move the project and record why; returns the row as it now is."""
    values: dict[str, Any] = {"state": state}
    if design_sha256 is not None:
        values["design_sha256"] = design_sha256
    conn.execute(update(t.projects).where(t.projects.c.id == project.id).values(**values))
    event = append_event(
        conn, project, at, actor, "state.changed", {"from": project.state, "to": state, "why": why}
    )
    return replace(
        project,
        state=state,
        design_sha256=design_sha256 or project.design_sha256,
        head_seq=event.seq,
        head_hash=event.hash,
    )


def events(conn: Connection, project: ProjectRow) -> list[Event]:
    rows = conn.execute(
        select(t.events).where(t.events.c.project_id == project.id).order_by(t.events.c.seq)
    )
    return [
        Event(
            project.name, r.seq, r.at, r.actor, r.kind, json.loads(r.payload), r.prev_hash, r.hash
        )
        for r in rows
    ]


def all_projects(conn: Connection) -> list[ProjectRow]:
    return [_project(r) for r in conn.execute(select(t.projects).order_by(t.projects.c.name))]


# designs -------------------------------------------------------------------------------


def save_design(
    conn: Connection,
    project: ProjectRow,
    sha256: str,
    brief: dict[str, Any],
    design: dict[str, Any],
    blockers: list[dict[str, str]],
    at: str,
) -> None:
    exists = conn.execute(
        select(t.designs.c.id).where(
            t.designs.c.project_id == project.id, t.designs.c.sha256 == sha256
        )
    ).first()
    if exists is None:
        conn.execute(
            insert(t.designs).values(
                project_id=project.id,
                sha256=sha256,
                brief=canonical_json(brief),
                design=canonical_json(design),
                blockers=canonical_json(blockers),
                recorded_at=at,
            )
        )


def design(conn: Connection, project: ProjectRow, sha256: str) -> DesignRow | None:
    row = conn.execute(
        select(t.designs).where(t.designs.c.project_id == project.id, t.designs.c.sha256 == sha256)
    ).first()
    if row is None:
        return None
    return DesignRow(
        row.sha256, json.loads(row.brief), json.loads(row.design), json.loads(row.blockers)
    )


# approvals -----------------------------------------------------------------------------


def approvals_for(
    conn: Connection, project: ProjectRow, design_sha256: str, change_number: int | None
) -> list[Approval]:
    """Approvals of one design: before the first baseline (no change number) or in one CR."""
    number = t.approvals.c.change_number
    rows = conn.execute(
        select(t.approvals)
        .where(
            t.approvals.c.project_id == project.id,
            t.approvals.c.design_sha256 == design_sha256,
            number.is_(None) if change_number is None else number == change_number,
        )
        .order_by(t.approvals.c.id)
    )
    return [Approval(Role(r.role), r.email, r.name, r.design_sha256, r.at, r.comment) for r in rows]


def signatures_for(
    conn: Connection, project: ProjectRow, design_sha256: str, change_number: int | None
) -> list[Signature]:
    """The signatures of one design's approvals (approvals recorded before signing have
    none and are left out: a lock without them does not verify)."""
    number = t.approvals.c.change_number
    rows = conn.execute(
        select(t.approvals)
        .where(
            t.approvals.c.project_id == project.id,
            t.approvals.c.design_sha256 == design_sha256,
            number.is_(None) if change_number is None else number == change_number,
        )
        .order_by(t.approvals.c.id)
    )
    return [Signature(r.role, r.email, r.signature) for r in rows if r.signature]


def add_approval(
    conn: Connection,
    project: ProjectRow,
    approval: Approval,
    change_number: int | None,
    signature: str | None = None,
) -> None:
    conn.execute(
        insert(t.approvals).values(
            project_id=project.id,
            design_sha256=approval.design_sha256,
            change_number=change_number,
            role=str(approval.role),
            email=approval.email,
            name=approval.name,
            comment=approval.comment,
            at=approval.at,
            signature=signature,
        )
    )


# baselines -----------------------------------------------------------------------------


def _baseline(row: Any) -> BaselineRow:
    return BaselineRow(
        row.version,
        row.sha256,
        json.loads(row.document),
        row.document,
        row.frozen_at,
        row.frozen_by,
    )


def baselines(conn: Connection, project: ProjectRow) -> list[BaselineRow]:
    rows = conn.execute(
        select(t.baselines)
        .where(t.baselines.c.project_id == project.id)
        .order_by(t.baselines.c.version)
    )
    return [_baseline(r) for r in rows]


def latest_baseline(conn: Connection, project: ProjectRow) -> BaselineRow | None:
    row = conn.execute(
        select(t.baselines)
        .where(t.baselines.c.project_id == project.id)
        .order_by(t.baselines.c.version.desc())
        .limit(1)
    ).first()
    return _baseline(row) if row else None


def add_baseline(
    conn: Connection,
    project: ProjectRow,
    version: int,
    sha256: str,
    document: dict[str, Any],
    at: str,
    actor: str,
) -> None:
    conn.execute(
        insert(t.baselines).values(
            project_id=project.id,
            version=version,
            sha256=sha256,
            document=canonical_json(document),
            frozen_at=at,
            frozen_by=actor,
        )
    )


# waivers -------------------------------------------------------------------------------


def waivers(conn: Connection, project: ProjectRow) -> list[Waiver]:
    rows = conn.execute(
        select(t.waivers).where(t.waivers.c.project_id == project.id).order_by(t.waivers.c.id)
    )
    return [
        Waiver(r.key, r.approver_email, r.approver_name, r.reason, r.expires_on, r.granted_at)
        for r in rows
    ]


def add_waiver(conn: Connection, project: ProjectRow, waiver: Waiver) -> None:
    conn.execute(insert(t.waivers).values(project_id=project.id, **waiver.as_dict()))
