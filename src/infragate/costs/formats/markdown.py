"""The costs report as Markdown, for a monthly mail or a wiki page."""

from __future__ import annotations

from collections.abc import Sequence

from infragate.costs.formats import rows
from infragate.costs.report import CostReport


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(head: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    return [
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
        *("| " + " | ".join(_cell(c) for c in row) + " |" for row in body),
        "",
    ]


def report_markdown(r: CostReport) -> str:
    lines = [f"# {rows.headline(r)}", ""]
    lines += ["## Estimate vs actual, budget and forecast", ""]
    if r.projects:
        lines += _table(rows.PROJECT_HEAD, rows.project_rows(r))
    else:
        lines += ["No project of the store has a frame or spend in this period.", ""]
    components = rows.component_rows(r)
    if components:
        lines += ["## Components", "", *_table(rows.COMPONENT_HEAD, components)]
    if r.unknown:
        lines += ["## Projects the store does not know", ""]
        lines += _table(("Project", "Effective"), rows.unknown_rows(r))
    lines += [f"## Spend by {r.allocation.dimension.replace('_', ' ')}", ""]
    lines += _table(rows.allocation_head(r), rows.allocation_rows(r))
    lines += [rows.unattributed_line(r), ""]
    if r.allocation.unattributed.top:
        lines += [f"### {rows.TOP_TITLE}", "", *_table(rows.TOP_HEAD, rows.top_rows(r))]
    lines += ["## Findings", ""]
    for f in r.findings:
        lines.append(f"- **{f.rule.id}** {f.rule.slug}: {_cell(f.message)}. Fix: {f.rule.fix}")
    lines += ["", rows.summary(r)]
    return "\n".join(lines) + "\n"
