from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder
from infragate.audit.secrets import scan


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for found in scan(repo):
        yield Hit(
            found.file,
            found.line,
            f"{found.kind} (detector: {found.detector}, confidence: {found.confidence}; "
            "value not shown)",
        )


RULE = AuditRule(
    id="AUD022",
    slug="secret-in-repository",
    title="No credentials are committed to the repository",
    rationale=(
        "A secret in git is readable by everyone with the repository, forever (it stays in the "
        "history after deletion), and leaked keys are abused within minutes of a push. "
        "Reported: private keys, provider tokens of a known format (with their checksum where "
        "the format has one), passwords in URLs to hosts other than a developer's machine, "
        "framework signing keys hard-coded where production reads them, and literal values "
        "under secret names (random-looking ones in application code; any real one in deploy "
        "scripts, CI, production compose files, env files and Kubernetes Secrets). Not "
        "reported: documentation, tests and fixtures, .example/.sample/.template files, lock "
        "files, placeholders (changeme, your-..., ${VAR}, <...>), defaults everyone knows, "
        "references to a secret store, and local development values."
    ),
    impact="Account takeover, data theft, unexpected cloud bills.",
    fix="Revoke and rotate the credential now, remove it from the history, and load it from a secret store.",
    severity=ladder(Severity.high, Severity.critical, Severity.critical, Severity.critical),
    check=check,
    data_sensitive=True,
)
