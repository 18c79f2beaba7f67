"""The brief and allowed signers of projects kept in the store, every version kept.
Written inside `Store.write()` with the project locked, beside the `document.stored`
event that names the version by its SHA-256."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select

from infragate.store import tables as t
from infragate.store.repository import ProjectRow


@dataclass(frozen=True)
class DocumentRow:
    kind: str
    version: int
    sha256: str
    text: str
    stored_at: str
    stored_by: str


def _row(r: Any) -> DocumentRow:
    return DocumentRow(r.kind, r.version, r.sha256, r.text, r.stored_at, r.stored_by)


def add_document(
    conn: Connection, project: ProjectRow, kind: str, text: str, sha256: str, at: str, by: str
) -> DocumentRow:
    """Store `text` as the next version of the project's `kind` of document."""
    d = t.project_documents
    last = conn.execute(
        select(func.max(d.c.version)).where(d.c.project_id == project.id, d.c.kind == kind)
    ).scalar()
    version = (last or 0) + 1
    conn.execute(
        insert(d).values(
            project_id=project.id,
            kind=kind,
            version=version,
            sha256=sha256,
            text=text,
            stored_at=at,
            stored_by=by,
        )
    )
    return DocumentRow(kind, version, sha256, text, at, by)


def latest_document(conn: Connection, project: ProjectRow, kind: str) -> DocumentRow | None:
    d = t.project_documents
    row = conn.execute(
        select(d)
        .where(d.c.project_id == project.id, d.c.kind == kind)
        .order_by(d.c.version.desc())
        .limit(1)
    ).first()
    return _row(row) if row else None


def documents(conn: Connection, project: ProjectRow, kind: str) -> list[DocumentRow]:
    """Every version of the project's `kind` of document, newest first."""
    d = t.project_documents
    rows = conn.execute(
        select(d).where(d.c.project_id == project.id, d.c.kind == kind).order_by(d.c.version.desc())
    )
    return [_row(r) for r in rows]
