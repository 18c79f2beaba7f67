from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed
from infragate.rules.sizing import DATABASES


def check(ctx: GateContext) -> Outcome:
    workload = ctx.brief.workload
    stores = set(workload.datastores)
    databases = [d for d in DATABASES if d in stores]
    if len(databases) > 1:
        return failed(
            f"{' and '.join(databases)} are all listed as the database", "workload.datastores"
        )
    if workload.runtime == "static":
        if workload.services:
            return failed(
                f"a static site runs no processes, but services lists {', '.join(workload.services)}",
                "workload.services",
            )
        if stores & {*DATABASES, "redis", "queue"}:
            return failed(
                "a static site keeps no server-side state besides object storage",
                "workload.datastores",
            )
    return passed("runtime, services and datastores fit together")


RULE = GateRule(
    id="GATE012",
    slug="workload-consistent",
    title="The runtime, services and datastores fit together",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale=(
        "A workload that contradicts itself (a static site with a worker, two databases for one "
        "product) is designed for whichever half the designer reads first."
    ),
    fix=(
        "Name one database engine; for a static site, leave services empty and keep only "
        "object_storage, or choose the runtime that serves it."
    ),
    check=check,
)
