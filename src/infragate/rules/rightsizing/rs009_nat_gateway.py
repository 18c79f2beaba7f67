from infragate.brief.model import Maturity
from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    deferred,
    not_applicable,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if not ctx.decided.get("compute.containers"):
        return not_applicable("no container service in the design")
    if ctx.brief.data.personal_data:
        return required("personal data: services and databases stay in private subnets")
    if ctx.maturity.at_least(Maturity.production):
        return required(f"at {ctx.maturity}, services stay in private subnets")
    return deferred(
        "public subnets with strict security groups are enough before launch", Maturity.production
    )


RULE = SizingRule(
    id="RS009",
    slug="nat-gateway",
    title="Private subnets with a NAT gateway for personal data or production",
    feature="network.nat_gateway",
    rationale="A NAT gateway costs about $33 a month per environment before any traffic; it buys isolation that matters once there is data to protect.",
    fix="Put services in private subnets behind a NAT gateway.",
    judge=judge,
    requires=("compute.containers",),
)
