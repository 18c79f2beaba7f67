from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed
from infragate.evidence.model import EvidenceKind


def check(ctx: ClosureContext) -> Outcome:
    tests = ctx.latest(EvidenceKind.alert_test)
    if not tests:
        return failed("no alert test is recorded: nobody has seen an alarm reach a person")
    e = tests[0]
    return passed(
        f"alarm {e.facts.get('alarm')} fired {e.facts.get('fired_at')} and reached "
        f"{e.facts.get('received_by')} by {e.facts.get('channel')} "
        f"{e.facts.get('minutes_to_reach')} min later"
    )


RULE = ClosureRule(
    id="CLOSE007",
    slug="alert-tested",
    title="An alarm fired in a test reached a person",
    acts=(Role.infra_owner,),
    rationale=(
        "Alarms that go to an unread mailbox or an unconfirmed subscription are silent; only "
        "a test that fires one and sees it arrive shows that someone will be woken."
    ),
    fix=(
        "Set an alarm to ALARM (aws cloudwatch set-alarm-state ... --state-value ALARM), note "
        "who received it and when, then 'infragate evidence add alert-test --as EMAIL --file F'."
    ),
    check=check,
)
