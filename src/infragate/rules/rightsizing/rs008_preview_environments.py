from infragate.brief.model import Maturity
from infragate.rules.sizing import (
    Judgement,
    SizingContext,
    SizingRule,
    allowed,
    deferred,
    not_applicable,
    required,
)


def judge(ctx: SizingContext) -> Judgement:
    if ctx.is_static:
        return not_applicable("a static site is previewed from the build output")
    if not ctx.maturity.at_least(Maturity.production):
        return deferred(
            "per-change previews pay off when several people ship every day", Maturity.production
        )
    if ctx.maturity is Maturity.production:
        return allowed("short-lived previews with a TTL let reviewers try each change", True)
    return required("at scale, every change is tried in its own preview")


RULE = SizingRule(
    id="RS008",
    slug="preview-environments",
    title="Ephemeral previews with a TTL from production on",
    feature="environments.preview",
    rationale=(
        "Previews that nobody deletes become the staging that ran 24/7 for eight months; "
        "when they exist they carry a TTL and are destroyed by it."
    ),
    fix="Create previews per pull request and destroy them after their TTL.",
    judge=judge,
    requires=("compute.containers",),
)
