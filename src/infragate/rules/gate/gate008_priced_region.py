from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def check(ctx: GateContext) -> Outcome:
    cloud = ctx.brief.cloud
    if cloud.provider is None or cloud.region is None:
        return passed("no cloud region given (GATE005 says whether one is required)")
    if (cloud.provider, cloud.region) in ctx.priced_regions:
        return passed(f"prices for {cloud.provider} {cloud.region} are in the catalog")
    known = ", ".join(f"{p} {r}" for p, r in sorted(ctx.priced_regions))
    return failed(
        f"no pricing snapshot for {cloud.provider} {cloud.region} (have: {known})", "cloud.region"
    )


RULE = GateRule(
    id="GATE008",
    slug="priced-region",
    title="The cloud region has a pricing snapshot",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale="A cost frame must be approved before anything is built; without prices there is none.",
    fix="Choose a priced region, or add a pricing snapshot for this one to the catalog.",
    check=check,
)
