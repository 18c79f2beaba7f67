"""`infragate users`: accounts and tokens from the command line, used by the portal."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys

from sqlalchemy import select

from infragate.store import tables as t
from infragate.store.engine import Store
from tests.portal.helpers import client_for, csrf_of, sign_in
from tests.portal.oidc_helpers import oidc_client, round_trip, shown
from tests.portal.oidc_provider import Provider

ACTOR = "ops-lead"  # who runs the commands: INFRAGATE_ACTOR, as the lifecycle commands take it


def _users(
    store: Store, *args: str, stdin: str = "", actor: str | None = ACTOR
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INFRAGATE_DATABASE_URL": store.url}
    env.pop("INFRAGATE_ACTOR", None)
    return subprocess.run(
        [sys.executable, "-m", "infragate", "users", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**env, "INFRAGATE_ACTOR": actor} if actor else env,
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
    assert [(e["outcome"], e["method"], e["oidc_subject"], e["actor"]) for e in entries] == [
        ("account_created", "cli", None, ACTOR),
        ("signed_in", "oidc", "u-1001", None),
        ("refused", "oidc", "u-2002", None),
        ("unbound", "oidc", "u-1001", ACTOR),
    ]
    assert entries[1]["email"] == "nia@example.com" and entries[1]["client"] == "testclient"
    text = _users(sqlite_store, "sign-ins", "--email", "NIA@example.com").stdout
    assert len(text.splitlines()) == 4 and "refused" in text
    assert text.splitlines()[-1].split()[1] == "unbound" and f"by {ACTOR}" in text
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


def test_every_change_to_an_account_is_recorded_with_its_actor_and_never_a_password(
    sqlite_store: Store,
) -> None:
    dana, secret, other = "dana@example.com", "a long enough password", "another long password"
    steps = [
        ("add", dana, "--name", "Dana", "--admin", "--password-stdin"),
        ("passwd", dana, "--password-stdin"),
        ("disable", dana),
        ("enable", dana),
        ("revoke-admin", dana),
        ("grant-admin", dana),
    ]
    for step, stdin in zip(steps, (secret, other, "", "", "", ""), strict=True):
        done = _users(sqlite_store, *step, stdin=stdin + "\n")
        assert done.returncode == 0, (step, done.stderr)
    again = _users(sqlite_store, "grant-admin", dana)
    assert "dana@example.com was already a platform admin; nothing changed" in again.stdout
    assert "was already enabled" in _users(sqlite_store, "enable", dana).stdout
    nobody = _users(sqlite_store, "revoke-admin", "nobody@example.com")
    assert nobody.returncode == 2 and "no account nobody@example.com" in nobody.stderr

    entries = json.loads(_users(sqlite_store, "sign-ins", "-f", "json").stdout)
    assert [(e["outcome"], e["method"], e["email"], e["actor"], e["detail"]) for e in entries] == [
        ("account_created", "cli", dana, ACTOR, "a platform admin"),
        ("password_set", "cli", dana, ACTOR, "replaced its password"),
        ("disabled", "cli", dana, ACTOR, None),
        ("enabled", "cli", dana, ACTOR, None),
        ("admin_revoked", "cli", dana, ACTOR, None),
        ("admin_granted", "cli", dana, ACTOR, None),
    ]  # the changes that changed nothing are not there
    assert all(e["account_id"] is not None and e["client"] is None for e in entries)
    with sqlite_store.read() as conn:
        everything = repr(conn.execute(select(t.sign_ins)).all())
    assert secret not in everything and other not in everything and "argon2" not in everything
    text = _users(sqlite_store, "sign-ins").stdout.splitlines()
    assert text[1].split()[1:4] == ["password_set", "cli", dana] and f"by {ACTOR}" in text[1]


def test_a_changes_actor_is_the_os_user_without_infragate_actor_and_shows_at_once(
    sqlite_store: Store,
) -> None:
    made = _users(
        sqlite_store, "add", "nia@example.com", "--name", "Nia", "--oidc-only", actor=None
    )
    assert made.returncode == 0, made.stderr
    given = _users(
        sqlite_store, "passwd", "nia@example.com", "--password-stdin", stdin="a long password now\n"
    )
    assert given.returncode == 0, given.stderr
    admin = sign_in(client_for(sqlite_store), "nia@example.com", "a long password now")
    assert admin.get("/api/admin/sign-ins").status_code == 403
    assert _users(sqlite_store, "grant-admin", "nia@example.com").returncode == 0
    entries = admin.get("/api/admin/sign-ins").json()["entries"]  # an admin from now on
    assert [(e["outcome"], e["actor"], e["detail"]) for e in entries] == [
        ("account_created", getpass.getuser(), "no password: OIDC sign-in only"),
        ("password_set", ACTOR, "its first password (it signed in through OIDC only)"),
        ("signed_in", None, None),
        ("admin_granted", ACTOR, None),
    ]
    page = admin.get("/admin/sign-ins").text
    assert "admin granted" in page and f"<td>{ACTOR}</td>" in page
    assert _users(sqlite_store, "revoke-admin", "nia@example.com").returncode == 0
    assert admin.get("/api/admin/sign-ins").status_code == 403  # at once
