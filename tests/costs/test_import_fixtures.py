"""Every FOCUS fixture through the real import: each version's file is read with its version
and sums, the public sample's totals equal an independent reading to the cent (and exactly),
and each bad file fails with the problems its expected.yaml lists."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from infragate.costs.importing import import_files
from infragate.lifecycle.clock import Clock
from infragate.store import costs as cost_store
from infragate.store.engine import Store
from tests.focus_totals import cents, totals
from tests.helpers import run_cli

FOCUS = Path(__file__).parents[1] / "fixtures" / "focus"
CLOCK = Clock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC), "finops@example.com")
VALID = yaml.safe_load((FOCUS / "valid" / "expected.yaml").read_text())
BAD = yaml.safe_load((FOCUS / "bad" / "expected.yaml").read_text())


@pytest.mark.parametrize("name", sorted(VALID))
def test_each_version_imports_with_its_version_and_sums(
    name: str, tmp_path: Path, store: Store
) -> None:
    expected = VALID[name]
    report = import_files(store, [FOCUS / "valid" / name], CLOCK)
    scanned = report.files[0].scanned
    assert scanned.version == expected["version"]
    assert scanned.rows == expected["rows"]
    assert {c: str(v.normalize()) for c, v in scanned.billed.items()} == {
        c: str(Decimal(v["billed"]).normalize()) for c, v in expected["by_category"].items()
    }
    assert {c: str(v.normalize()) for c, v in scanned.effective.items()} == {
        c: str(Decimal(v["effective"]).normalize()) for c, v in expected["by_category"].items()
    }
    with store.read() as conn:
        stored = cost_store.facts(conn)
    assert {f.billing_account for f in stored} == {expected["billing_account"]}
    assert {f.sub_account for f in stored} >= set(expected["subaccounts"])
    # provider-prefixed tags (user:) attribute the same as plain ones: three charges each
    projects = {f.project for f in stored if f.project}
    assert projects == {"shopfront", "marketplace"}
    assert sum(f.rows for f in stored if f.project == "shopfront") == 3


def test_the_public_sample_totals_match_an_independent_reading(store: Store) -> None:
    sample = FOCUS / "sample" / "focus_sample.csv"
    independent = totals(sample)
    report = import_files(store, [sample], CLOCK)
    scanned = report.files[0].scanned
    assert scanned.rows == independent.rows == 1000
    for category, sums in independent.by_category.items():
        assert scanned.billed[category] == sums.billed  # exactly, not only to the cent
        assert cents(scanned.effective[category]) == cents(sums.effective)
    with store.read() as conn:
        stored = cost_store.facts(conn)
    by_period: dict[str, Decimal] = defaultdict(Decimal)
    by_account: dict[str | None, Decimal] = defaultdict(Decimal)
    for fact in stored:
        by_period[fact.billing_period] += fact.billed
        by_account[fact.sub_account] += fact.billed
    assert {p: cents(v) for p, v in by_period.items()} == {
        p[:10]: cents(s.billed) for p, s in independent.by_period.items()
    }
    assert {a: cents(v) for a, v in by_account.items()} == {
        a: cents(s.billed) for a, s in independent.by_subaccount.items()
    }


def test_every_bad_file_fails_with_its_located_problems(tmp_path: Path) -> None:
    for name, problems in sorted(BAD.items()):
        path = FOCUS / "bad" / name
        done = run_cli("costs", "import", path, env={"XDG_DATA_HOME": str(tmp_path)})
        assert done.returncode == 2, (name, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, name
        lines = [line.removeprefix("error: ") for line in done.stderr.splitlines()]
        for entry in problems:
            where, _, text = entry.rpartition(": ")
            prefix = f"{path}:{where}" if where else str(path)
            assert any(line.startswith(prefix) and text in line for line in lines), (
                name,
                entry,
                done.stderr,
            )
    assert not (tmp_path / "infragate").exists() or _no_imports(tmp_path)


def _no_imports(data_home: Path) -> bool:
    from infragate.store.engine import open_store

    store = open_store(f"sqlite:///{data_home / 'infragate' / 'infragate.db'}")
    with store.read() as conn:
        return cost_store.imports(conn) == []
