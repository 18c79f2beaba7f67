"""The sign-in record: local and OIDC sign-ins, refusals and sign-outs land in the store
with when, who, how, what came of it and why, and the client address; never a password or
a token. Admins read it at /admin/sign-ins and its JSON twin. Also: an account made for
OIDC only has no password, and a local sign-in to it says to use the provider's button
without telling which accounts exist."""

from __future__ import annotations

from dataclasses import replace

import httpx2
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text

from infragate.portal.security.account_changes import (
    ChangedBy,
    add_account,
    set_admin,
    set_disabled,
    set_password,
)
from infragate.portal.security.accounts import MAX_ATTEMPTS
from infragate.portal.security.sign_in_record import Method, Outcome, SignIn, record_counted
from infragate.store import tables as t
from infragate.store.engine import Store, _alembic_config, open_store, upgrade
from tests.portal.helpers import (
    PASSWORD,
    account,
    by_setup,
    client_for,
    csrf_of,
    recorded,
    sign_in,
)
from tests.portal.oidc_helpers import oidc_client, round_trip, shown, signed_in
from tests.portal.oidc_provider import Provider

ANN, ADAM = "ann@example.com", "adam@example.com"


def attempt(client: TestClient, email: str, password: str) -> httpx2.Response:
    token = csrf_of(client)
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )


def record(store: Store) -> list[SignIn]:
    return recorded(store)


def user_id(store: Store, email: str) -> int:
    with store.read() as conn:
        found: int = conn.execute(select(t.users.c.id).where(t.users.c.email == email)).scalar_one()
    return found


def everything_recorded(store: Store) -> str:
    with store.read() as conn:
        return repr(conn.execute(select(t.sign_ins)).all())


def test_local_sign_ins_refusals_and_sign_outs_are_recorded(store: Store) -> None:
    account(store, ANN)
    ann = user_id(store, ANN)
    client = client_for(store)
    assert attempt(client, ANN, "not the password").status_code == 401
    assert attempt(client, "nobody@example.com", PASSWORD).status_code == 401
    assert attempt(client, PASSWORD, PASSWORD).status_code == 401  # a password typed as email
    assert attempt(client, ANN, PASSWORD).status_code == 303
    token = csrf_of(client, "/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 200  # at /login
    assert not signed_in(client)

    got = [(e.outcome, e.method, e.email, e.user_id, e.detail, e.client) for e in record(store)]
    assert got == [
        (Outcome.refused, Method.password, ANN, ann, "wrong password", "testclient"),
        (
            Outcome.refused,
            Method.password,
            "nobody@example.com",
            None,
            "no such account",
            "testclient",
        ),
        (
            Outcome.refused,
            Method.password,
            None,
            None,
            f"no such account; the email field held {len(PASSWORD)} characters not shaped "
            "like an address",
            "testclient",
        ),
        (Outcome.signed_in, Method.password, ANN, ann, None, "testclient"),
        (Outcome.signed_out, Method.password, ANN, ann, None, "testclient"),
    ]
    stamps = [e.at for e in record(store)]
    assert stamps == sorted(stamps) and all(s.endswith("Z") for s in stamps)
    assert PASSWORD not in everything_recorded(store)
    assert "not the password" not in everything_recorded(store)


def test_a_disabled_account_and_the_rate_limit_are_recorded_as_such(sqlite_store: Store) -> None:
    account(sqlite_store, ANN)
    set_disabled(sqlite_store, ANN, True, by_setup())
    client = client_for(sqlite_store)
    done = attempt(client, ANN, PASSWORD)
    assert done.status_code == 401 and "wrong email or password" in done.text  # tells nothing
    for _ in range(MAX_ATTEMPTS - 1):
        attempt(client, ANN, "a wrong password")
    limited = attempt(client, ANN, PASSWORD)
    assert "too many sign-in attempts" in limited.text
    entries = record(sqlite_store)
    assert entries[0].detail == "the account is disabled"
    assert (entries[-1].outcome, entries[-1].detail, entries[-1].times) == (
        Outcome.rate_limited,
        "rate limited: 5 failed attempts in 5 minutes for this account and this client",
        1,
    )
    with sqlite_store.read() as conn:  # the limiter still counts in its own table
        assert conn.execute(select(t.login_attempts)).all()


def test_an_oidc_only_account_has_no_password_until_an_admin_gives_one(
    sqlite_store: Store, provider: Provider
) -> None:
    add_account(sqlite_store, "nia@example.com", "Nia", None, False, by_setup())
    account(sqlite_store, ANN)
    client = oidc_client(sqlite_store, provider)
    refused = attempt(client, "nia@example.com", "any password at all")
    assert refused.status_code == 401
    hint = (
        "wrong email or password. An account that signs in through Test IdP has no password "
        "here: use 'Sign in with Test IdP' below"
    )
    assert hint in shown(refused)
    # a wrong password of an account that has one reads the same: no account is revealed
    assert hint in shown(attempt(client, ANN, "a wrong password"))
    nia = record(sqlite_store)[0]
    assert nia.detail == "the account has no password (it signs in through OIDC)"
    # the provider's button signs her in
    assert round_trip(client, provider)[1].status_code == 303
    # an admin gives the account a password: local sign-in works too
    set_password(sqlite_store, "nia@example.com", "her new long password", by_setup())
    assert (
        attempt(client_for(sqlite_store), "nia@example.com", "her new long password").status_code
        == 303
    )


def test_oidc_refusals_are_recorded_with_the_reason(
    sqlite_store: Store, provider: Provider
) -> None:
    account(sqlite_store, "nia@example.com")
    provider.tamper = {"nonce": "not-the-one-sent"}
    client = oidc_client(sqlite_store, provider)
    assert round_trip(client, provider)[1].status_code == 401
    # a callback without a sign-in under way in this browser
    stray = oidc_client(sqlite_store, provider).get("/login/oidc/callback?code=x&state=y")
    assert stray.status_code == 401
    got = [(e.outcome, e.method, e.email, e.detail) for e in record(sqlite_store)]
    assert got == [
        (
            Outcome.refused,
            Method.oidc,
            None,
            "the ID token's nonce does not match this sign-in: start again",
        ),
        (
            Outcome.refused,
            Method.oidc,
            None,
            "no sign-in was under way in this browser, or it took over 10 minutes: start again",
        ),
    ]


def test_an_oidc_session_signs_out_as_oidc(sqlite_store: Store, provider: Provider) -> None:
    account(sqlite_store, "nia@example.com")
    client = oidc_client(sqlite_store, provider)
    assert round_trip(client, provider)[1].status_code == 303
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})
    assert [(e.outcome, e.method) for e in record(sqlite_store)] == [
        (Outcome.signed_in, Method.oidc),
        (Outcome.signed_out, Method.oidc),
    ]
    assert "id_token" not in everything_recorded(sqlite_store)


def test_admins_read_the_record_on_a_page_and_its_json_twin(sqlite_store: Store) -> None:
    account(sqlite_store, ANN)
    account(sqlite_store, ADAM, admin=True)
    attempt(client_for(sqlite_store), ANN, "not her password")
    admin = sign_in(client_for(sqlite_store), ADAM)
    page = admin.get("/admin/sign-ins")
    assert page.status_code == 200
    assert "wrong password" in page.text and ADAM in page.text
    assert 'href="/admin/sign-ins"' in admin.get("/").text  # in the admin's menu

    api = admin.get("/api/admin/sign-ins", params={"email": "ANN@example.com"}).json()
    assert [(e["outcome"], e["email"], e["detail"], e["actor"]) for e in api["entries"]] == [
        ("account_created", ANN, None, "test-setup"),
        ("refused", ANN, "wrong password", None),
    ]
    assert api["more"] is False
    assert admin.get("/api/admin/sign-ins", params={"since": "2999-01-01"}).json()["entries"] == []
    assert len(admin.get("/api/admin/sign-ins", params={"limit": 1}).json()["entries"]) == 1
    assert admin.get("/api/admin/sign-ins", params={"limit": 1}).json()["more"] is True

    bad = admin.get("/api/admin/sign-ins", params={"since": "last tuesday"})
    assert bad.status_code == 422 and "since 'last tuesday' is not a date" in bad.json()["detail"]
    shown_again = admin.get("/admin/sign-ins", params={"since": "last tuesday"})
    assert shown_again.status_code == 422
    assert "since 'last tuesday' is not a date" in shown(shown_again)
    assert 'value="last tuesday"' in shown_again.text  # the form, with what was typed

    requester = sign_in(client_for(sqlite_store), ANN)
    assert requester.get("/api/admin/sign-ins").status_code == 403
    assert 'href="/admin/sign-ins"' not in requester.get("/").text


def test_openapi_describes_the_records_json_twin(sqlite_store: Store) -> None:
    spec = client_for(sqlite_store).get("/openapi.json").json()
    get = spec["paths"]["/api/admin/sign-ins"]["get"]
    schema = get["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("SignInsView")
    assert {p["name"] for p in get["parameters"]} == {"email", "since", "limit"}
    assert "/admin/sign-ins" not in spec["paths"]  # pages are not API
    entry = spec["components"]["schemas"]["SignInEntry"]["properties"]
    assert "password" not in entry and "token" not in entry


def test_revision_0009_keeps_the_record_and_adds_who_and_how_many(store_url: str) -> None:
    """A store at 0008 with accounts and a record: upgraded, every entry is kept as it was
    (no actor, one time each); account changes are recorded with their actor from then on,
    and a flood is counted; Alembic's downgrade gives 0008 back what it can read."""
    store = open_store(store_url, migrate=False)
    try:
        upgrade(store, "0008")
        with store.write() as conn:
            conn.execute(
                text(
                    "INSERT INTO users (email, name, password_hash, is_admin, disabled, "
                    "created_at) VALUES (:e, 'Ann', '!oidc', false, false, '2026-01-01')"
                ),
                {"e": ANN},
            )
            for at, outcome, detail in (
                ("2026-01-02T09:00:00.000000Z", "refused", "wrong password"),
                ("2026-01-02T09:01:00.000000Z", "signed_in", None),
            ):
                conn.execute(
                    text(
                        "INSERT INTO sign_ins (at, email, method, outcome, detail, client) "
                        "VALUES (:at, :e, 'password', :o, :d, '10.0.0.1')"
                    ),
                    {"at": at, "e": ANN, "o": outcome, "d": detail},
                )
        upgrade(store)
        kept = recorded(store)
        assert [(e.at, e.outcome, e.detail, e.actor, e.times, e.last_at) for e in kept] == [
            ("2026-01-02T09:00:00.000000Z", Outcome.refused, "wrong password", None, 1, None),
            ("2026-01-02T09:01:00.000000Z", Outcome.signed_in, None, None, 1, None),
        ]
        assert set_admin(store, ANN, True, ChangedBy("ops-lead", "2026-01-03T10:00:00+00:00"))
        flood = SignIn("2026-01-03T11:00:00+00:00", Method.password, Outcome.rate_limited, ANN)
        with store.write() as conn:
            for _ in range(3):
                record_counted(conn, replace(flood, client="10.0.0.9"), 300)
        after = recorded(store)[2:]
        assert [(e.outcome, e.actor, e.times) for e in after] == [
            (Outcome.admin_granted, "ops-lead", 1),
            (Outcome.rate_limited, None, 3),
        ]

        with store.write() as conn:  # by hand: nothing in infragate downgrades
            command.downgrade(_alembic_config(conn), "0008")
        with store.read() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("sign_ins")}
            back = conn.execute(text("SELECT outcome FROM sign_ins ORDER BY at")).scalars().all()
        assert not {"actor", "times", "last_at"} & columns
        assert back == ["refused", "signed_in", "refused"]  # the change gone, the flood refused
    finally:
        store.close()


def test_every_outcome_and_method_fits_its_column() -> None:
    for column, values in ((t.sign_ins.c.outcome, Outcome), (t.sign_ins.c.method, Method)):
        width = column.type.length  # type: ignore[attr-defined]
        assert [v for v in values if len(v) > width] == [], column.name
