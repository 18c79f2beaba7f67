"""Running `infragate audit` on one repository and keeping what it said about each slug."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realrepos.labels import SLUGS, RepoLabels

AUDIT_TIMEOUT_S = 600


@dataclass
class Reported:
    """What the audit said about one slug in one repository."""

    severity: str
    decisions: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)


@dataclass
class RepoResult:
    labels: RepoLabels
    reported: dict[str, Reported] = field(default_factory=dict)
    error: str | None = None
    fail_on_high_rc: int | None = None
    files_scanned: int = 0


SEVERITY_ORDER = ("info", "low", "medium", "high", "critical")


def _rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else -1


def run_audit(cli: Path, directory: Path, fail_on: str) -> tuple[int, dict[str, Any] | None, str]:
    try:
        proc = subprocess.run(
            [str(cli), "audit", str(directory), "--format", "json", "--fail-on", fail_on],
            capture_output=True,
            text=True,
            timeout=AUDIT_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return -1, None, f"timed out after {AUDIT_TIMEOUT_S} s"
    if proc.returncode not in (0, 1):
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return proc.returncode, None, f"exit {proc.returncode}: {' | '.join(tail)}"
    try:
        return proc.returncode, json.loads(proc.stdout), ""
    except json.JSONDecodeError as exc:
        return proc.returncode, None, f"output is not JSON: {exc}"


def reported_slugs(report: dict[str, Any]) -> dict[str, Reported]:
    found: dict[str, Reported] = {}
    for finding in report.get("findings", []):
        slug = finding.get("slug")
        if slug not in SLUGS:
            continue
        severity = str(finding.get("severity", ""))
        entry = found.setdefault(slug, Reported(severity=severity))
        if _rank(severity) > _rank(entry.severity):
            entry.severity = severity
        decision = (finding.get("judgement") or {}).get("decision")
        if decision:
            entry.decisions.add(str(decision))
        where = f"{finding.get('file')}:{finding.get('line')}" if finding.get("file") else "-"
        text = str(finding.get("evidence") or "").replace("\n", " ")
        entry.evidence.append(f"{where} {text}".strip())
    return found
