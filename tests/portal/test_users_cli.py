"""`infragate users`: accounts and tokens from the command line, used by the portal."""

from __future__ import annotations

import json
import subprocess
import sys

from infragate.store.engine import Store
from tests.portal.helpers import client_for, sign_in


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
        {"email": "dana@example.com", "name": "Dana Ops", "admin": True, "disabled": False}
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
