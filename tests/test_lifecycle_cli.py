"""The lifecycle commands as a person runs them: exit codes, messages, waivers in reports."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from infragate.rules.gate import GATE_RULES
from tests.helpers import brief_text, run_cli
from tests.lifecycle_helpers import ANN, BOB, CARA, OWNERS
from tests.signing_keys import key_for, write_signers
from tests.test_cli import _sarif_validator

IN_A_MONTH = (date.today() + timedelta(days=30)).isoformat()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "brief.yaml").write_text(brief_text("production", OWNERS))
    write_signers(tmp_path / "infra", (ANN, BOB, CARA))
    return tmp_path


def signed(email: str) -> tuple[str, ...]:
    """--as and --key of an approver: their own throwaway key signs."""
    return ("--as", email, "--key", str(key_for(email)))


def cli(repo: Path, *args: str) -> tuple[int, str]:
    env = {"INFRAGATE_DATABASE_URL": f"sqlite:///{repo / 'store.db'}"}
    done = run_cli(*args, cwd=repo, env=env)
    return done.returncode, done.stdout + done.stderr


def test_approve_freeze_verify_and_tamper(repo: Path) -> None:
    assert cli(repo, "approve", "--role", "infra_owner", *signed("ann@example.com"))[0] == 0
    code, out = cli(repo, "approve", "--role", "budget_owner", *signed("ann@example.com"))
    assert code == 1 and "refused" in out and "is not the brief's budget_owner" in out
    assert cli(repo, "approve", "--role", "budget_owner", *signed("bob@example.com"))[0] == 0
    code, out = cli(repo, "freeze")
    assert code == 0 and "froze fixture-prod baseline v1" in out
    code, out = cli(repo, "verify")
    assert code == 0 and "verified" in out
    code, out = cli(repo, "verify", "--format", "json")
    assert json.loads(out)["ok"] is True
    code, out = cli(repo, "status")
    assert code == 0 and "state frozen" in out and "lock file: current" in out
    assert cli(repo, "verify", "--log")[0] == 0
    code, out = cli(repo, "log")
    assert code == 0 and "baseline.frozen" in out and "approval.recorded" in out
    code, out = cli(repo, "history")
    assert code == 0 and "v1" in out

    lock = repo / "infra" / "baseline.lock.json"
    lock.write_text(lock.read_text().replace('"version": 1', '"version": 7'))
    code, out = cli(repo, "verify")
    assert code == 1 and "FAIL hash" in out and "edited after 'infragate freeze'" in out


def test_bad_input_exits_2(repo: Path) -> None:
    code, out = cli(repo, "verify", "--lock", "nowhere.json")
    assert code == 2 and "nowhere.json" in out and "infragate freeze" in out
    (repo / "junk.json").write_text("{not json")
    code, out = cli(repo, "verify", "--lock", "junk.json")
    assert code == 2 and "junk.json:1:2: not JSON" in out and "restore the lock file" in out
    code, out = cli(repo, "approve", "--role", "infra_owner", "--as", "not-an-email")
    assert code == 2 and "is not an email address" in out
    done = run_cli("status", cwd=repo, env={"INFRAGATE_DATABASE_URL": "mysql://x@y/z"})
    assert done.returncode == 2 and "SQLite or PostgreSQL" in done.stderr
    code, out = cli(
        repo,
        "waive",
        "RS003",
        "--as",
        "ann@example.com",
        "--reason",
        "x" * 20,
        "--expires",
        "next week",
    )
    assert code == 2 and "write it as YYYY-MM-DD" in out


def test_waivers_show_in_check_and_plan_and_stop_blocking(repo: Path) -> None:
    brief = repo / "infra" / "brief.yaml"
    one_owner_two_roles = {
        "owners": [
            {
                "name": "Ann Infra",
                "email": "ann@example.com",
                "roles": ["infra_owner", "budget_owner"],
            },
            {"name": "Cara Lead", "email": "cara@example.com", "roles": ["tech_lead"]},
        ],
        "workload": {"datastores": ["sqlite", "redis"]},
    }
    brief.write_text(brief_text("production", one_owner_two_roles))
    assert cli(repo, "check")[0] == 1  # GATE004: one person holds both roles at production
    code, out = cli(repo, "approve", "--role", "infra_owner", *signed("ann@example.com"))
    assert code == 1 and "closed by 2 blocker(s): GATE004" in out and "RS003" in out
    code, out = cli(repo, "status")
    assert code == 0 and "blocker GATE004" in out and "fix or waive the blockers" in out
    for key in ("GATE004", "RS003"):
        code, out = cli(
            repo,
            "waive",
            key,
            "--as",
            "ann@example.com",
            "--reason",
            "second owner joins in January",
            "--expires",
            IN_A_MONTH,
        )
        assert code == 0, out
    code, out = cli(repo, "check")
    summary = f"open: {len(GATE_RULES) - 1} passed, 0 failed, 0 warnings, 1 waived"
    assert code == 0 and summary in out
    code, out = cli(repo, "check", "--format", "json")
    (waived,) = [r for r in json.loads(out)["results"] if r["status"] == "waived"]
    assert waived["id"] == "GATE004"
    assert waived["waiver"]["reason"] == "second owner joins in January"
    code, out = cli(repo, "check", "--format", "sarif")
    sarif = json.loads(out)
    _sarif_validator().validate(sarif)
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "GATE004" and result["suppressions"][0]["kind"] == "external"
    code, out = cli(repo, "plan")
    assert code == 0 and "Waived" in out and "RS003" in out
    code, out = cli(repo, "plan", "--format", "markdown")
    assert "## Waived blockers" in out and "## Blockers" not in out


def test_status_history_log_and_change_show_as_json_and_markdown(repo: Path) -> None:
    cli(repo, "approve", "--role", "infra_owner", *signed("ann@example.com"))
    code, out = cli(repo, "status", "--format", "json")
    status = json.loads(out)
    assert code == 0 and status["state"] == "designed"
    assert status["awaiting"] == [{"role": "budget_owner", "who": ["Bob Budget <bob@example.com>"]}]
    cli(repo, "approve", "--role", "budget_owner", *signed("bob@example.com"))
    cli(repo, "freeze")
    brief = repo / "infra" / "brief.yaml"
    brief.write_text(brief.read_text().replace("peak_rps: 40", "peak_rps: 120"))
    code, out = cli(repo, "change", "propose", "--as", "cara@example.com", "--reason", "campaign")
    assert code == 0 and "change request #1" in out and "prod/web" in out
    code, out = cli(repo, "change", "show", "--format", "markdown")
    assert code == 0 and out.startswith("# Change request #1 (proposed)")
    assert "| component | prod/web | changed |" in out
    code, out = cli(repo, "change", "show", "--format", "json")
    shown = json.loads(out)
    assert shown["requested_by"] == "cara@example.com"
    per_environment = shown["diff"]["delta_by_environment"].values()
    assert Decimal(shown["diff"]["delta_monthly_usd"]) == sum(map(Decimal, per_environment))
    code, out = cli(repo, "change", "show", "--number", "9")
    assert code == 2 and "no change request 9; known: #1" in out
    history = json.loads(cli(repo, "history", "--format", "json")[1])
    assert [b["version"] for b in history["baselines"]] == [1]
    assert [c["status"] for c in history["change_requests"]] == ["proposed"]
    trail = json.loads(cli(repo, "log", "--format", "json")[1])
    (project,) = trail["projects"]
    events = project["events"]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert all(b["prev_hash"] == a["hash"] for a, b in pairwise(events))
