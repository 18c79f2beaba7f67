"""Sign-in: OIDC accounts bound to the provider's (issuer, subject), not to an email alone,
and a record of every sign-in, refused sign-in and sign-out.

An account is bound on its first OIDC sign-in; the unique index makes one identity at a
provider open one account at most. Accounts made before this revision are bound at their
next OIDC sign-in.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # nullable columns without constraints: SQLite's ALTER TABLE ADD COLUMN takes them as is
    op.add_column("users", sa.Column("oidc_issuer", sa.String(1000)))
    op.add_column("users", sa.Column("oidc_subject", sa.String(255)))
    op.add_column("users", sa.Column("oidc_bound_at", sa.String(32)))
    op.create_index("uq_users_oidc_identity", "users", ["oidc_issuer", "oidc_subject"], unique=True)
    op.create_table(
        "sign_ins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("email", sa.String(254)),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text),
        sa.Column("client", sa.String(100)),
        sa.Column("oidc_issuer", sa.String(1000)),
        sa.Column("oidc_subject", sa.String(255)),
    )
    op.create_index("ix_sign_ins_at", "sign_ins", ["at"])
    op.create_index("ix_sign_ins_email", "sign_ins", ["email"])


def downgrade() -> None:
    op.drop_index("ix_sign_ins_email", "sign_ins")
    op.drop_index("ix_sign_ins_at", "sign_ins")
    op.drop_table("sign_ins")
    op.drop_index("uq_users_oidc_identity", "users")
    with op.batch_alter_table("users") as batch:  # SQLite drops columns by copying the table
        batch.drop_column("oidc_bound_at")
        batch.drop_column("oidc_subject")
        batch.drop_column("oidc_issuer")
