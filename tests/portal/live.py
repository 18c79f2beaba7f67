"""The real portal for tests and benches: `infragate serve` (uvicorn) in a process of its own
on 127.0.0.1 and a free port, on a given store, with accounts made through `infragate users
add --password-stdin` as an administrator would.

    with running_portal(store_url, tmp_path) as portal:
        portal.add_user("ann@example.com", "Ann Infra")
        httpx.get(portal.url + "/healthz")

The server is stopped with SIGTERM (uvicorn's clean shutdown: workers finish, lifespans run)
and killed, with its whole process group, only if it does not stop in time.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.portal.helpers import PASSWORD, SECRET

SERVE = (sys.executable, "-m", "infragate", "serve", "--host", "127.0.0.1")
START_SECONDS = 30.0
STOP_SECONDS = 15.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class LivePortal:
    url: str
    store_url: str
    env: Mapping[str, str]
    log: Path
    pid: int  # uvicorn's main process; its workers are in its process group

    def cli(
        self, *args: str, stdin: str | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`infragate ARGS` on the portal's store, in a fresh process."""
        return subprocess.run(
            [sys.executable, "-m", "infragate", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env={**self.env, "COLUMNS": "200", "NO_COLOR": "1"},
            cwd=cwd,
            timeout=60,
            check=False,
        )

    def add_user(
        self, email: str, name: str = "", password: str = PASSWORD, admin: bool = False
    ) -> str:
        args = ["users", "add", email, "--name", name or email.split("@")[0].title()]
        done = self.cli(*args, *(["--admin"] if admin else []), "--password-stdin", stdin=password)
        assert done.returncode == 0, done.stdout + done.stderr
        return email

    def server_log(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def survivors(group: int) -> list[int]:
    """Live processes of a process group (zombies are dead: in a container without an init,
    nobody reaps the orphaned multiprocessing resource tracker)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended while we looked
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state not in ("Z", "X"):
            alive.append(int(stat.parent.name))
    return alive


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (uvicorn stops its workers and runs their lifespans), then the group's
    stragglers are waited for a moment and killed."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_SECONDS)
    deadline = time.monotonic() + STOP_SECONDS
    while survivors(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if survivors(process.pid):
        os.killpg(process.pid, signal.SIGKILL)


@contextmanager
def running_portal(
    store_url: str,
    folder: Path,
    workers: int = 1,
    secret: str = SECRET,
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[LivePortal]:
    """`infragate serve` on `store_url` until the block ends; its output goes to
    folder/portal.log (shown when it fails to start)."""
    port = free_port()
    env = {
        **os.environ,
        "INFRAGATE_DATABASE_URL": store_url,
        "INFRAGATE_PORTAL_SECRET": secret,
        **(extra_env or {}),
    }
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"portal-{port}.log"
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*SERVE, "--port", str(port), "--workers", str(workers)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # its own process group, so a kill reaches the workers
        )
    portal = LivePortal(url, store_url, env, log, process.pid)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"infragate serve did not answer on {url}/healthz "
                    f"(exit code {process.poll()}):\n{portal.server_log()}"
                )
            time.sleep(0.1)
        yield portal
    finally:
        _stop(process)
