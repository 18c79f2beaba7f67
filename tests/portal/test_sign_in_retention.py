"""The sign-in record stays bounded, on SQLite and PostgreSQL: a client the rate limiter
refuses gets one entry per window that counts its refusals, and entries older than the
retention (INFRAGATE_SIGN_IN_RETENTION_DAYS, 400 days unless set) are pruned as sign-ins
are recorded, a batch at a time, or at once by `infragate users prune-sign-ins`."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from infragate.errors import Refused, UsageError
from infragate.portal.app import create_app
from infragate.portal.security.accounts import MAX_ATTEMPTS, WINDOW_SECONDS
from infragate.portal.security.sign_in import NOT_UNDER_WAY, with_password
from infragate.portal.security.sign_in_record import (
    Method,
    Outcome,
    SignIn,
    record,
    record_counted,
    stamp,
)
from infragate.portal.security.sign_in_retention import (
    DEFAULT_RETENTION_DAYS,
    ENV_RETENTION,
    PRUNE_BATCH,
    retention_days,
)
from infragate.portal.settings import Settings, load_settings
from infragate.store import tables as t
from infragate.store.engine import Store
from tests.portal.helpers import PASSWORD, SECRET, account, recorded, sign_in
from tests.portal.oidc_helpers import oidc_client, round_trip, shown
from tests.portal.oidc_provider import Provider

ANN, ADAM = "ann@example.com", "adam@example.com"
KEEP = 30


def attempt(store: Store, client: str, password: str = "not the password") -> None:
    with contextlib.suppress(Refused):
        with_password(store, ANN, password, client, None, KEEP)


def rows(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(t.sign_ins)).scalar_one())


def test_a_flood_is_one_counted_entry_per_client_and_window(store: Store) -> None:
    account(store, ANN)
    for _ in range(MAX_ATTEMPTS):
        attempt(store, "10.0.0.1")  # each refused for what it was, until the limit
    before = rows(store)
    for _ in range(40):
        attempt(store, "10.0.0.1")
    for _ in range(3):  # another address, for the account the limiter now guards
        attempt(store, "10.0.0.2", PASSWORD)
    assert rows(store) == before + 2  # a flood of 43 refusals: two entries

    limited = [e for e in recorded(store) if e.outcome is Outcome.rate_limited]
    assert [(e.client, e.times, e.email, e.method) for e in limited] == [
        ("10.0.0.1", 40, ANN, Method.password),
        ("10.0.0.2", 3, ANN, Method.password),
    ]
    first = limited[0]
    assert first.last_at is not None and first.at < first.last_at
    assert first.detail is not None and first.detail.startswith("rate limited:")
    refused = [e for e in recorded(store) if e.outcome is Outcome.refused]
    assert len(refused) == MAX_ATTEMPTS


def test_a_flood_of_oidc_callbacks_is_counted_past_the_limit(
    sqlite_store: Store, provider: Provider
) -> None:
    client = oidc_client(sqlite_store, provider)
    for _ in range(MAX_ATTEMPTS + 30):  # no sign-in under way: it costs the sender nothing
        refused = client.get("/login/oidc/callback", params={"code": "x", "state": "y"})
        assert refused.status_code == 401 and "no sign-in was under way" in shown(refused)
    assert rows(sqlite_store) == MAX_ATTEMPTS + 1
    entries = recorded(sqlite_store)
    assert [(e.outcome, e.times) for e in entries] == [
        *[(Outcome.refused, 1)] * MAX_ATTEMPTS,
        (Outcome.rate_limited, 30),
    ]
    counted = entries[-1]
    assert counted.method is Method.oidc and counted.client == "testclient"
    assert counted.detail is not None
    assert counted.detail.startswith(f"over {MAX_ATTEMPTS} OIDC sign-ins refused in 5 minutes")
    assert counted.detail.endswith("the first of these: " + NOT_UNDER_WAY)
    # a person the provider vouches for, from the same client, still signs in and is recorded
    account(sqlite_store, "nia@example.com")
    assert round_trip(client, provider)[1].status_code == 303
    assert recorded(sqlite_store)[-1].outcome is Outcome.signed_in


def test_a_new_window_starts_a_new_entry(store: Store) -> None:
    start = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)

    def refused(seconds: int, client: str = "10.0.0.9") -> SignIn:
        at = stamp(start + timedelta(seconds=seconds))
        return SignIn(at, Method.password, Outcome.rate_limited, ANN, client=client)

    with store.write() as conn:
        for seconds in (0, 100, WINDOW_SECONDS - 1):
            record_counted(conn, refused(seconds), WINDOW_SECONDS)
        record_counted(conn, refused(50, "10.0.0.8"), WINDOW_SECONDS)  # another client
        record(conn, SignIn(stamp(start), Method.password, Outcome.refused, ANN, client="x"))
        for seconds in (WINDOW_SECONDS, WINDOW_SECONDS + 10):  # the first window is over
            record_counted(conn, refused(seconds), WINDOW_SECONDS)
    got = [(e.client, e.at[11:19], e.times, e.last_at) for e in recorded(store)]
    assert got == [
        ("10.0.0.9", "10:00:00", 3, stamp(start + timedelta(seconds=WINDOW_SECONDS - 1))),
        ("x", "10:00:00", 1, None),
        ("10.0.0.8", "10:00:50", 1, None),
        ("10.0.0.9", "10:05:00", 2, stamp(start + timedelta(seconds=WINDOW_SECONDS + 10))),
    ]


def _aged(days: float, count: int, email: str = "old@example.com") -> list[SignIn]:
    at = stamp(datetime.now(UTC) - timedelta(days=days))
    return [SignIn(at, Method.password, Outcome.refused, email, client="10.1.1.1")] * count


def _emails(store: Store) -> list[str | None]:
    return [e.email for e in recorded(store)]


def test_a_sign_in_prunes_a_batch_past_the_retention(store: Store) -> None:
    account(store, ANN)
    with store.write() as conn:
        for entry in [*_aged(KEEP + 1, PRUNE_BATCH + 3), *_aged(KEEP - 1, 2, "kept@example.com")]:
            record(conn, entry)
    with_password(store, ANN, PASSWORD, "10.0.0.1", None, KEEP)  # prunes PRUNE_BATCH at most
    assert _emails(store) == [
        *["old@example.com"] * 3,
        *["kept@example.com"] * 2,
        ANN,
    ]
    attempt(store, "10.0.0.1")  # a refused one prunes too
    assert _emails(store) == [*["kept@example.com"] * 2, ANN, ANN]


def _prune(
    store: Store, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infragate", "users", "prune-sign-ins", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "INFRAGATE_DATABASE_URL": store.url, **(env or {})},
        timeout=60,
        check=False,
    )


def test_prune_sign_ins_prunes_everything_past_the_retention_at_once(store: Store) -> None:
    with store.write() as conn:
        for entry in [
            *_aged(DEFAULT_RETENTION_DAYS + 1, PRUNE_BATCH + 5),
            *_aged(KEEP + 1, 2, "month@example.com"),
            *_aged(1, 1, "new@example.com"),
        ]:
            record(conn, entry)
    done = _prune(store)
    assert done.returncode == 0, done.stderr
    assert f"{PRUNE_BATCH + 5} entries from before " in done.stdout
    assert f"pruned (the record keeps {DEFAULT_RETENTION_DAYS} days)" in done.stdout
    assert _emails(store) == ["month@example.com"] * 2 + ["new@example.com"]
    by_setting = _prune(store, env={ENV_RETENTION: str(KEEP)})
    assert "2 entries" in by_setting.stdout and _emails(store) == ["new@example.com"]
    assert "0 entries" in _prune(store, "--days", "2").stdout  # a day old: not yet past
    bad = _prune(store, env={ENV_RETENTION: "a year"})
    assert bad.returncode == 2 and f"{ENV_RETENTION}: 'a year' is not a whole number" in bad.stderr
    assert _prune(store, "--days", "0").returncode == 2
    assert _emails(store) == ["new@example.com"]


@pytest.mark.parametrize(
    ("given", "days"), [(None, DEFAULT_RETENTION_DAYS), (" ", DEFAULT_RETENTION_DAYS), ("90", 90)]
)
def test_the_retention_setting(given: str | None, days: int) -> None:
    assert retention_days(given) == days


@pytest.mark.parametrize("given", ["0", "-5", "1.5", "forever", "36501"])
def test_a_wrong_retention_setting_names_the_variable(given: str) -> None:
    with pytest.raises(UsageError, match=f"{ENV_RETENTION}: '{given}' is not a whole number"):
        retention_days(given)


def test_the_portal_reads_the_retention_and_prunes_by_it(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_RETENTION, "7")
    monkeypatch.setenv("INFRAGATE_PORTAL_SECRET", SECRET)
    assert load_settings(sqlite_store.url).sign_in_retention_days == 7
    monkeypatch.setenv(ENV_RETENTION, "soon")
    with pytest.raises(UsageError, match=f"{ENV_RETENTION}: 'soon'"):
        load_settings(sqlite_store.url)
    assert Settings(sqlite_store.url, SECRET).sign_in_retention_days == DEFAULT_RETENTION_DAYS

    account(sqlite_store, ADAM, admin=True)
    with sqlite_store.write() as conn:
        for entry in [*_aged(8, 1), *_aged(6, 1, "week@example.com")]:
            record(conn, entry)
    settings = Settings(sqlite_store.url, SECRET, sign_in_retention_days=7)
    client = TestClient(create_app(settings, sqlite_store), base_url="http://127.0.0.1")
    sign_in(client, ADAM)
    assert _emails(sqlite_store) == ["week@example.com", ADAM]
