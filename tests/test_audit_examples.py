"""The two example repositories produce exactly the findings their seed documents describe.

Where each expectation comes from (../shared/seeds/):
- examples/vantus-portal: 002_d2a2de1089466744.txt and 004_585f62cf8c5a3b03.txt, two
  hand-written audits of the same Next.js app ("INFRASTRUCTURE DEFICIENCIES", 2025-05-15).
- examples/ceo-dashboard: 001_ca0578468a496687.txt, the deployment-infrastructure
  analysis of an internal CEO dashboard (its APPROVED and REJECTED lists).
Each pair below names the seed section that justifies it. Findings of the external linters
(shellcheck, hadolint, actionlint) depend on what is installed, so they stay out of the
exact sets; `bash -n` is always there, so its finding is in.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, run_cli

VANTUS = ROOT / "examples" / "vantus-portal"
CEO = ROOT / "examples" / "ceo-dashboard"
EXTERNAL_LINTERS = {"shellcheck", "hadolint", "actionlint"}
BOOTSTRAP = "scripts/bootstrap-ubuntu22.sh"
DEPLOY_WF = ".github/workflows/deploy.yml"
PROD_WF = ".github/workflows/production-deploy.yml"

Pair = tuple[str, str | None]


# --- adapter: the only place that knows the shape of `infragate audit --format json` ---


@cache
def audit(example: Path) -> dict[str, Any]:
    result = run_cli("audit", example, "--format", "json")
    assert result.returncode in (0, 1), result.stderr  # 1: findings at/above the threshold
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return list(report["findings"])


def pairs(report: dict[str, Any]) -> set[Pair]:
    """(slug, file relative to the example root or None for the repository), linters aside."""
    return {(f["slug"], f["file"]) for f in findings(report) if f["slug"] not in EXTERNAL_LINTERS}


def decision(finding: dict[str, Any]) -> str:
    judgement = finding.get("judgement") or {}
    return str(judgement.get("decision", finding.get("decision")))


def facts(report: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    """Inventory facts as (category, name lower-cased, file)."""
    return [(f["category"], f["name"].lower(), f.get("file")) for f in report["inventory"]]


def has_fact(report: dict[str, Any], category: str, name: str, file: str | None = None) -> bool:
    return any(
        c == category and name.lower() in n and (file is None or f == file)
        for c, n, f in facts(report)
    )


def basis(report: dict[str, Any]) -> dict[str, Any]:
    return dict(report["basis"])


# --- examples/vantus-portal: seeds 002 and 004 ---

VANTUS_EXPECTED: set[Pair] = {
    # 002 §1 "No Dockerfile or docker-compose.yml found"; 004 §1 the same, remediation 1 and 2
    ("no-container-image", None),
    ("no-local-orchestration", None),
    # 004 §3 'The bootstrap script and schema.prisma confirm provider = "sqlite"'; 002 §2
    ("sqlite-in-production", "prisma/schema.prisma"),
    # 002 §3 "CI exists but lacks a CD (Deployment) stage", "relies on sleep 10"; 004 §2
    ("ci-without-cd", ".github/workflows/ci.yml"),
    ("ci-sleep-wait", ".github/workflows/ci.yml"),
    # 002 §3 "Deployment is manual (ssh user@host 'bash bootstrap.sh')"; 004 §2 "only deploy.sh"
    ("manual-deploy", "deploy.sh"),
    # 002 §4 "Logs are written to local files (/var/log/vantus/...) in the bootstrap script"
    ("local-file-logging", BOOTSTRAP),
    # 004 §4 "No /health endpoint found in API routes"; "No Prometheus/Grafana setup. No APM"
    ("no-health-endpoint", None),
    ("no-metrics", None),
    # 004 §3 "No automated backup script found in scripts/", reported at the database it concerns
    ("no-backup", "prisma/schema.prisma"),
    # 002 §5 "a syntax/logic error that forces exit 1 in the package installation step";
    # 004 §5 "exit 1 ... reachable in normal flow or breaks the if/fi block structure"
    ("script-syntax-error", BOOTSTRAP),
    ("script-unguarded-exit", BOOTSTRAP),
    # 004 §5 "rm -rf node_modules (Line 667) makes every run slow and destructive"
    ("script-destructive-step", BOOTSTRAP),
    # 004 §5 "Root Dependency: Requires sudo/root to run"
    ("script-requires-root", BOOTSTRAP),
}


def test_vantus_findings_are_exactly_those_of_seeds_002_and_004() -> None:
    report = audit(VANTUS)
    actual = pairs(report)
    assert actual == VANTUS_EXPECTED, (
        f"missing: {sorted(VANTUS_EXPECTED - actual, key=str)}\n"
        f"unexpected: {sorted(actual - VANTUS_EXPECTED, key=str)}"
    )


def test_vantus_bootstrap_fails_bash_n_at_the_broken_if() -> None:
    hits = [
        f
        for f in findings(audit(VANTUS))
        if f["slug"] == "script-syntax-error" and f["file"] == BOOTSTRAP
    ]
    assert hits, "bash -n must report the bootstrap script"
    # The stray `fi` closing the package step: line 140 or 141, as bash counts it.
    assert any(f["line"] in (140, 141) for f in hits), [f["line"] for f in hits]


def test_vantus_inventory_shows_the_as_is_architecture() -> None:
    report = audit(VANTUS)
    assert has_fact(report, "runtime", "node", "package.json")
    assert has_fact(report, "framework", "next")
    assert has_fact(report, "datastore", "sqlite", "prisma/schema.prisma")
    # 002 §4 "Sentry is installed (Good)"; 004 §4 "sentry.*.config.ts exists"
    assert has_fact(report, "error-tracking", "sentry", "sentry.server.config.ts")
    assert has_fact(report, "ci", "github", ".github/workflows/ci.yml")
    assert has_fact(report, "deploy-script", "", "deploy.sh")
    for category in ("container", "orchestration", "monitoring", "backup", "health"):
        assert not any(c == category for c, _, _ in facts(report)), category


def test_vantus_has_no_brief_so_the_report_states_the_maturity_it_assumed() -> None:
    found = basis(audit(VANTUS))
    assert found["assumed"] is True
    assert found["maturity"] and found["source"]


# --- examples/ceo-dashboard: seed 001 ---

CEO_EXPECTED: set[Pair] = {
    # APPROVED 1 "Two conflicting workflows": both deploy on push to main; reported on each.
    ("conflicting-workflows", DEPLOY_WF),
    ("conflicting-workflows", PROD_WF),
    # APPROVED 2 "References to non-existent Dockerfile.optimized, Dockerfile.uv"
    ("missing-file-reference", DEPLOY_WF),
    ("missing-file-reference", PROD_WF),
    # APPROVED 3 "Undefined LAMBDA_LABS_INSTANCE_IP in health checks"
    ("undefined-variable", PROD_WF),
    # APPROVED 4 "Conflicting IaC documentation and approaches"
    ("conflicting-docs", "docs/DEPLOYMENT.md"),
    ("conflicting-docs", "docs/INFRASTRUCTURE.md"),
    # REJECTED 1 and 3 "Hybrid approach (Pulumi infrastructure + manual K8s)": found, deferred;
    # reported once per tool, at the file that shows it (the first manifest, in path order).
    ("mixed-iac-tools", "infrastructure/pulumi/Pulumi.yaml"),
    ("mixed-iac-tools", "k8s/configmap.yaml"),
}


def test_ceo_dashboard_findings_are_exactly_those_of_seed_001() -> None:
    report = audit(CEO)
    actual = pairs(report)
    assert actual == CEO_EXPECTED, (
        f"missing: {sorted(CEO_EXPECTED - actual, key=str)}\n"
        f"unexpected: {sorted(actual - CEO_EXPECTED, key=str)}"
    )


def test_ceo_dashboard_evidence_names_the_missing_dockerfiles_and_the_variable() -> None:
    report = audit(CEO)
    evidence = {
        (f["slug"], f["file"]): json.dumps(f)
        for f in findings(report)
        if f["slug"] in ("missing-file-reference", "undefined-variable")
    }
    assert "Dockerfile.optimized" in evidence[("missing-file-reference", DEPLOY_WF)]
    assert "Dockerfile.uv" in evidence[("missing-file-reference", PROD_WF)]
    assert "LAMBDA_LABS_INSTANCE_IP" in evidence[("undefined-variable", PROD_WF)]


def test_ceo_dashboard_inventory_shows_the_as_is_architecture() -> None:
    report = audit(CEO)
    assert has_fact(report, "runtime", "python")
    assert has_fact(report, "framework", "fastapi")
    assert has_fact(report, "datastore", "postgres")
    assert has_fact(report, "datastore", "redis")
    assert has_fact(report, "iac", "pulumi")
    assert has_fact(report, "iac", "kubernetes")
    assert has_fact(report, "container", "dockerfile", "Dockerfile.production")
    assert has_fact(report, "orchestration", "compose", "docker-compose.yml")
    assert has_fact(report, "health", "health endpoint", "app/main.py")  # /health: AUD009 quiet
    assert has_fact(report, "backup", "", "k8s/postgres-backup-cronjob.yaml")
    assert has_fact(report, "monitoring", "")
    workflows = {f for c, _, f in facts(report) if c == "ci"}
    assert workflows == {DEPLOY_WF, PROD_WF}


def test_ceo_dashboard_is_judged_with_its_brief() -> None:
    report = audit(CEO)
    found = basis(report)
    assert found["assumed"] is False and found["maturity"] == "production"
    by_slug = {f["slug"]: f for f in findings(report)}
    # Seed 001, REJECTED 1: "Full Pulumi Migration for K8s - OVER-ENGINEERING ... Defer".
    assert decision(by_slug["mixed-iac-tools"]) == "defer"
    # APPROVED 1-3 are needed now.
    for slug in ("conflicting-workflows", "missing-file-reference", "undefined-variable"):
        assert decision(by_slug[slug]) == "approve", slug


@pytest.mark.parametrize("example", [VANTUS, CEO], ids=lambda p: p.name)
def test_examples_hold_no_secret(example: Path) -> None:
    assert not [f for f in findings(audit(example)) if f["slug"] == "secret-in-repository"]
