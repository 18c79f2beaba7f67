from infragate.brief.model import Role
from infragate.closure.model import ClosureContext, ClosureRule, Outcome, failed, passed


def check(ctx: ClosureContext) -> Outcome:
    packs = [h for h in ctx.handovers() if h.get("baseline_version") == ctx.version]
    if packs:
        last = packs[-1]
        return passed(
            f"a {last.get('format')} handover pack of baseline v{ctx.version} was generated "
            f"(manifest {str(last.get('manifest_sha256'))[:12]})"
        )
    older = sorted({int(h.get("baseline_version") or 0) for h in ctx.handovers()})
    was = f" (packs exist for v{', v'.join(map(str, older))} only)" if older else ""
    return failed(f"no handover pack of baseline v{ctx.version} was generated{was}")


RULE = ClosureRule(
    id="CLOSE010",
    slug="handover-pack-generated",
    title="The handover pack of this baseline was generated",
    acts=(Role.infra_owner,),
    rationale=(
        "Maintenance starts from a document a third party can work from; a pack of an older "
        "baseline describes infrastructure that no longer exists."
    ),
    fix="Run 'infragate handover' for the current baseline, then close.",
    check=check,
)
