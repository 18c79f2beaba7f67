from infragate.brief.model import Maturity
from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    allowed,
    deferred,
    not_applicable,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if not ctx.decided.get("database.managed"):
        return not_applicable("no managed database in the design")
    rpo = ctx.brief.availability.rpo_minutes
    limit = ctx.catalog.threshold("pitr_rpo_minutes")
    days = ctx.policy.backup_retention_days
    if ctx.maturity.at_least(Maturity.production):
        return required(f"at {ctx.maturity}, keep {days} days of point-in-time recovery")
    if ctx.inputs.criticality in ("high", "critical"):
        return required(
            f"{ctx.inputs.criticality}-criticality data must be recoverable to the minute"
        )
    if rpo is not None and rpo < limit:
        return required(f"an RPO of {rpo} minutes is shorter than a daily snapshot allows")
    if ctx.maturity is Maturity.prototype:
        return deferred(
            "a prototype's data can be rebuilt; one day of backups is kept", Maturity.mvp
        )
    return allowed(f"{days} days of point-in-time recovery cost little at this size", True)


RULE = SizingRule(
    id="RS005",
    slug="point-in-time-recovery",
    title="Point-in-time recovery when the data or the RPO needs it",
    feature="database.point_in_time_recovery",
    rationale=(
        "Backups that nobody configured are the most common gap in live products; continuous "
        "backups with a retention window are what make an RPO shorter than a day true."
    ),
    fix="Keep automated backups with point-in-time recovery for the maturity's retention.",
    judge=judge,
    requires=("database.managed",),
)
