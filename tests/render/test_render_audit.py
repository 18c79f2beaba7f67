"""What infragate renders passes infragate's own audit: none of the deficiencies the seed
audits found (no image, conflicting workflows, missing Dockerfiles, undefined variables,
sleeps, manual deploys, no backups, no metrics) is in a rendered repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from infragate.audit.engine import run_audit
from infragate.audit.judgement import basis_from_brief
from infragate.render import output
from tests.render_helpers import EXAMPLES, baseline_of, freeze_example, rendered


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_rendered_repository_has_no_audit_finding(example: str, tmp_path: Path) -> None:
    lock = freeze_example(example, tmp_path / example)
    root = lock.parent.parent
    output.apply(root, output.plan(root, rendered(lock), baseline_of(lock).project), False)
    report = run_audit(root, basis_from_brief(None, root), exclude=[".store/"])
    # judged at the brief's own maturity, not an assumed one
    assert not report.basis.assumed
    assert report.basis.maturity == baseline_of(lock).maturity
    assert [(f.rule_id, f.slug, f.where) for f in report.findings] == []
    # the linters really ran over the rendered files
    assert {"shellcheck", "hadolint", "actionlint"} <= set(report.tools)
