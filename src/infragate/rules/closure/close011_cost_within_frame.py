from decimal import Decimal

from infragate.brief.model import Role
from infragate.closure.model import (
    ClosureContext,
    ClosureRule,
    Outcome,
    failed,
    passed,
    unjudged,
)

# How far actual spend may exceed the frozen cost frame before closure stops: the catalog's
# cost_variance_pct (10 %: the frame prices list prices and assumed usage, so a tenth either
# way is expected noise), the tolerance `costs report` uses too. The actual is the running
# spend of the latest billing period fully billed under this baseline (closure/actuals.py).


def check(ctx: ClosureContext) -> Outcome:
    frame = Decimal(str(ctx.lock.get("monthly_usd") or "0"))
    if ctx.actual_monthly_usd is None:
        why = ctx.actual_unjudged or "no bills are imported"
        return unjudged(
            f"{why}, so the actual cost cannot be compared with the frame of ${frame:.2f}/month"
        )
    tolerance = ctx.cost_tolerance_pct
    limit = frame * (1 + tolerance / 100)
    actual = ctx.actual_monthly_usd
    period = f" in {ctx.actual_period}" if ctx.actual_period else ""
    if actual <= limit:
        return passed(
            f"actual ${actual:.2f}/month{period} is within the frame of ${frame:.2f} "
            f"+ {tolerance} %"
        )
    return failed(
        f"actual ${actual:.2f}/month{period} exceeds the frame of ${frame:.2f} by more than "
        f"{tolerance} % (limit ${limit:.2f}); see 'infragate costs report --project "
        f"{ctx.project}'"
    )


RULE = ClosureRule(
    id="CLOSE011",
    slug="cost-within-frame",
    title="Actual cost is within tolerance of the cost frame",
    acts=(Role.budget_owner,),
    rationale=(
        "The budget owner approved a cost frame; handing over an infrastructure that costs "
        "more than it hands over a budget problem. Judged on the latest billing period "
        "billed entirely under this baseline, where bills are imported."
    ),
    fix=(
        "Find the spend above the frame (untagged resources, stale environments) and remove "
        "it, or propose a change request whose cost delta the budget owner approves."
    ),
    check=check,
)
