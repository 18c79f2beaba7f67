from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder, served_app, served_frameworks


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    # A library or a command-line tool has no URL to check; a served app does, and so does
    # an API on Lambda or Cloud Run: no balancer takes a function out of rotation, but an
    # uptime check or a Route 53 failover check needs a URL that answers without side effects.
    if served_app(inventory) is None and not inventory.has("serverless"):
        return
    if inventory.has("health", "health endpoint"):
        return
    served = sorted(set(served_frameworks(inventory)) | inventory.names("serverless"))
    yield Hit(None, None, f"no /health route in a {', '.join(served) or 'served'} application")


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
