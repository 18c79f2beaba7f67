"""Imported bills: FOCUS files, the facts summed from them and their top resources (issue 15).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

MONEY = sa.String(48)


def upgrade() -> None:
    op.create_table(
        "cost_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("focus_version", sa.String(8), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("periods", sa.Text, nullable=False),
        sa.Column("totals", sa.Text, nullable=False),
        sa.Column("tag_map", sa.Text, nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("imported_by", sa.String(254), nullable=False),
        sa.Column("replaced_by", sa.Integer),
    )
    op.create_table(
        "cost_facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("cost_imports.id"), nullable=False),
        sa.Column("billing_account", sa.Text),
        sa.Column("billing_period", sa.String(10), nullable=False),
        sa.Column("currency", sa.String(8), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("in_window", sa.Boolean, nullable=False),
        sa.Column("charge_category", sa.String(16), nullable=False),
        sa.Column("charge_class", sa.String(32)),
        sa.Column("sub_account", sa.Text),
        sa.Column("project", sa.Text),
        sa.Column("environment", sa.Text),
        sa.Column("team", sa.Text),
        sa.Column("cost_center", sa.Text),
        sa.Column("component", sa.Text),
        sa.Column("preview", sa.Text),
        sa.Column("service", sa.Text),
        sa.Column("region", sa.Text),
        sa.Column("consumed_unit", sa.Text),
        sa.Column("billed", MONEY, nullable=False),
        sa.Column("effective", MONEY, nullable=False),
        sa.Column("list_cost", MONEY),
        sa.Column("consumed_quantity", MONEY),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("first_start", sa.String(32), nullable=False),
        sa.Column("last_end", sa.String(32), nullable=False),
    )
    op.create_index("ix_cost_facts_period", "cost_facts", ["billing_period", "billing_account"])
    op.create_index("ix_cost_facts_project", "cost_facts", ["project", "billing_period"])
    op.create_table(
        "cost_top_resources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("cost_imports.id"), nullable=False),
        sa.Column("billing_period", sa.String(10), nullable=False),
        sa.Column("project", sa.Text),
        sa.Column("environment", sa.Text),
        sa.Column("component", sa.Text),
        sa.Column("resource_id", sa.Text, nullable=False),
        sa.Column("resource_name", sa.Text),
        sa.Column("service", sa.Text),
        sa.Column("effective", MONEY, nullable=False),
        sa.Column("billed", MONEY, nullable=False),
    )
    op.create_index("ix_cost_top_resources_import", "cost_top_resources", ["import_id"])


def downgrade() -> None:
    op.drop_table("cost_top_resources")
    op.drop_index("ix_cost_facts_project", "cost_facts")
    op.drop_index("ix_cost_facts_period", "cost_facts")
    op.drop_table("cost_facts")
    op.drop_table("cost_imports")
