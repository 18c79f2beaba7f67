"""Files given as evidence, stored once by their SHA-256 (issue 14).

The evidence itself is an event in the trail (`evidence.added`); this table holds the
bytes of the files those events name by hash.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("stored_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("project_id", "sha256", name="uq_evidence_files_project_sha"),
    )


def downgrade() -> None:
    op.drop_table("evidence_files")
