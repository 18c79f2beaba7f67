from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.inventory.datastores import is_dev_or_test, production_declared
from infragate.audit.inventory.delivery import provisioned, software_others_run
from infragate.audit.model import Fact, Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder

# Where a database is best shown: where it runs (IaC, manifests, compose), then the app's
# configuration, before a mere client library.
EVIDENCE = (
    "Terraform",
    "Kubernetes",
    "CloudFormation",
    "compose",
    "Prisma",
    "Django",
    "Rails",
    "Spring",
    "Laravel",
    "configuration",
    "DB_CONNECTION",
    "connection",
    "SDK",
    "dependency",
)


def _strength(fact: Fact) -> tuple[bool, int, str, int]:
    rank = next((i for i, word in enumerate(EVIDENCE) if word in fact.detail), len(EVIDENCE))
    return not production_declared(fact), rank, fact.file or "", fact.line or 0


PERSISTENT = {
    "postgres",
    "mysql",
    "mariadb",
    "sqlite",
    "mongodb",
    "sqlserver",
    "oracle",
    "dynamodb",
    "cosmosdb",
    "firestore",
}


def _production_stores(inventory: Inventory) -> list[Fact]:
    """Databases production may hold data in. A database in a dev-container, a test compose
    file or test settings holds no one's data; a driver whose every configured instance is
    such a one is there for them; a fallback engine counts only when nothing is declared."""
    facts = [f for f in inventory.of("datastore") if f.name in PERSISTENT]
    configured = {f.name for f in facts if "dependency" not in f.detail}
    live = {f.name for f in facts if "dependency" not in f.detail and not is_dev_or_test(f)}
    stores = [
        f for f in facts
        if not is_dev_or_test(f) and (f.name in live or f.name not in configured)
    ]  # fmt: skip
    if any(production_declared(f) and "dependency" not in f.detail for f in stores):
        stores = [f for f in stores if production_declared(f)]
    return stores


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    if inventory.has("backup"):
        return
    stores = _production_stores(inventory)
    if software_others_run(repo, inventory):
        # Its installers run and back up the database; what it provisions itself is its own.
        stores = [f for f in stores if provisioned(f)]
    best: dict[str, Fact] = {}
    for fact in sorted(stores, key=_strength):
        best.setdefault(fact.name, fact)
    for fact in sorted(best.values(), key=lambda f: (f.file or "", f.line or 0)):
        yield Hit(
            fact.file, fact.line, f"{fact.name} data ({fact.detail}) with no backup job or policy"
        )


RULE = AuditRule(
    id="AUD010",
    slug="no-backup",
    title="The database is backed up automatically",
    rationale=(
        "Data that is not backed up is lost with the disk, a bad migration or a deleted row; "
        "a backup that is not automated is not taken (seed audit 004: no backup script found). "
        "A backup is what backs up (pg_dump, mysqldump, mongodump, wal-g, litestream, restic, "
        "snapshots, AWS Backup, RDS retention >= 1 day), never a file named 'backup'; databases "
        "of dev-containers and tests hold no one's data, and software others install leaves "
        "its database to them."
    ),
    impact="Permanent data loss on a disk failure, an operator mistake or ransomware.",
    fix=(
        "Schedule backups (RDS automated backups with backup_retention_period >= 7, AWS Backup, "
        "or a scheduled pg_dump/mysqldump/mongodump/sqlite .backup to object storage) and test a restore."
    ),
    severity=ladder(Severity.low, Severity.high, Severity.critical, Severity.critical),
    check=check,
    needed_from=M,
    defer_reason="a prototype's data can be recreated; backups are needed once real users' data exists",
    data_sensitive=True,
)
