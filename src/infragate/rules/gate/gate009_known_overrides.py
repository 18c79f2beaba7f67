import difflib

from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed


def check(ctx: GateContext) -> Outcome:
    known = ctx.catalog.overridable
    for index, override in enumerate(ctx.brief.overrides):
        if override.key not in known:
            close = difflib.get_close_matches(override.key, list(known), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return failed(
                f"override '{override.key}' is not a setting infragate knows{hint}",
                f"overrides[{index}]",
            )
        if override.key != "load.peak_rps" and not isinstance(override.value, bool):
            return failed(
                f"override '{override.key}' takes true or false, got {override.value!r}",
                f"overrides[{index}].value",
            )
    count = len(ctx.brief.overrides)
    return passed(f"{count} override{'s' if count != 1 else ''}, all known")


RULE = GateRule(
    id="GATE009",
    slug="known-overrides",
    title="Every override names a setting infragate knows",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale="An override that matches nothing is silently ignored, and the client believes it applied.",
    fix="Use one of the settings listed by 'infragate explain GATE009'.",
    check=check,
)
