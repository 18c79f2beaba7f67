"""The costs report in the terminal: Rich tables, every stored value through safe_text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table

from infragate.costs.formats import rows
from infragate.costs.report import CostReport
from infragate.report.safe_text import cell, shown

_LEVEL_STYLE = {"error": "bold red", "warning": "yellow"}
_MONEY = {"Expected", "Actual (effective)", "Billed", "Variance", "Effective", "Share"}


def _table(title: str, head: Sequence[str], body: Sequence[Sequence[str]]) -> Table:
    table = Table(title=cell(title), title_justify="left", expand=False)
    for name in head:
        numeric = name in _MONEY or name.startswith(("Forecast", "Month", "Budget", "Days"))
        table.add_column(name, justify="right" if numeric else "left")
    for row in body:
        table.add_row(*(cell(c) for c in row))
    return table


def print_report(console: Any, r: CostReport) -> None:
    console.print(shown(rows.headline(r)))
    if r.projects:
        console.print(
            _table(
                "Estimate vs actual, budget and forecast", rows.PROJECT_HEAD, rows.project_rows(r)
            )
        )
    else:
        console.print("No project of the store has a frame or spend in this period.")
    components = rows.component_rows(r)
    if components:
        console.print(_table("Components", rows.COMPONENT_HEAD, components))
    if r.unknown:
        console.print(
            _table(
                "Projects the store does not know", ("Project", "Effective"), rows.unknown_rows(r)
            )
        )
    dimension = r.allocation.dimension.replace("_", " ")
    console.print(_table(f"Spend by {dimension}", rows.allocation_head(r), rows.allocation_rows(r)))
    console.print(shown(rows.unattributed_line(r)))
    if r.allocation.unattributed.top:
        console.print(_table(rows.TOP_TITLE, rows.TOP_HEAD, rows.top_rows(r)))
    for f in r.findings:
        style = _LEVEL_STYLE[f.rule.level]
        console.print(f"[{style}]{f.rule.id}[/] {f.rule.slug}: {shown(f.message)}")
        console.print(f"    [dim]fix: {shown(f.rule.fix)}[/]")
    style = "bold red" if r.exit_code else ("yellow" if r.findings else "green")
    console.print(f"[{style}]{shown(rows.summary(r))}[/]")
