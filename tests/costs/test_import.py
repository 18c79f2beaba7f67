"""`costs import`: FOCUS files into the store, all or nothing, idempotent per billing period,
an event per project; problems as FILE:ROW:COLUMN with exit 2."""

from __future__ import annotations

import csv
import gzip
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from infragate.costs.importing import EVENT_KIND, import_files
from infragate.costs.problems import FocusError
from infragate.costs.tagmap import with_overrides
from infragate.lifecycle.clock import Clock
from infragate.store import costs as cost_store
from infragate.store import repository as repo
from infragate.store import tables as t
from infragate.store.engine import Store
from tests.helpers import run_cli
from tests.lifecycle_helpers import Project

CLOCK = Clock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC), "finops@example.com")
HEADER = [
    "BilledCost",
    "EffectiveCost",
    "ListCost",
    "BillingAccountId",
    "BillingCurrency",
    "BillingPeriodStart",
    "BillingPeriodEnd",
    "ChargeCategory",
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "ServiceName",
    "ResourceId",
    "ConsumedQuantity",
    "ConsumedUnit",
    "Tags",
]


def tags(project: str | None, env: str | None, prefix: str = "", **more: str) -> str:
    values = {"project": project, "environment": env, **more}
    return json.dumps({f"{prefix}{k}": v for k, v in values.items() if v is not None})


def charge(
    billed: str,
    *,
    effective: str | None = None,
    category: str = "Usage",
    start: str = "2026-11-03T10:00:00Z",
    end: str = "2026-11-03T11:00:00Z",
    period: str = "2026-11-01T00:00:00Z",
    account: str = "000123456789",
    tag_text: str = "NULL",
    resource: str = "arn:aws:ecs:eu-west-1:000123456789:service/web",
) -> list[str]:
    return [
        billed,
        effective if effective is not None else billed,
        billed,
        account,
        "USD",
        period,
        "2026-12-01T00:00:00Z" if period.startswith("2026-11") else "2026-11-01T00:00:00Z",
        category,
        start,
        end,
        "Amazon Elastic Container Service",
        resource,
        "1",
        "Hours",
        tag_text,
    ]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            # literal NULL unquoted, as the exporters write it
            handle.write(",".join("NULL" if v == "NULL" else _quoted(v) for v in row) + "\r\n")
    return path


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def test_money_stays_decimal_and_categories_stay_apart(tmp_path: Path, store: Store) -> None:
    rows = [
        charge("0.10000000001", tag_text=tags("shop", "prod")),
        charge("0.20000000002", tag_text=tags("shop", "prod")),
        charge("1.5E-7", tag_text=tags("shop", "prod")),  # exponent notation is a number
        charge("-3.25", category="Credit", tag_text=tags("shop", "prod")),
        charge("0.70", category="Tax"),
        charge("12.00", category="Purchase", tag_text=tags("shop", "prod")),
        charge("0.01", category="Adjustment", tag_text=tags("shop", "prod")),
    ]
    report = import_files(store, [write_csv(tmp_path / "bill.csv", rows)], CLOCK)
    scanned = report.files[0].scanned
    assert scanned.rows == len(rows)
    assert scanned.billed["Usage"] == Decimal("0.30000015003")
    assert scanned.billed == {
        "Usage": Decimal("0.30000015003"),
        "Credit": Decimal("-3.25"),
        "Tax": Decimal("0.70"),
        "Purchase": Decimal("12.00"),
        "Adjustment": Decimal("0.01"),
    }
    with store.read() as conn:
        stored = cost_store.facts(conn)
    assert sum((f.billed for f in stored), Decimal(0)) == sum(scanned.billed.values(), Decimal(0))
    assert {f.billing_account for f in stored} == {"000123456789"}  # leading zeros kept
    assert all(isinstance(f.billed, Decimal) for f in stored)
    # the tax line has no tags: unattributed, and counted as such
    assert report.files[0].unattributed == Decimal("0.70")


def test_timestamps_with_and_without_t_and_z_and_offsets(tmp_path: Path, store: Store) -> None:
    rows = [
        charge("1", start="2026-11-03 21:00:00", end="2026-11-03 22:00:00"),
        charge("2", start="2026-11-03T21:00:00Z", end="2026-11-03T22:00:00Z"),
        # 23:00 at +02:00 is 21:00 UTC: outside the business-hours window like the others
        charge("4", start="2026-11-03T23:00:00+02:00", end="2026-11-04T00:00:00+02:00"),
        charge("8", start="2026-11-03T10:00:00Z", end="2026-11-03T11:00:00Z"),
    ]
    import_files(store, [write_csv(tmp_path / "times.csv", rows)], CLOCK)
    with store.read() as conn:
        stored = cost_store.facts(conn)
    outside = sum((f.billed for f in stored if not f.in_window), Decimal(0))
    inside = sum((f.billed for f in stored if f.in_window), Decimal(0))
    assert (outside, inside) == (Decimal(7), Decimal(8))
    assert {f.day for f in stored} == {"2026-11-03"}


def test_reimporting_a_billing_period_replaces_it(tmp_path: Path, store: Store) -> None:
    first = write_csv(tmp_path / "nov.csv", [charge("10", tag_text=tags("shop", "prod"))])
    import_files(store, [first], CLOCK)
    import_files(store, [first], CLOCK)  # the same file again: nothing doubles
    corrected = write_csv(tmp_path / "nov-v2.csv", [charge("11", tag_text=tags("shop", "prod"))])
    report = import_files(store, [corrected], CLOCK)
    october = write_csv(
        tmp_path / "oct.csv",
        [
            charge(
                "5",
                period="2026-10-01T00:00:00Z",
                start="2026-10-03T10:00:00Z",
                end="2026-10-03T11:00:00Z",
            )
        ],
    )
    import_files(store, [october], CLOCK)
    with store.read() as conn:
        stored = cost_store.facts(conn)
        imports = cost_store.imports(conn)
    by_period = {f.billing_period: f.billed for f in stored}
    assert by_period == {"2026-11-01": Decimal(11), "2026-10-01": Decimal(5)}
    assert report.files[0].replaced == [2]
    assert [i["replaced_by"] for i in imports] == [2, 3, None, None]


def test_each_import_is_an_event_in_the_trail_of_the_projects_it_bills(
    tmp_path: Path, store: Store
) -> None:
    project = Project(tmp_path, store)
    project.approve_all()
    project.freeze()
    name = project.loaded.brief.project.name
    assert name
    rows = [
        charge("3.50", tag_text=tags(name, "prod")),
        charge("1.25", tag_text=tags("ghost", "prod")),  # a project the store does not know
    ]
    report = import_files(store, [write_csv(tmp_path / "bill.csv", rows)], CLOCK)
    assert report.files[0].projects == {name: Decimal("3.50")}
    assert report.files[0].unknown_projects == {"ghost": Decimal("1.25")}
    with store.read() as conn:
        row = repo.find_project(conn, name)
        assert row is not None
        events = repo.events(conn, row)
        assert repo.find_project(conn, "ghost") is None  # never created by an import
    last = events[-1]
    assert last.kind == EVENT_KIND
    assert last.payload["effective_usd"] == "3.5"
    assert last.payload["billing_periods"] == ["2026-11-01"]
    assert run_cli("verify", "--log", cwd=project.root, env=_env(store)).returncode == 0


def _env(store: Store) -> dict[str, str]:
    return {"INFRAGATE_DATABASE_URL": store.url}


def test_provider_prefixed_tags_and_a_configured_key(tmp_path: Path, store: Store) -> None:
    rows = [
        charge("2", tag_text=tags("shop", "prod", prefix="user:")),
        charge("3", tag_text=json.dumps({"Application": "shop", "user:environment": "staging"})),
    ]
    path = write_csv(tmp_path / "aws.csv", rows)
    import_files(store, [path], CLOCK, with_overrides(["project=Application"]))
    with store.read() as conn:
        stored = cost_store.facts(conn)
    assert {(f.project, f.environment, f.billed) for f in stored} == {
        ("shop", "prod", Decimal(2)),
        ("shop", "staging", Decimal(3)),
    }


def test_gzip_and_parquet_read_the_same_as_csv(tmp_path: Path, store: Store) -> None:
    import duckdb

    rows = [charge(str(i), tag_text=tags("shop", "prod")) for i in range(1, 6)]
    plain = write_csv(tmp_path / "bill.csv", rows)
    zipped = tmp_path / "bill.csv.gz"
    zipped.write_bytes(gzip.compress(plain.read_bytes()))
    parquet = tmp_path / "bill.parquet"
    con = duckdb.connect()
    # Parquet with money as DOUBLE, as some exporters write it: read through its text form
    con.execute(
        f"COPY (SELECT * REPLACE (CAST(BilledCost AS DOUBLE) AS BilledCost) FROM "
        f"read_csv('{plain}', all_varchar = true, nullstr = 'NULL')) TO '{parquet}' "
        "(FORMAT parquet)"
    )
    con.close()
    totals = []
    for path in (plain, zipped, parquet):
        report = import_files(store, [path], CLOCK)
        totals.append(report.files[0].scanned.billed)
    assert totals[0] == totals[1] == totals[2] == {"Usage": Decimal(15)}


def test_bad_values_are_located_by_row_and_column_and_nothing_is_stored(
    tmp_path: Path, store: Store
) -> None:
    good = write_csv(tmp_path / "good.csv", [charge("1")])
    rows = [
        charge("1"),
        charge("abc", effective="1"),  # line 3
        charge("1", category="Refund"),  # line 4
        charge("1", start="2026-11-31T10:00:00Z"),  # line 5: no such day
        charge("1", tag_text="[1, 2]"),  # line 6: tags not an object
        charge("1", start="2026-11-03T12:00:00Z", end="2026-11-03T11:00:00Z"),  # line 7
    ]
    bad = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(FocusError) as caught:
        import_files(store, [good, bad], CLOCK)
    assert [p.render() for p in caught.value.problems] == [
        f"{bad}:3:BilledCost: not a decimal number",
        f"{bad}:3:ListCost: not a decimal number",
        f"{bad}:4:ChargeCategory: not one of Usage, Purchase, Tax, Credit, Adjustment",
        f"{bad}:5:ChargePeriodStart: not a date and time (expected e.g. 2026-11-03T14:00:00Z)",
        f"{bad}:6:Tags: not a JSON object of key-value pairs",
        f"{bad}:7:ChargePeriodEnd: ends before ChargePeriodStart",
    ]
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(t.cost_imports)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(t.cost_facts)).scalar() == 0


def test_the_cli_exits_2_with_file_row_column_and_no_traceback(tmp_path: Path) -> None:
    header_only = tmp_path / "missing.csv"
    write_csv(header_only, [charge("1")[:-1]], header=HEADER[:-1])
    no_billed = [h for h in HEADER if h != "BilledCost"]
    missing = write_csv(tmp_path / "nobilled.csv", [charge("1")[1:]], header=no_billed)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    done = run_cli("costs", "import", missing, empty, tmp_path / "absent.csv")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{missing}:1:BilledCost: missing mandatory FOCUS column" in done.stderr
    assert f"{empty}: the file is empty" in done.stderr
    assert f"{tmp_path / 'absent.csv'}: no such file" in done.stderr
    assert "nothing was imported" in done.stderr
    # a file without Tags is valid FOCUS (the column is conditional): imported, unattributed
    ok = run_cli("costs", "import", header_only, "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["files"][0]["unattributed_effective"] == "1"
