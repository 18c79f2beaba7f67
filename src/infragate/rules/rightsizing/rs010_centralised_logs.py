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
    if ctx.is_static:
        return not_applicable("a static site has no application logs")
    if ctx.maturity is Maturity.prototype and not ctx.brief.data.personal_data:
        return allowed("shipping a prototype's logs costs cents and saves SSH sessions", True)
    return required(
        "logs written to local files are lost with the host and must be read host by host"
    )


RULE = SizingRule(
    id="RS010",
    slug="centralised-logs",
    title="Logs shipped to a central store, not local files",
    feature="logs.centralised",
    rationale="With logs in /var/log on each server, two servers mean two SSH sessions to find one error, and a lost disk loses the evidence.",
    fix="Ship logs to a central store (CloudWatch Logs) with a retention period.",
    judge=judge,
)
