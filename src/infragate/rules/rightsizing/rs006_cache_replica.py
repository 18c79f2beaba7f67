from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    deferred,
    not_applicable,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if "redis" not in ctx.datastores:
        return not_applicable("no cache in the workload")
    limit = ctx.catalog.threshold("cache_replica_above")
    target = ctx.inputs.availability
    if target > limit:
        return required(
            f"an availability target of {target} % is above {limit} %: a cache "
            "node failure must fail over by itself"
        )
    return deferred(
        f"an availability target of {target} % tolerates rebuilding the cache "
        f"after a node failure (needed above {limit} %)"
    )


RULE = SizingRule(
    id="RS006",
    slug="cache-replica",
    title="A Redis replica only when the availability target needs it",
    feature="cache.replica",
    rationale="A replica doubles the cache's cost; a cache can be rebuilt, so it is needed only for high targets.",
    fix="Add a replica in a second availability zone with automatic failover.",
    judge=judge,
)
