"""The costs report's findings as SARIF 2.1.0 (the log shape every infragate report shares):
a project's finding is located at its frame, the repository's infra/baseline.lock.json."""

from __future__ import annotations

from typing import Any

from infragate.costs.report import LOCK, RULES, CostReport
from infragate.report.sarif import sarif_log


def report_sarif(r: CostReport) -> dict[str, Any]:
    index = {rule.id: i for i, rule in enumerate(RULES)}
    results = []
    for f in r.findings:
        result: dict[str, Any] = {
            "ruleId": f.rule.id,
            "ruleIndex": index[f.rule.id],
            "level": f.rule.level,
            "message": {"text": f"{f.message}. Fix: {f.rule.fix}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": LOCK}}}],
        }
        if f.project is not None:
            result["properties"] = {"project": f.project}
        results.append(result)
    return sarif_log(
        [
            {
                "id": rule.id,
                "name": rule.slug,
                "shortDescription": {"text": rule.title},
                "help": {"text": rule.fix},
                "defaultConfiguration": {"level": rule.level},
            }
            for rule in RULES
        ],
        results,
        {
            "billingPeriod": r.period.isoformat()[:7],
            "asOf": r.as_of.isoformat(),
            "scope": r.scope or "all projects",
        },
    )
