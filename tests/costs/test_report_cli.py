"""`infragate costs report` as a person and a pipeline run it: every project by team and cost
centre, one project, the formats (SARIF validated against its schema), exit codes."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from infragate.costs.spend import cents
from infragate.store.engine import Store
from tests.costs.bills import Row, daily, frame_rows, total
from tests.costs.conftest import frozen, import_bill
from tests.helpers import run_cli
from tests.lifecycle_helpers import OWNERS, Project
from tests.test_cli import _sarif_validator

DECEMBER = [date(2026, 12, d) for d in range(1, 32)]


def _cli(store_url: str, *args: str | Path) -> tuple[int, str, str]:
    done = run_cli("costs", "report", *args, env={"INFRAGATE_DATABASE_URL": store_url})
    return done.returncode, done.stdout, done.stderr


def test_every_project_by_team_and_cost_centre(
    tmp_path: Path, store: Store, store_url: str
) -> None:
    web = frozen(tmp_path / "web", store)
    data = frozen(
        tmp_path / "data",
        store,
        project={"name": "fixture-data", "team": "data", "cost_center": "CC-9"},
    )
    assert (web.team, data.team) == ("web", "data")
    web_rows = frame_rows(web, DECEMBER)
    data_rows = frame_rows(data, DECEMBER, {("staging", "nat_gateway"): Decimal(3)})
    ghost = [
        Row(d, daily(web.monthly_usd / 50, d), "arn:aws:ec2:i-ghost", "Amazon EC2",
            {"project": "ghost", "environment": "prod"})
        for d in DECEMBER
    ]  # fmt: skip
    import_bill(store, tmp_path / "dec.csv", [*web_rows, *data_rows, *ghost])

    code, out, err = _cli(store_url, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["billing_period"] == "2026-12" and report["as_of"] == "2026-12-31"
    teams = {(t["team"], t["cost_center"]): t for t in report["teams"]}
    assert set(teams) == {("data", "CC-9"), ("web", "CC-2")}
    assert teams[("web", "CC-2")]["projects"] == [web.project]
    assert teams[("web", "CC-2")]["effective"] == str(cents(total(web_rows)))
    assert teams[("data", "CC-9")]["effective"] == str(cents(total(data_rows)))
    assert teams[("data", "CC-9")]["expected"] == str(data.monthly_usd)
    assert report["unknown_projects"] == {"ghost": str(cents(total(ghost)))}
    # spend by team (the default without --project): the brief's teams, and the ghost's none
    groups = {g["team"]: g["running"]["effective"] for g in report["allocation"]["groups"]}
    assert groups == {
        "web": str(cents(total(web_rows))),
        "data": str(cents(total(data_rows))),
        None: str(cents(total(ghost))),
    }
    findings = [(f["rule"], f["project"]) for f in report["findings"]]
    assert findings == [("COST001", "fixture-data")]
    drivers = report["projects"][0]["variance"]["drivers"]
    assert [(d["environment"], d["component"]) for d in drivers] == [("staging", "nat_gateway")]
    assert report["exit_code"] == 0

    code, out, err = _cli(store_url, "--by", "cost_center", "--format", "markdown")
    assert code == 0, err
    assert "| web | CC-2 | fixture-prod | 31 |" in out
    assert "| CC-9 | " + f"${cents(total(data_rows)):,}" in out
    assert "## Projects the store does not know" in out and "| ghost |" in out
    assert "COST001" in out and "staging/nat_gateway" in out

    code, out, err = _cli(store_url)  # text
    assert code == 0, err
    assert "Costs of all projects (2), billing period 2026-12" in out
    assert "COST001 cost-variance: fixture-data 2026-12" in out

    code, out, err = _cli(store_url, "--format", "sarif", "--output", tmp_path / "c.sarif")
    assert code == 0 and out == "", err
    sarif = json.loads((tmp_path / "c.sarif").read_text())
    _sarif_validator().validate(sarif)
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["properties"]["project"]) for r in results] == [
        ("COST001", "fixture-data")
    ]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "infra/baseline.lock.json"
    )


def test_one_project_over_a_hard_budget_exits_1(
    tmp_path: Path, store: Store, store_url: str
) -> None:
    frame = frozen(tmp_path / "repo", store, budget={"monthly_usd": 3000, "hard_limit": True})
    assert frame.budget_usd is not None
    over = [
        Row(d, frame.budget_usd / 20, "arn:aws:rds:db", "RDS",
            {"project": frame.project, "environment": "prod", "component": "database"})
        for d in DECEMBER[:25]
    ]  # fmt: skip
    import_bill(store, tmp_path / "dec.csv", over)

    code, out, err = _cli(store_url, "--project", frame.project, "--format", "sarif")
    assert code == 1, err
    sarif = json.loads(out)
    _sarif_validator().validate(sarif)
    levels = {r["ruleId"]: r["level"] for r in sarif["runs"][0]["results"]}
    assert levels["COST003"] == "error"

    code, out, err = _cli(store_url, "--project", frame.project, "--as-of", "2026-12-20")
    assert code == 0, err  # on the 20th the budget is reached, not exceeded
    assert "COST002 budget-forecast" in out and "COST003" not in out

    code, out, err = _cli(store_url, "--project", frame.project)
    assert code == 1
    assert f"exceeds the hard budget of ${frame.budget_usd:,}" in out
    assert "a hard budget is exceeded (exit 1)" in out

    code, out, err = _cli(store_url, "-p", frame.project, "--output", tmp_path / "costs.txt")
    assert code == 1 and out == "" and "wrote" in err
    written = (tmp_path / "costs.txt").read_text()
    assert f"Costs of {frame.project}, billing period 2026-12, as of 2026-12-25" in written
    assert "COST003 hard-budget-exceeded" in written and "\x1b" not in written


def test_bad_usage_exits_2_and_says_what_exists(
    tmp_path: Path, store: Store, store_url: str
) -> None:
    frame = frozen(tmp_path / "repo", store)
    code, _, err = _cli(store_url)
    assert code == 2 and "no bills are imported" in err and "Traceback" not in err
    import_bill(store, tmp_path / "dec.csv", frame_rows(frame, DECEMBER[:2]))
    for args, message in (
        (("--project", "nope"), f"--project nope: not in the store (projects: {frame.project})"),
        (("--period", "2026-13"), "--period '2026-13': expected YYYY-MM"),
        (("--period", "2026-10"), "no bill for it; imported: 2026-12"),
        (("--as-of", "yesterday"), "--as-of 'yesterday': expected a date YYYY-MM-DD"),
        (("--tolerance", "-5"), "--tolerance '-5': expected a percentage of 0 or more"),
        (("--by", "colour"), "colour"),
    ):
        code, _, err = _cli(store_url, *args)
        assert code == 2, (args, err)
        assert message in " ".join(err.split()), (args, err)
        assert "Traceback" not in err


def test_a_draft_without_spend_is_left_out_of_the_monthly_view(
    tmp_path: Path, store: Store, store_url: str
) -> None:
    frame = frozen(tmp_path / "repo", store)
    draft = Project(tmp_path / "draft", store, patch={**OWNERS, "project": {"name": "drafty"}})
    draft.approve_all()  # approved, never frozen, never billed
    import_bill(store, tmp_path / "dec.csv", frame_rows(frame, DECEMBER))
    code, out, err = _cli(store_url, "--format", "json")
    assert code == 0, err
    assert [p["project"] for p in json.loads(out)["projects"]] == [frame.project]
    code, out, err = _cli(store_url, "--project", "drafty", "--format", "json")
    assert code == 0, err  # asked for by name: shown, with nothing to compare
    (shown,) = json.loads(out)["projects"]
    assert shown["state"] == "approved" and shown["variance"]["days_compared"] == 0
    assert shown["variance"]["expected"] == "0.00" and shown["forecast"]["budget"] is None
