"""Planning speed: cold processes and in-process planning, against the targets of issue 2.

    .venv/bin/python bench/plan.py [--runs N]

Prints medians of several runs (min and max beside them) and PASS/MISS against:
a cold `infragate plan` under 500 ms, and under 5 ms per brief in-process.
A report, not a test: it exits 0 unless something crashes.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).parent / "infragate"
COLD_PLAN_TARGET_MS = 500.0
IN_PROCESS_TARGET_MS = 5.0


def cold_ms(args: list[str], runs: int, ok_codes: tuple[int, ...] = (0,)) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([str(CLI), *args], capture_output=True, check=False)
        times.append((time.perf_counter() - start) * 1000)
        if result.returncode not in ok_codes:
            raise SystemExit(f"{' '.join(args)} exited {result.returncode}: {result.stderr!r}")
    return times


def generated_brief(rng: random.Random, index: int) -> dict[str, Any]:
    maturity = rng.choice(["prototype", "mvp", "production", "scale"])
    users = rng.choice([1, 20, 500, 2_000, 20_000, 200_000])
    most = min(users, 2_000)  # stay within GATE007 and the largest sizes
    peak = max(round(users / 1000 * 0.01 + rng.random() * most * 0.2, 2), 0.1)
    stores = rng.sample(["postgres", "redis", "object_storage", "queue"], k=rng.randint(1, 4))
    if maturity == "prototype" and rng.random() < 0.5:
        stores = ["sqlite", *[s for s in stores if s != "postgres"]]
    return {
        "version": 1,
        "project": {"name": f"bench-{index:04d}", "team": "bench", "cost_center": "CC-1"},
        "owners": [
            {"name": "Ann Infra", "email": "ann@example.com", "roles": ["infra_owner"]},
            {"name": "Bob Budget", "email": "bob@example.com", "roles": ["budget_owner"]},
        ],
        "maturity": maturity,
        "workload": {
            "runtime": rng.choice(["node", "python", "go", "java"]),
            "services": rng.choice([["web"], ["web", "worker"], ["api", "worker", "scheduler"]]),
            "datastores": stores,
        },
        "load": {
            "users": users,
            "peak_rps": str(peak),
            "data_gb": rng.choice([1, 10, 50, 200]),
            "growth_pct_month": rng.choice([0, 2, 5, 10]),
        },
        "availability": {
            "target": rng.choice(["99.0", "99.5", "99.9", "99.95"]),
            "rto_minutes": 60,
            "rpo_minutes": rng.choice([5, 60, 1440]),
        },
        "data": {
            "criticality": rng.choice(["low", "medium", "high", "critical"]),
            "personal_data": rng.random() < 0.5,
            "compliance": ["gdpr"],
        },
        "budget": {"monthly_usd": rng.choice([50, 500, 5000]), "hard_limit": rng.random() < 0.3},
        "cloud": {"provider": "aws", "region": "us-east-1"},
    }


def in_process_ms_per_brief(count: int, passes: int) -> list[float]:
    from infragate.brief.model import Brief
    from infragate.catalog.loader import load_catalog
    from infragate.design.planner import plan
    from infragate.pricing.book import load_pricebook

    rng = random.Random(42)
    briefs = [Brief.model_validate(generated_brief(rng, i)) for i in range(count)]
    catalog, book = load_catalog(), load_pricebook("aws", "us-east-1")
    plan(briefs[0], catalog, book)  # warm caches once, as a long-running portal would be
    per_brief = []
    for _ in range(passes):
        start = time.perf_counter()
        for brief in briefs:
            plan(brief, catalog, book)
        per_brief.append((time.perf_counter() - start) * 1000 / count)
    return per_brief


def row(label: str, times: list[float], target: float | None = None, width: int = 44) -> str:
    median = statistics.median(times)
    verdict = ""
    if target is not None:
        verdict = f"  target < {target:g} ms: {'PASS' if median < target else 'MISS'}"
    return (
        f"{label:{width}} median {median:8.2f} ms  (min {min(times):.2f}, max {max(times):.2f}, "
        f"n={len(times)}){verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per cold measurement")
    parser.add_argument("--briefs", type=int, default=1000, help="briefs planned in-process")
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print(row("cold: infragate --version", cold_ms(["--version"], args.runs)))
    for example in sorted(ROOT.glob("examples/*/infra/brief.yaml")):
        name = example.parts[-3]
        times = cold_ms(["plan", str(example), "--format", "json"], args.runs, ok_codes=(0, 1))
        print(row(f"cold: infragate plan {name}", times, COLD_PLAN_TARGET_MS))
    times = in_process_ms_per_brief(args.briefs, passes=5)
    print(row(f"in-process: plan, per brief ({args.briefs} briefs)", times, IN_PROCESS_TARGET_MS))


if __name__ == "__main__":
    main()
