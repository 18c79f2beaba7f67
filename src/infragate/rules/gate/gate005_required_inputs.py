from typing import Any

from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def _value(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = getattr(obj, part, None)
    return obj


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, list | str) and not value)


def check(ctx: GateContext) -> Outcome:
    brief = ctx.brief
    if brief.maturity is None:
        return failed("the maturity is missing, so the required inputs are unknown", "maturity")
    required = ctx.catalog.policy(brief.maturity).required_inputs
    # A static site has no services to run; everything else needs at least one.
    if brief.workload.runtime == "static":
        required = [r for r in required if r != "workload.services"]
    missing = [r for r in required if _missing(_value(brief, r))]
    if not missing:
        return passed(f"all {len(required)} inputs required at {brief.maturity} are present")
    return failed(f"missing at {brief.maturity}: {', '.join(missing)}", missing[0])


RULE = GateRule(
    id="GATE005",
    slug="maturity-required-inputs",
    title="The inputs this maturity requires are present",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale=(
        "A design made without its inputs is a guess: from mvp on, the availability target, "
        "RTO/RPO, data criticality and a budget decide what is built. A prototype needs far less."
    ),
    fix="Fill in every field listed; 'infragate schema brief' describes each one.",
    check=check,
)
