"""Freeze and verify times on SQLite and PostgreSQL, and verify on a large lock file.

    .venv/bin/python bench/lifecycle.py [--runs N]

Freeze is timed in-process (store open, gate, baseline, lock file) and as a cold
`infragate freeze` process; verify as a cold `infragate verify` process and in-process
on the lock file of a design with 200 components, against the 50 ms target of issue 3.
PostgreSQL is a throwaway cluster started with the machine's initdb/pg_ctl, as in the
tests. Prints medians (min and max beside them). A report, not a test.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.postgres and tests.lifecycle_helpers

from plan import row  # noqa: E402  (bench/ is this script's folder: one way to print a row)

CLI = Path(sys.executable).parent / "infragate"
LABEL_WIDTH = 52
VERIFY_TARGET_MS = 50.0
LARGE_COMPONENTS = 200


def freeze_times(url_for: Any, runs: int) -> tuple[list[float], list[float], list[float]]:
    """(in-process freeze, cold `infragate freeze`, cold `infragate verify`) in ms."""
    from tests.lifecycle_helpers import Project

    from infragate.lifecycle import service
    from infragate.store.engine import open_store

    in_process, cold_freeze, cold_verify = [], [], []
    for i in range(runs):
        for cold in (False, True):
            root = Path(tempfile.mkdtemp(prefix="infragate-bench-"))
            url = url_for(f"b{i}{int(cold)}")
            store = open_store(url)
            project = Project(root, store)
            project.approve_all()
            if cold:
                store.close()
                env = {**os.environ, "INFRAGATE_DATABASE_URL": url}
                start = time.perf_counter()
                subprocess.run(
                    [str(CLI), "freeze"], cwd=root, env=env, check=True, capture_output=True
                )
                cold_freeze.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                subprocess.run(
                    [str(CLI), "verify"], cwd=root, env=env, check=True, capture_output=True
                )
                cold_verify.append((time.perf_counter() - start) * 1000)
            else:
                clock = project.clock()
                start = time.perf_counter()
                service.freeze(store, project.loaded, clock, project.lock_path)
                in_process.append((time.perf_counter() - start) * 1000)
                store.close()
    return in_process, cold_freeze, cold_verify


def large_lock(root: Path) -> tuple[Path, Path]:
    """A lock file whose design has 200 components, approved and hashed like a real one."""
    import json

    from infragate.brief.loader import load_brief
    from infragate.brief.model import Role
    from infragate.canonical import digest
    from infragate.catalog.loader import load_catalog
    from infragate.lifecycle import baseline as bl
    from infragate.lifecycle.policy import Approval
    from infragate.lifecycle.service import candidate

    brief_path = root / "infra" / "brief.yaml"
    brief_path.parent.mkdir(parents=True)
    brief_path.write_text((ROOT / "examples/shopfront/infra/brief.yaml").read_text())
    cand = candidate(load_brief(brief_path), load_catalog())
    design = copy.deepcopy(cand.design)
    base = design["components"]
    design["components"] = [
        {**copy.deepcopy(base[i % len(base)]), "id": f"{base[i % len(base)]['id']}-{i:03d}"}
        for i in range(LARGE_COMPONENTS)
    ]
    design["cost"]["lines"] = design["cost"]["lines"] * (LARGE_COMPONENTS // len(base) + 1)
    sha = digest(design)
    at = datetime.now(UTC).isoformat()
    approvals = [
        Approval(Role.infra_owner, "dana@example.com", "Dana Ruiz", sha, at),
        Approval(Role.budget_owner, "sam@example.com", "Sam Okafor", sha, at),
    ]
    document = bl.build(
        project="shopfront",
        version=1,
        previous=None,
        frozen_at=at,
        frozen_by="bench",
        brief=cand.brief_data,
        design=design,
        approvals=approvals,
        waivers=[],
        blockers=[],
        change=None,
    )
    lock = root / "infra" / bl.LOCK_FILE
    lock.write_text(bl.lock_text(document))
    assert len(json.loads(lock.read_text())["baseline"]["design"]["components"]) == 200
    return lock, brief_path


def verify_large(runs: int) -> tuple[list[float], int]:
    from datetime import date

    from infragate.lifecycle.verify import verify_lock

    lock, brief = large_lock(Path(tempfile.mkdtemp(prefix="infragate-bench-")))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        # what `infragate verify` does after start-up: read both files, check everything
        result = verify_lock(lock, lock.read_text(), brief, brief.read_text(), date.today())
        times.append((time.perf_counter() - start) * 1000)
        assert result.ok, result.checks
    return times, lock.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement")
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    from tests.postgres import Cluster

    sqlite_dir = Path(tempfile.mkdtemp(prefix="infragate-bench-sqlite-"))
    backends: list[tuple[str, Any]] = [
        ("SQLite", lambda name: f"sqlite:///{sqlite_dir / name}.db"),
    ]
    cluster = Cluster()
    cluster.start()
    try:
        backends.append(("PostgreSQL", cluster.create_database))
        for label, url_for in backends:
            warm, cold_freeze, cold_verify = freeze_times(url_for, args.runs)
            print(row(f"{label}: freeze, in-process", warm, width=LABEL_WIDTH))
            print(row(f"{label}: infragate freeze (cold process)", cold_freeze, width=LABEL_WIDTH))
            print(row(f"{label}: infragate verify (cold process)", cold_verify, width=LABEL_WIDTH))
    finally:
        cluster.stop()
    times, size = verify_large(max(args.runs, 20))
    print(
        row(
            f"verify, in-process, {LARGE_COMPONENTS} components ({size / 1000:.0f} kB lock)",
            times,
            VERIFY_TARGET_MS,
            LABEL_WIDTH,
        )
    )


if __name__ == "__main__":
    main()
