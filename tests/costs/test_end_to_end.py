"""The issue's end-to-end case, through the real CLI: a frozen example, a generated month of
FOCUS data in which staging is left running at night, one preview outlives its TTL and the
databases cost 30 % more than framed, gives the variances the generator's own account
implies and exactly those two stale findings."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from infragate.catalog.loader import load_catalog
from infragate.lifecycle.baseline import parse_lock
from tests.focus_totals import cents
from tests.focusgen import Scenario, write_month
from tests.helpers import run_cli
from tests.render_helpers import freeze_example

# enterprise-launch: production maturity, so a preview, a business-hours staging and prod
EXAMPLE = "enterprise-launch"
MONTH = date(2026, 12, 1)  # the example is frozen on 2026-11-25: all of December under v1
PREVIEW, PREVIEW_HOURS = "pr-3", 100
SCALE = Decimal("1.3")


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    dest = tmp_path_factory.mktemp("e2e")
    lock = freeze_example(EXAMPLE, dest)
    baseline = parse_lock(lock.read_text())[1]
    bill = dest / "december.parquet"
    account = write_month(
        bill,
        Scenario(
            baseline,
            month=MONTH,
            staging_runs_at_night=True,
            preview_past_ttl=(PREVIEW, PREVIEW_HOURS),
            scale={"database": SCALE},
            tag_prefix="user:",  # as AWS's FOCUS export writes user-defined tags
        ),
    )
    env = {"INFRAGATE_DATABASE_URL": f"sqlite:///{dest / '.store' / 'infragate.db'}"}
    imported = run_cli("costs", "import", bill, "--format", "json", env=env)
    assert imported.returncode == 0, imported.stderr
    yield {
        "dest": dest,
        "env": env,
        "baseline": baseline,
        "account": account,
        "import": json.loads(imported.stdout),
    }


def _json(month: dict[str, Any], *args: str) -> tuple[int, dict[str, Any]]:
    done = run_cli("costs", *args, "--format", "json", env=month["env"])
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def test_the_import_bills_what_the_generator_wrote(month: dict[str, Any]) -> None:
    account = month["account"]
    imported = month["import"]["files"][0]
    assert imported["rows"] == account["rows"]
    assert imported["focus_version"] == "1.2"
    assert Decimal(sum(Decimal(v) for v in imported["billed"].values())) == account["billed"]
    assert imported["unattributed_effective"] == "0"


def test_the_report_compares_each_component_with_its_frame(month: dict[str, Any]) -> None:
    account = month["account"]
    code, report = _json(month, "report", "--project", account["project"])
    assert code == 0  # over the frame, but within the hard budget: a finding, not a failure
    (project,) = report["projects"]
    variance = project["variance"]
    assert variance["days_compared"] == 31
    shown = {(c["environment"], c["component"]): c for c in variance["components"]}
    framed = {(e, c): v for e, comps in account["frame"].items() for c, v in comps.items()}
    billed = {(e, c): v for e, comps in account["usage"].items() for c, v in comps.items()}
    assert set(shown) == set(framed)
    for key, line in shown.items():
        assert Decimal(line["expected"]) == cents(framed[key]), key
        assert Decimal(line["effective"]) == cents(billed.get(key, Decimal(0))), key
    expected_total, actual_total = sum(framed.values()), sum(billed.values())
    assert Decimal(variance["expected"]) == cents(expected_total)
    assert Decimal(variance["effective"]) == cents(actual_total)
    tolerance = load_catalog().threshold("cost_variance_pct") / 100
    whole = (actual_total - expected_total) / expected_total
    assert variance["beyond_tolerance"] == (abs(whole) > tolerance)
    assert variance["beyond_tolerance"]  # the scenario is built to cross it
    # the drivers: components moving the same way as the whole, beyond tolerance on their own
    moving = [
        key
        for key, frame in framed.items()
        if frame > 0
        and (billed.get(key, Decimal(0)) - frame) * whole > 0
        and abs(billed.get(key, Decimal(0)) - frame) / frame > tolerance
    ]
    moving.sort(key=lambda k: abs(billed.get(k, Decimal(0)) - framed[k]), reverse=True)
    drivers = [(d["environment"], d["component"]) for d in variance["drivers"]]
    assert drivers == moving[:5]
    assert ("prod", "database") in drivers and ("staging", "web") in drivers
    assert [f["rule"] for f in report["findings"]] == ["COST001"]


def test_exactly_the_staging_night_and_the_overdue_preview_are_stale(
    month: dict[str, Any],
) -> None:
    account = month["account"]
    code, stale = _json(month, "stale")
    assert code == 1
    found = {(f["kind"], f["subject"]): f for f in stale["findings"]}
    assert set(found) == {("outside_schedule", "staging"), ("preview_past_ttl", PREVIEW)}
    night = found[("outside_schedule", "staging")]
    assert Decimal(night["spend"]) == cents(sum(account["off_schedule"]["staging"].values()))
    assert set(night["components"]) == set(account["off_schedule"]["staging"])
    overdue = found[("preview_past_ttl", PREVIEW)]
    past = account["past_ttl"][PREVIEW]
    assert Decimal(overdue["spend"]) == cents(past["extra_usd"])
    assert Decimal(overdue["hours"]) == past["hours"] - past["ttl_hours"]
    # the biggest waste first
    wastes = [Decimal(f["monthly_waste"]) for f in stale["findings"]]
    assert wastes == sorted(wastes, reverse=True)


def test_a_clean_month_of_the_same_example_has_nothing_stale(
    month: dict[str, Any], tmp_path: Path
) -> None:
    # a copy of the store, so the other tests keep the scenario's month
    copy = tmp_path / "copy.db"
    source = sqlite3.connect(month["dest"] / ".store" / "infragate.db")
    with sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    mine = {**month, "env": {"INFRAGATE_DATABASE_URL": f"sqlite:///{copy}"}}
    clean = tmp_path / "clean.csv.gz"
    write_month(clean, Scenario(month["baseline"], month=MONTH, version="1.3"))
    # the same billing period again: the clean month replaces the scenario's
    assert run_cli("costs", "import", clean, env=mine["env"]).returncode == 0
    code, stale = _json(mine, "stale")
    assert (code, stale["findings"]) == (0, [])
    code, report = _json(mine, "report")
    assert code == 0
    assert report["findings"] == []
    assert report["projects"][0]["variance"]["beyond_tolerance"] is False


def test_the_handover_pack_shows_the_imported_bills(month: dict[str, Any]) -> None:
    owner = next(
        o["email"] for o in month["baseline"]["brief"]["owners"] if "infra_owner" in o["roles"]
    )
    out = month["dest"] / "pack"
    done = run_cli(
        "handover", "--as", owner, "-f", "markdown", "-o", out, cwd=month["dest"], env=month["env"]
    )
    assert done.returncode == 0, done.stderr
    text = next(out.glob("*.md")).read_text()
    effective = cents(Decimal(month["import"]["files"][0]["projects"][month["account"]["project"]]))
    assert "Actual cost: the bills imported" in text
    assert f"| 2026-12 | {effective} USD |" in text
    assert "no bills imported" not in text
