"""Write a brief as commented YAML, from a catalog template, for a person to complete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from infragate.brief.model import Brief, Maturity
from infragate.catalog.model import Catalog, Template

SCHEMA_FILE = "brief.schema.json"

_SECTION_HELP = {
    "version": "Version of the brief format.",
    "project": "What is being built and who pays for it; used in names, tags and reports.",
    "owners": "At least two people. infra_owner decides the design, budget_owner approves its "
    "cost;\n# from production on they must be different people.",
    "maturity": "prototype | mvp | production | scale: decides the required inputs, the "
    "environments\n# and what counts as over- or under-engineering.",
    "workload": "What runs and what state it keeps.",
    "load": "Expected load; sizes and costs follow from these figures.",
    "availability": "Required from mvp on: monthly availability target (%), RTO and RPO in minutes.",
    "data": "Required from mvp on: how much losing the data would hurt, and the rules it falls under.",
    "budget": "Required from mvp on: the monthly ceiling for infrastructure, in US dollars.",
    "cloud": "Where it runs. Priced regions: see 'infragate catalog'.",
    "constraints": "Anything a designer must respect, in plain words.",
    "overrides": "Deliberate departures from infragate's defaults, each with a reason.\n"
    "# Settings: see 'infragate explain GATE009'.",
}

_PLACEHOLDERS: dict[str, Any] = {
    "availability": {"target": "99.5", "rto_minutes": 240, "rpo_minutes": 60},
    "data": {"criticality": "medium", "personal_data": False, "compliance": []},
    "budget": {"monthly_usd": 500, "hard_limit": False},
    "constraints": ["data stays in the EU"],
    "overrides": [
        {
            "component": "database",
            "setting": "multi_az",
            "value": True,
            "reason": "why this is needed",
        }
    ],
}


def _scalar(value: Any) -> str:
    # allow_unicode: a name such as "José" stays readable instead of becoming "Jos\xE9".
    text = yaml.safe_dump(
        value, default_flow_style=True, width=10_000, sort_keys=False, allow_unicode=True
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _field_help(section: str, key: str) -> str:
    model = Brief.model_fields[section].annotation
    fields = getattr(model, "model_fields", {})
    info = fields.get(key)
    return info.description if info is not None and info.description else ""


def _section(key: str, value: Any, commented: bool) -> list[str]:
    lead = "# " if commented else ""
    lines: list[str] = []
    if isinstance(value, dict):
        lines.append(f"{lead}{key}:")
        bodies = {sub: f"  {sub}: {_scalar(subvalue)}" for sub, subvalue in value.items()}
        width = max(28, *(len(b) + 2 for b in bodies.values()))
        for sub, body in bodies.items():
            note = _field_help(key, sub)
            lines.append(f"{lead}{body.ljust(width)}# {note}" if note else f"{lead}{body}")
    elif isinstance(value, list) and value:
        lines.append(f"{lead}{key}:")
        lines.extend(f"{lead}  - {_scalar(item)}" for item in value)
    else:
        lines.append(f"{lead}{key}: {_scalar(value)}")
    return lines


def render_brief(
    template: Template,
    catalog: Catalog,
    maturity: Maturity | None = None,
    *,
    intro: Sequence[str] | None = None,
) -> str:
    """`intro`: the comment lines under the schema line, in place of the ones `init` writes
    (the portal's intake form says where its brief came from)."""
    body = dict(template.brief)
    if maturity is not None:
        body["maturity"] = str(maturity)
    lines = [f"# yaml-language-server: $schema=./{SCHEMA_FILE}"]
    lines += (
        [f"# {line}" for line in intro]
        if intro is not None
        else [
            f"# infragate brief from the '{template.name}' template ({template.title}),",
            f"# catalog {catalog.version}. Replace every example value with the product's own,",
            "# then run 'infragate check' to see what is missing before a design can be made.",
        ]
    )
    for key in Brief.model_fields:
        lines.append("")
        help_text = _SECTION_HELP.get(key)
        if help_text:
            lines.append(f"# {help_text}")
        if key in body:
            lines.extend(_section(key, body[key], commented=False))
        elif key in _PLACEHOLDERS:
            lines.extend(_section(key, _PLACEHOLDERS[key], commented=True))
    return "\n".join(lines) + "\n"
