"""Costs after go-live: import FOCUS bills, and the reports over them (estimate vs actual,
forgotten environments, budgets and forecast, right-sizing)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from infragate.cli.common import (
    GateFormat,
    OutputOpt,
    PlanFormat,
    TextOrJson,
    as_json,
    clock_for,
    emit,
    make_console,
)
from infragate.errors import UsageError

TagKeyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag-key",
        help="DIMENSION=KEY: also read DIMENSION (project, environment, team, cost_center, "
        "component, preview) from tag KEY, before the defaults (KEY and user:KEY). Repeatable.",
    ),
]


def costs_import(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="FOCUS 1.0–1.3 files: CSV, .csv.gz or Parquet."),
    ],
    tag_key: TagKeyOpt = None,
    actor: Annotated[
        str | None, typer.Option("--as", help="Who imports (default: $INFRAGATE_ACTOR, user).")
    ] = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Import FOCUS cost and usage files; a billing period imported again is replaced.

    Exit 2, with FILE:ROW:COLUMN for each problem, when a file is not valid FOCUS: then
    nothing is imported."""
    from infragate.costs.importing import import_files
    from infragate.costs.tagmap import with_overrides
    from infragate.store.engine import open_store

    report = import_files(open_store(), files, clock_for(actor), with_overrides(tag_key or []))
    if format is TextOrJson.json:
        typer.echo(as_json(_import_json(report)))
        return
    console = make_console()
    for done in report.files:
        s = done.scanned
        periods = ", ".join(sorted({p for _, p in s.periods}))
        console.print(
            f"imported {done.path.name}: FOCUS {s.version}, {s.rows:,} rows, billing "
            f"period{'s' if len(s.periods) > 1 else ''} {periods} (import #{done.import_id})",
            highlight=False,
        )
        for category in sorted(s.billed):
            console.print(
                f"  {category:<11} billed {s.billed[category]:>14,.2f}  effective "
                f"{s.effective[category]:>14,.2f}",
                highlight=False,
            )
        for name, usd in done.projects.items():
            console.print(f"  project {name}: {usd:,.2f} effective", highlight=False)
        for name, usd in done.unknown_projects.items():
            console.print(
                f"  project {name} is not in the store: {usd:,.2f} effective "
                "(see 'infragate costs stale')",
                highlight=False,
            )
        if done.unattributed:
            console.print(
                f"  unattributed (no project or environment tag): {done.unattributed:,.2f}",
                highlight=False,
            )
        if done.replaced:
            console.print(
                f"  replaces import{'s' if len(done.replaced) > 1 else ''} "
                + ", ".join(f"#{i}" for i in done.replaced),
                highlight=False,
            )


def _import_json(report: object) -> dict[str, object]:
    from infragate.costs.importing import ImportReport, plain

    assert isinstance(report, ImportReport)
    return {
        "files": [
            {
                "file": str(d.path),
                "sha256": d.sha256,
                "import_id": d.import_id,
                "focus_version": d.scanned.version,
                "rows": d.scanned.rows,
                "billing_periods": [
                    {"billing_account": a, "billing_period": p} for a, p in d.scanned.periods
                ],
                "billed": {k: plain(v) for k, v in d.scanned.billed.items()},
                "effective": {k: plain(v) for k, v in d.scanned.effective.items()},
                "projects": {k: plain(v) for k, v in d.projects.items()},
                "unknown_projects": {k: plain(v) for k, v in d.unknown_projects.items()},
                "unattributed_effective": plain(d.unattributed),
                "replaced_imports": d.replaced,
            }
            for d in report.files
        ]
    }


ProjectOpt = Annotated[
    str | None, typer.Option("--project", "-p", help="One project (default: every project).")
]
PeriodOpt = Annotated[
    str | None,
    typer.Option("--period", help="Billing month YYYY-MM (default: the latest imported)."),
]


def costs_stale(
    project: ProjectOpt = None,
    period: PeriodOpt = None,
    format: Annotated[GateFormat, typer.Option("--format", "-f")] = GateFormat.text,
    output: OutputOpt = None,
) -> None:
    """Spend that should not exist: scheduled environments billing outside their schedule,
    previews past their TTL, retired or never-frozen projects still billing, unknown projects
    and environments; each with its monthly waste.

    Exit 0 when nothing is found, 1 when something is, 2 on bad usage."""
    from infragate.costs.formats import stale as fmt
    from infragate.costs.inputs import read_inputs
    from infragate.costs.spend import choose_period
    from infragate.costs.stale import find_stale
    from infragate.store.engine import open_store

    inputs = read_inputs(open_store())
    facts = _of_project(inputs.facts, project, inputs.projects)
    month = choose_period(facts, period)
    report = find_stale(
        inputs.facts, inputs.projects, inputs.retired_at, inputs.top, month, project
    )
    if format is GateFormat.text and output is None:
        fmt.print_stale(make_console(), report)
    elif format is GateFormat.markdown or format is GateFormat.text:
        emit(fmt.stale_markdown(report), output)
    elif format is GateFormat.json:
        emit(as_json(fmt.stale_data(report)), output)
    else:
        emit(as_json(fmt.stale_sarif(report)), output)
    if report.findings:
        raise typer.Exit(1)


def costs_rightsize(
    project: ProjectOpt = None,
    period: PeriodOpt = None,
    format: Annotated[PlanFormat, typer.Option("--format", "-f")] = PlanFormat.text,
    output: OutputOpt = None,
) -> None:
    """Components whose bill shows another count than the baseline's (drift, in money), and
    components spending under the catalog's share of their frame (candidates for a change
    request, with the next size down).

    Exit 0 when every component fits its baseline, 1 when some do not, 2 on bad usage."""
    from infragate.catalog.loader import load_catalog
    from infragate.costs.formats import rightsize as fmt
    from infragate.costs.inputs import read_inputs
    from infragate.costs.rightsizing import THRESHOLD, rightsize
    from infragate.costs.spend import choose_period
    from infragate.store.engine import open_store

    catalog = load_catalog()
    inputs = read_inputs(open_store())
    facts = _of_project(inputs.facts, project, inputs.projects)
    month = choose_period(facts, period)
    sizes = {kind: [s.name for s in c.sizes] for kind, c in catalog.components.items()}
    report = rightsize(
        inputs.facts, inputs.projects, sizes, catalog.threshold(THRESHOLD), month, project
    )
    if format is PlanFormat.text and output is None:
        fmt.print_rightsize(make_console(), report)
    elif format is PlanFormat.json:
        emit(as_json(fmt.rightsize_data(report)), output)
    else:
        emit(fmt.rightsize_markdown(report), output)
    if report.findings:
        raise typer.Exit(1)


def _of_project(facts: Any, project: str | None, projects: Any) -> Any:
    """The facts of one project; a project neither in the store nor in any bill is a typo."""
    if project is None:
        return facts
    mine = [f for f in facts if f.project == project]
    if not mine and project in projects:
        return facts  # a project the bill has nothing for: the latest month, nothing in it
    if not mine:
        from infragate.errors import UsageError

        known = ", ".join(sorted(projects)) or "none"
        raise UsageError(
            f"--project {project}: no such project in the store (projects: {known}) "
            "and no spend tagged with it"
        )
    return mine


# -- costs report --------------------------------------------------------------------------


class ReportBy(StrEnum):
    environment = "environment"
    component = "component"
    service = "service"
    team = "team"
    cost_center = "cost_center"
    project = "project"


def costs_report(
    project: Annotated[
        str | None, typer.Option("--project", "-p", help="One project (default: every one).")
    ] = None,
    by: Annotated[
        ReportBy | None,
        typer.Option(
            "--by", help="Group spend by this (default: environment for one project, else team)."
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="Billing period YYYY-MM (default: the latest imported)."),
    ] = None,
    tolerance: Annotated[
        str | None,
        typer.Option(
            "--tolerance",
            help="Variance tolerance in percent (default: the catalog's cost_variance_pct).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Today, YYYY-MM-DD (default: the last day with spend)."),
    ] = None,
    format: Annotated[GateFormat, typer.Option("--format", "-f")] = GateFormat.text,
    output: OutputOpt = None,
) -> None:
    """Estimate vs actual, budget and forecast, and where the money went, per project or
    for every project by team and cost centre; exit 1 when a hard budget is exceeded."""
    from infragate.costs import frames
    from infragate.costs.report import build
    from infragate.store import costs as cost_store
    from infragate.store.engine import open_store

    tolerance_pct = _tolerance(tolerance)
    today = _day("--as-of", as_of)
    if period is not None and not _is_month(period):
        raise UsageError(f"--period {period!r}: expected YYYY-MM, e.g. 2026-12")
    store = open_store()
    with store.read() as conn:
        known = frames.load(conn)
        facts = cost_store.facts(conn)
        top = cost_store.top_resources(conn)
    report = build(
        facts,
        top,
        known,
        project=project,
        by=str(by) if by else None,
        period=period,
        as_of=today,
        tolerance_pct=tolerance_pct,
    )
    _emit_report(report, format, output)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def _tolerance(text: str | None) -> Decimal:
    if text is None:
        from infragate.catalog.loader import load_catalog

        return load_catalog().threshold("cost_variance_pct")
    try:
        value = Decimal(text.strip().rstrip("%").strip())
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise UsageError(f"--tolerance {text!r}: expected a percentage of 0 or more, e.g. 15")
    return value


def _day(option: str, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r}: expected a date YYYY-MM-DD") from None


def _is_month(text: str) -> bool:
    try:
        date.fromisoformat(text + "-01")
    except ValueError:
        return False
    return len(text) == 7


def _emit_report(report: object, format: GateFormat, output: Path | None) -> None:
    from infragate.costs.formats import data, markdown, sarif, text
    from infragate.costs.report import CostReport

    assert isinstance(report, CostReport)
    if format is GateFormat.json:
        emit(as_json(data.report_data(report)), output)
    elif format is GateFormat.sarif:
        emit(as_json(sarif.report_sarif(report)), output)
    elif format is GateFormat.markdown:
        emit(markdown.report_markdown(report), output)
    elif output is None:
        text.print_report(make_console(), report)
    else:
        import io

        from rich.console import Console

        from infragate.report.safe_text import install

        # the terminal's tables, recorded as plain text for the file
        recorder = install(Console(file=io.StringIO(), record=True, width=200, highlight=False))
        text.print_report(recorder, report)
        emit(recorder.export_text(), output)
