from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed
from infragate.render.alerts import alerts, candidates

APP_KINDS = ("container_service", "vm")
# Components whose failure takes the product down or loses data: each needs an alarm of
# its own. Others (a cache, say) may be left to the cost frame's cap on alarms, because
# their failure shows in the errors and health alarms; the verdict lists them.
MUST_WATCH = (*APP_KINDS, "load_balancer", "postgres")


def check(ctx: ClosureContext) -> Outcome:
    b = ctx.baseline
    if b is None:
        return failed(f"the baseline cannot be read: {ctx.baseline_problem}")
    lasting = [e for e in b.environments if not e.is_preview]
    if not lasting:
        return failed("the baseline has no lasting environment")
    env = next((e for e in lasting if e.is_production), lasting[-1])
    runs_app = any(c.kind in APP_KINDS for c in env.components)
    if runs_app and (b.app is None or not b.app.health_path):
        return failed(f"{env.name} runs the application but its health contract is unknown")
    if not env.has("metrics"):
        return failed(f"{env.name} has no metrics component, so no alarm is rendered for it")
    rendered = alerts(b, env)
    watched = {a.component for a in rendered}
    must = {c.id for c in env.components if c.kind in MUST_WATCH}
    unwatched = sorted(must - watched)
    if unwatched:
        return failed(
            f"{env.name}: no alarm watches {', '.join(unwatched)} (the cost frame prices "
            f"{len(rendered)} alarm(s))"
        )
    if runs_app and not any(a.concern == "health" for a in rendered):
        return failed(f"{env.name}: no alarm watches the application's health")
    rest = sorted({a.component for a in candidates(env)} - watched)
    left = f"; left to the errors and health alarms: {', '.join(rest)}" if rest else ""
    health = f"; health contract {b.app.health_path}" if runs_app and b.app else ""
    return passed(
        f"{env.name}: {len(rendered)} alarm(s) watch {', '.join(sorted(watched))}{health}{left}"
    )


RULE = ClosureRule(
    id="CLOSE005",
    slug="production-alarms-and-health",
    title="Every production component has its alarms, and the health contract is known",
    acts=(Role.infra_owner,),
    rationale=(
        "Whoever maintains the infrastructure learns of an outage from an alarm, not from a "
        "customer: every production component needs one, and the application a health "
        "endpoint the load balancer and the deploy check."
    ),
    fix=(
        "Raise usage.alarms for production in the catalog or keep the metrics component, "
        "state the application's health_path (workload.app), and freeze a change request."
    ),
    check=check,
)
