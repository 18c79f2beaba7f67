"""Costs after go-live: import FOCUS bills, and the reports over them (estimate vs actual,
forgotten environments, budgets and forecast, right-sizing)."""

from __future__ import annotations

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
    from infragate.costs import stale_format as fmt
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
    from infragate.costs import rightsize_format as fmt
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
