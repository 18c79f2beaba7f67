"""Documentation from the registries and the catalog: schema, rules, explain, catalog."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from infragate.cli.common import (
    OutputOpt,
    PlanFormat,
    as_json,
    emit,
    make_console,
)


class SchemaName(StrEnum):
    brief = "brief"
    design = "design"


def schema(
    name: Annotated[SchemaName, typer.Argument(help="brief or design")], output: OutputOpt = None
) -> None:
    """Print the published JSON Schema of the brief or of the design."""
    from infragate.schemas import schema as make

    emit(as_json(make(name.value)), output)


def rules() -> None:
    """List every gate and right-sizing rule."""
    from rich.table import Table

    from infragate.rules.gate import GATE_RULES
    from infragate.rules.rightsizing import SIZING_RULES

    table = Table(title="Rules", title_justify="left")
    for col in ("ID", "Slug", "Kind", "Severity", "Title"):
        table.add_column(col)
    for g in GATE_RULES:
        table.add_row(g.id, g.slug, f"gate:{g.stage}", str(g.severity), g.title)
    for s in SIZING_RULES:
        table.add_row(s.id, s.slug, "right-sizing", "blocker if under-engineered", s.title)
    from infragate.rules.closure import CLOSURE_RULES

    for c in CLOSURE_RULES:
        table.add_row(c.id, c.slug, "gate:closure", "blocker", c.title)
    from infragate.audit.rules import AUDIT_RULES

    for a in AUDIT_RULES:
        ladder = "/".join(str(v) for v in a.severity.values())
        table.add_row(a.id, a.slug, "audit", f"by maturity: {ladder}", a.title)
    from infragate.costs.report import RULES as COST_RULES
    from infragate.costs.stale_kinds import TITLES

    for r in COST_RULES:
        table.add_row(r.id, r.slug, "costs report", r.level, r.title)
    for kind, title in TITLES.items():
        table.add_row(f"STALE-{kind}", str(kind), "costs stale", "error", title)
    make_console().print(table)


def explain(rule_id: Annotated[str, typer.Argument(metavar="ID", help="e.g. GATE005")]) -> None:
    """Print a rule's documentation: what it checks, why, and how to fix a failure."""
    from infragate.catalog.loader import load_catalog
    from infragate.errors import UsageError
    from infragate.rules.gate import GATE_RULES
    from infragate.rules.rightsizing import SIZING_RULES

    wanted = rule_id.upper()
    console = make_console()
    for g in GATE_RULES:
        if g.id == wanted or g.slug == rule_id:
            console.print(
                f"[bold]{g.id} {g.slug}[/] ({g.severity}, gate '{g.stage}')\n"
                f"{g.title}\n\nWhy: {g.rationale}\nFix: {g.fix}"
            )
            if g.id == "GATE009":
                console.print("\nSettings a brief may override:")
                for key, text in load_catalog().overridable.items():
                    console.print(f"  {key:34} {text}")
            return
    for s in SIZING_RULES:
        if s.id == wanted or s.slug == rule_id:
            console.print(
                f"[bold]{s.id} {s.slug}[/] (right-sizing; feature '{s.feature}')\n"
                f"{s.title}\n\nWhy: {s.rationale}\nFix: {s.fix}"
            )
            return
    from infragate.rules.closure import CLOSURE_RULES

    for c in CLOSURE_RULES:
        if c.id == wanted or c.slug == rule_id:
            acts = ", ".join(str(r) for r in c.acts)
            console.print(
                f"[bold]{c.id} {c.slug}[/] (blocker, gate 'closure'; acts: {acts})\n"
                f"{c.title}\n\nWhy: {c.rationale}\nFix: {c.fix}"
            )
            return
    from infragate.audit.rules import AUDIT_RULES

    for a in AUDIT_RULES:
        if a.id == wanted or a.slug == rule_id:
            ladder = ", ".join(f"{m}: {v}" for m, v in a.severity.items())
            needed = (
                f"Needed from {a.needed_from} on; before that deferred: {a.defer_reason}"
                if a.needed_from is not None
                else "Needed at every maturity."
            )
            console.print(
                f"[bold]{a.id} {a.slug}[/] (audit; severity {ladder})\n{a.title}\n\n"
                f"Why: {a.rationale}\nImpact: {a.impact}\nFix: {a.fix}\n{needed}"
            )
            return
    from infragate.costs.report import RULES as COST_RULES

    for r in COST_RULES:
        if r.id == wanted or r.slug == rule_id:
            console.print(
                f"[bold]{r.id} {r.slug}[/] (costs report; {r.level})\n{r.title}\n\n"
                f"Why: {r.why}\nFix: {r.fix}"
            )
            return
    from infragate.costs.stale_kinds import FIXES, TITLES, WHY

    for kind, title in TITLES.items():
        if wanted == f"STALE-{kind}".upper() or rule_id == str(kind):
            console.print(
                f"[bold]STALE-{kind}[/] (costs stale; error)\n{title}\n\n"
                f"Why: {WHY[kind]}\nFix: {FIXES[kind]}"
            )
            return
    raise UsageError(f"no rule '{rule_id}'; 'infragate rules' lists them")


def show_catalog(
    costs: Annotated[
        bool,
        typer.Option(
            "--costs",
            help="Price every template at every maturity with the planner, and what each tier adds.",
        ),
    ] = False,
    fmt: Annotated[
        PlanFormat, typer.Option("--format", "-f", help="text, markdown or json (with --costs).")
    ] = PlanFormat.text,
    output: OutputOpt = None,
) -> None:
    """List the catalog's templates, maturity policies and priced regions; with --costs,
    every template's monthly cost at each maturity tier."""
    from rich.table import Table

    from infragate.catalog.loader import load_catalog
    from infragate.pricing.book import available

    catalog = load_catalog()
    if costs:
        _show_costs(catalog, fmt, output)
        return
    console = make_console()
    console.print(f"Catalog {catalog.version}")
    templates = Table(title="Templates (infragate init --template NAME)", title_justify="left")
    templates.add_column("Name")
    templates.add_column("Description")
    for t in catalog.templates.values():
        templates.add_row(t.name, t.description)
    console.print(templates)
    policies = Table(title="Maturity policy", title_justify="left")
    for col in ("Maturity", "Environments", "Required inputs"):
        policies.add_column(col)
    for level, policy in catalog.maturity.items():
        policies.add_row(
            str(level), ", ".join(policy.environments), str(len(policy.required_inputs))
        )
    console.print(policies)
    console.print("Priced regions: " + ", ".join(f"{p} {r}" for p, r in available()))


def _show_costs(catalog: Any, fmt: PlanFormat, output: Path | None) -> None:
    from infragate.design.tiers import as_markdown, as_text, tier_costs

    rows = tier_costs(catalog)
    if fmt is PlanFormat.json:
        emit(as_json({"catalog": catalog.version, "tiers": [r.as_dict() for r in rows]}), output)
        return
    if fmt is PlanFormat.markdown:
        emit(
            f"# Catalog {catalog.version}: monthly cost by maturity\n\n" + as_markdown(rows), output
        )
        return
    emit(f"Catalog {catalog.version}: monthly cost by maturity\n\n" + as_text(rows), output)
