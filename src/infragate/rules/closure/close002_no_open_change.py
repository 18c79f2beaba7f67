from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed


def check(ctx: ClosureContext) -> Outcome:
    if not ctx.open_changes:
        return passed("no change request is open")
    described = "; ".join(
        f"#{c.number} ({c.status}, requested by {c.requested_by})" for c in ctx.open_changes
    )
    return failed(f"change request(s) still open: {described}")


RULE = ClosureRule(
    id="CLOSE002",
    slug="no-open-change-request",
    title="No change request is open",
    acts=(Role.infra_owner, Role.budget_owner),
    rationale=(
        "An open change request means the baseline is about to move: the pack would describe "
        "an infrastructure that is already being replaced."
    ),
    fix=(
        "Approve and freeze it ('infragate change approve', 'infragate freeze') and deliver "
        "it, or reject it ('infragate change reject')."
    ),
    check=check,
)
