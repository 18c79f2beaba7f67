"""The audit as a Markdown document: inventory first, then findings, then what was skipped."""

from __future__ import annotations

from infragate.audit.model import AuditReport, Decision
from infragate.report.audit_json import summary


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def audit_markdown(report: AuditReport) -> str:
    basis = report.basis
    counts = summary(report)
    lines = [
        f"# Infrastructure audit of `{report.root}`",
        "",
        f"Judged at maturity **{basis.maturity}**"
        + (f", data criticality **{basis.criticality}**" if basis.criticality else "")
        + f" — {basis.source}.",
        f"{report.files_scanned} files scanned; {counts['findings']} findings "
        f"({counts['approve']} to fix now, {counts['defer']} deferred); "
        f"{counts['skipped']} files skipped"
        + (
            f"; excluded: {', '.join(f'`{p}`' for p in report.excluded)}."
            if report.excluded
            else "."
        ),
        "",
        "## Inventory (as-is architecture)",
        "",
        "| Category | What | Where | Detail |",
        "| --- | --- | --- | --- |",
    ]
    for fact in report.inventory:
        where = f"{fact.file}:{fact.line}" if fact.file and fact.line else fact.file or ""
        lines.append(
            f"| {fact.category} | {_cell(fact.name)} | {_cell(where)} | {_cell(fact.detail)} |"
        )
    if not report.inventory:
        lines.append("| — | nothing recognised | | |")
    lines += ["", "## Findings", ""]
    if not report.findings:
        lines.append("No findings.")
    for decision, heading in (
        (Decision.approve, "Fix now"),
        (Decision.defer, "Deferred at this maturity"),
    ):
        group = [f for f in report.findings if f.judgement.decision is decision]
        if not group:
            continue
        lines += [f"### {heading}", "", "| ID | Slug | Severity | Where | Evidence | Remediation | Judgement |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]  # fmt: skip
        for f in group:
            lines.append(
                f"| {f.rule_id} | {f.slug} | {f.severity} | {_cell(f.where)} | {_cell(f.evidence)} "
                f"| {_cell(f.remediation)} | {_cell(f.judgement.reason)} |"
            )
        lines.append("")
    if report.skipped:
        lines += ["## Skipped files", "", "| File | Why |", "| --- | --- |"]
        lines += [f"| {_cell(s.path)} | {_cell(s.reason)} |" for s in report.skipped]
        lines.append("")
    if report.tools:
        lines += ["## External tools", ""]
        lines += [f"- {name}: {status}" for name, status in sorted(report.tools.items())]
    return "\n".join(lines).rstrip() + "\n"
