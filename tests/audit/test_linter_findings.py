"""A linter's finding keeps the linter's own column and code through every report format."""

from __future__ import annotations

from pathlib import Path

from infragate.audit.engine import run_audit
from infragate.audit.judgement import basis_from_brief
from infragate.report.audit_json import audit_data
from infragate.report.audit_sarif import audit_sarif

SCRIPT = "#!/bin/bash\nset -u\ntrue && cd /tmp\n"  # SC2164 at line 3, column 9


def test_shellcheck_column_and_code_reach_json_and_sarif(tmp_path: Path) -> None:
    (tmp_path / "run.sh").write_text(SCRIPT)
    report = run_audit(tmp_path, basis_from_brief(None, tmp_path), tools=("shellcheck",))
    (finding,) = [f for f in report.findings if f.slug == "shellcheck"]
    assert (finding.line, finding.column, finding.code) == (3, 9, "SC2164")
    assert finding.where == "run.sh:3:9"
    assert finding.evidence.startswith("SC2164: ")

    (data,) = [f for f in audit_data(report)["findings"] if f["slug"] == "shellcheck"]
    assert (data["line"], data["column"], data["code"]) == (3, 9, "SC2164")

    sarif = audit_sarif(report)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "AUD901"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 9}
    assert result["properties"]["code"] == "SC2164"


def test_infragate_rules_carry_no_linter_code(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("fastapi==0.110\n")
    report = run_audit(tmp_path, basis_from_brief(None, tmp_path), tools=())
    assert report.findings
    assert all(f.column is None and f.code is None for f in report.findings)
