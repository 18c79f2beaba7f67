from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed

# Where each AWS commercial region is (AWS, "Regions and Availability Zones" and the region
# names in the AWS Price List, read 2026-12-06). "eu" is EU member states only: London
# (eu-west-2) is in the United Kingdom and Zurich (eu-central-2) in Switzerland, neither in
# the EU, so neither meets "the data stays in the EU".
ZONES: dict[str, frozenset[str]] = {
    "eu": frozenset(
        {
            "eu-central-1",  # Frankfurt, Germany
            "eu-west-1",  # Ireland
            "eu-west-3",  # Paris, France
            "eu-south-1",  # Milan, Italy
            "eu-south-2",  # Spain
            "eu-north-1",  # Stockholm, Sweden
        }
    ),
    "uk": frozenset({"eu-west-2"}),  # London
    "us": frozenset({"us-east-1", "us-east-2", "us-west-1", "us-west-2"}),
}


def allowed_regions(residency: str | list[str]) -> frozenset[str]:
    return ZONES[residency] if isinstance(residency, str) else frozenset(residency)


def check(ctx: GateContext) -> Outcome:
    residency = ctx.brief.data.residency
    region = ctx.brief.cloud.region
    if residency is None:
        # GDPR alone does not require EU residency (transfers under safeguards are lawful);
        # a brief that needs it says so here, not in free text.
        return passed("no data residency stated (data.residency)")
    if region is None:
        return passed("no cloud region given (GATE005 says whether one is required)")
    allowed = allowed_regions(residency)
    where = residency if isinstance(residency, str) else ", ".join(residency)
    if region in allowed:
        return passed(f"{region} is within the data residency ({where})")
    options = ", ".join(
        sorted(r for r in allowed if (ctx.brief.cloud.provider, r) in ctx.priced_regions)
    )
    return failed(
        f"cloud.region {region} is outside the data residency ({where}); "
        + (
            f"priced regions that are inside: {options}"
            if options
            else "no priced region is inside it"
        ),
        "cloud.region",
    )


RULE = GateRule(
    id="GATE013",
    slug="data-residency",
    title="The region keeps the data where the brief says it must stay",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale=(
        'A constraint in free text ("patient data stays in the EU") is read by no machine; a '
        "structured data.residency is checked against the region before anything is designed."
    ),
    fix=(
        "Choose a cloud.region inside data.residency (eu, uk, us or a list of regions), or "
        "correct the residency."
    ),
    check=check,
)
