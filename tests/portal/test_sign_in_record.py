"""The sign-in record: local and OIDC sign-ins, refusals and sign-outs land in the store
with when, who, how, what came of it and why, and the client address; never a password or
a token. Admins read it at /admin/sign-ins and its JSON twin. Also: an account made for
OIDC only has no password, and a local sign-in to it says to use the provider's button
without telling which accounts exist."""

from __future__ import annotations

import httpx2
from fastapi.testclient import TestClient
from sqlalchemy import select

from infragate.portal.security.accounts import MAX_ATTEMPTS, add_user, set_disabled, set_password
from infragate.portal.security.sign_in_record import Method, Outcome, SignIn, read_sign_ins
from infragate.store import tables as t
from infragate.store.engine import Store
from tests.portal.helpers import AT, PASSWORD, account, client_for, csrf_of, sign_in
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
    with store.read() as conn:
        return read_sign_ins(conn)


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
    set_disabled(sqlite_store, ANN, True)
    client = client_for(sqlite_store)
    done = attempt(client, ANN, PASSWORD)
    assert done.status_code == 401 and "wrong email or password" in done.text  # tells nothing
    for _ in range(MAX_ATTEMPTS - 1):
        attempt(client, ANN, "a wrong password")
    limited = attempt(client, ANN, PASSWORD)
    assert "too many sign-in attempts" in limited.text
    details = [e.detail for e in record(sqlite_store)]
    assert details[0] == "the account is disabled"
    assert details[-1] == (
        "rate limited: 5 failed attempts in 5 minutes for this account and this client"
    )
    with sqlite_store.read() as conn:  # the limiter still counts in its own table
        assert conn.execute(select(t.login_attempts)).all()


def test_an_oidc_only_account_has_no_password_until_an_admin_gives_one(
    sqlite_store: Store, provider: Provider
) -> None:
    add_user(sqlite_store, "nia@example.com", "Nia", None, False, AT)
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
    set_password(sqlite_store, "nia@example.com", "her new long password")
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
    assert [(e["outcome"], e["email"], e["detail"]) for e in api["entries"]] == [
        ("refused", ANN, "wrong password")
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
