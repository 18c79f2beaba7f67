"""Costs import and report at 1 M and 10 M FOCUS rows, beside DuckDB's bare aggregate (the
floor) and pandas: the targets of issue 15.

    .venv/bin/python bench/costs.py [--rows 1000000,10000000] [--runs 3] [--format parquet|csv]

Generates FOCUS 1.2 data with tests/focusbulk.py `write_bulk` (20 projects, 3 environments,
8 components, a month of hourly rows) into build/bench-costs/, once per row count, format and
seed: a file already there is reused. Then, each step in a fresh process so that its peak
memory (the child's ru_maxrss, from wait4) is its own, the median of --runs of:
  infragate  import_files into a fresh SQLite store in a temporary folder, then the report of
             every project (what `infragate costs report --format json` does), in-process
  floor      DuckDB's bare aggregate of the same file: effective and billed cost by project,
             environment, charge category and day, project and environment read from the Tags
             JSON (plain or `user:` key); no validation, no store. It sums by the Tags text
             first and parses each distinct Tags value once, as a careful hand-written query
             would (and as infragate's scan does), so the floor is not slowed by parsing JSON
             on every row.
  pandas     the same figures with pandas: pyarrow reads the columns (Tags as a categorical,
             the decimals cast to float64, as pandas computes money), each distinct Tags value
             is parsed with json.loads, then one groupby.
Targets (issue 15): 1 M rows imported and reported in under 10 s, 10 M in under 60 s, peak
memory under 1 GB, within 3x of the floor. A measurement, not a test: it exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "bench-costs"
SEED = 0
VERSION = "1.2"
STEPS = ("infragate", "floor", "pandas")
TAGS = ("project", "environment")  # the attribution the floor and pandas read
PREFIXES = ("", "user:")  # as infragate's default tag map (costs/tagmap.py)
# Targets (issue 15)
TARGET_S = {1_000_000: 10.0, 10_000_000: 60.0}
TARGET_MB = 1024.0
TARGET_RATIO = 3.0
# pandas is a peer, not the subject: it is stopped past these rather than run to exhaustion
PANDAS_TIMEOUT_S = 600.0
POLL_S = 0.1


# --- the figures, computed three ways (each called in a child process) -------------------


def infragate_report(path: Path, store_dir: Path) -> dict[str, Any]:
    """Import into a fresh SQLite store, then `costs report` of every project as JSON."""
    from datetime import UTC, datetime
    from decimal import Decimal

    from infragate.cli.common import as_json
    from infragate.costs import frames
    from infragate.costs.formats.data import report_data
    from infragate.costs.importing import import_files
    from infragate.costs.report import build
    from infragate.lifecycle.clock import Clock
    from infragate.store import costs as cost_store
    from infragate.store.engine import open_store

    store = open_store(f"sqlite:///{store_dir / 'infragate.db'}")
    start = time.perf_counter()
    import_files(store, [path], Clock(datetime.now(UTC), "bench"))
    imported = time.perf_counter()
    with store.read() as conn:
        known = frames.load(conn)
        facts = cost_store.facts(conn)
        top = cost_store.top_resources(conn)
    report = build(
        facts,
        top,
        known,
        project=None,
        by=None,
        period=None,
        as_of=None,
        tolerance_pct=Decimal(10),
    )
    text = as_json(report_data(report))
    done = time.perf_counter()
    # running effective spend per project (none is in the fresh store: all are "unknown")
    projects = {name: str(value) for name, value in report.unknown.items()}
    return {
        "import_s": imported - start,
        "report_s": done - imported,
        "seconds": done - start,
        "json_bytes": len(text),
        "projects": projects,
        "unattributed": str(report.allocation.unattributed.effective),
    }


def _source_sql(path: Path) -> str:
    name = str(path).replace("'", "''")
    if path.name.endswith(".parquet"):
        return f"read_parquet('{name}')"
    types = (
        "{'EffectiveCost': 'DECIMAL(18, 10)', 'BilledCost': 'DECIMAL(18, 10)', "
        "'ChargePeriodStart': 'TIMESTAMPTZ', 'Tags': 'VARCHAR', 'ChargeCategory': 'VARCHAR'}"
    )
    return f"read_csv('{name}', header = true, types = {types})"


def floor_sql(path: Path) -> str:
    paths = [f'$."{p}{t}"' for t in TAGS for p in PREFIXES]
    listed = "[" + ", ".join(f"'{p}'" for p in paths) + "]"
    return f"""
WITH by_tags AS (
  SELECT "Tags" AS tags, "ChargeCategory" AS charge_category,
         CAST("ChargePeriodStart" AS DATE) AS day,
         sum("EffectiveCost") AS effective, sum("BilledCost") AS billed
  FROM {_source_sql(path)}
  GROUP BY ALL
), parsed AS (
  SELECT DISTINCT tags, json_extract_string(tags, {listed}) AS v FROM by_tags
)
SELECT coalesce(v[1], v[2]) AS project, coalesce(v[3], v[4]) AS environment,
       charge_category, day, sum(effective) AS effective, sum(billed) AS billed
FROM by_tags LEFT JOIN parsed USING (tags)
GROUP BY ALL
"""


def floor_figures(path: Path) -> tuple[float, list[tuple[Any, ...]]]:
    import duckdb

    start = time.perf_counter()
    with duckdb.connect() as con:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET enable_progress_bar = false")
        rows = con.execute(floor_sql(path)).fetchall()
    return time.perf_counter() - start, rows


def _pick(tags: str | None, dimension: str) -> str | None:
    if tags is None:
        return None
    parsed = json.loads(tags)
    for prefix in PREFIXES:
        value = parsed.get(prefix + dimension)
        if value is not None:
            return str(value)
    return None


def pandas_figures(path: Path) -> tuple[float, Any]:
    """The same groups with pandas; money in float64, as pandas computes it."""
    import pandas as pd  # type: ignore[import-untyped]
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    start = time.perf_counter()
    columns = ["Tags", "ChargeCategory", "ChargePeriodStart", "EffectiveCost", "BilledCost"]
    if path.name.endswith(".parquet"):
        table = pq.read_table(path, columns=columns, read_dictionary=["Tags", "ChargeCategory"])
        for money in ("EffectiveCost", "BilledCost"):
            index = table.schema.get_field_index(money)
            table = table.set_column(index, money, table[money].cast(pa.float64()))
        frame = table.to_pandas()
        del table
    else:
        frame = pd.read_csv(
            path,
            usecols=columns,
            engine="pyarrow",
            dtype={
                "Tags": "category",
                "ChargeCategory": "category",
                "EffectiveCost": "float64",
                "BilledCost": "float64",
            },
        )
        frame["ChargePeriodStart"] = pd.to_datetime(frame["ChargePeriodStart"], utc=True)
    tags = frame["Tags"]
    for dimension in TAGS:  # each distinct Tags value parsed once, not once per row
        frame[dimension] = tags.map({t: _pick(t, dimension) for t in tags.cat.categories})
    frame["day"] = frame["ChargePeriodStart"].dt.floor("D")
    result = (
        frame.groupby(
            ["project", "environment", "ChargeCategory", "day"], dropna=False, observed=True
        )[["EffectiveCost", "BilledCost"]]
        .sum()
        .reset_index()
    )
    return time.perf_counter() - start, result


def running_by_project(groups: list[tuple[Any, ...]]) -> dict[str | None, Any]:
    """Usage and Purchase effective cost per project (None: unattributed), from
    (project, environment, charge category, day, effective, billed) groups; summed in the
    type each computation gives (Decimal from DuckDB, float64 from pandas)."""
    totals: dict[str | None, Any] = {}
    for project, _env, category, _day, effective, _billed in groups:
        if category in ("Usage", "Purchase"):
            key = None if project is None or project != project else str(project)  # NaN: none
            totals[key] = totals[key] + effective if key in totals else effective
    return totals


def child(step: str, path: Path) -> dict[str, Any]:
    if step == "infragate":
        with tempfile.TemporaryDirectory(prefix="bench-costs-store-") as store_dir:
            return infragate_report(path, Path(store_dir))
    if step == "floor":
        seconds, rows = floor_figures(path)
    else:
        seconds, result = pandas_figures(path)
        rows = list(result.itertuples(index=False, name=None))
    totals = running_by_project(rows)
    return {
        "seconds": seconds,
        "groups": len(rows),
        "projects": {k: str(totals[k]) for k in sorted(k for k in totals if k is not None)},
        "unattributed": str(totals.get(None, 0)),
    }


# --- the parent: data, fresh processes, the table ------------------------------------------


def dataset_path(rows: int, fmt: str) -> Path:
    return CACHE / f"focus-{VERSION}-{rows}-seed{SEED}.{fmt}"


def generate(rows: int, fmt: str) -> None:
    """Write the file (to a temporary name, then renamed: a cut-short run leaves no file that
    a later run would take for whole)."""
    sys.path.insert(0, str(ROOT))
    from tests.focusbulk import write_bulk

    path = dataset_path(rows, fmt)
    partial = path.with_name(f".{path.name}.partial.{fmt}")
    write_bulk(partial, rows, seed=SEED, version=VERSION)
    partial.rename(path)


def dataset(rows: int, fmt: str) -> tuple[Path, str]:
    """The file for these parameters, generated once. In a child process: a child's peak
    memory (ru_maxrss) starts from its parent's, so the parent never loads DuckDB itself."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = dataset_path(rows, fmt)
    if path.exists():
        return path, "reused: same rows, format and seed"
    start = time.perf_counter()
    cmd = [sys.executable, str(Path(__file__).resolve()), "--generate", str(rows), fmt]
    subprocess.run(cmd, check=True)
    return path, f"generated in {time.perf_counter() - start:.1f} s"


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(step: str, path: Path, limit_mb: float | None, timeout_s: float | None) -> Any:
    """One fresh process: its result, wall seconds and peak MB; or why it was stopped."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", step, str(path)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        stopped = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.perf_counter() - start
            if timeout_s is not None and elapsed > timeout_s:
                stopped = f"stopped after {timeout_s:.0f} s"
            elif limit_mb is not None and _rss_mb(proc.pid) > limit_mb:
                stopped = f"stopped above the {limit_mb:.0f} MB memory budget"
            if stopped:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                return {"stopped": stopped}
            time.sleep(POLL_S)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-2000:]
            return {"stopped": f"exited {proc.returncode}: {tail}"}
        out.seek(0)
        result: dict[str, Any] = json.loads(out.read())
        result["wall_s"] = wall
        result["peak_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
        return result


def median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(r[key] for r in runs))


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def bench(rows: int, fmt: str, runs: int, pandas_mb: float) -> None:
    path, how = dataset(rows, fmt)
    size = path.stat().st_size / 2**20
    print(f"\n{rows:,} rows: {path.relative_to(ROOT)} ({fmt}, {size:,.0f} MB, {how})")
    results: dict[str, list[dict[str, Any]]] = {}
    stopped: dict[str, str] = {}
    for step in STEPS:
        limit = pandas_mb if step == "pandas" else None
        timeout = PANDAS_TIMEOUT_S if step == "pandas" else None
        for _ in range(runs):
            r = measure(step, path, limit, timeout)
            if "stopped" in r:
                stopped[step] = r["stopped"]
                break
            results.setdefault(step, []).append(r)
    floor = median(results["floor"], "seconds") if "floor" in results else None
    print(f"  {'step':24} {'median s':>9} {'min s':>8} {'max s':>8} {'peak MB':>8} {'x floor':>8}")

    def line(label: str, runs_: list[dict[str, Any]], key: str, peak: bool = True) -> None:
        times = [r[key] for r in runs_]
        mid = statistics.median(times)
        ratio = f"{mid / floor:8.2f}" if floor else f"{'-':>8}"
        mb = f"{median(runs_, 'peak_mb'):8.0f}" if peak else f"{'':>8}"
        print(f"  {label:24} {mid:9.2f} {min(times):8.2f} {max(times):8.2f} {mb} {ratio}")

    if "infragate" in results:
        ig = results["infragate"]
        line("infragate import", ig, "import_s", peak=False)
        line("infragate report", ig, "report_s", peak=False)
        line("infragate import+report", ig, "seconds")
    for step in ("floor", "pandas"):
        if step in results:
            line(
                f"{step} (DuckDB)" if step == "floor" else "pandas (float64)",
                results[step],
                "seconds",
            )
    for step, why in stopped.items():
        print(f"  {step}: {why}")
    if "infragate" not in results:
        return
    ig = results["infragate"]
    total, peak = median(ig, "seconds"), median(ig, "peak_mb")
    print(f"  (process wall, start-up included: infragate {median(ig, 'wall_s'):.2f} s)")
    target = TARGET_S.get(rows)
    if target is not None:
        print(f"  {verdict(total < target)}  import+report {total:.2f} s < {target:g} s")
    print(f"  {verdict(peak < TARGET_MB)}  peak memory {peak:.0f} MB < {TARGET_MB:g} MB")
    if floor:
        ok = total <= TARGET_RATIO * floor
        print(f"  {verdict(ok)}  {total / floor:.2f}x the floor <= {TARGET_RATIO:g}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000000,10000000", help="row counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per step")
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    parser.add_argument(
        "--pandas-mb", type=float, default=8192, help="pandas is stopped above this RSS"
    )
    parser.add_argument("--child", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=2, metavar=("ROWS", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(int(args.generate[0]), args.generate[1])
        return
    if args.child:
        step, file = args.child
        print(json.dumps(child(step, Path(file))))
        return
    load = os.getloadavg()
    print(
        f"machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"FOCUS {VERSION} as {args.format}; median of {args.runs} fresh processes per step; "
        f"pandas stopped past {PANDAS_TIMEOUT_S:.0f} s or {args.pandas_mb:.0f} MB; "
        f"peak MB is each child's ru_maxrss (this parent: {own:.0f} MB, a floor under it)"
    )
    for rows in (int(r) for r in args.rows.split(",")):
        if args.format == "csv" and rows > 1_000_000:
            print(f"\n{rows:,} rows as CSV: skipped (about 760 bytes a row); use --format parquet")
            continue
        bench(rows, args.format, args.runs, args.pandas_mb)


if __name__ == "__main__":
    main()
