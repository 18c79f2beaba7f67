"""Maturity-aware judgement: the same repository, judged for a prototype and for production."""

from __future__ import annotations

from pathlib import Path

import pytest

from infragate.audit.engine import findings
from infragate.audit.inventory import build_inventory
from infragate.audit.judgement import ASSUMED, basis_from_brief, judge
from infragate.audit.model import Decision, Hit, MaturityBasis, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules import BY_SLUG
from infragate.brief.model import Maturity
from tests.helpers import brief_text

REPO = Repo.from_texts(
    {
        "package.json": '{"name": "shop", "dependencies": {"next": "14"}}',
        "prisma/schema.prisma": 'datasource db {\n  provider = "sqlite"\n  url = "file:./prod.db"\n}\n',
        "infra/Pulumi.yaml": "name: shop\nruntime: nodejs\n",
        "k8s/app.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: app\n",
        # seed 001's hybrid: Pulumi for the infrastructure, the manifests applied by hand
        "docs/INFRA.md": "The cluster is managed by hand:\n\n    kubectl apply -f k8s/\n",
    }
)


def _judged(maturity: Maturity, criticality: str | None = None) -> dict[str, tuple[Severity, Decision, Maturity | None]]:  # fmt: skip
    basis = MaturityBasis(maturity, criticality, "test", assumed=False)
    return {
        f.slug: (f.severity, f.judgement.decision, f.judgement.needed_from)
        for f in findings(REPO, build_inventory(REPO), basis)
    }


def test_sqlite_is_a_deferred_shortcut_for_a_prototype_and_critical_in_production() -> None:
    prototype, production = _judged(Maturity.prototype), _judged(Maturity.production)
    assert prototype["sqlite-in-production"] == (Severity.low, Decision.defer, Maturity.mvp)
    assert production["sqlite-in-production"] == (Severity.critical, Decision.approve, Maturity.mvp)
    assert prototype["no-backup"][1] is Decision.defer
    assert production["no-backup"][:2] == (Severity.critical, Decision.approve)


def test_mixed_iac_is_deferred_until_scale_as_seed_001_decided() -> None:
    assert _judged(Maturity.production)["mixed-iac-tools"] == (
        Severity.low,
        Decision.defer,
        Maturity.scale,
    )
    assert _judged(Maturity.scale)["mixed-iac-tools"][1] is Decision.approve


def test_critical_data_raises_data_sensitive_findings_only() -> None:
    medium, high = _judged(Maturity.mvp, "medium"), _judged(Maturity.mvp, "critical")
    assert medium["sqlite-in-production"][0] is Severity.high
    assert high["sqlite-in-production"][0] is Severity.critical
    assert medium["no-container-image"][0] == high["no-container-image"][0]


def test_defects_are_approved_at_every_maturity() -> None:
    rule = BY_SLUG["missing-file-reference"]
    for level in Maturity:
        basis = MaturityBasis(level, None, "test", assumed=False)
        finding = judge(rule, Hit("ci.yml", 3, "x"), basis)
        assert finding.judgement.decision is Decision.approve
        assert "every maturity" in finding.judgement.reason


def test_deferred_findings_never_fail_the_run() -> None:
    from infragate.audit.model import AuditReport

    basis = MaturityBasis(Maturity.prototype, None, "test", assumed=False)
    found = findings(REPO, build_inventory(REPO), basis)
    report = AuditReport(".", 4, basis, [], found, [])
    assert all(f.judgement.decision is Decision.defer for f in report.failing(Severity.info))
    assert report.failing(Severity.info) == []


def test_basis_comes_from_the_brief_or_is_stated_as_assumed(tmp_path: Path) -> None:
    assumed = basis_from_brief(None, tmp_path)
    assert assumed.assumed and assumed.maturity is ASSUMED and "assumed" in assumed.source
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "brief.yaml").write_text(brief_text("prototype"))
    found = basis_from_brief(None, tmp_path)
    assert (found.maturity, found.assumed) == (Maturity.prototype, False)
    other = tmp_path / "other.yaml"
    other.write_text(brief_text("production", {"data": {"criticality": "critical"}}))
    given = basis_from_brief(other, tmp_path)
    assert (given.maturity, given.criticality) == (Maturity.production, "critical")


def test_a_bad_brief_is_an_input_error(tmp_path: Path) -> None:
    from infragate.errors import InputError

    bad = tmp_path / "brief.yaml"
    bad.write_text("version: 1\nmaturity: enormous\n")
    with pytest.raises(InputError):
        basis_from_brief(bad, tmp_path)
