"""The store's tables. Alembic migrations in `migrations/versions` create them; this
module is what the code queries, and a test checks that the two agree.

Times are ISO 8601 UTC strings and documents are canonical JSON text, so that what
is hashed is exactly what is stored, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("state", String(16), nullable=False),
    Column("design_sha256", String(64)),  # the design under approval before the first freeze
    Column("head_seq", Integer, nullable=False, default=0),  # last event: catches tail deletion
    Column("head_hash", String(64)),
    Column("created_at", String(32), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", String(32), nullable=False),
    Column("actor", String(254), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("project_id", "seq", name="uq_events_project_seq"),
)

designs = Table(
    "designs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("brief", Text, nullable=False),
    Column("design", Text, nullable=False),
    Column("blockers", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),
    UniqueConstraint("project_id", "sha256", name="uq_designs_project_sha"),
)

approvals = Table(
    "approvals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("design_sha256", String(64), nullable=False),
    Column("change_number", Integer),  # null: the design before the first baseline
    Column("role", String(32), nullable=False),
    Column("email", String(254), nullable=False),
    Column("name", String(200), nullable=False),
    Column("comment", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Column("signature", Text),  # armored SSH signature of the approval statement (signing.py)
    UniqueConstraint(
        "project_id", "design_sha256", "change_number", "role", name="uq_approvals_design_role"
    ),
)

baselines = Table(
    "baselines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("document", Text, nullable=False),
    Column("frozen_at", String(32), nullable=False),
    Column("frozen_by", String(254), nullable=False),
    UniqueConstraint("project_id", "version", name="uq_baselines_project_version"),
)

change_requests = Table(
    "change_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("base_version", Integer, nullable=False),
    Column("design_sha256", String(64), nullable=False),
    Column("requested_by", String(254), nullable=False),
    Column("reason", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("diff", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("decided_at", String(32)),
    Column("decided_by", String(254)),
    UniqueConstraint("project_id", "number", name="uq_change_requests_project_number"),
)

waivers = Table(
    "waivers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("key", String(32), nullable=False),
    Column("approver_email", String(254), nullable=False),
    Column("approver_name", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("expires_on", String(10), nullable=False),
    Column("granted_at", String(32), nullable=False),
)

# Files given as evidence, by their SHA-256; the `evidence.added` event names the hash.
evidence_files = Table(
    "evidence_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("stored_at", String(32), nullable=False),
    UniqueConstraint("project_id", "sha256", name="uq_evidence_files_project_sha"),
)

# Imported bills (issue 15): one row per file imported; facts and top resources hang off it.
# Money is decimal text (SQLite has no decimal type); `replaced_by` names the import that
# re-imported all of this one's billing periods.
cost_imports = Table(
    "cost_imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("focus_version", String(8), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("periods", Text, nullable=False),  # canonical JSON [[account, period], ...]
    Column("totals", Text, nullable=False),  # canonical JSON {category: {billed, effective}}
    Column("tag_map", Text, nullable=False),
    Column("imported_at", String(32), nullable=False),
    Column("imported_by", String(254), nullable=False),
    Column("replaced_by", Integer),
)

cost_facts = Table(
    "cost_facts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("import_id", Integer, ForeignKey("cost_imports.id"), nullable=False),
    Column("billing_account", Text),
    Column("billing_period", String(10), nullable=False),
    Column("currency", String(8), nullable=False),
    Column("day", String(10), nullable=False),
    Column("in_window", Boolean, nullable=False),
    Column("charge_category", String(16), nullable=False),
    Column("charge_class", String(32)),
    Column("sub_account", Text),
    Column("project", Text),
    Column("environment", Text),
    Column("team", Text),
    Column("cost_center", Text),
    Column("component", Text),
    Column("preview", Text),
    Column("service", Text),
    Column("region", Text),
    Column("consumed_unit", Text),
    Column("billed", String(48), nullable=False),
    Column("effective", String(48), nullable=False),
    Column("list_cost", String(48)),
    Column("consumed_quantity", String(48)),
    Column("rows", Integer, nullable=False),
    Column("first_start", String(32), nullable=False),
    Column("last_end", String(32), nullable=False),
)

cost_top_resources = Table(
    "cost_top_resources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("import_id", Integer, ForeignKey("cost_imports.id"), nullable=False),
    Column("billing_period", String(10), nullable=False),
    Column("project", Text),
    Column("environment", Text),
    Column("component", Text),
    Column("resource_id", Text, nullable=False),
    Column("resource_name", Text),
    Column("service", Text),
    Column("effective", String(48), nullable=False),
    Column("billed", String(48), nullable=False),
)

# The portal's accounts (issue 16): local users, API tokens (only their SHA-256 is kept) and
# recent sign-in attempts, which every worker process counts for rate limiting.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("is_admin", Boolean, nullable=False),
    Column("disabled", Boolean, nullable=False),
    Column("created_at", String(32), nullable=False),
    # the OpenID provider's identity the account is bound to on its first OIDC sign-in
    # (revision 0008): later OIDC sign-ins must present the same pair, not only the email
    Column("oidc_issuer", String(1000)),
    Column("oidc_subject", String(255)),
    Column("oidc_bound_at", String(32)),
    Index("uq_users_oidc_identity", "oidc_issuer", "oidc_subject", unique=True),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False),
    Column("at", Float, nullable=False),
)

# Every sign-in, refused sign-in, sign-out and OIDC unbinding (revision 0008), and every
# change to an account with who made it (revision 0009), for admins (`infragate users
# sign-ins`, /admin/sign-ins). Never a password or a token.
sign_ins = Table(
    "sign_ins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(32), nullable=False),
    Column("email", String(254)),  # as given (a value not shaped like an email is withheld)
    Column("user_id", Integer, ForeignKey("users.id")),  # when the account is known
    Column("method", String(16), nullable=False),  # password | oidc | cli
    Column("outcome", String(16), nullable=False),  # sign_in_record.Outcome
    Column("detail", Text),  # why it was refused; what else happened (an account bound)
    Column("client", String(100)),  # the client address as the portal sees it
    Column("oidc_issuer", String(1000)),  # the identity an OIDC sign-in presented
    Column("oidc_subject", String(255)),
    # revision 0009: who changed the account; how many refusals a rate-limited entry
    # stands for (NULL: one) and when the last of them came
    Column("actor", String(254)),
    Column("times", Integer),
    Column("last_at", String(32)),
    Index("ix_sign_ins_at", "at"),
    Index("ix_sign_ins_email", "email"),
)

# The brief and allowed signers of projects kept in the store (the portal has no
# repository): every version kept; the latest of each kind is the project's current one.
project_documents = Table(
    "project_documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("kind", String(32), nullable=False),  # brief | allowed_signers
    Column("version", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("stored_at", String(32), nullable=False),
    Column("stored_by", String(254), nullable=False),
    UniqueConstraint("project_id", "kind", "version", name="uq_project_documents_kind_version"),
)
