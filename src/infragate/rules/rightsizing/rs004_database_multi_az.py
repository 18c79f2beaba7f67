from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    deferred,
    not_applicable,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if not ctx.has_database:
        return not_applicable("no relational database in the workload")
    sla = ctx.catalog.threshold("single_az_sla")
    target = ctx.inputs.availability
    if not ctx.decided.get("database.managed"):
        return deferred(
            "an SQLite file has no standby; a standby needs managed PostgreSQL, "
            f"which this availability target ({target} %) does not call for"
        )
    if target > sla:
        return required(
            f"an availability target of {target} % is above the {sla} % a "
            "single-AZ instance is committed to"
        )
    return deferred(
        f"an availability target of {target} % is within the {sla} % a single-AZ "
        f"instance is committed to (needed above {sla} %)"
    )


RULE = SizingRule(
    id="RS004",
    slug="database-multi-az",
    title="A Multi-AZ database standby only when the availability target needs it",
    feature="database.multi_az",
    rationale=(
        "A Multi-AZ standby doubles the database's instance and storage cost. It is required "
        "when the availability target exceeds what a single instance is committed to, and "
        "premature below that (a single-instance database gave 99 %+ for one CEO user)."
    ),
    fix="Enable Multi-AZ on the production database.",
    judge=judge,
    requires=("database.managed",),
)
