from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder

TEMPLATES = (".example", ".sample", ".template", ".dist", ".defaults")


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for path in sorted(repo.paths):
        name = path.rsplit("/", 1)[-1]
        if (name == ".env" or name.startswith(".env.")) and not name.endswith(TEMPLATES):
            yield Hit(path, None, f"{name} is in the repository, not ignored by .gitignore")


RULE = AuditRule(
    id="AUD023",
    slug="env-file-committed",
    title="Environment files with real settings are not committed",
    rationale=(
        "A committed .env file ends up with real credentials sooner or later, and settings for "
        "one machine leak into every clone; a .env.example documents the variables instead."
    ),
    impact="Credentials in git history; developers and servers sharing one machine's settings.",
    fix="Add '.env*' (except '.env.example') to .gitignore, remove the file from git, rotate its secrets.",
    severity=ladder(Severity.medium, Severity.high, Severity.high, Severity.high),
    check=check,
)
