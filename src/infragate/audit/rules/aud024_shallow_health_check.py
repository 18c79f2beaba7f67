from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.inventory.datastores import is_dev_or_test
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import PR, AuditRule, ladder


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    routes = inventory.health_routes
    # One route that checks a store is enough (a liveness route may stay shallow beside it).
    if not routes or any(r.checks for r in routes):
        return
    stores = sorted({f.name for f in inventory.of("datastore") if not is_dev_or_test(f)})
    if not stores:
        return  # nothing to check: a constant answer is the whole truth
    route = routes[0]
    yield Hit(
        route.file,
        route.line,
        f"{route.how} returns a constant and checks none of the datastores ({', '.join(stores)})",
    )


RULE = AuditRule(
    id="AUD024",
    slug="shallow-health-check",
    title="The health endpoint checks the datastores the application needs",
    rationale=(
        "A health route that returns a constant says the process answers HTTP, not that it can "
        "serve: with the database unreachable it still reports healthy, so the load balancer "
        "keeps routing to an instance that fails every real request and deploys go green. "
        "Rails' built-in /up and Laravel's /up are documented as shallow (Rails::HealthController "
        "API docs; Laravel 11 'Health Check' docs, read 2026-11-29); Spring Boot Actuator's "
        "/actuator/health checks the DataSource by default."
    ),
    impact="Outages of the database show as healthy instances; readiness gates and alarms stay green.",
    fix=(
        "Make the readiness endpoint run a cheap query on each datastore (SELECT 1, PING) with a "
        "short timeout and answer 503 when one fails; keep liveness probes shallow so a database "
        "outage does not restart every instance."
    ),
    severity=ladder(Severity.info, Severity.low, Severity.medium, Severity.medium),
    check=check,
    needed_from=PR,
    defer_reason="before production, a process that answers is enough; dependency checks matter once traffic is routed by health",
)
