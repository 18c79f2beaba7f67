from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed
from infragate.evidence.model import EvidenceKind
from infragate.render.alerts import alerts


def _production_alarms(ctx: ClosureContext) -> set[str] | None:
    """The CloudWatch alarm names of production (module metrics: <project>-<env>-metrics-<id>);
    None when the baseline cannot be read (CLOSE005 reports why)."""
    b = ctx.baseline
    if b is None:
        return None
    lasting = [e for e in b.environments if not e.is_preview]
    env = next((e for e in lasting if e.is_production), lasting[-1] if lasting else None)
    if env is None:
        return set()
    return {f"{b.name(env.name, 'metrics')}-{a.id}" for a in alerts(b, env)}


def check(ctx: ClosureContext) -> Outcome:
    tests = ctx.latest(EvidenceKind.alert_test)
    if not tests:
        return failed("no alert test is recorded: nobody has seen an alarm reach a person")
    known = _production_alarms(ctx)
    counted = [e for e in tests if known is None or e.facts.get("alarm") in known]
    if not counted:
        names = ", ".join(sorted({str(e.facts.get("alarm")) for e in tests}))
        return failed(
            f"the alert tests recorded ({names}) fired no alarm of production; its alarms: "
            + (", ".join(sorted(known or ())) or "none")
        )
    e = counted[0]
    return passed(
        f"alarm {e.facts.get('alarm')} fired {e.facts.get('fired_at')} and reached "
        f"{e.facts.get('received_by')} by {e.facts.get('channel')} "
        f"{e.facts.get('minutes_to_reach')} min later"
    )


RULE = ClosureRule(
    id="CLOSE007",
    slug="alert-tested",
    title="An alarm of production fired in a test and reached a person",
    acts=(Role.infra_owner,),
    rationale=(
        "Alarms that go to an unread mailbox or an unconfirmed subscription are silent; only "
        "a test that fires one of production's alarms and sees it arrive shows that someone "
        "will be woken."
    ),
    fix=(
        "Set one of production's alarms (infra/ops/alerts.md) to ALARM with 'aws cloudwatch "
        "set-alarm-state --state-value ALARM', note who received it and when, then "
        "'infragate evidence add alert-test --as EMAIL --file F'."
    ),
    check=check,
)
