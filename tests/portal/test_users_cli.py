"""`infragate users`: accounts and tokens from the command line, used by the portal."""

from __future__ import annotations

import json
import subprocess
import sys

from infragate.store.engine import Store
from tests.portal.helpers import client_for, csrf_of, sign_in
from tests.portal.oidc_helpers import oidc_client, round_trip, shown
from tests.portal.oidc_provider import Provider


def _users(store: Store, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infragate", "users", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "INFRAGATE_DATABASE_URL": store.url},
        timeout=60,
        check=False,
    )


def test_an_account_made_on_the_command_line_signs_in_to_the_portal(store: Store) -> None:
    made = _users(
        store,
        "add",
        "dana@example.com",
        "--name",
        "Dana Ops",
        "--admin",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert made.returncode == 0, made.stderr
    listed = json.loads(_users(store, "list", "--format", "json").stdout)
    assert listed == [
        {
            "email": "dana@example.com",
            "name": "Dana Ops",
            "admin": True,
            "disabled": False,
            "password": True,
            "oidc": None,
        }
    ]
    client = sign_in(client_for(store), "dana@example.com", "a long enough password")
    assert client.get("/api/me").json()["is_admin"] is True
    # disabling stops the session at once
    assert _users(store, "disable", "dana@example.com").returncode == 0
    assert client.get("/api/me").status_code == 401


def test_a_short_password_and_a_second_account_are_refused(store: Store) -> None:
    short = _users(
        store, "add", "x@example.com", "--name", "X", "--password-stdin", stdin="short\n"
    )
    assert short.returncode == 2 and "at least 12 characters" in short.stderr
    ok = _users(
        store, "add", "x@example.com", "--name", "X", "--password-stdin", stdin="twelve chars ok\n"
    )
    assert ok.returncode == 0
    again = _users(
        store, "add", "X@example.com", "--name", "X", "--password-stdin", stdin="twelve chars ok\n"
    )
    assert again.returncode == 2 and "already has an account" in again.stderr


def test_a_token_is_printed_once_and_works(store: Store) -> None:
    _users(
        store,
        "add",
        "ci@example.com",
        "--name",
        "CI",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    token = _users(store, "token", "ci@example.com", "--name", "pipeline").stdout.strip()
    assert token.startswith("igt_")
    client = client_for(store)
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    from sqlalchemy import select

    from infragate.store import tables as t

    with store.read() as conn:
        stored = conn.execute(select(t.api_tokens.c.token_sha256)).scalars().all()
    assert stored and token not in stored


def test_an_oidc_only_account_is_made_without_a_password_and_given_one_later(
    sqlite_store: Store,
) -> None:
    both = _users(
        sqlite_store, "add", "nia@example.com", "--name", "Nia", "--oidc-only", "--password-stdin"
    )
    assert both.returncode == 2 and "drop --password-stdin" in both.stderr
    made = _users(sqlite_store, "add", "nia@example.com", "--name", "Nia", "--oidc-only")
    assert made.returncode == 0, made.stderr  # no password asked for (stdin is empty)
    assert "account nia@example.com created (OIDC only)" in made.stdout
    (listed,) = json.loads(_users(sqlite_store, "list", "--format", "json").stdout)
    assert listed["password"] is False and listed["oidc"] is None
    assert "(no password)" in _users(sqlite_store, "list").stdout
    client = client_for(sqlite_store)
    token = csrf_of(client)
    refused = client.post(
        "/login",
        data={"email": "nia@example.com", "password": "anything long", "csrf_token": token},
    )
    assert refused.status_code == 401
    given = _users(
        sqlite_store, "passwd", "nia@example.com", "--password-stdin", stdin="a long password now\n"
    )
    assert given.returncode == 0, given.stderr
    sign_in(client_for(sqlite_store), "nia@example.com", "a long password now")


def test_unbind_and_the_sign_in_record_on_the_command_line(
    sqlite_store: Store, provider: Provider
) -> None:
    assert (
        _users(sqlite_store, "add", "nia@example.com", "--name", "Nia", "--oidc-only").returncode
        == 0
    )
    assert round_trip(oidc_client(sqlite_store, provider), provider)[1].status_code == 303
    (listed,) = json.loads(_users(sqlite_store, "list", "--format", "json").stdout)
    assert listed["oidc"]["issuer"] == provider.issuer and listed["oidc"]["subject"] == "u-1001"

    # the person moved to another account at the provider: refused until an admin unbinds
    provider.person = {**provider.person, "sub": "u-2002"}
    _, refused = round_trip(oidc_client(sqlite_store, provider), provider)
    assert refused.status_code == 401 and "infragate users unbind nia@example.com" in shown(refused)
    unbound = _users(sqlite_store, "unbind", "nia@example.com")
    assert unbound.returncode == 0, unbound.stderr
    assert f"nia@example.com unbound from issuer {provider.issuer} subject u-1001" in unbound.stdout
    again = _users(sqlite_store, "unbind", "nia@example.com")
    assert again.returncode == 0 and "was not bound" in again.stdout
    nobody = _users(sqlite_store, "unbind", "nobody@example.com")
    assert nobody.returncode == 2 and "no account nobody@example.com" in nobody.stderr

    entries = json.loads(_users(sqlite_store, "sign-ins", "--format", "json").stdout)
    assert [(e["outcome"], e["method"], e["oidc_subject"]) for e in entries] == [
        ("signed_in", "oidc", "u-1001"),
        ("refused", "oidc", "u-2002"),
        ("unbound", "oidc", "u-1001"),
    ]
    assert entries[0]["email"] == "nia@example.com" and entries[0]["client"] == "testclient"
    text = _users(sqlite_store, "sign-ins", "--email", "NIA@example.com").stdout
    assert len(text.splitlines()) == 3 and "refused" in text and "unbound by" in text
    assert (
        "no sign-ins recorded that match"
        in _users(sqlite_store, "sign-ins", "--since", "2999-01-01").stdout
    )
    assert (
        _users(sqlite_store, "sign-ins", "--email", "x@example.com", "-f", "json").stdout.strip()
        == "[]"
    )
    bad = _users(sqlite_store, "sign-ins", "--since", "yesterday")
    assert bad.returncode == 2 and "--since 'yesterday' is not a date" in bad.stderr
