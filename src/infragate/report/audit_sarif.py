"""Audit findings as SARIF 2.1.0, so code-scanning UIs show them on the files' lines."""

from __future__ import annotations

from typing import Any

from infragate.audit.linters import LINTER_RULES
from infragate.audit.model import AuditReport, Decision, Severity
from infragate.audit.rules import AUDIT_RULES
from infragate.report.sarif import sarif_log

LEVEL = {
    Severity.critical: "error",
    Severity.high: "error",
    Severity.medium: "warning",
    Severity.low: "note",
    Severity.info: "note",
}


def audit_sarif(report: AuditReport) -> dict[str, Any]:
    rules: list[dict[str, Any]] = [
        {
            "id": r.id,
            "name": r.slug,
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": r.rationale},
            "help": {"text": r.fix},
            "properties": {"impact": r.impact},
        }
        for r in AUDIT_RULES
    ]
    rules += [
        {
            "id": r.id,
            "name": r.slug,
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": r.rationale},
            "help": {"text": r.fix},
        }
        for r in LINTER_RULES
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "level": LEVEL[f.severity],
            "message": {"text": f"{f.evidence}. Fix: {f.remediation}"},
            "properties": {
                "slug": f.slug,
                "severity": str(f.severity),
                "decision": str(f.judgement.decision),
                "judgement": f.judgement.reason,
                **({"code": f.code} if f.code else {}),
            },
        }
        if f.judgement.decision is Decision.defer:
            result["level"] = "note"
            result["suppressions"] = [{"kind": "external", "justification": f.judgement.reason}]
        if f.file is not None:
            location: dict[str, Any] = {"artifactLocation": {"uri": f.file, "uriBaseId": "SRCROOT"}}
            if f.line:
                location["region"] = {"startLine": f.line}
                if f.column:
                    location["region"]["startColumn"] = f.column
            result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    return sarif_log(
        rules,
        results,
        {
            "maturity": str(report.basis.maturity),
            "maturitySource": report.basis.source,
            "assumed": report.basis.assumed,
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
            "inventory": [
                {"category": x.category, "name": x.name, "file": x.file} for x in report.inventory
            ],
        },
    )
