from decimal import Decimal

from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def check(ctx: GateContext) -> Outcome:
    load = ctx.brief.load
    if load.users is None or load.peak_rps is None:
        return passed("users or peak_rps not given; nothing to compare")
    if any(o.key == "load.peak_rps" for o in ctx.brief.overrides):
        return passed("peak_rps is accepted as given by an explicit override")
    rules = ctx.catalog.load_plausibility
    most = Decimal(load.users) * rules.max_rps_per_user
    least = Decimal(load.users) / 1000 * rules.min_rps_per_thousand_users
    if load.peak_rps > most:
        return failed(
            f"peak_rps {load.peak_rps} is more than {rules.max_rps_per_user} request per second "
            f"per user for {load.users} users (at most {most.normalize():f} expected)",
            "load.peak_rps",
        )
    if load.peak_rps < least:
        return failed(
            f"peak_rps {load.peak_rps} is below {least.normalize():f} for {load.users} users "
            f"({rules.min_rps_per_thousand_users} per thousand users)",
            "load.peak_rps",
        )
    return passed(f"peak_rps {load.peak_rps} is plausible for {load.users} users")


RULE = GateRule(
    id="GATE007",
    slug="load-consistent",
    title="Peak requests per second are plausible for the number of users",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale=(
        "Sizes and cost follow from the peak request rate; a figure that cannot be true for "
        "the stated users (often per minute or per day written as per second) sizes the "
        "design wrongly by orders of magnitude."
    ),
    fix=(
        "Correct load.peak_rps or load.users, or confirm the figure with an override: "
        "{component: load, setting: peak_rps, value: <rps>, reason: ...}."
    ),
    check=check,
)
