from infragate.brief.model import Maturity
from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    allowed,
    not_applicable,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if not ctx.has_database:
        return not_applicable("no relational database in the workload")
    if ctx.maturity is Maturity.prototype:
        wants_sqlite = "sqlite" in ctx.datastores
        return allowed(
            "an SQLite file is an accepted shortcut for a prototype"
            if wants_sqlite
            else "managed PostgreSQL as the brief asks",
            default=not wants_sqlite,
        )
    return required(
        f"at {ctx.maturity}, the product needs a database that survives the loss of its host, "
        "allows more than one writer process and is backed up by the provider"
    )


RULE = SizingRule(
    id="RS003",
    slug="database-managed",
    title="A managed database, not an SQLite file, once the product is live",
    feature="database.managed",
    rationale=(
        "SQLite in production is a single file on a single disk: no horizontal scaling, one "
        "writer at a time, and the data is gone with the disk unless a backup script works perfectly."
    ),
    fix="Use managed PostgreSQL (switch the ORM's provider, e.g. Prisma 'postgresql').",
    judge=judge,
)
