"""What an audit produces: findings with evidence and a maturity-aware judgement."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from infragate.maturity import Maturity


class Severity(StrEnum):
    info = "info"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank

    def raised(self) -> Severity:
        return list(Severity)[min(self.rank + 1, len(Severity) - 1)]


class Decision(StrEnum):
    approve = "approve"  # the remediation is needed now
    defer = "defer"  # over-engineering at this maturity; needed later


@dataclass(frozen=True)
class Hit:
    """What a rule's check saw: where, and the evidence in words (never a secret's value)."""

    file: str | None
    line: int | None
    evidence: str


@dataclass(frozen=True)
class Judgement:
    decision: Decision
    reason: str
    needed_from: Maturity | None = None


@dataclass(frozen=True)
class Finding:
    rule_id: str
    slug: str
    title: str
    severity: Severity
    file: str | None
    line: int | None
    evidence: str
    impact: str
    remediation: str
    judgement: Judgement

    @property
    def where(self) -> str:
        if self.file is None:
            return "(repository)"
        return f"{self.file}:{self.line}" if self.line else self.file

    def sort_key(self) -> tuple[str, str, int, str]:
        return (self.rule_id, self.file or "", self.line or 0, self.evidence)


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class Fact:
    """One thing the inventory knows about the repository, with the file that shows it."""

    category: str
    name: str
    file: str | None = None
    line: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class MaturityBasis:
    maturity: Maturity
    criticality: str | None
    source: str  # the brief's path, or why a maturity was assumed
    assumed: bool


@dataclass
class AuditReport:
    root: str
    files_scanned: int
    basis: MaturityBasis
    inventory: list[Fact]
    findings: list[Finding]
    skipped: list[Skipped]
    tools: dict[str, str] = field(default_factory=dict)  # external linter -> version or "absent"
    excluded: list[str] = field(default_factory=list)  # --exclude patterns, shown in reports

    def failing(self, threshold: Severity) -> list[Finding]:
        """Findings that fail the run: needed now and at or above the threshold."""
        return [
            f
            for f in self.findings
            if f.judgement.decision is Decision.approve and f.severity.at_least(threshold)
        ]
