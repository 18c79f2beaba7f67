from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder, served_app, served_frameworks


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    # A library or a command-line tool has no URL to check; a served app does.
    if served_app(inventory) is None or inventory.has("health", "health endpoint"):
        return
    frameworks = ", ".join(served_frameworks(inventory)) or "served"
    yield Hit(None, None, f"no /health route in a {frameworks} application")


RULE = AuditRule(
    id="AUD009",
    slug="no-health-endpoint",
    title="The application exposes a health endpoint",
    rationale=(
        "Load balancers, orchestrators and uptime checks need a cheap URL that says whether the "
        "app and its database answer; without it a broken instance keeps receiving traffic."
    ),
    impact="Failed instances are not detected or replaced; deploys cannot wait for readiness.",
    fix="Add GET /api/health that checks the database connection and returns 200 or 503.",
    severity=ladder(Severity.low, Severity.medium, Severity.high, Severity.high),
    check=check,
    needed_from=M,
    defer_reason="nobody load-balances a prototype; its author notices when it is down",
)
