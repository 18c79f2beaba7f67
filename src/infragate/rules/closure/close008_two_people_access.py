from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed
from infragate.evidence.kinds import AREAS
from infragate.evidence.model import EvidenceKind

MINIMUM = 2


def check(ctx: ClosureContext) -> Outcome:
    records = ctx.latest(EvidenceKind.access)
    if not records:
        return failed("no access inventory is recorded")
    e = records[0]
    short = [
        f"{area} ({len(e.facts.get(area) or [])}: {', '.join(e.facts.get(area) or []) or 'nobody'})"
        for area in AREAS
        if len(e.facts.get(area) or []) < MINIMUM
    ]
    if short:
        return failed(
            f"fewer than {MINIMUM} people hold access to: "
            + "; ".join(short)
            + f" (inventory of {e.recorded_at[:10]} by {e.recorded_by})"
        )
    return passed(
        f"at least {MINIMUM} people hold each access ({e.facts.get('people')} in all, "
        f"recorded {e.recorded_at[:10]})"
    )


RULE = ClosureRule(
    id="CLOSE008",
    slug="two-people-with-access",
    title="At least two people hold access to the cloud account, repository and secrets",
    acts=(Role.infra_owner,),
    rationale=(
        "Knowledge and keys held by one person leave with that person: each access the "
        "infrastructure needs must be held by at least two."
    ),
    fix=(
        "Give a second person access where one is named, then record the inventory: "
        "infragate evidence add access --as EMAIL --file access.yaml."
    ),
    check=check,
)
