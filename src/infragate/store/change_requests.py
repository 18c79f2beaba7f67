"""Reading and writing change requests: a frozen project's proposed changes, numbered per
project, with their design diff and the decision taken on them. Written inside
`Store.write()` with the project row locked (repository.lock_project), as every record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from infragate.canonical import canonical_json
from infragate.store import tables as t
from infragate.store.repository import ProjectRow


@dataclass(frozen=True)
class ChangeRow:
    number: int
    base_version: int
    design_sha256: str
    requested_by: str
    reason: str
    status: str
    diff: dict[str, Any]
    created_at: str
    decided_at: str | None
    decided_by: str | None


def _change(row: Any) -> ChangeRow:
    return ChangeRow(
        row.number,
        row.base_version,
        row.design_sha256,
        row.requested_by,
        row.reason,
        row.status,
        json.loads(row.diff),
        row.created_at,
        row.decided_at,
        row.decided_by,
    )


def changes(conn: Connection, project: ProjectRow) -> list[ChangeRow]:
    rows = conn.execute(
        select(t.change_requests)
        .where(t.change_requests.c.project_id == project.id)
        .order_by(t.change_requests.c.number)
    )
    return [_change(r) for r in rows]


def change_with_status(conn: Connection, project: ProjectRow, *status: str) -> ChangeRow | None:
    row = conn.execute(
        select(t.change_requests)
        .where(
            t.change_requests.c.project_id == project.id,
            t.change_requests.c.status.in_(status),
        )
        .order_by(t.change_requests.c.number.desc())
        .limit(1)
    ).first()
    return _change(row) if row else None


def add_change(
    conn: Connection,
    project: ProjectRow,
    base_version: int,
    design_sha256: str,
    requested_by: str,
    reason: str,
    diff: dict[str, Any],
    at: str,
) -> int:
    number = (
        conn.execute(
            select(func.max(t.change_requests.c.number)).where(
                t.change_requests.c.project_id == project.id
            )
        ).scalar()
        or 0
    ) + 1
    conn.execute(
        insert(t.change_requests).values(
            project_id=project.id,
            number=number,
            base_version=base_version,
            design_sha256=design_sha256,
            requested_by=requested_by,
            reason=reason,
            status="proposed",
            diff=canonical_json(diff),
            created_at=at,
        )
    )
    return number


def set_change_status(
    conn: Connection, project: ProjectRow, number: int, status: str, at: str, actor: str
) -> None:
    conn.execute(
        update(t.change_requests)
        .where(t.change_requests.c.project_id == project.id, t.change_requests.c.number == number)
        .values(status=status, decided_at=at, decided_by=actor)
    )
