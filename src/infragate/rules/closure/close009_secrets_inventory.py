from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed
from infragate.evidence.model import EvidenceKind


def check(ctx: ClosureContext) -> Outcome:
    records = ctx.latest(EvidenceKind.secrets)
    if not records:
        return failed("no secrets inventory is recorded: nobody knows where the secrets live")
    e = records[0]
    names = ", ".join(str(s.get("name")) for s in e.facts.get("secrets") or ())
    return passed(f"{e.facts.get('count')} secret(s) inventoried ({names}) on {e.recorded_at[:10]}")


RULE = ClosureRule(
    id="CLOSE009",
    slug="secrets-inventoried",
    title="The secrets are inventoried: name, where stored, rotation",
    acts=(Role.infra_owner,),
    rationale=(
        "A maintainer must know which secrets exist, where each is kept and how it is "
        "rotated, without ever seeing a value."
    ),
    fix=(
        "Write secrets.yaml (secrets: [{name, stored_in, rotation}]) and record it: "
        "infragate evidence add secrets --as EMAIL --file secrets.yaml."
    ),
    check=check,
)
