"""A brief still holding the example values `infragate init` wrote is not a brief yet."""

from __future__ import annotations

from infragate.brief.model import Brief
from infragate.catalog.model import Catalog
from infragate.rules.base import GateContext, GateRule, Outcome, Severity, Stage, failed, passed

_PROJECT_FIELDS = ("name", "team", "cost_center", "client")


def template_examples(catalog: Catalog) -> dict[str, set[str]]:
    """The example values of every catalog template, by field ("project.name", "owner.email")."""
    examples: dict[str, set[str]] = {}
    for template in catalog.templates.values():
        project = template.brief.get("project") or {}
        for key in _PROJECT_FIELDS:
            if project.get(key):
                examples.setdefault(f"project.{key}", set()).add(str(project[key]))
        for owner in template.brief.get("owners") or []:
            for key in ("name", "email"):
                if owner.get(key):
                    examples.setdefault(f"owner.{key}", set()).add(str(owner[key]).lower())
    return examples


def placeholders(brief: Brief, catalog: Catalog) -> list[tuple[str, str]]:
    """(field, value) for each value of the brief that is still a template's example."""
    examples = template_examples(catalog)
    found: list[tuple[str, str]] = []
    for key in _PROJECT_FIELDS:
        value = getattr(brief.project, key)
        if value is not None and value in examples.get(f"project.{key}", set()):
            found.append((f"project.{key}", value))
    for index, owner in enumerate(brief.owners):
        for key in ("name", "email"):
            value = getattr(owner, key)
            if value.lower() in examples.get(f"owner.{key}", set()):
                found.append((f"owners[{index}].{key}", value))
    return found


def check(ctx: GateContext) -> Outcome:
    found = placeholders(ctx.brief, ctx.catalog)
    if not found:
        return passed("no value is a template's example")
    lines = [f"{field} is still the template's example '{value}'" for field, value in found]
    head = f"{len(found)} value{'s are' if len(found) > 1 else ' is'} still the template's example:"
    return failed("\n".join([head, *lines]), found[0][0])


RULE = GateRule(
    id="GATE014",
    slug="no-template-placeholders",
    title="No value is still the example `infragate init` wrote",
    severity=Severity.blocker,
    stage=Stage.design,
    rationale=(
        "A design names, tags and bills resources after the project, its cost centre and its "
        "owners, and asks those owners to approve it. Made from 'my-web-app', 'CC-0000' and "
        "first.owner@example.com, it is a design for nobody, approved by nobody."
    ),
    fix=(
        "Replace each value listed with the product's own: its name, team, cost centre, "
        "client, and the two people who own it."
    ),
    check=check,
)
