"""Approvals carry the approver's SSH signature of what they approved.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("approvals") as batch:
        batch.add_column(sa.Column("signature", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("approvals") as batch:
        batch.drop_column("signature")
