"""The example Rego policies in policies/, evaluated by regopy (rego-cpp, OPA's language)
against plan and lock files the real CLI writes from the bundled examples: each passes on a
good file and denies a changed one with its message (docs/policy.md)."""

from __future__ import annotations

import copy
import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import regopy
import yaml

from tests.helpers import ROOT, run_cli
from tests.signing_keys import key_for, write_signers

POLICIES = ROOT / "policies"
PACKAGES = ("plan.database", "plan.budget", "lock.approvals", "lock.waivers")
IN_60_DAYS = (date.today() + timedelta(days=60)).isoformat()


def deny(package: str, document: dict[str, Any], data: dict[str, Any] | None = None) -> list[str]:
    """The messages of `data.infragate.<package>.deny` for `document`, every policy loaded
    as Conftest loads a folder."""
    rego = regopy.Interpreter()
    for path in sorted(POLICIES.rglob("*.rego")):
        rego.add_module(str(path.relative_to(POLICIES)), path.read_text())
    if data is not None:
        rego.add_data({"infragate": data})
    rego.set_input(regopy.Input(document))
    output = rego.query(f"data.infragate.{package}.deny")
    assert output.ok(), str(output)
    (messages,) = json.loads(str(output))["expressions"]
    return sorted(messages)


def plan(example: str, tmp_path: Path, edit: tuple[str, str] | None = None) -> dict[str, Any]:
    """`infragate plan --format json` of a bundled example (its brief edited first)."""
    brief = tmp_path / example / "infra" / "brief.yaml"
    brief.parent.mkdir(parents=True)
    text = (ROOT / "examples" / example / "infra" / "brief.yaml").read_text()
    if edit is not None:
        assert edit[0] in text
        text = text.replace(*edit)
    brief.write_text(text)
    out = tmp_path / f"{example}.plan.json"
    done = run_cli("plan", brief, "--format", "json", "--output", out)
    assert done.returncode in (0, 1), done.stderr  # 1: a blocker the policy may judge too
    data: dict[str, Any] = json.loads(out.read_text())
    return data


@pytest.fixture(scope="module")
def lock(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """enterprise-launch frozen through the CLI: its SQLite blocker waived for 60 days,
    approved by both owners with their keys, then frozen."""
    repo = tmp_path_factory.mktemp("enterprise-launch")
    shutil.copytree(ROOT / "examples" / "enterprise-launch" / "infra", repo / "infra")
    owners = [
        o["email"] for o in yaml.safe_load((repo / "infra" / "brief.yaml").read_text())["owners"]
    ]
    write_signers(repo / "infra", owners)
    env = {"INFRAGATE_DATABASE_URL": f"sqlite:///{repo / 'store.db'}"}
    infra_owner, budget_owner = owners
    steps = [
        ("waive", "RS003", "--as", infra_owner, "--reason", "managed PostgreSQL in January",
         "--expires", IN_60_DAYS),
        ("approve", "--role", "infra_owner", "--as", infra_owner, "--key", key_for(infra_owner)),
        ("approve", "--role", "budget_owner", "--as", budget_owner, "--key", key_for(budget_owner)),
        ("freeze",),
    ]  # fmt: skip
    for step in steps:
        done = run_cli(*step, cwd=repo, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    data: dict[str, Any] = json.loads((repo / "infra" / "baseline.lock.json").read_text())
    return data


def test_every_policy_passes_a_good_plan_and_lock(tmp_path: Path, lock: dict[str, Any]) -> None:
    good = plan("marketplace", tmp_path)
    for package in PACKAGES:
        assert deny(package, good) == [], package
        assert deny(package, lock) == [], package


def test_production_database_must_be_multi_az_with_backups(tmp_path: Path) -> None:
    # ceo-dashboard as bundled: production, but its database sits in one zone
    assert deny("plan.database", plan("ceo-dashboard", tmp_path)) == [
        "ceo-dashboard: the prod database 'database' (PostgreSQL) is not Multi-AZ at "
        "maturity production"
    ]
    changed = plan("marketplace", tmp_path)
    (database,) = [
        c for c in changed["components"] if c["id"] == "database" and c["environment"] == "prod"
    ]
    database["settings"]["point_in_time_recovery"] = "no"
    database["settings"]["backup_retention_days"] = "3"
    assert deny("plan.database", changed) == [
        "marketplace: the prod database 'database' has no point-in-time recovery",
        "marketplace: the prod database 'database' keeps backups 3 day(s), fewer than 7",
    ]
    # an mvp is not held to it
    assert deny("plan.database", plan("shopfront", tmp_path)) == []


def test_monthly_cost_under_the_brief_budget(tmp_path: Path, lock: dict[str, Any]) -> None:
    good = plan("shopfront", tmp_path)
    assert deny("plan.budget", good) == []
    over = plan(
        "shopfront",
        tmp_path / "over",
        (
            "budget: {monthly_usd: 600, hard_limit: true}",
            "budget: {monthly_usd: 250, hard_limit: false}",
        ),
    )
    assert deny("plan.budget", over) == [
        f"shopfront: the design costs {over['cost']['monthly_usd']} USD a month, over the "
        "brief's budget of 250.00 USD"
    ]
    # the same policy reads the design a lock file carries
    poorer = copy.deepcopy(lock)
    poorer["baseline"]["design"]["cost"]["budget"]["monthly_usd"] = "100.00"
    (message,) = deny("plan.budget", poorer)
    assert message.startswith("vantus-portal: the design costs ") and message.endswith(
        "over the brief's budget of 100.00 USD"
    )


def test_lock_needs_both_approving_roles(lock: dict[str, Any]) -> None:
    missing = copy.deepcopy(lock)
    missing["baseline"]["approvals"] = [
        a for a in missing["baseline"]["approvals"] if a["role"] != "budget_owner"
    ]
    assert deny("lock.approvals", missing) == [
        "vantus-portal v1: no approval by the brief's budget_owner for the frozen design"
    ]
    stranger = copy.deepcopy(lock)
    for approval in stranger["baseline"]["approvals"]:
        if approval["role"] == "infra_owner":
            approval["email"] = "mallory@example.com"
    stale = copy.deepcopy(lock)
    stale["baseline"]["design_sha256"] = "0" * 64
    assert deny("lock.approvals", stranger) == [
        "vantus-portal v1: no approval by the brief's infra_owner for the frozen design"
    ]
    assert len(deny("lock.approvals", stale)) == 2


def test_no_waiver_expiring_soon(lock: dict[str, Any]) -> None:
    (waiver,) = lock["baseline"]["waivers"]
    assert waiver["expires_on"] == IN_60_DAYS
    soon = copy.deepcopy(lock)
    soon["baseline"]["waivers"][0]["expires_on"] = (date.today() + timedelta(days=3)).isoformat()
    expected = (
        f"vantus-portal v1: the waiver of RS003 (by jules@example.com) expires on "
        f"{soon['baseline']['waivers'][0]['expires_on']}, within 14 days"
    )
    assert deny("lock.waivers", soon) == [expected]
    # judged as of a later day, or with a wider window, the real lock is denied too
    later = (date.today() + timedelta(days=50)).isoformat()
    assert len(deny("lock.waivers", lock, {"today": later})) == 1
    assert deny("lock.waivers", lock, {"waiver_days": 90}) == [
        f"vantus-portal v1: the waiver of RS003 (by jules@example.com) expires on "
        f"{IN_60_DAYS}, within 90 days"
    ]


def test_lock_policies_leave_a_plan_alone(tmp_path: Path) -> None:
    """Conftest runs every namespace on every file: a plan has no approvals to miss."""
    bare = plan("hackathon", tmp_path)
    assert deny("lock.approvals", bare) == [] and deny("lock.waivers", bare) == []
