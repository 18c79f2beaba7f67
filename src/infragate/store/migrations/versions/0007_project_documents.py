"""The brief and allowed signers of projects kept in the store (the portal, issue 16).

A project created in the portal has no repository: its `brief.yaml` and
`allowed_signers` live here, every version kept, each named by a `document.stored`
event in the trail by its SHA-256.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("stored_at", sa.String(32), nullable=False),
        sa.Column("stored_by", sa.String(254), nullable=False),
        sa.UniqueConstraint(
            "project_id", "kind", "version", name="uq_project_documents_kind_version"
        ),
    )


def downgrade() -> None:
    op.drop_table("project_documents")
