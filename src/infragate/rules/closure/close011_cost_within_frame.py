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

# How far actual spend may exceed the frozen cost frame before closure stops: the frame
# prices list prices and assumed usage, so a tenth either way is expected noise
# (infragate's own policy, set with this rule).
TOLERANCE = Decimal("0.10")


def check(ctx: ClosureContext) -> Outcome:
    frame = Decimal(str(ctx.lock.get("monthly_usd") or "0"))
    if ctx.actual_monthly_usd is None:
        return unjudged(
            f"no bills are imported, so the actual cost cannot be compared with the frame of "
            f"${frame:.2f}/month"
        )
    limit = frame * (1 + TOLERANCE)
    actual = ctx.actual_monthly_usd
    if actual <= limit:
        return passed(f"actual ${actual:.2f}/month is within the frame of ${frame:.2f} + 10 %")
    return failed(
        f"actual ${actual:.2f}/month exceeds the frame of ${frame:.2f} by more than 10 % "
        f"(limit ${limit:.2f})"
    )


RULE = ClosureRule(
    id="CLOSE011",
    slug="cost-within-frame",
    title="Actual cost is within tolerance of the cost frame",
    acts=(Role.budget_owner,),
    rationale=(
        "The budget owner approved a cost frame; handing over an infrastructure that costs "
        "more than it hands over a budget problem. Judged only where bills are imported."
    ),
    fix=(
        "Find the spend above the frame (untagged resources, stale environments) and remove "
        "it, or propose a change request whose cost delta the budget owner approves."
    ),
    check=check,
)
