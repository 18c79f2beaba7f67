from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.inventory.datastores import production_declared
from infragate.audit.inventory.delivery import provisioned, software_others_run
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder

# Files that configure development or tests only: SQLite there is fine.
SOURCE = (".py", ".ts", ".js", ".mjs", ".go", ".rb", ".java", ".php")
DEV_ONLY = (".env.example", ".env.sample", ".env.development", ".env.test", ".env.local")


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    facts = [f for f in inventory.of("datastore") if f.name == "sqlite"]
    if software_others_run(repo, inventory):
        # Self-hosted software defaulting to SQLite leaves the engine to its operators.
        facts = [f for f in facts if provisioned(f)]
    # Where configuration names the database, a driver in the manifest adds nothing (it is
    # often there for development); with no configuration, the driver is the evidence.
    configured = any("dependency" not in f.detail for f in facts)
    for fact in facts:
        if fact.file is None or not production_declared(fact):
            continue  # dev-container, test settings, or a default the environment overrides
        if configured and "dependency" in fact.detail:
            continue
        template = fact.file.rsplit("/", 1)[-1] in DEV_ONLY
        # A template's DB_CONNECTION=sqlite is the engine the app is set up with (Laravel
        # 11's .env.example); its URLs are examples to replace.
        if (template and "DB_CONNECTION" not in fact.detail) or "test" in fact.file:
            continue
        # A URL in source code is usually a default for development (an embedded store);
        # production's database is named by its schema, env, compose or IaC files.
        if fact.file.endswith(SOURCE) and fact.detail == "connection string":
            continue
        yield Hit(fact.file, fact.line, f"SQLite is the database ({fact.detail})")


RULE = AuditRule(
    id="AUD003",
    slug="sqlite-in-production",
    title="A live product's database is not an SQLite file",
    rationale=(
        "SQLite is a single file on a single disk: one writer at a time, no replicas, and the "
        "data is gone with the disk unless a backup works perfectly (seed audits 002 and 004)."
    ),
    impact="No horizontal scaling, write contention, a single point of failure for all data.",
    fix="Move to managed PostgreSQL (e.g. Prisma provider 'postgresql' on Amazon RDS).",
    severity=ladder(Severity.low, Severity.high, Severity.critical, Severity.critical),
    check=check,
    needed_from=M,
    defer_reason="an SQLite file is an accepted shortcut for a prototype (infragate RS003)",
    data_sensitive=True,
)
