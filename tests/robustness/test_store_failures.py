"""A store that is damaged, read-only, full, newer than this infragate, or out of reach
(every PostgreSQL connection failure we can make on 127.0.0.1) gives one message that
says what happened and what to do, exit code 2, never a traceback, in bounded time."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.postgres import Cluster

SHOPFRONT = ROOT / "examples" / "shopfront" / "infra" / "brief.yaml"
WAIVE = ("waive", "RS003", "--as", "dana@example.com", "--reason", "a store test")
WAIVE = (*WAIVE, "--expires", "2026-12-31")


def run(
    repo: Path, url: str, *args: str, preexec: Callable[[], None] | None = None
) -> tuple[int, str, float]:
    env = {**os.environ, "INFRAGATE_DATABASE_URL": url, "COLUMNS": "300", "NO_COLOR": "1"}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "infragate", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=preexec,
    )
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "infra").mkdir()
    shutil.copyfile(SHOPFRONT, tmp_path / "infra" / "brief.yaml")
    return tmp_path


@pytest.fixture
def good_store(repo: Path) -> Path:
    """A store at the current schema with shopfront's design in it."""
    path = repo / "store.db"
    code, out, _ = run(repo, f"sqlite:///{path}", "status")
    assert code == 0, out
    code, out, _ = run(repo, f"sqlite:///{path}", *WAIVE)
    assert code == 0, out
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def refused(code: int, out: str, *says: str) -> None:
    assert code == 2, out
    assert "Traceback" not in out and "internal error" not in out, out
    for text in says:
        assert text in out, (text, out)


@pytest.mark.parametrize("command", [("status",), ("log",), ("history",), ("verify", "--log")])
def test_a_corrupted_store(repo: Path, command: tuple[str, ...]) -> None:
    (repo / "store.db").write_bytes(os.urandom(8192))
    code, out, _ = run(repo, f"sqlite:///{repo / 'store.db'}", *command)
    refused(code, out, "store.db) is damaged", "file is not a database", "'.recover'", "backup")


def test_a_truncated_store(repo: Path, good_store: Path) -> None:
    with good_store.open("r+b") as handle:
        handle.truncate(good_store.stat().st_size // 2)
    code, out, _ = run(repo, f"sqlite:///{good_store}", "status")
    refused(code, out, "is damaged", "malformed", "'.recover'")


def test_a_store_from_a_newer_infragate(repo: Path, good_store: Path) -> None:
    with sqlite3.connect(good_store) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    code, out, _ = run(repo, f"sqlite:///{good_store}", "status")
    refused(code, out, "schema revision 0999", "a newer infragate wrote it", "Upgrade infragate")


def test_a_read_only_store(repo: Path, good_store: Path) -> None:
    """Opened read-only (SQLite's own mode=ro), reading works and writing says why not."""
    url = f"sqlite:///file:{good_store}?mode=ro&uri=true"
    code, out, _ = run(repo, url, "status")
    assert code == 0 and "shopfront" in out, out
    before = good_store.read_bytes()
    code, out, _ = run(repo, url, *WAIVE[:-2], "--expires", "2026-12-30")
    refused(code, out, "is read-only", "attempt to write a readonly database", "writable")
    assert good_store.read_bytes() == before


def _file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:  # what a full disk does to a write: it fails (EFBIG here)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_full_disk(repo: Path, good_store: Path) -> None:
    code, out, _ = run(
        repo,
        f"sqlite:///{good_store}",
        *WAIVE[:-2],
        "--expires",
        "2026-12-30",
        preexec=_file_size_limit(2048),  # a WAL frame is 4 KiB: the first write fails
    )
    refused(code, out, "the disk refused a write", "Nothing was written", "Free space")


def test_a_table_lost_mid_command(repo: Path, good_store: Path) -> None:
    """A damage found by a query, not at opening: the same one path to a message."""
    with sqlite3.connect(good_store) as conn:
        conn.execute("DROP TABLE waivers")
    code, out, _ = run(repo, f"sqlite:///{good_store}", "status")
    refused(code, out, "store.db) failed: no such table: waivers", "restore it from a backup")


# -- PostgreSQL: real failures on 127.0.0.1 -----------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A socket that accepts connections (the kernel completes them) and never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield int(s.getsockname()[1])


def test_postgres_refused(repo: Path) -> None:
    code, out, _ = run(repo, f"postgresql://me@127.0.0.1:{_closed_port()}/db", "status")
    refused(code, out, "nothing accepts connections there", "Connection refused", "pg_isready")


def test_postgres_that_never_answers(repo: Path, silent_port: int) -> None:
    url = f"postgresql://me@127.0.0.1:{silent_port}/db?connect_timeout=1"
    code, out, took = run(repo, url, "status")
    refused(code, out, "no answer in time", "connect_timeout")
    assert took < 30


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql://me@127.0.0.1:99999/db", "invalid port number"),
        ("postgresql://me@127.0.0.1:port/db", "is not a database URL"),
        ("postgresql://me@[::1/db", "is not a database URL"),
        ("not a database url", "is not a database URL"),
        ("mysql://me@127.0.0.1/db", "SQLite or PostgreSQL, not mysql"),
    ],
)
def test_a_url_that_is_not_one(repo: Path, url: str, says: str) -> None:
    code, out, _ = run(repo, url, "status")
    refused(code, out, says)
    assert "postgresql://USER" in out or "SQLite or PostgreSQL" in out


def test_postgres_database_missing(repo: Path, pg_cluster: Cluster) -> None:
    code, out, _ = run(repo, pg_cluster.url("no_such_database"), "status")
    refused(code, out, 'database "no_such_database" does not exist', "createdb")
