"""Render and drift times on the largest example, against the 1 s render target of issue 5.

    .venv/bin/python bench/render.py [--runs N]

The largest example is the one whose baseline renders the most files. It is frozen once
with the real lifecycle (tests/render_helpers.py), then timed:
- `infragate render` as a cold process (parse and verify the lock, render every template,
  price the rendered Terraform against the cost frame, plan and write the files) into an
  empty folder, and again over unchanged files. Compiled templates are cached between
  runs (Jinja's bytecode cache under $XDG_CACHE_HOME/infragate): the first run, with a
  cold cache, is the max;
- rendering in-process (verify + templates + stamps + the cost check, no writes);
- `infragate drift` as a cold process, without and with a Terraform state of the
  production environment (all declared resources, as after an apply).
Prints medians (min and max beside them). A report, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.render_helpers

from tests.render_helpers import (  # noqa: E402
    EXAMPLES,
    TODAY,
    baseline_of,
    freeze_example,
    rendered,
    state_after_apply,
)

from plan import row  # noqa: E402  (bench/ is this script's folder: one way to print a row)

CLI = Path(sys.executable).parent / "infragate"
RENDER_TARGET_MS = 1000.0
LABEL_WIDTH = 50


def timed(args: list[str], cwd: Path, ok_codes: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(CLI), *args], cwd=cwd, capture_output=True, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode not in ok_codes:
        raise SystemExit(f"{' '.join(args)} exited {result.returncode}: {result.stderr!r}")
    return elapsed


def prod_state(lock: Path, path: Path) -> Path:
    """A state file with every resource the production root declares, as after an apply."""
    path.write_text(json.dumps(state_after_apply(baseline_of(lock), "prod")))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement")
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="infragate-bench-render-") as tmp:
        work = Path(tmp)
        locks = {name: freeze_example(name, work / name) for name in EXAMPLES}
        sizes = {name: len(rendered(lock)) for name, lock in locks.items()}
        largest = max(sizes, key=lambda n: (sizes[n], n))
        lock = locks[largest]
        root = lock.parent.parent
        files = rendered(lock)
        kb = sum(len(t.encode()) for t in files.values()) / 1024
        print(f"largest example: {largest}, {sizes[largest]} files, {kb:.0f} kB rendered")

        from infragate.render import engine, source, tfprice

        in_process = []
        for _ in range(args.runs):
            start = time.perf_counter()
            baseline = source.load(lock, lock.parent / "brief.yaml", TODAY)
            tfprice.check_cost_frame(engine.render(baseline), baseline)
            in_process.append((time.perf_counter() - start) * 1000)

        brief = str(lock.parent / "brief.yaml")
        fresh, again = [], []
        for _ in range(args.runs):
            for child in root.iterdir():
                if child.name not in ("infra", ".store"):
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
            shutil.rmtree(root / "infra" / "terraform", ignore_errors=True)
            shutil.rmtree(root / "infra" / "ops", ignore_errors=True)
            fresh.append(timed(["render", brief], root))
            again.append(timed(["render", brief], root))
        drift_files = [timed(["drift", brief], root) for _ in range(args.runs)]
        state = prod_state(lock, work / "prod.tfstate")
        drift_state = [
            timed(["drift", brief, "--tfstate", str(state)], root) for _ in range(args.runs)
        ]

    print(row("in-process: verify, render, cost check", in_process, RENDER_TARGET_MS, LABEL_WIDTH))
    print(row("cold: infragate render, empty folder", fresh, RENDER_TARGET_MS, LABEL_WIDTH))
    print(row("cold: infragate render, nothing changed", again, RENDER_TARGET_MS, LABEL_WIDTH))
    print(row("cold: infragate drift, files", drift_files, None, LABEL_WIDTH))
    print(row("cold: infragate drift --tfstate (prod)", drift_state, None, LABEL_WIDTH))


if __name__ == "__main__":
    main()
