"""Handover pack size and time on the largest example, against issue 14's targets: the
pack under 1 MB, rendered in under 1 s.

    .venv/bin/python bench/handover.py [--runs N]

Every example is frozen once with the real lifecycle (tests/render_helpers.py); the
largest is the one whose pack has the most bytes. Then timed:
- the pack in-process (the pure function: lock document, trail, evidence → files), with
  the diagrams rendered by Graphviz's `dot` (one process per environment), and without;
- `infragate handover` as a cold process: read and verify the lock, read the trail, build,
  write atomically, record the event.
Prints the pack's size and medians (min and max beside them). A report, not a test.
"""

from __future__ import annotations

import argparse
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

from tests.render_helpers import EXAMPLES, freeze_example  # noqa: E402

from plan import row  # noqa: E402  (bench/ is this script's folder: one way to print a row)

CLI = Path(sys.executable).parent / "infragate"
TIME_TARGET_MS = 1000.0
SIZE_TARGET_BYTES = 1_000_000
LABEL_WIDTH = 50


def pack_of(lock: Path, dot: str | None) -> dict[str, str]:
    from infragate.evidence.model import from_events
    from infragate.handover.pack import PackFormat, files
    from infragate.handover.service import svg_renderer
    from infragate.lifecycle.baseline import parse_lock
    from infragate.lifecycle.reading import trail
    from infragate.store.engine import open_store

    store = open_store(f"sqlite:///{lock.parent.parent / '.store' / 'infragate.db'}")
    try:
        sha, doc = parse_lock(lock.read_text())
        events = trail(store, doc["project"])[0][1]
    finally:
        store.close()
    return files(doc, sha, events, from_events(events), list(PackFormat), svg_renderer(dot))


def size(pack: dict[str, str]) -> int:
    return sum(len(text.encode()) for text in pack.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement")
    args = parser.parse_args()
    dot = shutil.which("dot")
    print(
        f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs;"
        f" dot: {dot or 'not installed'}"
    )
    with tempfile.TemporaryDirectory(prefix="infragate-bench-handover-") as tmp:
        work = Path(tmp)
        locks = {name: freeze_example(name, work / name) for name in EXAMPLES}
        sizes = {name: size(pack_of(lock, dot)) for name, lock in locks.items()}
        largest = max(sizes, key=lambda n: (sizes[n], n))
        lock = locks[largest]
        pack = pack_of(lock, dot)
        html = len(pack["handover.html"].encode())
        verdict = "PASS" if sizes[largest] < SIZE_TARGET_BYTES else "MISS"
        print(
            f"largest example: {largest}, {len(pack)} files, {sizes[largest] / 1024:.0f} kB "
            f"(handover.html {html / 1024:.0f} kB); target < 1 MB: {verdict}"
        )
        with_dot, without = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            pack_of(lock, dot)
            with_dot.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            pack_of(lock, None)
            without.append((time.perf_counter() - start) * 1000)
        env = {
            **os.environ,
            "INFRAGATE_DATABASE_URL": f"sqlite:///{lock.parent.parent / '.store' / 'infragate.db'}",
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cold = []
        for i in range(args.runs):
            out = work / f"pack-{i}"
            start = time.perf_counter()
            done = subprocess.run(
                [
                    str(CLI),
                    "handover",
                    "--lock",
                    str(lock),
                    "-o",
                    str(out),
                    "--as",
                    "bench@example.com",
                ],
                capture_output=True,
                env=env,
                check=False,
            )
            cold.append((time.perf_counter() - start) * 1000)
            if done.returncode != 0:
                raise SystemExit(f"infragate handover exited {done.returncode}: {done.stderr!r}")
    print(row("in-process: pack with dot (SVG)", with_dot, TIME_TARGET_MS, LABEL_WIDTH))
    print(row("in-process: pack without dot", without, TIME_TARGET_MS, LABEL_WIDTH))
    print(row("cold: infragate handover, empty folder", cold, TIME_TARGET_MS, LABEL_WIDTH))


if __name__ == "__main__":
    main()
