"""A bill in another currency than the frames' is refused by the comparisons, not silently
compared: infragate converts no currency."""

from __future__ import annotations

from pathlib import Path

from infragate.costs.importing import import_files
from infragate.store.engine import Store
from tests.costs.test_import import CLOCK, charge, tags, write_csv
from tests.helpers import run_cli


def test_a_euro_bill_imports_but_is_not_compared_with_a_dollar_frame(
    tmp_path: Path, store: Store
) -> None:
    row = charge("10", tag_text=tags("shop", "prod"))
    row[4] = "EUR"  # BillingCurrency
    import_files(store, [write_csv(tmp_path / "eur.csv", [row])], CLOCK)
    env = {"INFRAGATE_DATABASE_URL": store.url}
    for command in ("report", "rightsize"):
        done = run_cli("costs", command, env=env)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert "billed in EUR cannot be compared with cost frames priced in USD" in done.stderr
        assert "Traceback" not in done.stderr
