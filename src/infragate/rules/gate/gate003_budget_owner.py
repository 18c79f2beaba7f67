from infragate.brief.model import Role
from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def check(ctx: GateContext) -> Outcome:
    owners = ctx.brief.owners_with(Role.budget_owner)
    if owners:
        return passed(f"budget owner: {', '.join(o.name for o in owners)}")
    return failed("no owner has the role budget_owner", "owners")


RULE = GateRule(
    id="GATE003",
    slug="budget-owner-named",
    title="A budget owner is named",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale=(
        "Cost must be approved before anything is built, by someone who answers for it; "
        "otherwise the client discovers the bill after deployment."
    ),
    fix="Give one of the owners the role budget_owner: 'roles: [budget_owner]'.",
    check=check,
)
