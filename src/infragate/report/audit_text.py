"""The audit in the terminal (Rich): inventory first, then findings, then what was skipped."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from infragate.audit.model import AuditReport, Decision, Severity
from infragate.report.audit_json import summary
from infragate.report.safe_text import shown

STYLE = {
    Severity.critical: "bold red",
    Severity.high: "red",
    Severity.medium: "yellow",
    Severity.low: "cyan",
    Severity.info: "dim",
}


def print_audit(console: Any, report: AuditReport) -> None:
    basis = report.basis
    console.print(f"[bold]Audit of {shown(report.root)}[/] — {report.files_scanned} files")
    crit = f", data criticality {basis.criticality}" if basis.criticality else ""
    console.print(f"Maturity: [bold]{basis.maturity}[/]{crit} ({shown(basis.source)})")
    if report.excluded:
        console.print(f"Excluded: {shown(', '.join(report.excluded))}")
    inventory = Table(title="Inventory", title_justify="left")
    for col in ("Category", "What", "Where", "Detail"):
        # fold, never cut: a CI log is 80 columns wide and a path cut short is no evidence
        inventory.add_column(col, overflow="fold")
    for fact in report.inventory:
        where = f"{fact.file}:{fact.line}" if fact.file and fact.line else fact.file or ""
        inventory.add_row(fact.category, shown(fact.name), shown(where), shown(fact.detail))
    console.print(inventory)
    console.print("[bold]Findings[/]" if report.findings else "No findings.")
    for f in report.findings:
        judgement = str(f.judgement.decision)
        if f.judgement.decision is Decision.defer and f.judgement.needed_from:
            judgement += f" until {f.judgement.needed_from}"
        console.print(
            f"[{STYLE[f.severity]}]{str(f.severity).upper():8}[/] {f.rule_id} [bold]{f.slug}[/] "
            f"{shown(f.where)} [dim]({judgement})[/]"
        )
        console.print(f"         {shown(f.evidence)}")
        console.print(f"         [dim]fix: {shown(f.remediation)}[/]")
    if report.skipped:
        skipped = Table(title="Skipped", title_justify="left")
        skipped.add_column("File", overflow="fold")
        skipped.add_column("Why", overflow="fold")
        for s in report.skipped:
            skipped.add_row(shown(s.path), shown(s.reason))
        console.print(skipped)
    tools = ", ".join(f"{k}: {v}" for k, v in sorted(report.tools.items()))
    if tools:
        console.print(f"[dim]External tools — {shown(tools)}[/]")
    counts = summary(report)
    severities = ", ".join(f"{n} {s}" for s, n in counts["by_severity"].items() if n)
    console.print(
        f"{counts['findings']} finding{'' if counts['findings'] == 1 else 's'} "
        f"({severities or 'none'}); {counts['approve']} to fix now, "
        f"{counts['defer']} deferred; {counts['skipped']} files skipped"
    )
