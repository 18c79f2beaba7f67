from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed


def check(ctx: ClosureContext) -> Outcome:
    if ctx.lock_problems:
        return failed("the lock file does not verify: " + "; ".join(ctx.lock_problems))
    if ctx.store_version is not None and ctx.store_version != ctx.version:
        return failed(
            f"the lock file is baseline v{ctx.version} but the store's latest is "
            f"v{ctx.store_version}: 'infragate freeze --rewrite-lock' writes the current one"
        )
    if ctx.drift is None:
        return failed("drift could not be compared with the baseline")
    if ctx.drift:
        shown = "; ".join(ctx.drift[:5]) + (
            f"; and {len(ctx.drift) - 5} more" if len(ctx.drift) > 5 else ""
        )
        return failed(f"drift found {len(ctx.drift)} difference(s): {shown}")
    return passed(f"the lock file verifies and the repository matches baseline v{ctx.version}")


RULE = ClosureRule(
    id="CLOSE001",
    slug="lock-verifies-no-drift",
    title="The lock file verifies and drift finds nothing",
    acts=(Role.infra_owner,),
    rationale=(
        "What is handed over must be what was approved: a lock that does not verify, or a "
        "repository or deployment that differs from the baseline, hands over an unknown."
    ),
    fix="Run 'infragate verify' and 'infragate drift', fix what they report, then close.",
    check=check,
)
