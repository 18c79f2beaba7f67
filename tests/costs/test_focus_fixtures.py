"""The committed FOCUS fixtures are what tests/focus_fixtures.py writes, and each valid
file carries exactly its version's columns."""

from __future__ import annotations

import gzip
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import yaml

from tests.focus_bad_fixtures import build_bad
from tests.focus_fixtures import FOCUS, VALID, build_valid
from tests.focus_totals import totals
from tests.focusfile import columns, mandatory, versions

VALID_DIR, BAD_DIR = FOCUS / "valid", FOCUS / "bad"


def _columns_of(path: Path) -> list[str]:
    with duckdb.connect() as con:
        rows = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    return [r[0] for r in rows]


def _header(path: Path) -> list[str]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [c.strip('"') for c in f.readline().rstrip("\n").split(",")]


def test_versions_grow_and_keep_the_mandatory_columns() -> None:
    assert versions() == ["1.0", "1.1", "1.2", "1.3"]
    for older, newer in zip(versions(), versions()[1:], strict=False):
        assert set(columns(older)) < set(columns(newer))
    for v in versions():
        assert set(mandatory(v)) <= set(columns(v))
        assert {"BilledCost", "EffectiveCost", "ChargeCategory", "BillingCurrency"} <= set(
            mandatory(v)
        )


@pytest.mark.parametrize(("name", "version"), [(n, v) for n, v, _, _ in VALID])
def test_each_valid_file_has_exactly_its_version_columns(name: str, version: str) -> None:
    path = VALID_DIR / name
    found = _columns_of(path) if name.endswith(".parquet") else _header(path)
    assert found == columns(version)


def test_the_committed_fixtures_are_what_the_builder_writes(tmp_path: Path) -> None:
    build_valid(tmp_path / "valid")
    expected_bad = build_bad(tmp_path / "bad")
    for folder in ("valid", "bad"):
        committed = {p.name for p in (FOCUS / folder).iterdir()}
        assert committed == {p.name for p in (tmp_path / folder).iterdir()}
        for name in committed:
            ours, theirs = FOCUS / folder / name, tmp_path / folder / name
            if name.endswith(".parquet"):
                with duckdb.connect() as con:
                    a = con.execute("SELECT * FROM read_parquet(?)", [str(ours)]).fetchall()
                    b = con.execute("SELECT * FROM read_parquet(?)", [str(theirs)]).fetchall()
                assert a == b, name
            else:
                assert ours.read_bytes() == theirs.read_bytes(), name
    recorded = yaml.safe_load((BAD_DIR / "expected.yaml").read_text())
    assert recorded == expected_bad
    assert set(recorded) == {p.name for p in BAD_DIR.iterdir()} - {"expected.yaml"}


def test_the_csv_fixtures_sum_as_recorded() -> None:
    expected = yaml.safe_load((VALID_DIR / "expected.yaml").read_text())
    for name, _, _, _ in VALID:
        if name.endswith(".parquet"):
            continue
        t = totals(VALID_DIR / name)
        want = expected[name]
        assert t.rows == want["rows"]
        assert {k: (s.billed, s.effective) for k, s in t.by_category.items()} == {
            k: (Decimal(v["billed"]), Decimal(v["effective"]))
            for k, v in want["by_category"].items()
        }
        assert set(t.by_category) == {"Usage", "Purchase", "Tax", "Credit", "Adjustment"}
        assert {k for k in t.by_subaccount if k} == set(want["subaccounts"])


def test_the_parquet_fixture_keeps_decimals_and_string_ids() -> None:
    expected = yaml.safe_load((VALID_DIR / "expected.yaml").read_text())["focus-1.2.parquet"]
    with duckdb.connect() as con:
        rows = con.execute(
            "SELECT ChargeCategory, sum(BilledCost), any_value(BillingAccountId)"
            " FROM read_parquet(?) GROUP BY 1",
            [str(VALID_DIR / "focus-1.2.parquet")],
        ).fetchall()
    assert {c: s for c, s, _ in rows} == {
        k: Decimal(v["billed"]) for k, v in expected["by_category"].items()
    }
    assert {a for _, _, a in rows} == {expected["billing_account"]}


def test_the_truncated_gzip_is_truncated() -> None:
    with pytest.raises(EOFError):
        gzip.decompress((BAD_DIR / "truncated.csv.gz").read_bytes())
