"""Rich renderings for the terminal."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table
from rich.text import Text

from infragate.design.model import Design, VerdictKind
from infragate.gate import GateReport
from infragate.lifecycle.waivers import Waiver, split_blockers
from infragate.report.design_markdown import usd
from infragate.report.safe_text import cell, shown
from infragate.rules.base import Status

_STATUS_STYLE = {
    Status.passed: "green",
    Status.failed: "bold red",
    Status.warned: "yellow",
    Status.waived: "cyan",
}
_VERDICT_STYLE = {
    VerdictKind.approved: "green",
    VerdictKind.over_engineering: "yellow",
    VerdictKind.under_engineering: "bold red",
}


def print_gate(console: Console, report: GateReport) -> None:
    table = Table(
        title=cell(f"Gate '{report.stage}' for {report.brief_path}"),
        title_justify="left",
        show_lines=False,
        expand=False,
    )
    table.add_column("Rule", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Reason")
    table.add_column("Fix")
    for r in report.results:
        where = f" (line {r.line})" if r.line and r.status is not Status.passed else ""
        table.add_row(
            f"{r.rule.id}\n{r.rule.slug}",
            Text(str(r.status), style=_STATUS_STYLE[r.status]),
            cell(r.reason + where + (f"\n{r.waiver.describe()}" if r.waiver else "")),
            cell(r.rule.fix) if r.status is not Status.passed else "",
        )
    console.print(table)
    summary = (
        f"{report.count(Status.passed)} passed, {report.count(Status.failed)} failed, "
        f"{report.count(Status.warned)} warnings"
    )
    if report.count(Status.waived):
        summary += f", {report.count(Status.waived)} waived"
    if report.blocked:
        console.print(f"[bold red]blocked[/]: {summary}. Fix the failed rules, then run again.")
    else:
        console.print(f"[green]open[/]: {summary}.")


def print_design(
    console: Console, design: Design, waivers: Mapping[str, Waiver] | None = None
) -> None:
    cost = design.cost
    console.print(
        f"[bold]Design for {shown(design.project)}[/] · maturity {design.maturity} · "
        f"catalog {design.catalog_version} · prices as of {design.pricing_as_of}"
    )
    envs = Table(title="Environments", title_justify="left")
    for col in ("Environment", "Schedule", "Hours/month", "Monthly"):
        envs.add_column(col, justify="right" if col in ("Hours/month", "Monthly") else "left")
    for e in design.environments:
        envs.add_row(
            cell(e.name), cell(e.schedule_description), str(e.hours_per_month), usd(e.monthly_usd)
        )
    console.print(envs)
    comps = Table(title="Components", title_justify="left")
    for col in ("Env", "Component", "Service", "Size", "Count", "Monthly"):
        comps.add_column(col, justify="right" if col in ("Count", "Monthly") else "left")
    for c in design.components:
        size = (c.size or "—") + (" Multi-AZ" if c.multi_az else "")
        if "read_replicas" in c.settings:
            size += f" + {c.settings['read_replicas']} read replica(s)"
        count = str(c.count)
        if "autoscaling" in c.settings:
            count = f"{c.count} ({c.settings['min_tasks']}–{c.settings['max_tasks']})"
        comps.add_row(
            cell(c.environment), cell(c.id), cell(c.service), cell(size), count, usd(c.monthly_usd)
        )
    console.print(comps)
    sized = [k for k in design.capacity if k.environment == "prod"]
    if sized:
        checks = Table(title="Capacity (prod)", title_justify="left")
        for col in ("Component", "Must carry", "Carries", "How", "Capacity figure from"):
            checks.add_column(col, justify="right" if col in ("Must carry", "Carries") else "left")
        for k in sized:
            unit = "rps" if k.unit == "requests per second" else k.unit
            checks.add_row(
                Text(k.component, style="" if k.ok else "bold red"),
                f"{k.required} {unit}",
                f"{k.provided} {unit}",
                k.formula,
                k.source or "—",
            )
        console.print(checks)
    verdicts = Table(title="Right-sizing verdicts", title_justify="left")
    for col in ("Rule", "Subject", "Verdict", "Feature cost", "Reason"):
        verdicts.add_column(col, justify="right" if col == "Feature cost" else "left")
    for v in design.verdicts:
        verdicts.add_row(
            v.rule,
            cell(v.subject),
            Text(str(v.verdict), style=_VERDICT_STYLE[v.verdict]),
            usd(v.monthly_usd_delta),
            cell(v.reason),
        )
    console.print(verdicts)
    b = cost.budget
    line = f"Estimated cost: [bold]{usd(cost.monthly_usd)}[/] a month"
    if b.monthly_usd is not None:
        style = "green" if b.status == "within" else ("bold red" if b.blocker else "yellow")
        line += f" · budget {usd(b.monthly_usd)}: [{style}]{b.status}[/]"
    console.print(line)
    console.print(f"Cheapest design meeting the brief: {usd(cost.cheapest.monthly_usd)} a month")
    open_blockers, waived = split_blockers(design.blockers, waivers or {})
    if open_blockers:
        console.print("[bold red]Blockers:[/]")
        for blocker in open_blockers:
            console.print(f"  - {shown(blocker)}", highlight=False)
    for blocker, waiver in waived:
        console.print(
            f"[cyan]Waived[/]: {shown(blocker)}\n  {shown(waiver.describe())}", highlight=False
        )
