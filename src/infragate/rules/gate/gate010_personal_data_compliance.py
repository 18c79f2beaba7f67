from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def check(ctx: GateContext) -> Outcome:
    data = ctx.brief.data
    if not data.personal_data:
        return passed("no personal data declared")
    if data.compliance:
        return passed(f"personal data under {', '.join(data.compliance)}")
    return failed("personal data is stored but no compliance regime is named", "data.compliance")


RULE = GateRule(
    id="GATE010",
    slug="personal-data-compliance",
    title="Personal data comes with the regime it falls under",
    severity=Severity.warning,
    stage=Stage.design,
    rationale=(
        "Where personal data lives decides region, retention and access logging; naming the "
        "regime (GDPR, HIPAA, ...) up front avoids a redesign after launch."
    ),
    fix="List the regimes under data.compliance, e.g. [gdpr]; an empty list must be deliberate.",
    check=check,
)
