from infragate.brief.model import Maturity
from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    deferred,
    not_applicable,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if ctx.is_static:
        return not_applicable("a static site runs no servers")
    if ctx.maturity is Maturity.prototype:
        return deferred(
            "one virtual machine runs a prototype; containers behind a load "
            "balancer pay off once releases must not interrupt users",
            Maturity.mvp,
        )
    return required(
        f"at {ctx.maturity}, releases ship without downtime and failed "
        "instances are replaced automatically"
    )


RULE = SizingRule(
    id="RS001",
    slug="compute-containers",
    title="Containers behind a load balancer from mvp on",
    feature="compute.containers",
    rationale=(
        "A single mutable server drifts from development and cannot be replaced or scaled "
        "without a person; a container image is the same everywhere and is redeployed in minutes."
    ),
    fix="Run the services as containers behind a load balancer.",
    judge=judge,
)
