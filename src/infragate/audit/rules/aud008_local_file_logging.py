from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import PR, AuditRule, ladder


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    if any(f.name == "log shipping" for f in inventory.of("logging")):
        return
    seen: set[str] = set()
    for fact in inventory.of("logging"):
        if fact.name == "local log files" and fact.file and fact.file not in seen:
            seen.add(fact.file)
            yield Hit(
                fact.file, fact.line, f"logs go to a local file ({fact.detail}), not off the host"
            )


RULE = AuditRule(
    id="AUD008",
    slug="local-file-logging",
    title="Logs are shipped off the host, not only written to local files",
    rationale=(
        "Logs in /var/log on the server vanish with it, and with two servers someone has to ssh "
        "into each one to search them (seed audit 002)."
    ),
    impact="No central search, logs lost with the host, no alerting on errors in logs.",
    fix="Log to stdout and ship logs with the platform (CloudWatch Logs, Datadog, Loki, ...).",
    severity=ladder(Severity.info, Severity.low, Severity.high, Severity.high),
    check=check,
    needed_from=PR,
    defer_reason="with one server and few users, local logs can be read where they are",
)
