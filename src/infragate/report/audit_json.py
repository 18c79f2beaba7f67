"""The audit as plain data: what `--format json` prints and the other reporters share."""

from __future__ import annotations

from collections import Counter
from typing import Any

from infragate import __version__
from infragate.audit.model import AuditReport, Decision, Severity


def summary(report: AuditReport) -> dict[str, Any]:
    by_severity = Counter(str(f.severity) for f in report.findings)
    decisions = Counter(str(f.judgement.decision) for f in report.findings)
    return {
        "findings": len(report.findings),
        "by_severity": {str(s): by_severity.get(str(s), 0) for s in reversed(Severity)},
        "approve": decisions.get(str(Decision.approve), 0),
        "defer": decisions.get(str(Decision.defer), 0),
        "skipped": len(report.skipped),
    }


def audit_data(report: AuditReport) -> dict[str, Any]:
    return {
        "tool": "infragate",
        "version": __version__,
        "root": report.root,
        "files_scanned": report.files_scanned,
        "basis": {
            "maturity": str(report.basis.maturity),
            "criticality": report.basis.criticality,
            "source": report.basis.source,
            "assumed": report.basis.assumed,
        },
        "inventory": [
            {
                "category": f.category,
                "name": f.name,
                "file": f.file,
                "line": f.line,
                "detail": f.detail,
            }
            for f in report.inventory
        ],
        "findings": [
            {
                "id": f.rule_id,
                "slug": f.slug,
                "title": f.title,
                "severity": str(f.severity),
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "evidence": f.evidence,
                "impact": f.impact,
                "remediation": f.remediation,
                "judgement": {
                    "decision": str(f.judgement.decision),
                    "reason": f.judgement.reason,
                    "needed_from": str(f.judgement.needed_from)
                    if f.judgement.needed_from
                    else None,
                },
            }
            for f in report.findings
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "excluded": report.excluded,
        "tools": dict(sorted(report.tools.items())),
        "summary": summary(report),
    }
