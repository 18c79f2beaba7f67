from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed
from infragate.evidence.model import EvidenceKind
from infragate.evidence.record import PRODUCTION


def check(ctx: ClosureContext) -> Outcome:
    envs = {str(e["name"]) for e in (ctx.lock.get("design") or {}).get("environments") or ()}
    target = PRODUCTION if PRODUCTION in envs else None
    for e in ctx.latest(EvidenceKind.deploy, current_only=True):
        if e.facts.get("healthy") and (target is None or e.facts.get("environment") == target):
            return passed(
                f"{e.facts.get('version')} deployed to {e.facts.get('environment')} with a "
                f"green health check ({e.recorded_by}, {e.recorded_at})"
            )
    return failed(
        f"no deploy of baseline v{ctx.version} to {target or 'any environment'} with a green "
        "health check is recorded"
    )


RULE = ClosureRule(
    id="CLOSE004",
    slug="production-deployed",
    title="The baseline is deployed to production with a green health check",
    acts=(Role.infra_owner,),
    rationale=(
        "Closure hands over something that runs: the pipeline records each deploy and the "
        "health endpoint's answer, and only a deploy of this baseline counts."
    ),
    fix=(
        "Deploy through the rendered pipeline (it runs 'infragate evidence add deploy'), or "
        "record the deploy record by hand: infragate evidence add deploy --as EMAIL --file F."
    ),
    check=check,
)
