from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    deferred,
    not_applicable,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if not ctx.decided.get("network.nat_gateway"):
        return not_applicable("no NAT gateway in the design: tasks reach the internet directly")
    limit = ctx.catalog.threshold("nat_per_zone_above")
    target = ctx.inputs.availability
    if target > limit:
        return required(
            f"an availability target of {target} % is above {limit} %: a zone outage must not "
            "cut the other zone's egress, so each zone routes through its own NAT gateway"
        )
    return deferred(
        f"an availability target of {target} % tolerates losing egress from the second zone "
        f"while the NAT gateway's zone is down: one gateway serves both (needed above {limit} %)"
    )


RULE = SizingRule(
    id="RS012",
    slug="nat-per-zone",
    title="A NAT gateway in each availability zone only when the availability target needs it",
    feature="network.nat_per_zone",
    rationale=(
        "A NAT gateway is zonal: one gateway is a single point of failure for the egress of "
        "every zone, while a second one costs its hours and its public IPv4 address again "
        "(about $36 a month). Production gets one per zone above the threshold, with an S3 "
        "gateway endpoint (free) that keeps image layers and bucket traffic off the gateways."
    ),
    fix="Give each availability zone its own NAT gateway and private route table.",
    judge=judge,
    requires=("network.nat_gateway",),
)
