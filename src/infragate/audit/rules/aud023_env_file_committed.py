import posixpath
from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder
from infragate.audit.secrets import candidates
from infragate.audit.secrets.places import Place, place_of


def _is_env_file(name: str) -> bool:
    return name == ".env" or name.startswith(".env.")


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for path in sorted(repo.paths):
        name = posixpath.basename(path)
        if not _is_env_file(name) or place_of(path) in (Place.ignored, Place.template):
            continue  # .env.example documents; .env.test and tests/.env hold test settings
        if name.endswith(".local"):
            yield Hit(path, None, f"{name} holds one machine's settings and is committed")
            continue
        real = sorted({c.key or c.kind for c in candidates(repo, path)})
        if real:
            yield Hit(
                path,
                None,
                f"{name} is committed with real values for {', '.join(real)} (values not shown)",
            )


RULE = AuditRule(
    id="AUD023",
    slug="env-file-committed",
    title="Environment files with real settings are not committed",
    rationale=(
        "A committed .env file with real values puts credentials in git history and one "
        "machine's settings in every clone; a .env.example documents the variables instead. "
        "Reported: any .env.local or .env.*.local (machine-local by definition in Next.js, "
        "Vite and dotenv-flow), and a .env or .env.<mode> that assigns a real value to a "
        "secret-named variable. Not reported: a .env with only placeholders (changethis), "
        "local development values (localhost URLs, postgres/postgres) or non-secret defaults, "
        "which Next.js and Vite document as files to commit (nextjs.org/docs, 'Environment "
        "Variables'; vite.dev/guide/env-and-mode; read 2026-11-29), and env files of tests."
    ),
    impact="Credentials in git history; developers and servers sharing one machine's settings.",
    fix="Add '.env*' (except '.env.example') to .gitignore, remove the file from git, rotate its secrets.",
    severity=ladder(Severity.medium, Severity.high, Severity.high, Severity.high),
    check=check,
)
