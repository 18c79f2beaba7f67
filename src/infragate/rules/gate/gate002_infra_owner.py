from infragate.brief.model import Role
from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def check(ctx: GateContext) -> Outcome:
    owners = ctx.brief.owners_with(Role.infra_owner)
    if owners:
        return passed(f"infra owner: {', '.join(o.name for o in owners)}")
    return failed("no owner has the role infra_owner", "owners")


RULE = GateRule(
    id="GATE002",
    slug="infra-owner-named",
    title="An infra owner is named",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale=(
        "Someone must be accountable for the design and approve it; without a named infra "
        "owner, architecture is decided by whoever deploys first."
    ),
    fix="Give one of the owners the role infra_owner: 'roles: [infra_owner]'.",
    check=check,
)
