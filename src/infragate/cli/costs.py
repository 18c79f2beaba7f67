"""Costs after go-live: import FOCUS bills, and the reports over them (estimate vs actual,
forgotten environments, budgets and forecast, right-sizing)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from infragate.cli.common import TextOrJson, as_json, clock_for, make_console

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
