"""Audit start-up and a Terraform monorepo: the small-tree targets of issue 10.

    .venv/bin/python bench/audit_small.py [--runs N]

Measures, each as a fresh `infragate audit TREE --format json -o /dev/null` process, the
median (min and max beside it) of:
  empty      a tree with one README: what a run costs before it reads anything (start-up)
  example    examples/vantus-portal (a small Next.js repository, linters included)
  terraform  a 3,000-file Terraform monorepo (bench/audit.py's Terraform generator alone:
             200 stacks x 3 environments x 5 files, plus 60 modules), built under build/
and beside them the floor of a Python process that imports nothing (`python -c pass`).
Targets (issue 10): start-up under 0.2 s, the monorepo under 3 s.
A report, not a test: it exits 0 unless something crashes.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit import CLI, ROOT, Tree, build_terraform  # bench/audit.py
from plan import row

STARTUP_TARGET_MS = 200.0
MONOREPO_TARGET_MS = 3000.0
MONOREPO = ROOT / "build" / "bench-audit-terraform"
EMPTY = ROOT / "build" / "bench-audit-empty"


# As installed for a user: Python caches bytecode (a session that sets
# PYTHONDONTWRITEBYTECODE would time the compiling of every module, every run).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False, env=CHILD_ENV)
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr!r}")
    return times


def ensure_trees() -> int:
    EMPTY.mkdir(parents=True, exist_ok=True)
    (EMPTY / "README.md").write_text("# nothing to audit\n")
    marker = MONOREPO / ".built"
    if not marker.exists():
        tree = Tree(MONOREPO)
        build_terraform(tree, random.Random(10))
        marker.write_text("ok\n")
    return sum(1 for p in MONOREPO.rglob("*.tf"))


def audit(tree: Path) -> list[str]:
    return [
        str(CLI),
        "audit",
        str(tree),
        "--fail-on",
        "never",
        "--format",
        "json",
        "-o",
        "/dev/null",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    tf_files = ensure_trees()
    timed(audit(EMPTY), 1)  # warm the file cache and the bytecode
    print(f"infragate audit, {args.runs} runs each (fresh processes)")
    print(row("floor: python -c pass", timed([sys.executable, "-c", "pass"], args.runs)))
    print(row("start-up: empty tree", timed(audit(EMPTY), args.runs), STARTUP_TARGET_MS))
    example = ROOT / "examples" / "vantus-portal"
    print(row("examples/vantus-portal (with linters)", timed(audit(example), args.runs)))
    print(
        row(
            f"Terraform monorepo ({tf_files} .tf files)",
            timed(audit(MONOREPO), args.runs),
            MONOREPO_TARGET_MS,
        )
    )


if __name__ == "__main__":
    main()
