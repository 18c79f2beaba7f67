from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def check(ctx: GateContext) -> Outcome:
    people = {o.email.lower() for o in ctx.brief.owners}
    if len(people) >= 2:
        return passed(f"{len(people)} distinct owners are named")
    named = ", ".join(o.name for o in ctx.brief.owners) or "nobody"
    return failed(f"only {len(people)} distinct owner named ({named})", "owners")


RULE = GateRule(
    id="GATE001",
    slug="two-distinct-owners",
    title="At least two distinct people own the infrastructure",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale=(
        "Infrastructure owned by one person is a single point of failure: decisions live in "
        "one head, and nobody can take over when that person is away or leaves."
    ),
    fix="Add a second person under 'owners' with their name, email and role.",
    check=check,
)
