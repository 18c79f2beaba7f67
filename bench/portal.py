"""The portal under load: latency and throughput of its pages beside a bare FastAPI endpoint.

    .venv/bin/python bench/portal.py [--store sqlite|postgresql|both] [--runs 3]
        [--seconds 5] [--clients 20] [--workers 2] [--paths /requests,/projects/{project}]

A store with 100 projects made through the core (lifecycle service: a third frozen, the rest
with their design recorded for approval), `infragate serve --workers 2` on 127.0.0.1, a
signed-in session, and 20 concurrent keep-alive clients on each path for --seconds, several
runs, and on /healthz (the portal's middleware alone, for reference); then the same clients
on a bare FastAPI endpoint (bench/portal_floor.py) served by
uvicorn with the same settings: the floor. `{project}` in a path names one of the projects
(by default the queue and a project's page, and their JSON twins: issue 16's pages).

Prints the median over runs of p50, p95 and requests per second, the ratio to the floor,
and PASS/FAIL against the targets of issue 16: p95 under 200 ms, at least 300 requests per
second on 2 cores, within 3x of the floor's throughput. The clients are a minimal HTTP/1.1
loop on asyncio (one process, so they cost the server as little CPU as Python can). A
report, not a test: it shares the machine with whatever else runs (see `uptime`).
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.portal.live, tests.lifecycle_helpers, tests.postgres

P95_TARGET_MS = 200.0
RPS_TARGET = 300.0
FLOOR_RATIO_TARGET = 3.0
FLOOR_PATH = "/api/floor"
# uvicorn as `infragate serve` runs it (cli/portal.py), on the bare app
FLOOR_SERVE = (
    *(sys.executable, "-m", "uvicorn", "portal_floor:app", "--app-dir", str(ROOT / "bench")),
    *("--host", "127.0.0.1", "--proxy-headers", "--no-server-header", "--log-level", "warning"),
)
EMAIL = "bench@example.com"


@dataclass(frozen=True)
class Run:
    p50_ms: float
    p95_ms: float
    rps: float
    errors: int


@dataclass(frozen=True)
class Figures:
    path: str
    p50_ms: float
    p95_ms: float
    rps: float
    errors: int


def median_of(path: str, runs: list[Run]) -> Figures:
    return Figures(
        path,
        statistics.median(r.p50_ms for r in runs),
        statistics.median(r.p95_ms for r in runs),
        statistics.median(r.rps for r in runs),
        sum(r.errors for r in runs),
    )


# -- the store: 100 projects through the core --------------------------------------------


def make_projects(store_url: str, count: int, folder: Path) -> list[str]:
    from tests.lifecycle_helpers import ANN, BOB, OWNERS, Project

    from infragate.brief.model import Role
    from infragate.store.engine import open_store

    store = open_store(store_url)
    names = []
    try:
        for i in range(count):
            name = f"bench-{i:03d}"
            project = Project(folder / name, store, patch={**OWNERS, "project": {"name": name}})
            project.approve(Role.infra_owner, ANN)  # records the design for approval
            if i % 3 == 0:
                project.approve(Role.budget_owner, BOB)
                project.freeze()
            names.append(name)
    finally:
        store.close()
    return names


# -- the clients ----------------------------------------------------------------------------


def session_cookies(base: str, email: str, password: str) -> str:
    """Sign in through the sign-in form, as a browser would; the Cookie header it earns."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{base}/login").read().decode()
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the sign-in page has no CSRF token"
    form = {"email": email, "password": password, "csrf_token": found.group(1), "next": "/"}
    opener.open(f"{base}/login", data=urllib.parse.urlencode(form).encode()).read()
    assert any(c.name == "infragate_session" for c in jar), "signing in gave no session"
    return "; ".join(f"{c.name}={c.value}" for c in jar)


async def _client(
    port: int, request: bytes, until: float, latencies: list[float], errors: list[int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
            assert length, f"no Content-Length in {head[:200]!r}"
            await reader.readexactly(int(length.group(1)))
            latencies.append(time.perf_counter() - start)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(1)
    finally:
        writer.close()


async def _load(port: int, request: bytes, clients: int, seconds: float) -> Run:
    latencies: list[float] = []
    errors: list[int] = []
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(
        *(_client(port, request, until, latencies, errors) for _ in range(clients))
    )
    elapsed = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100)
    return Run(cuts[49] * 1000, cuts[94] * 1000, len(latencies) / elapsed, len(errors))


def load(port: int, path: str, cookie: str, clients: int, seconds: float) -> Run:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
        "Accept: text/html,application/json\r\n\r\n"
    ).encode()
    return asyncio.run(_load(port, request, clients, seconds))


def measure(port: int, path: str, cookie: str, clients: int, seconds: float, runs: int) -> Figures:
    load(port, path, cookie, clients, 1.0)  # warm up: connections, caches, imports
    return median_of(path, [load(port, path, cookie, clients, seconds) for _ in range(runs)])


# -- the floor: a bare FastAPI endpoint, served as the portal is ---------------------------


@contextmanager
def floor_server(workers: int, folder: Path) -> Iterator[int]:
    from tests.portal.live import free_port

    port = free_port()
    log = (folder / "floor.log").open("wb")
    process = subprocess.Popen(
        [*FLOOR_SERVE, "--port", str(port), "--workers", str(workers)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{FLOOR_PATH}", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "floor.log").read_text()) from None
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


# -- the report -----------------------------------------------------------------------------


def verdicts(page: Figures, floor: Figures) -> list[tuple[str, bool]]:
    ratio = floor.rps / page.rps if page.rps else float("inf")
    return [
        (f"p95 {page.p95_ms:.1f} ms < {P95_TARGET_MS:.0f} ms", page.p95_ms < P95_TARGET_MS),
        (f"{page.rps:.0f} req/s >= {RPS_TARGET:.0f}", page.rps >= RPS_TARGET),
        (f"floor/page throughput {ratio:.2f}x <= {FLOOR_RATIO_TARGET:.0f}x", ratio <= 3.0),
        (f"{page.errors} non-200 answers", page.errors == 0),
    ]


def report(store: str, pages: list[Figures], stack: Figures, floor: Figures) -> bool:
    print(f"\n{store}: median of runs; 'x floor' = floor req/s / page req/s")
    print(f"  {'path':28} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'x floor':>8}")
    for f in [*pages, stack, floor]:
        ratio = floor.rps / f.rps if f.rps else float("inf")
        print(f"  {f.path:28} {f.p50_ms:8.1f} {f.p95_ms:8.1f} {f.rps:8.0f} {ratio:8.2f}")
    passed = True
    for page in pages:
        for what, ok in verdicts(page, floor):
            print(f"  {'PASS' if ok else 'FAIL'}  {page.path}: {what}")
            passed = passed and ok
    return passed


def bench_store(kind: str, args: argparse.Namespace, folder: Path) -> bool:
    from tests.portal.live import running_portal

    cluster = None
    if kind == "postgresql":
        from tests.postgres import Cluster

        cluster = Cluster()
        cluster.start()
        store_url = cluster.create_database("bench_portal")
    else:
        store_url = f"sqlite:///{folder / 'store.db'}"
    try:
        started = time.perf_counter()
        names = make_projects(store_url, args.projects, folder / "projects")
        print(f"{kind}: {len(names)} projects in {time.perf_counter() - started:.0f} s")
        with running_portal(store_url, folder, workers=args.workers) as portal:
            password = "bench password, not a secret"
            portal.add_user(EMAIL, "Bench", password)
            cookie = session_cookies(portal.url, EMAIL, password)
            port = int(portal.url.rsplit(":", 1)[1])
            pages = [
                measure(
                    port,
                    path.replace("{project}", names[len(names) // 2]),
                    cookie,
                    args.clients,
                    args.seconds,
                    args.runs,
                )
                for path in args.paths
            ]
            # the portal's own stack (middleware, CSRF cookie, headers) on its cheapest route:
            # shown for reference, so a page's cost splits into stack and page
            stack = measure(port, "/healthz", cookie, args.clients, args.seconds, args.runs)
        with floor_server(args.workers, folder) as floor_port:
            floor = measure(floor_port, FLOOR_PATH, "", args.clients, args.seconds, args.runs)
        return report(kind, pages, stack, floor)
    finally:
        if cluster is not None:
            cluster.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument(
        "--paths",
        type=lambda s: s.split(","),
        default=["/requests", "/projects/{project}", "/api/requests", "/api/projects/{project}"],
        help="comma-separated",
    )
    args = parser.parse_args()
    load_avg = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} CPUs, load average {load_avg}; {args.clients} clients, ", end="")
    print(f"{args.workers} workers, {args.runs} runs of {args.seconds:.0f} s per path")
    kinds = ["sqlite", "postgresql"] if args.store == "both" else [args.store]
    passed = True
    for kind in kinds:
        with tempfile.TemporaryDirectory(prefix="infragate-bench-portal-") as tmp:
            passed = bench_store(kind, args, Path(tmp)) and passed
    print(f"\n{'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
