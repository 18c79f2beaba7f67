from datetime import date, timedelta

from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed
from infragate.evidence.model import Evidence, EvidenceKind
from infragate.evidence.record import PRODUCTION

WITHIN_DAYS = 90
DATABASES = ("postgres",)


def _database_environment(ctx: ClosureContext) -> str | None:
    """Production, where it keeps a database; else another lasting environment that does."""
    components = (ctx.lock.get("design") or {}).get("components") or ()
    envs = {str(c.get("environment")) for c in components if c.get("kind") in DATABASES}
    envs.discard("preview")
    return PRODUCTION if PRODUCTION in envs else min(envs) if envs else None


def _day(e: Evidence) -> date:
    """When the restore ran (its end), else when it was recorded."""
    return date.fromisoformat(str(e.facts.get("ended_at") or e.recorded_at)[:10])


def check(ctx: ClosureContext) -> Outcome:
    env = _database_environment(ctx)
    if env is None:
        return passed("the baseline keeps no database: there is nothing to restore")
    since = ctx.today - timedelta(days=WITHIN_DAYS)
    tests = [e for e in ctx.latest(EvidenceKind.restore_test) if e.facts.get("environment") == env]
    recent = [e for e in tests if _day(e) >= since]
    for e in recent:
        if e.facts.get("met_rto"):
            rto = e.facts.get("rto_minutes")
            return passed(
                f"restored in {e.facts.get('duration_seconds')} s on {_day(e)} "
                f"(RTO {f'{rto} min' if rto else 'not set'}; {e.recorded_by})"
            )
    if recent:
        e = recent[0]
        return failed(
            f"the restore test of {_day(e)} took {e.facts.get('duration_seconds')} s, "
            f"over the RTO of {e.facts.get('rto_minutes')} minutes"
        )
    if tests:
        return failed(
            f"the last restore test was on {_day(tests[0])}, more than {WITHIN_DAYS} days ago"
        )
    return failed(f"no restore test of the {env} database is recorded")


RULE = ClosureRule(
    id="CLOSE006",
    slug="restore-tested",
    title=f"A restore test of production within {WITHIN_DAYS} days met the RTO",
    acts=(Role.infra_owner,),
    rationale=(
        "A backup nobody has restored is a hope, not a backup; the RTO promised in the brief "
        "is only known to hold when a restore was timed against it recently."
    ),
    fix=(
        "Run infra/ops/restore.sh ENV --snapshot ID (or --time latest), then "
        "'infragate evidence add restore-test --as EMAIL --file <the JSON it wrote>'."
    ),
    check=check,
)
