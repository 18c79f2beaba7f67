"""Gate results as SARIF 2.1.0, so that code-scanning UIs show them on the brief's lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from infragate import __version__
from infragate.gate import GateReport
from infragate.rules.base import Severity, Status

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _uri(path: str) -> str:
    p = Path(path)
    return p.resolve().as_uri() if p.is_absolute() else p.as_posix()


def gate_sarif(report: GateReport) -> dict[str, Any]:
    rules = [r.rule for r in report.results]
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = []
    for r in report.results:
        if r.status is Status.passed:
            continue
        location: dict[str, Any] = {"artifactLocation": {"uri": _uri(report.brief_path)}}
        if r.line is not None:
            location["region"] = {"startLine": r.line, "startColumn": r.column or 1}
        results.append(
            {
                "ruleId": r.rule.id,
                "ruleIndex": index[r.rule.id],
                "level": "warning" if r.status is Status.warned else "error",
                "message": {"text": f"{r.reason}. Fix: {r.rule.fix}"},
                "locations": [{"physicalLocation": location}],
                # a waived blocker stays visible, marked as suppressed with who and why
                **(
                    {"suppressions": [{"kind": "external", "justification": r.waiver.describe()}]}
                    if r.waiver
                    else {}
                ),
            }
        )
    return sarif_log(
        [
            {
                "id": rule.id,
                "name": rule.slug,
                "shortDescription": {"text": rule.title},
                "fullDescription": {"text": rule.rationale},
                "help": {"text": rule.fix},
                "defaultConfiguration": {
                    "level": "error" if rule.severity is Severity.blocker else "warning"
                },
                "properties": {"stage": str(rule.stage)},
            }
            for rule in rules
        ],
        results,
    )


def sarif_log(
    rules: list[dict[str, Any]],
    results: list[dict[str, Any]],
    properties: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One SARIF 2.1.0 log with one run of infragate: the shape every report shares."""
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "infragate",
                "version": __version__,
                "informationUri": "https://infragate.dev",
                "rules": rules,
            }
        },
        "invocations": [{"executionSuccessful": True}],
    }
    if properties:
        run["properties"] = properties
    run["results"] = results
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
