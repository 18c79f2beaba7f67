from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    deferred,
    not_applicable,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if ctx.is_static or not (ctx.brief.workload.services):
        return not_applicable("no services to run")
    limit = ctx.catalog.threshold("multi_az_compute_above")
    target = ctx.inputs.availability
    if target > limit:
        return required(
            f"an availability target of {target} % is above {limit} %: one task "
            "means every deployment or zone failure is an outage"
        )
    return deferred(
        f"an availability target of {target} % is met by one instance (needed above {limit} %)"
    )


RULE = SizingRule(
    id="RS002",
    slug="compute-multi-az",
    title="Two instances in two zones only when the availability target needs it",
    feature="compute.multi_az",
    rationale="Redundant compute doubles its cost; it is justified by the availability target, not by habit.",
    fix="Run at least two web tasks spread over two availability zones.",
    judge=judge,
)
