"""Files given as evidence, stored once per project by their SHA-256. Written inside
`Store.write()` with the project locked, beside the `evidence.added` event naming them."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from infragate.store import tables as t
from infragate.store.repository import ProjectRow


def put_evidence_file(
    conn: Connection, project: ProjectRow, sha256: str, content: bytes, at: str
) -> None:
    """Store a file by its hash, once: the same bytes given twice are kept once."""
    exists = conn.execute(
        select(t.evidence_files.c.id).where(
            t.evidence_files.c.project_id == project.id, t.evidence_files.c.sha256 == sha256
        )
    ).first()
    if exists is None:
        conn.execute(
            insert(t.evidence_files).values(
                project_id=project.id,
                sha256=sha256,
                size=len(content),
                content=content,
                stored_at=at,
            )
        )


def evidence_file(conn: Connection, project: ProjectRow, sha256: str) -> bytes | None:
    row = conn.execute(
        select(t.evidence_files.c.content).where(
            t.evidence_files.c.project_id == project.id, t.evidence_files.c.sha256 == sha256
        )
    ).first()
    return bytes(row.content) if row else None
