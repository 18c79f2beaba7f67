"""The brief and design stage: init, check, plan."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from infragate.cli.common import (
    BRIEF_DEFAULT,
    BriefArg,
    GateFormat,
    LockOpt,
    OutputOpt,
    as_json,
    emit,
    make_console,
    refuse_brief_overwrite,
    waivers_in_force_for,
    write_brief,
)
from infragate.report.safe_text import shown


def init(
    template: Annotated[
        str, typer.Option(help="Catalog template to start from.")
    ] = "web-app-postgres",
    maturity: Annotated[
        str | None,
        typer.Option(help="prototype | mvp | production | scale (default: the template's)."),
    ] = None,
    path: Annotated[Path, typer.Option(help="Where to write the brief.")] = BRIEF_DEFAULT,
    force: Annotated[bool, typer.Option(help="Replace an existing brief.")] = False,
) -> None:
    """Write a commented brief from a catalog template."""
    from infragate.brief.model import Maturity
    from infragate.brief.writer import render_brief
    from infragate.catalog.loader import load_catalog
    from infragate.errors import UsageError

    catalog = load_catalog()
    if template not in catalog.templates:
        raise UsageError(f"no template '{template}'; templates: {', '.join(catalog.templates)}")
    level = None
    if maturity is not None:
        if maturity not in Maturity.__members__:
            raise UsageError(
                f"--maturity '{maturity}' is not one of: {', '.join(Maturity.__members__)}"
            )
        level = Maturity(maturity)
    refuse_brief_overwrite(path, force)
    schema_path = write_brief(path, render_brief(catalog.templates[template], catalog, level))
    from infragate.brief.model import Brief
    from infragate.rules.gate.gate014_no_placeholders import placeholders

    console = make_console()
    console.print(
        f"wrote {shown(path)} (template '{shown(template)}') and its schema {shown(schema_path)}"
    )
    examples = placeholders(Brief.model_validate(catalog.templates[template].brief), catalog)
    if examples:
        console.print(
            f"the design gate (GATE014) refuses to design until these {len(examples)} "
            "example values are replaced with the product's own:"
        )
        for field, value in examples:
            console.print(f"  {field}: {value}", markup=False, highlight=False)
    console.print(f"next: edit {shown(path)}, then run 'infragate check {shown(path)}'")


class StageName(StrEnum):
    design = "design"
    closure = "closure"


def check(
    brief: BriefArg = BRIEF_DEFAULT,
    stage: Annotated[StageName, typer.Option(help="Which gate to evaluate.")] = StageName.design,
    format: Annotated[GateFormat, typer.Option("--format", "-f")] = GateFormat.text,
    output: OutputOpt = None,
    lock: LockOpt = None,
) -> None:
    """Evaluate a gate's rules against the brief (closure: against the lock file, the
    repository and the recorded evidence); exit 1 when a blocker fails."""
    if stage is StageName.closure:
        from infragate.cli.closure import check_closure
        from infragate.cli.common import TextOrJson
        from infragate.errors import UsageError

        if format not in (GateFormat.text, GateFormat.json):
            raise UsageError("the closure gate is reported as text or json")
        check_closure(brief, lock, TextOrJson(format.value), output)
        return
    from infragate.brief.loader import load_brief
    from infragate.catalog.loader import load_catalog
    from infragate.gate import evaluate
    from infragate.rules.base import Stage

    loaded = load_brief(brief)
    report = evaluate(
        loaded, load_catalog(), Stage(stage.value), waivers=waivers_in_force_for(loaded.brief)
    )
    if format is GateFormat.text and output is None:
        from infragate.report.terminal import print_gate

        print_gate(make_console(), report)
    elif format is GateFormat.json:
        from infragate.report.gate_formats import gate_data

        emit(as_json(gate_data(report)), output)
    elif format is GateFormat.sarif:
        from infragate.report.sarif import gate_sarif

        emit(as_json(gate_sarif(report)), output)
    else:
        from infragate.report.gate_formats import gate_markdown

        emit(gate_markdown(report), output)
    if report.blocked:
        raise typer.Exit(1)


class DesignFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    github_comment = "github-comment"


def plan(
    brief: BriefArg = BRIEF_DEFAULT,
    format: Annotated[DesignFormat, typer.Option("--format", "-f")] = DesignFormat.text,
    output: OutputOpt = None,
) -> None:
    """Design the infrastructure for the brief, with its cost frame; exit 1 on a blocker."""
    from infragate.brief.loader import load_brief
    from infragate.catalog.loader import load_catalog
    from infragate.design.planner import plan as make_plan
    from infragate.gate import evaluate
    from infragate.lifecycle.waivers import blocker_key
    from infragate.pricing.book import load_pricebook

    loaded = load_brief(brief)
    catalog = load_catalog()
    waivers = waivers_in_force_for(loaded.brief)
    report = evaluate(loaded, catalog, waivers=waivers)
    if report.blocked:
        from infragate.report.terminal import print_gate

        err = make_console(stderr=True)
        print_gate(err, report)
        err.print("[bold red]no design[/]: the start gate is closed; fix the failed rules above.")
        raise typer.Exit(1)
    cloud = loaded.brief.cloud
    assert cloud.provider is not None and cloud.region is not None  # guaranteed by the gate
    design = make_plan(loaded.brief, catalog, load_pricebook(cloud.provider, cloud.region))
    if format is DesignFormat.json:
        emit(design.model_dump_json(indent=2) + "\n", output)
    elif format is DesignFormat.github_comment:
        import json

        from infragate.lifecycle.review import design_review
        from infragate.report.github_comment import github_comment

        data = json.loads(design.model_dump_json())
        emit(github_comment(design_review(loaded.brief, data)), output)
    elif format is DesignFormat.markdown or output is not None:
        from infragate.report.design_markdown import design_markdown

        emit(design_markdown(design, catalog.overridable, waivers), output)
    else:
        from infragate.report.terminal import print_design

        print_design(make_console(), design, waivers)
    if any(blocker_key(b) not in waivers for b in design.blockers):
        raise typer.Exit(1)
