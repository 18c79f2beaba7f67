"""Gate report as JSON-ready data and as Markdown."""

from __future__ import annotations

from typing import Any

from infragate.gate import GateReport
from infragate.rules.base import Status

_MARK = {
    Status.passed: "pass",
    Status.failed: "**FAIL**",
    Status.warned: "warn",
    Status.waived: "waived",
}


def gate_data(report: GateReport) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "stage": str(report.stage),
        "brief": report.brief_path,
        "blocked": report.blocked,
        "summary": {str(s): report.count(s) for s in Status},
        "results": [
            {
                "id": r.rule.id,
                "slug": r.rule.slug,
                "title": r.rule.title,
                "severity": str(r.rule.severity),
                "status": str(r.status),
                "reason": r.reason,
                "fix": r.rule.fix,
                "rationale": r.rule.rationale,
                "field": r.field,
                "line": r.line,
                "column": r.column,
                "waiver": r.waiver.as_dict() if r.waiver else None,
            }
            for r in report.results
        ],
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def gate_markdown(report: GateReport) -> str:
    verdict = "blocked" if report.blocked else "open"
    lines = [
        f"# Gate '{report.stage}': {verdict}",
        "",
        f"Brief: `{report.brief_path}` — {report.count(Status.passed)} passed, "
        f"{report.count(Status.failed)} failed, {report.count(Status.warned)} warnings.",
        "",
        "| Rule | Status | Severity | Reason | Fix |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in report.results:
        where = f" (line {r.line})" if r.line and r.status is not Status.passed else ""
        fix = r.rule.fix if r.status is not Status.passed else ""
        lines.append(
            f"| {r.rule.id} {r.rule.slug} | {_MARK[r.status]} | {r.rule.severity} | "
            f"{_cell(r.reason)}{where}{_cell(' — ' + r.waiver.describe()) if r.waiver else ''} | "
            f"{_cell(fix)} |"
        )
    return "\n".join(lines) + "\n"
