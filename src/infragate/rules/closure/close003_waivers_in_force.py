from datetime import date, timedelta

from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed

MARGIN_DAYS = 30


def check(ctx: ClosureContext) -> Outcome:
    limit = ctx.today + timedelta(days=MARGIN_DAYS)
    lapsing = [w for w in ctx.waivers if date.fromisoformat(w.expires_on) <= limit]
    if not lapsing:
        count = len(ctx.waivers)
        return passed(f"{count} waiver(s), none lapsing before {limit}" if count else "no waivers")
    described = "; ".join(
        f"{w.key} ({'lapsed' if date.fromisoformat(w.expires_on) < ctx.today else 'lapses'} "
        f"{w.expires_on}, granted by {w.approver_name} <{w.approver_email}>)"
        for w in lapsing
    )
    return failed(f"waiver(s) lapsed or lapsing within {MARGIN_DAYS} days: {described}")


RULE = ClosureRule(
    id="CLOSE003",
    slug="waivers-not-lapsing",
    title=f"No waiver has lapsed or lapses within {MARGIN_DAYS} days",
    acts=(Role.infra_owner,),
    rationale=(
        "A waiver lets a known risk pass for a while; handing over a risk whose waiver is "
        "about to lapse leaves the new maintainers a blocker on their first day."
    ),
    fix=(
        "Fix what the waiver covers through a change request, or renew it ('infragate waive "
        "KEY --expires ...') and freeze again so that the lock carries it."
    ),
    check=check,
)
