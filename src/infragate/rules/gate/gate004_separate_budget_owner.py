from infragate.brief.model import Maturity, Role
from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def check(ctx: GateContext) -> Outcome:
    maturity = ctx.brief.maturity
    if maturity is None or not maturity.at_least(Maturity.production):
        return passed(f"not required at {maturity or 'an unknown maturity'}")
    infra = {o.email.lower() for o in ctx.brief.owners_with(Role.infra_owner)}
    budget = {o.email.lower() for o in ctx.brief.owners_with(Role.budget_owner)}
    if not infra or not budget:
        return passed("checked once both roles are named (GATE002, GATE003)")
    if budget - infra:
        return passed("the budget owner is a different person from the infra owner")
    return failed(
        f"at {maturity} the budget owner must be a different person from the infra owner; "
        f"{', '.join(sorted(budget))} holds both roles",
        "owners",
    )


RULE = GateRule(
    id="GATE004",
    slug="separate-budget-owner",
    title="For production and scale, the budget owner is not the infra owner",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale=(
        "Separation of duties: the person who designs the infrastructure should not be the "
        "only one who approves what it costs once the product is live."
    ),
    fix="Give the budget_owner role to a different person than the infra_owner.",
    check=check,
)
