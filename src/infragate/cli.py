"""The `infragate` command. The one place where errors become messages and exit codes.

Exit codes, as linters use them: 0 clean, 1 a blocker, 2 bad usage or bad input.
Heavy modules are imported inside the commands so that `--version` and `--help` stay fast.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from infragate import __version__

app = typer.Typer(
    name="infragate",
    help="Separate infrastructure thinking from execution: brief, gates, right-sized design, "
    "cost frame.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

BRIEF_DEFAULT = Path("infra/brief.yaml")
BriefArg = Annotated[Path, typer.Argument(help="Path of the brief.", show_default=True)]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


class GateFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    sarif = "sarif"


class PlanFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class StageName(StrEnum):
    design = "design"


def _console(stderr: bool = False, soft_wrap: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from infragate.files import write_atomic

    write_atomic(output, text)
    _console(stderr=True).print(f"wrote {output}")


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"infragate {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """infragate command-line interface."""


@app.command()
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
    from infragate.brief.writer import SCHEMA_FILE, render_brief
    from infragate.catalog.loader import load_catalog
    from infragate.errors import UsageError
    from infragate.files import refuse_overwrite, write_atomic
    from infragate.schemas import schema

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
    refuse_overwrite(path, force)
    write_atomic(path, render_brief(catalog.templates[template], catalog, level))
    write_atomic(path.parent / SCHEMA_FILE, _json(schema("brief")))
    console = _console()
    console.print(
        f"wrote {path} (template '{template}') and its schema {path.parent / SCHEMA_FILE}"
    )
    console.print(f"next: edit {path}, then run 'infragate check {path}'")


@app.command()
def check(
    brief: BriefArg = BRIEF_DEFAULT,
    stage: Annotated[StageName, typer.Option(help="Which gate to evaluate.")] = StageName.design,
    format: Annotated[GateFormat, typer.Option("--format", "-f")] = GateFormat.text,
    output: OutputOpt = None,
) -> None:
    """Evaluate a gate's rules against the brief; exit 1 when a blocker fails."""
    from infragate.brief.loader import load_brief
    from infragate.catalog.loader import load_catalog
    from infragate.gate import evaluate
    from infragate.rules.base import Stage

    report = evaluate(load_brief(brief), load_catalog(), Stage(stage.value))
    if format is GateFormat.text and output is None:
        from infragate.report.terminal import print_gate

        print_gate(_console(), report)
    elif format is GateFormat.json:
        from infragate.report.gate_formats import gate_data

        _emit(_json(gate_data(report)), output)
    elif format is GateFormat.sarif:
        from infragate.report.sarif import gate_sarif

        _emit(_json(gate_sarif(report)), output)
    else:
        from infragate.report.gate_formats import gate_markdown

        _emit(gate_markdown(report), output)
    if report.blocked:
        raise typer.Exit(1)


@app.command()
def plan(
    brief: BriefArg = BRIEF_DEFAULT,
    format: Annotated[PlanFormat, typer.Option("--format", "-f")] = PlanFormat.text,
    output: OutputOpt = None,
) -> None:
    """Design the infrastructure for the brief, with its cost frame; exit 1 on a blocker."""
    from infragate.brief.loader import load_brief
    from infragate.catalog.loader import load_catalog
    from infragate.design.planner import plan as make_plan
    from infragate.gate import evaluate
    from infragate.pricing.book import load_pricebook

    loaded = load_brief(brief)
    catalog = load_catalog()
    report = evaluate(loaded, catalog)
    if report.blocked:
        from infragate.report.terminal import print_gate

        err = _console(stderr=True)
        print_gate(err, report)
        err.print("[bold red]no design[/]: the start gate is closed; fix the failed rules above.")
        raise typer.Exit(1)
    cloud = loaded.brief.cloud
    assert cloud.provider is not None and cloud.region is not None  # guaranteed by the gate
    design = make_plan(loaded.brief, catalog, load_pricebook(cloud.provider, cloud.region))
    if format is PlanFormat.json:
        _emit(design.model_dump_json(indent=2) + "\n", output)
    elif format is PlanFormat.markdown or output is not None:
        from infragate.report.design_markdown import design_markdown

        _emit(design_markdown(design, catalog.overridable), output)
    else:
        from infragate.report.terminal import print_design

        print_design(_console(), design, catalog.overridable)
    if design.blockers:
        raise typer.Exit(1)


class SchemaName(StrEnum):
    brief = "brief"
    design = "design"


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="brief or design")], output: OutputOpt = None
) -> None:
    """Print the published JSON Schema of the brief or of the design."""
    from infragate.schemas import schema as make

    _emit(_json(make(name.value)), output)


@app.command()
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
    _console().print(table)


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(metavar="ID", help="e.g. GATE005")]) -> None:
    """Print a rule's documentation: what it checks, why, and how to fix a failure."""
    from infragate.catalog.loader import load_catalog
    from infragate.errors import UsageError
    from infragate.rules.gate import GATE_RULES
    from infragate.rules.rightsizing import SIZING_RULES

    wanted = rule_id.upper()
    console = _console()
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
    raise UsageError(f"no rule '{rule_id}'; 'infragate rules' lists them")


@app.command(name="catalog")
def show_catalog() -> None:
    """List the catalog's templates, maturity policies and priced regions."""
    from rich.table import Table

    from infragate.catalog.loader import load_catalog
    from infragate.pricing.book import available

    catalog = load_catalog()
    console = _console()
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


def _fail(message: str) -> NoReturn:
    from rich.markup import escape

    _console(stderr=True, soft_wrap=True).print(f"[bold red]error[/]: {escape(message)}")
    sys.exit(2)


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # fast path: no Typer, no Rich
        print(f"infragate {__version__}")
        return
    from infragate.errors import InfragateError

    try:
        app(standalone_mode=True)
    except InfragateError as exc:
        _fail(exc.render())
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except KeyboardInterrupt:
        _fail("interrupted")
