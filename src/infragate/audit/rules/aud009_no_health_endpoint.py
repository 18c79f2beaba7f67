from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.inventory.serverless import function_only
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import SERVING, AuditRule, M, ladder, served_app


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    # A library or a command-line tool has no URL to check; a served app does. Functions
    # (Lambda behind API Gateway) have no instance to take out of rotation: no route needed.
    if served_app(inventory) is None and not inventory.has("serverless"):
        return
    if function_only(inventory) or inventory.has("health", "health endpoint"):
        return
    served = sorted(inventory.names("framework") & SERVING | inventory.names("serverless"))
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
