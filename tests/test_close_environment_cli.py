"""`infragate close --tfstate F --environment E`, as `drift` takes it: examples/shopfront
(staging and prod) ready to close on a real SQLite store, and production's state without
the environment tags that would tell whose it is. Without --environment the close is
refused naming the flag (exit 2) and nothing changes; with it, the state is compared
with that environment, the project closes and the trail names the state's environment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infragate.evidence.record import record_handover
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.store.engine import open_store
from tests.closure_helpers import FILES
from tests.helpers import run_cli
from tests.render_helpers import baseline_of, state_after_apply
from tests.test_closure import DANA, Shop


class ShopToday(Shop):
    """shopfront recorded at today's time: the CLI judges the evidence by the real clock."""

    def clock(self, actor: str = DANA) -> Clock:
        return Clock(datetime.now(UTC), actor)


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[ShopToday]:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    s = ShopToday(tmp_path / "shopfront", store)
    s.freeze_and_render()
    for kind in FILES:  # the deploy first: it delivers
        s.add(kind)
    record_handover(store, "shopfront", DANA, 1, "c" * 64, "html")
    yield s
    store.close()


def untagged_state(shop: Shop, path: Path) -> Path:
    """Production's state as 'terraform state pull' gives it, its tags stripped."""
    state = state_after_apply(baseline_of(shop.lock), "prod")
    for r in state["resources"]:
        r["instances"][0]["attributes"].pop("tags_all")
    path.write_text(json.dumps(state))
    return path


def test_close_takes_the_environment_of_an_untagged_state(shop: ShopToday, tmp_path: Path) -> None:
    state = untagged_state(shop, tmp_path / "prod.tfstate")

    def close(*args: str | Path) -> tuple[int, str]:
        done = run_cli(
            "close", "--as", DANA, *args, cwd=shop.root,
            env={"INFRAGATE_DATABASE_URL": shop.store.url},
        )  # fmt: skip
        return done.returncode, done.stdout + done.stderr

    code, out = close("--tfstate", state)
    assert code == 2, out
    assert "cannot tell which environment this state belongs to" in out
    assert "(environment tags found: none); pass --environment with one of staging, prod" in out
    code, out = close("--tfstate", state, "--environment", "qa")
    assert code == 2 and "--environment qa: baseline v1 has staging, prod" in out, out
    code, out = close("--environment", "prod")
    assert code == 2 and "give the state with --tfstate too" in out, out
    assert "Traceback" not in out
    assert shop.state() is State.delivered

    # compared with staging, production's state drifts: refused, naming the finding
    code, out = close("--tfstate", state, "--environment", "staging")
    assert code == 1 and "the project cannot be closed" in out, out
    assert "FAIL         CLOSE001 lock-verifies-no-drift: drift found 2 difference(s)" in out
    assert "resource-changed module.database.aws_db_instance.this" in out
    assert shop.state() is State.delivered

    code, out = close("--tfstate", state, "--environment", "prod")
    assert code == 0 and "is in maintenance" in out, out
    assert shop.state() is State.maintenance
    ((_, events),) = service.trail(shop.store, "shopfront")
    (passed,) = [e.payload for e in events if e.kind == "closure.passed"]
    assert passed["tfstate"]["file"] == "prod.tfstate"
    assert passed["tfstate"]["environment"] == "prod"
