"""Maturity-aware judgement: a finding's severity follows the product's maturity and data
criticality, and its remediation is approved (needed now) or deferred (over-engineering at
this maturity, with the maturity at which it becomes needed). The model is the assessment
matrix of seed 001: fix what breaks deployments now, defer what only scale would justify."""

from __future__ import annotations

from pathlib import Path

from infragate.audit.linters import LINTER_RULES, level_severity
from infragate.audit.model import Decision, Finding, Hit, Judgement, MaturityBasis
from infragate.audit.repo import Diagnostic
from infragate.audit.rules.base import AuditRule
from infragate.maturity import Maturity

# Without a brief nothing is excused: a repository that deploys is judged as a live product.
ASSUMED = Maturity.production
CRITICAL_DATA = ("high", "critical")


def basis_from_brief(brief_path: Path | None, search_root: Path) -> MaturityBasis:
    """The maturity to judge against: the brief's (given, or at infra/brief.yaml), else assumed."""
    path = brief_path
    if path is None and (search_root / "infra" / "brief.yaml").is_file():
        path = search_root / "infra" / "brief.yaml"
    if path is None:
        return MaturityBasis(
            ASSUMED, None, f"no brief found: assumed '{ASSUMED}' (pass --brief to judge "
            "against the product's real maturity)", assumed=True
        )  # fmt: skip
    from infragate.brief.loader import load_brief  # pydantic's models: only with a brief

    brief = load_brief(path).brief
    if brief.maturity is None:
        return MaturityBasis(ASSUMED, brief.data.criticality,
                             f"{path} names no maturity: assumed '{ASSUMED}'", assumed=True)  # fmt: skip
    return MaturityBasis(brief.maturity, brief.data.criticality, str(path), assumed=False)


def judge(rule: AuditRule, hit: Hit, basis: MaturityBasis) -> Finding:
    maturity = basis.maturity
    severity = rule.severity[maturity]
    if rule.data_sensitive and basis.criticality in CRITICAL_DATA:
        severity = severity.raised()
    if rule.needed_from is not None and not maturity.at_least(rule.needed_from):
        judgement = Judgement(
            Decision.defer,
            f"over-engineering at {maturity}: {rule.defer_reason}; needed from {rule.needed_from} on",
            rule.needed_from,
        )
    elif rule.needed_from is None:
        judgement = Judgement(Decision.approve, "a defect: needed at every maturity")
    else:
        judgement = Judgement(
            Decision.approve, f"needed at {maturity} (from {rule.needed_from} on)", rule.needed_from
        )
    return Finding(
        rule_id=rule.id,
        slug=rule.slug,
        title=rule.title,
        severity=severity,
        file=hit.file,
        line=hit.line,
        evidence=hit.evidence,
        impact=rule.impact,
        remediation=rule.fix,
        judgement=judgement,
    )


def linter_finding(d: Diagnostic) -> Finding | None:
    rule = next((r for r in LINTER_RULES if r.tool == d.tool), None)
    if rule is None:
        return None
    return Finding(
        rule_id=rule.id,
        slug=rule.slug,
        title=rule.title,
        severity=level_severity(d.level),
        file=d.file,
        line=d.line,
        evidence=f"{d.code}: {d.message}",
        impact=rule.rationale,
        remediation=rule.fix,
        judgement=Judgement(Decision.approve, f"reported by {d.tool}"),
        column=getattr(d, "column", None),  # a LintDiagnostic's; bash -n reports none
        code=d.code,
    )
