from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def check(ctx: GateContext) -> Outcome:
    amount = ctx.brief.budget.monthly_usd
    if amount is None:
        return passed("no budget given (GATE005 says whether one is required)")
    if amount > 0:
        return passed(f"monthly budget ${amount:,}")
    return failed(
        f"the monthly budget is ${amount}; it must be a positive figure", "budget.monthly_usd"
    )


RULE = GateRule(
    id="GATE006",
    slug="budget-positive",
    title="The budget is a positive figure",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale="A zero or negative ceiling cannot be checked against; it is a placeholder.",
    fix="Set budget.monthly_usd to the monthly ceiling in US dollars, e.g. 600.",
    check=check,
)
