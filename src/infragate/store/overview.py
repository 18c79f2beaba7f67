"""Reads across every project at once, for the queue of requests: a handful of queries
for the whole store instead of a handful per project. Large documents (baselines, stored
briefs) are named by their sha256 here and fetched only when the caller has not derived
what it needs from them already (they never change once written)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from infragate.brief.model import Role
from infragate.lifecycle.policy import Approval
from infragate.lifecycle.waivers import Waiver
from infragate.store import tables as t
from infragate.store.change_requests import ChangeRow
from infragate.store.repository import ProjectRow, all_projects

OPEN_CHANGE = ("proposed", "approved")


@dataclass(frozen=True)
class Ref:
    """A stored document by its row and its hash: fetch the text only when needed."""

    row_id: int
    sha256: str
    version: int


@dataclass
class Overview:
    projects: list[ProjectRow]
    latest_baseline: dict[int, Ref] = field(default_factory=dict)
    open_change: dict[int, ChangeRow] = field(default_factory=dict)
    waivers: dict[int, list[Waiver]] = field(default_factory=lambda: defaultdict(list))
    stored_brief: dict[int, Ref] = field(default_factory=dict)
    # (project id, design sha256, change number or None) -> approvals, in order
    approvals: dict[tuple[int, str, int | None], list[Approval]] = field(
        default_factory=lambda: defaultdict(list)
    )


def overview(conn: Connection) -> Overview:
    found = Overview(all_projects(conn))
    b = t.baselines
    newest = select(b.c.project_id, func.max(b.c.version).label("v")).group_by(b.c.project_id)
    newest_sq = newest.subquery()
    for r in conn.execute(
        select(b.c.id, b.c.project_id, b.c.version, b.c.sha256).join(
            newest_sq, (b.c.project_id == newest_sq.c.project_id) & (b.c.version == newest_sq.c.v)
        )
    ):
        found.latest_baseline[r.project_id] = Ref(r.id, r.sha256, r.version)
    c = t.change_requests
    for r in conn.execute(select(c).where(c.c.status.in_(OPEN_CHANGE)).order_by(c.c.number)):
        found.open_change[r.project_id] = ChangeRow(  # the newest open one wins
            r.number,
            r.base_version,
            r.design_sha256,
            r.requested_by,
            r.reason,
            r.status,
            json.loads(r.diff),
            r.created_at,
            r.decided_at,
            r.decided_by,
        )
    w = t.waivers
    for r in conn.execute(select(w).order_by(w.c.id)):
        found.waivers[r.project_id].append(
            Waiver(r.key, r.approver_email, r.approver_name, r.reason, r.expires_on, r.granted_at)
        )
    d = t.project_documents
    for r in conn.execute(
        select(d.c.id, d.c.project_id, d.c.sha256, d.c.version)
        .where(d.c.kind == "brief")
        .order_by(d.c.version)
    ):
        found.stored_brief[r.project_id] = Ref(r.id, r.sha256, r.version)  # the newest wins
    a = t.approvals
    columns = (a.c.project_id, a.c.design_sha256, a.c.change_number, a.c.role, a.c.email)
    for row in conn.execute(select(*columns, a.c.name, a.c.at, a.c.comment).order_by(a.c.id)):
        found.approvals[(row.project_id, row.design_sha256, row.change_number)].append(
            Approval(Role(row.role), row.email, row.name, row.design_sha256, row.at, row.comment)
        )
    return found


def baseline_document(conn: Connection, ref: Ref) -> dict[str, object]:
    text = conn.execute(select(t.baselines.c.document).where(t.baselines.c.id == ref.row_id))
    loaded: dict[str, object] = json.loads(text.scalar_one())
    return loaded


def document_text(conn: Connection, ref: Ref) -> str:
    d = t.project_documents
    text: str = conn.execute(select(d.c.text).where(d.c.id == ref.row_id)).scalar_one()
    return text
