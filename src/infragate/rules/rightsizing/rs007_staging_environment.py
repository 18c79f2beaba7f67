from infragate.brief.model import Maturity
from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    allowed,
    deferred,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if ctx.maturity is Maturity.prototype:
        return deferred(
            "a prototype is tested where it runs; a second environment doubles "
            "the work of keeping them alike",
            Maturity.mvp,
        )
    if ctx.maturity is Maturity.mvp:
        return allowed(
            "staging, scheduled to business hours, catches broken releases before users do", True
        )
    return required(f"at {ctx.maturity}, every release is tested on staging first")


RULE = SizingRule(
    id="RS007",
    slug="staging-environment",
    title="A staging environment from mvp on",
    feature="environments.staging",
    rationale="Which environments exist follows the product's maturity, not the team's habit.",
    fix="Add a staging environment (scheduled to business hours unless at scale).",
    judge=judge,
)
