"""bench/costs.py compares infragate with peers: DuckDB's bare aggregate (the floor) and
pandas. They are only a fair comparison if they compute the same thing: on a small generated
month, each peer's running spend per project and unattributed spend agree with infragate's
own report to the cent (the floor exactly, as it sums decimals; pandas in float64)."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from tests.focusbulk import PROJECTS, write_bulk

ROWS = 20_000
HALF_CENT = Decimal("0.005")


def bench_module() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "costs.py"
    spec = importlib.util.spec_from_file_location("bench_costs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "prefix"), [("month.parquet", ""), ("month.csv", "user:")], ids=["parquet", "csv"]
)
def test_the_peers_compute_infragates_report_totals(tmp_path: Path, name: str, prefix: str) -> None:
    bench = bench_module()
    path = tmp_path / name
    write_bulk(path, ROWS, seed=3, tag_prefix=prefix)
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    ours = bench.infragate_report(path, store_dir)
    expected = {p: Decimal(v) for p, v in ours["projects"].items()}
    assert len(expected) == PROJECTS and all(v > 0 for v in expected.values())
    unattributed = Decimal(ours["unattributed"])
    assert unattributed > 0  # the generator leaves one resource slot in 97 untagged

    floor = bench.child("floor", path)
    assert {p: Decimal(v) for p, v in floor["projects"].items()} == expected
    assert Decimal(floor["unattributed"]) == unattributed

    pandas = bench.child("pandas", path)
    assert pandas["groups"] == floor["groups"]
    assert set(pandas["projects"]) == set(expected)
    for project, value in pandas["projects"].items():
        assert abs(Decimal(value) - expected[project]) < HALF_CENT, project
    assert abs(Decimal(pandas["unattributed"]) - unattributed) < HALF_CENT
