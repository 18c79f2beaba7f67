"""The FOCUS generator keeps its own account honestly: a month with no knob set bills the
frozen frame per environment and component, each knob adds exactly the spend it says, and
the bulk writer writes the rows asked for with valid columns."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from infragate.lifecycle.baseline import parse_lock
from tests.focus_totals import totals
from tests.focusfile import columns
from tests.focusgen import Scenario, business_hour, frame, write_bulk, write_month
from tests.render_helpers import freeze_example

FIVE = {"Usage", "Purchase", "Tax", "Credit", "Adjustment"}


@pytest.fixture(scope="module")
def baselines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """shopfront (staging on business hours) and marketplace (previews), frozen for real."""
    out = {}
    for name in ("shopfront", "marketplace"):
        lock = freeze_example(name, tmp_path_factory.mktemp(name))
        out[name] = parse_lock(lock.read_text())[1]
    return out


def _read(path: Path) -> list[dict[str, Any]]:
    """The file's rows through DuckDB, every field as text, tags parsed."""
    with duckdb.connect() as con:
        con.execute("SET TimeZone = 'UTC'")
        if path.name.endswith(".parquet"):
            source = "read_parquet(?)"
        else:
            source = "read_csv(?, all_varchar = true, nullstr = 'NULL')"
        rel = con.execute(f"SELECT * FROM {source}", [str(path)])
        names = [d[0] for d in rel.description]
        rows = [dict(zip(names, r, strict=True)) for r in rel.fetchall()]
    for row in rows:
        row["Tags"] = json.loads(row["Tags"]) if row["Tags"] is not None else None
    return rows


def _usage_by(rows: list[dict[str, Any]], prefix: str = "") -> dict[tuple[str, str], Decimal]:
    out: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in rows:
        tags = row["Tags"] or {}
        if row["ChargeCategory"] == "Usage" and f"{prefix}component" in tags:
            key = (tags[f"{prefix}environment"], tags[f"{prefix}component"])
            out[key] += Decimal(str(row["BilledCost"]))
    return dict(out)


def _flat(table: dict[str, dict[str, Decimal]]) -> dict[tuple[str, str], Decimal]:
    return {(env, c): v for env, comps in table.items() for c, v in comps.items()}


@pytest.mark.parametrize("example", ["shopfront", "marketplace"])
def test_a_plain_month_bills_the_frame_per_environment_and_component(
    baselines: dict[str, dict[str, Any]], example: str, tmp_path: Path
) -> None:
    document = baselines[example]
    path = tmp_path / "month.csv"
    account = write_month(path, Scenario(document))
    expected = _flat(frame(document))  # from the baseline's own cost lines
    assert expected and sum(expected.values()) == Decimal(document["monthly_usd"])
    assert _usage_by(_read(path)) == expected
    assert _flat(account["usage"]) == expected == _flat(account["expected"])
    assert account["off_schedule"] == {} and account["past_ttl"] == {}
    assert totals(path).rows == account["rows"]


def test_business_hours_components_bill_only_inside_the_window(
    baselines: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    document = baselines["shopfront"]
    scheduled = {
        e["name"]: e["hours_per_month"]
        for e in document["design"]["environments"]
        if e["schedule"] == "business_hours"
    }
    assert scheduled, "shopfront's staging runs on business hours"
    # components that stop outside the window: priced for the environment's hours only
    stoppable = {
        (c["environment"], c["id"])
        for c in document["design"]["components"]
        if scheduled.get(c["environment"]) == c["hours_per_month"]
    }
    assert stoppable
    path = tmp_path / "month.csv"
    write_month(path, Scenario(document))
    outside: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for row in _read(path):
        tags = row["Tags"] or {}
        if row["ChargeCategory"] != "Usage" or tags.get("environment") not in scheduled:
            continue
        at = datetime.fromisoformat(row["ChargePeriodStart"].replace(" ", "T") + "+00:00")
        if not business_hour(at):
            key = (tags["environment"], tags["component"], row["PricingUnit"])
            outside[key] += Decimal(row["BilledCost"])
    # their hourly lines (vCPU-, GB-, instance-hours) never bill at night or at weekends
    assert not [k for k in outside if (k[0], k[1]) in stoppable and k[2].endswith("hour")]
    # their storage and secrets do, and so do components that cannot stop (load balancer)
    assert any((k[0], k[1]) in stoppable for k in outside)
    assert any((k[0], k[1]) not in stoppable and k[2].endswith("hour") for k in outside)


def test_staging_left_running_at_night_bills_off_schedule(
    baselines: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    document = baselines["shopfront"]
    plain = write_month(tmp_path / "plain.csv", Scenario(document))
    path = tmp_path / "night.csv"
    night = write_month(path, Scenario(document, staging_runs_at_night=True))
    off = _flat(night["off_schedule"])
    assert off and all(v > 0 for v in off.values())
    assert {env for env, _ in off} == {"staging"}
    billed = _usage_by(_read(path))
    for key, value in _flat(plain["usage"]).items():
        assert billed[key] == value + off.get(key, Decimal(0))
    # the window is 12 h of 24 on weekdays only: a month at night costs more than by day
    for key, extra in off.items():
        assert extra > plain["usage"][key[0]][key[1]]


def test_a_preview_past_its_ttl_and_the_other_knobs(
    baselines: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    document = baselines["marketplace"]
    preview = next(e for e in document["design"]["environments"] if e["schedule"] == "ephemeral")
    ttl = int(preview["ttl_hours"])
    path = tmp_path / "month.parquet"
    scenario = Scenario(
        document,
        preview_past_ttl=("pr-7", ttl + 100),
        untagged_usd=Decimal("30.00"),
        unknown_environment="qa",
        scale={"web": 2},
        tag_prefix="user:",
    )
    account = write_month(path, scenario)
    rows = _read(path)
    assert set(columns("1.2")) == set(rows[0])
    assert account["previews"]["pr-7"] == ttl + 100
    assert {n: h for n, h in account["previews"].items() if n != "pr-7"} == {
        f"pr-{i}": ttl for i in range(1, int(preview["instances_per_month"]) + 1) if i != 7
    }
    hours: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        tags = row["Tags"] or {}
        if "user:preview" in tags:
            hours[tags["user:preview"]].add(str(row["ChargePeriodStart"]))
    assert {n: len(h) for n, h in hours.items()} == account["previews"]
    by = _usage_by(rows, "user:")
    base = _flat(frame(document))
    extra = account["past_ttl"]["pr-7"]["extra_usd"]
    for (env, comp), value in base.items():
        scaled = value * (2 if comp == "web" else 1)
        if env == preview["name"]:
            continue
        assert by[(env, comp)] == scaled
    preview_billed = sum((v for (e, _), v in by.items() if e == preview["name"]), Decimal(0))
    preview_frame = sum(
        (v * (2 if c == "web" else 1) for (e, c), v in base.items() if e == preview["name"]),
        Decimal(0),
    )
    assert extra > 0 and preview_billed == preview_frame + extra
    untagged = sum((Decimal(str(r["BilledCost"])) for r in rows if not r["Tags"]), Decimal(0))
    assert untagged == account["untagged_usd"]
    qa = sum(
        (
            Decimal(str(r["BilledCost"]))
            for r in rows
            if (r["Tags"] or {}).get("user:environment") == "qa"
        ),
        Decimal(0),
    )
    assert qa == account["unknown_environment"]["qa"]
    categories = {r["ChargeCategory"] for r in rows}
    assert {"Usage", "Tax", "Credit"} <= categories <= FIVE
    assert all(r["SubAccountId"] == account["subaccount"] for r in rows)
    assert account["subaccount"].startswith("00")


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".parquet"])
def test_the_bulk_writer_writes_exactly_n_valid_rows(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"bulk{suffix}"
    n = 50_000
    info = write_bulk(path, n, seed=7)
    with duckdb.connect() as con:
        source = "read_parquet(?)" if suffix == ".parquet" else "read_csv(?, all_varchar = true)"
        names = [d[0] for d in con.execute(f"DESCRIBE SELECT * FROM {source}", [str(path)]).fetchall()]  # fmt: skip
        assert names == columns("1.2")
        (count, bad_cost, bad_tags, categories, projects, envs, resources, ids) = con.execute(
            f"""
            SELECT count(*),
                   count(*) FILTER (WHERE TRY_CAST(BilledCost AS DECIMAL(38, 10)) IS NULL),
                   count(*) FILTER (WHERE Tags IS NOT NULL AND NOT json_valid(Tags)),
                   list_sort(list(DISTINCT ChargeCategory)),
                   count(DISTINCT json_extract_string(Tags, '$.project')),
                   count(DISTINCT json_extract_string(Tags, '$.environment')),
                   count(DISTINCT ResourceId),
                   list(DISTINCT SubAccountId)
            FROM {source}
            """,
            [str(path)],
        ).fetchone()  # type: ignore[misc]
    assert count == n == info["rows"]
    assert bad_cost == 0 and bad_tags == 0
    assert set(categories) == FIVE
    assert projects == len(info["projects"]) and envs == len(info["environments"])
    assert resources >= 300
    assert all(len(i) == 12 and i.startswith("0") for i in ids)


@pytest.mark.parametrize(("version", "suffix"), [("1.0", ".csv"), ("1.3", ".csv.gz")])
def test_a_month_in_another_version_sums_as_its_account_says(
    baselines: dict[str, dict[str, Any]], tmp_path: Path, version: str, suffix: str
) -> None:
    path = tmp_path / f"month{suffix}"
    scenario = Scenario(baselines["shopfront"], version=version, timestamps="iso")
    account = write_month(path, scenario)
    t = totals(path)  # csv + Decimal, independent of DuckDB
    assert t.rows == account["rows"] and t.billed == account["billed"]
    assert t.by_category["Tax"].billed == sum(account["tax"].values())
    assert t.by_category["Credit"].billed == sum(account["credit"].values())
    assert set(t.by_subaccount) == {account["subaccount"]}
    assert [c.strip('"') for c in _first_line(path).split(",")] == columns(version)
    assert list(t.by_period) == [f"{scenario.month:%Y-%m-%d} 00:00:00"]


def _first_line(path: Path) -> str:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt") as f:
        return f.readline().rstrip("\n")
