"""The sign-in record keeps account changes and counts a flood: who made a change (an
account added, a password set, an account disabled or enabled, admin granted or revoked),
and for a client the rate limiter refuses, how many refusals one entry stands for.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # nullable columns without constraints: SQLite's ALTER TABLE ADD COLUMN takes them as is
    op.add_column("sign_ins", sa.Column("actor", sa.String(254)))
    op.add_column("sign_ins", sa.Column("times", sa.Integer))
    op.add_column("sign_ins", sa.Column("last_at", sa.String(32)))


# What 0009 records that 0008's code cannot read (sign_in_record.Outcome).
_CHANGES = (
    "account_created",
    "password_set",
    "disabled",
    "enabled",
    "admin_granted",
    "admin_revoked",
)


def downgrade() -> None:
    # 0008's code reads only its own outcomes: a counted refusal goes back to a refusal and
    # the account changes go (nothing in infragate downgrades; this is for a person's hands)
    op.execute("UPDATE sign_ins SET outcome = 'refused' WHERE outcome = 'rate_limited'")
    changes = ", ".join(f"'{c}'" for c in _CHANGES)
    op.execute(f"DELETE FROM sign_ins WHERE outcome IN ({changes})")
    with op.batch_alter_table("sign_ins") as batch:  # SQLite drops columns by copying the table
        batch.drop_column("last_at")
        batch.drop_column("times")
        batch.drop_column("actor")
