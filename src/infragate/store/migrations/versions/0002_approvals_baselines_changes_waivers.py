"""Designs under approval, approvals, baselines, change requests and waivers.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "designs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("brief", sa.Text, nullable=False),
        sa.Column("design", sa.Text, nullable=False),
        sa.Column("blockers", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("project_id", "sha256", name="uq_designs_project_sha"),
    )
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("design_sha256", sa.String(64), nullable=False),
        sa.Column("change_number", sa.Integer),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.UniqueConstraint(
            "project_id", "design_sha256", "change_number", "role", name="uq_approvals_design_role"
        ),
    )
    op.create_table(
        "baselines",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("frozen_at", sa.String(32), nullable=False),
        sa.Column("frozen_by", sa.String(254), nullable=False),
        sa.UniqueConstraint("project_id", "version", name="uq_baselines_project_version"),
    )
    op.create_table(
        "change_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("base_version", sa.Integer, nullable=False),
        sa.Column("design_sha256", sa.String(64), nullable=False),
        sa.Column("requested_by", sa.String(254), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("diff", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("decided_at", sa.String(32)),
        sa.Column("decided_by", sa.String(254)),
        sa.UniqueConstraint("project_id", "number", name="uq_change_requests_project_number"),
    )
    op.create_table(
        "waivers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("approver_email", sa.String(254), nullable=False),
        sa.Column("approver_name", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("expires_on", sa.String(10), nullable=False),
        sa.Column("granted_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    for table in ("waivers", "change_requests", "baselines", "approvals", "designs"):
        op.drop_table(table)
