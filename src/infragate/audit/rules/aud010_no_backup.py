from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Fact, Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder

# Where a database is best shown: its schema or resource, before a mere client library.
EVIDENCE = ("Prisma", "Terraform", "compose", "connection", "dependency")


def _strength(fact: Fact) -> tuple[int, str, int]:
    rank = next((i for i, word in enumerate(EVIDENCE) if word in fact.detail), len(EVIDENCE))
    return rank, fact.file or "", fact.line or 0


PERSISTENT = {"postgres", "mysql", "mariadb", "sqlite", "mongodb", "sqlserver"}


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    if inventory.has("backup"):
        return
    stores = [f for f in inventory.of("datastore") if f.name in PERSISTENT]
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
        "a backup that is not automated is not taken (seed audit 004: no backup script found)."
    ),
    impact="Permanent data loss on a disk failure, an operator mistake or ransomware.",
    fix="Schedule backups (RDS automated backups, or a cron'd pg_dump/sqlite .backup to S3) and test a restore.",
    severity=ladder(Severity.low, Severity.high, Severity.critical, Severity.critical),
    check=check,
    needed_from=M,
    defer_reason="a prototype's data can be recreated; backups are needed once real users' data exists",
    data_sensitive=True,
)
