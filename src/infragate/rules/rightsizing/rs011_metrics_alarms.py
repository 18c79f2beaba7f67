from infragate.brief.model import Maturity
from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    deferred,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if ctx.maturity is Maturity.prototype:
        return deferred(
            "a prototype's users report its failures; alarms come with real users", Maturity.mvp
        )
    return required(
        "users must not be the monitoring system: metrics with alarms that page the owners"
    )


RULE = SizingRule(
    id="RS011",
    slug="metrics-alarms",
    title="Metrics and alarms from mvp on",
    feature="metrics.alarms",
    rationale="Error tracking alone (e.g. Sentry) does not show saturation or latency; metrics with alarms do.",
    fix="Define metrics and alarms for the load balancer, the services and the database.",
    judge=judge,
)
