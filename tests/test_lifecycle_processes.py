"""Real processes against a real store: concurrent approvals and freezes, and freezes
killed with SIGKILL at random points. Every test runs on SQLite and on PostgreSQL.

The processes are forked from a server that has imported infragate (tests/forkserver),
so "at once" means within a millisecond of each other and "during freeze" means during
the work of freezing rather than during Python's start-up.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from infragate.brief.model import Role
from infragate.lifecycle import service
from infragate.lifecycle.states import State
from infragate.lifecycle.verify import verify_lock
from infragate.store import tables as t
from infragate.store.engine import Store, open_store
from tests.forkserver import ForkServer
from tests.lifecycle_helpers import ANN, BOB, START, Project
from tests.postgres import Cluster
from tests.signing_keys import key_for

CRASH_RUNS = {"sqlite": 50, "postgresql": 50}


class Stores:
    """Empty stores of one kind, and copies of a prepared one."""

    def __init__(self, kind: str, root: Path, cluster: Cluster | None) -> None:
        self.kind, self.root, self.cluster = kind, root, cluster
        self.count = 0

    def new(self) -> str:
        self.count += 1
        if self.cluster is None:
            return f"sqlite:///{self.root / f'store{self.count}.db'}"
        return self.cluster.create_database(f"p{os.getpid()}_{time.monotonic_ns()}")

    def drop(self, url: str) -> None:
        """Free the disk a copy used (PostgreSQL copies a whole database per run)."""
        if self.cluster is not None:
            self.cluster.drop_database(url.rsplit("/", 1)[1])

    def copy(self, url: str) -> str:
        self.count += 1
        if self.cluster is None:
            target = self.root / f"store{self.count}.db"
            shutil.copy(url.removeprefix("sqlite:///"), target)
            return f"sqlite:///{target}"
        return self.cluster.create_database(
            f"p{os.getpid()}_{time.monotonic_ns()}", template=url.rsplit("/", 1)[1]
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Stores:
    cluster = request.getfixturevalue("pg_cluster") if request.param == "postgresql" else None
    return Stores(request.param, tmp_path, cluster)


@pytest.fixture(scope="module")
def forks() -> Iterator[ForkServer]:
    server = ForkServer()
    yield server
    server.close()


def _prepared(root: Path, url: str, approvals: int) -> Project:
    p = Project(root, open_store(url))
    if approvals >= 1:
        p.approve(Role.infra_owner, ANN)
    if approvals >= 2:
        p.approve(Role.budget_owner, BOB)
    return p


def _versions(store: Store) -> list[int]:
    with store.read() as conn:
        return list(conn.execute(select(t.baselines.c.version)).scalars())


@pytest.mark.parametrize("round_", range(3))
def test_processes_freezing_at_once_make_exactly_one_baseline(
    tmp_path: Path, stores: Stores, forks: ForkServer, round_: int
) -> None:
    url = stores.new()
    p = _prepared(tmp_path, url, approvals=2)
    try:
        results = forks.run_at_once(tmp_path, url, [["freeze", "infra/brief.yaml"]] * 3)
        codes = sorted(code for code, _ in results)
        assert codes == [0, 1, 1], results
        losers = [out for code, out in results if code == 1]
        assert all("nothing to freeze" in out and "baseline v1" in out for out in losers)
        assert _versions(p.store) == [1]
        assert service.verify_store(p.store)[1] == []
    finally:
        p.store.close()


def test_processes_approving_at_once_record_each_role_once(
    tmp_path: Path, stores: Stores, forks: ForkServer
) -> None:
    url = stores.new()
    p = _prepared(tmp_path, url, approvals=0)
    try:
        same = ["approve", "--role", "infra_owner", "--as", ANN, "--key", str(key_for(ANN))]
        results = forks.run_at_once(tmp_path, url, [same, same])
        assert sorted(code for code, _ in results) == [0, 1], results
        assert any("already approved as infra_owner" in out for _, out in results)
        # the other role, by two processes at once, while a third tries to freeze
        other = ["approve", "--role", "budget_owner", "--as", BOB, "--key", str(key_for(BOB))]
        results = forks.run_at_once(tmp_path, url, [other, other, ["freeze"]])
        approvals = [code for code, _ in results[:2]]
        assert sorted(approvals) == [0, 1], results
        with p.store.read() as conn:
            roles = list(conn.execute(select(t.approvals.c.role)).scalars())
            state = conn.execute(select(t.projects.c.state)).scalar_one()
        assert sorted(roles) == ["budget_owner", "infra_owner"]
        # the freeze ran before or after the approval completed: both are consistent
        assert _versions(p.store) == ([1] if results[2][0] == 0 else [])
        assert state == ("frozen" if results[2][0] == 0 else "approved")
        assert service.verify_store(p.store)[1] == []
    finally:
        p.store.close()


def test_freeze_killed_at_random_points_leaves_the_old_state_or_the_new_one(
    tmp_path: Path, stores: Stores, forks: ForkServer
) -> None:
    template_url = stores.new()
    template = _prepared(tmp_path / "template", template_url, approvals=2)
    template.store.close()  # PostgreSQL copies a template only while nobody is connected
    rng = random.Random(20261125)

    def run(url: str, root: Path, kill_after: float | None) -> float:
        shutil.copytree(tmp_path / "template" / "infra", root / "infra")
        started = time.monotonic()
        pid = forks.start(root, url, ["freeze", "infra/brief.yaml"])
        if kill_after is None:
            code, out = forks.wait(pid)
            assert code == 0, out
            return time.monotonic() - started
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)
        forks.wait(pid)
        return kill_after

    duration = run(stores.copy(template_url), tmp_path / "calibrate", None)
    outcomes = {"old": 0, "new": 0}
    for i in range(CRASH_RUNS[stores.kind]):
        url = stores.copy(template_url)
        root = tmp_path / f"run{i}"
        run(url, root, rng.uniform(0, duration * 1.1))
        store = open_store(url)
        try:
            _, problems = service.verify_store(store)
            assert problems == [], (i, problems)
            with store.read() as conn:
                state = State(conn.execute(select(t.projects.c.state)).scalar_one())
            versions = _versions(store)
            lock = root / "infra" / "baseline.lock.json"
            if versions == []:
                assert state is State.approved, i
                assert not lock.exists(), i  # a lock file never names a baseline the store lacks
                outcomes["old"] += 1
            else:
                assert versions == [1] and state is State.frozen, (i, versions, state)
                outcomes["new"] += 1
                if lock.exists():  # absent if killed between the commit and the rename
                    result = verify_lock(
                        lock,
                        lock.read_text(),
                        root / "infra" / "brief.yaml",
                        (root / "infra" / "brief.yaml").read_text(),
                        START.date(),
                        root / "infra" / "allowed_signers",
                        (root / "infra" / "allowed_signers").read_text(),
                    )
                    assert result.ok, (i, [c for c in result.checks if not c.ok])
                    stored = json.loads(lock.read_text())["sha256"]
                    with store.read() as conn:
                        assert stored == conn.execute(select(t.baselines.c.sha256)).scalar_one()
        finally:
            store.close()
            stores.drop(url)
    # the kill points covered both sides of the commit
    assert outcomes["old"] > 0 and outcomes["new"] > 0, outcomes
