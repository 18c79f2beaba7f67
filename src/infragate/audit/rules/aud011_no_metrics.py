from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import PR, AuditRule, ladder, served_app


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    if inventory.has("monitoring"):
        return
    runtime = served_app(inventory)
    platform = inventory.first("serverless")
    if platform is not None and runtime is None:
        # The platform records invocations, errors and duration; nobody hears of them
        # without an alarm on those metrics.
        yield Hit(platform.file, platform.line,
                  f"no alarms on {platform.name}'s metrics ({platform.detail})")  # fmt: skip
    elif runtime:
        tracking = (
            " (error tracking alone does not measure performance)"
            if inventory.has("error-tracking")
            else ""
        )
        yield Hit(None, None, f"no metrics, APM or alarms for {runtime}{tracking}")


RULE = AuditRule(
    id="AUD011",
    slug="no-metrics",
    title="The application's performance and resources are measured and alarmed on",
    rationale=(
        "Error tracking shows exceptions, not latency, saturation or a full disk; without "
        "metrics and alarms, slowness and outages are reported by users (seed audit 004)."
    ),
    impact="Performance problems and capacity limits discovered after go-live, by customers.",
    fix=(
        "Export metrics (Prometheus, CloudWatch, Datadog or an APM) with alarms on latency, errors "
        "and saturation; for Lambda/API Gateway, CloudWatch alarms on Errors, Throttles and p99 Duration."
    ),
    severity=ladder(Severity.info, Severity.low, Severity.medium, Severity.high),
    check=check,
    needed_from=PR,
    defer_reason="before production, error tracking and the host's own graphs are enough",
)
