from decimal import Decimal

from infragate.brief.model import Maturity
from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed

# A prototype or MVP aiming above 99.9 % is paying for redundancy before product fit.
CEILING = {Maturity.prototype: Decimal("99.5"), Maturity.mvp: Decimal("99.9")}


def check(ctx: GateContext) -> Outcome:
    target = ctx.brief.availability.target
    maturity = ctx.brief.maturity
    if target is None or maturity not in CEILING:
        return passed("no availability ceiling applies")
    if target <= CEILING[maturity]:
        return passed(f"{target} % fits the maturity {maturity}")
    return failed(
        f"an availability target of {target} % is unusual at {maturity} "
        f"(at most {CEILING[maturity]} % expected)",
        "availability.target",
    )


RULE = GateRule(
    id="GATE011",
    slug="availability-fits-maturity",
    title="The availability target fits the maturity",
    severity=Severity.warning,
    stage=Stage.design,
    rationale=(
        "Each extra nine roughly doubles the infrastructure; a target above what the maturity "
        "needs is the most common source of over-engineering."
    ),
    fix="Lower availability.target, or raise the maturity if the product is really live.",
    check=check,
)
