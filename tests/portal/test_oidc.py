"""OIDC sign-in against a real OpenID provider on 127.0.0.1 (tests/portal/oidc_provider.py):
the browser's round trip is followed by hand, the portal's calls to the provider are real
HTTP, and every wrong token or callback is refused with a message saying what was wrong."""

from __future__ import annotations

import time
from typing import Any

import httpx2
import pytest

from infragate.portal.security.account_changes import set_disabled
from infragate.portal.security.accounts import all_users
from infragate.portal.security.sessions import OIDC_COOKIE, SESSION_COOKIE
from infragate.store.engine import Store
from tests.portal.helpers import account, by_setup, client_for, csrf_of
from tests.portal.oidc_helpers import oidc_client, round_trip, shown, signed_in
from tests.portal.oidc_provider import Provider, new_key


def test_the_sign_in_page_offers_the_provider_only_when_configured(
    sqlite_store: Store, provider: Provider
) -> None:
    assert "Sign in with Test IdP" in oidc_client(sqlite_store, provider).get("/login").text
    plain = client_for(sqlite_store)
    assert "Sign in with" not in plain.get("/login").text
    assert plain.get("/login/oidc", follow_redirects=False).status_code == 404
    assert plain.get("/login/oidc/callback?code=x&state=y").status_code == 404


def test_an_existing_account_signs_in_with_the_same_session_as_a_local_sign_in(
    sqlite_store: Store, provider: Provider
) -> None:
    account(sqlite_store, "nia@example.com", "Nia Okafor")
    client = oidc_client(sqlite_store, provider)
    _, done = round_trip(client, provider, next="/requests")
    assert done.status_code == 303 and done.headers["location"] == "/requests"
    session = next(c for c in client.cookies.jar if c.name == SESSION_COOKIE)
    assert session.has_nonstandard_attr("HttpOnly")
    assert OIDC_COOKIE not in {c.name for c in client.cookies.jar}  # a state is used once
    me = client.get("/api/me").json()
    assert me["email"] == "nia@example.com" and me["is_admin"] is False
    # discovery at the start and at the callback, the code traded once, the keys read
    assert provider.requests == [
        "GET /.well-known/openid-configuration",
        "GET /authorize",
        "GET /.well-known/openid-configuration",
        "POST /token",
        "GET /jwks",
    ]


def test_an_unknown_person_becomes_a_requester_when_allowed(
    store: Store, provider: Provider
) -> None:
    client = oidc_client(store, provider, create=True)
    _, done = round_trip(client, provider)
    assert done.status_code == 303, done.text
    assert client.get("/api/me").json()["is_admin"] is False
    with store.read() as conn:
        made = [(u.email, u.name, u.is_admin) for u in all_users(conn)]
    assert made == [("nia@example.com", "Nia Okafor", False)]
    # the account has no password: a local sign-in with any password fails
    local = client_for(store)
    token = csrf_of(local)
    tried = local.post(
        "/login", data={"email": "nia@example.com", "password": "!oidc", "csrf_token": token}
    )
    assert tried.status_code == 401
    # signing in again finds the same account
    again = oidc_client(store, provider, create=True)
    assert round_trip(again, provider)[1].status_code == 303
    with store.read() as conn:
        assert len(all_users(conn)) == 1


def test_an_unknown_person_is_refused_when_accounts_are_not_made(
    sqlite_store: Store, provider: Provider
) -> None:
    client = oidc_client(sqlite_store, provider, create=False)
    _, done = round_trip(client, provider)
    assert done.status_code == 401
    assert "nia@example.com has no account here" in done.text
    assert "infragate users add nia@example.com" in done.text
    assert not signed_in(client)
    with sqlite_store.read() as conn:
        assert all_users(conn) == []


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ({"nonce": "not-the-one-sent"}, "nonce does not match this sign-in"),
        ({"aud": "another-client"}, "meant for 'another-client', not for this portal"),
        ({"exp": int(time.time()) - 3600}, "the ID token has expired"),
        ({"iss": "http://127.0.0.1:9/elsewhere"}, "issued by 'http://127.0.0.1:9/elsewhere'"),
        ({"email_verified": False}, "has not verified nia@example.com"),
        ({"sub": "s" * 256}, "subject ('sub') is over 255 characters"),
    ],
    ids=["nonce", "audience", "expired", "issuer", "unverified-email", "long-subject"],
)
def test_a_wrong_id_token_is_refused_with_what_was_wrong(
    sqlite_store: Store, provider: Provider, tamper: dict[str, Any], message: str
) -> None:
    account(sqlite_store, "nia@example.com")
    provider.tamper = tamper
    client = oidc_client(sqlite_store, provider)
    _, done = round_trip(client, provider)
    assert done.status_code == 401
    assert message in shown(done)
    assert not signed_in(client)


def test_a_token_signed_with_another_key_is_refused(
    sqlite_store: Store, provider: Provider
) -> None:
    account(sqlite_store, "nia@example.com")
    provider.signing_key = new_key()  # same key id as the published key, other key
    client = oidc_client(sqlite_store, provider)
    _, done = round_trip(client, provider)
    assert done.status_code == 401
    assert "signature does not verify against the provider's keys" in shown(done)
    assert not signed_in(client)


def test_a_discovery_document_naming_another_issuer_stops_the_start(
    sqlite_store: Store, provider: Provider
) -> None:
    provider.discovery_issuer = "https://idp.example.com"
    start = oidc_client(sqlite_store, provider).get("/login/oidc", follow_redirects=False)
    assert start.status_code == 502
    assert "names the issuer" in start.text and "INFRAGATE_OIDC_ISSUER" in start.text


def test_an_email_outside_the_allowed_domains_is_refused(
    sqlite_store: Store, provider: Provider
) -> None:
    client = oidc_client(sqlite_store, provider, create=True, domains=("corp.example",))
    _, done = round_trip(client, provider)
    assert done.status_code == 401
    assert "nia@example.com is not in a domain allowed to sign in here (corp.example)" in done.text
    with sqlite_store.read() as conn:
        assert all_users(conn) == []
    provider.person = {**provider.person, "email": "nia@corp.example"}
    allowed = oidc_client(sqlite_store, provider, create=True, domains=("corp.example",))
    assert round_trip(allowed, provider)[1].status_code == 303


def test_a_disabled_account_is_refused(sqlite_store: Store, provider: Provider) -> None:
    account(sqlite_store, "nia@example.com")
    set_disabled(sqlite_store, "nia@example.com", True, by_setup())
    client = oidc_client(sqlite_store, provider, create=True)
    _, done = round_trip(client, provider)
    assert done.status_code == 401
    assert "the account nia@example.com is disabled" in done.text
    assert not signed_in(client)


def test_a_callback_whose_state_differs_is_refused(sqlite_store: Store, provider: Provider) -> None:
    account(sqlite_store, "nia@example.com")
    client = oidc_client(sqlite_store, provider)
    start = client.get("/login/oidc", follow_redirects=False)
    with httpx2.Client(trust_env=False) as browser:
        callback = browser.get(start.headers["location"]).headers["location"]
    forged = httpx2.URL(callback).copy_set_param("state", "forged-state")
    done = client.get(str(forged), follow_redirects=False)
    assert done.status_code == 401
    assert "state does not match the one this browser started" in done.text
    assert not signed_in(client)
    assert "POST /token" not in provider.requests  # the code was never traded


def test_a_callback_in_another_browser_is_refused(sqlite_store: Store, provider: Provider) -> None:
    """The code and state are of no use without the browser's signed sign-in cookie."""
    account(sqlite_store, "nia@example.com")
    callback, _ = round_trip(oidc_client(sqlite_store, provider), provider)
    other = oidc_client(sqlite_store, provider)
    done = other.get(callback, follow_redirects=False)
    assert done.status_code == 401 and "no sign-in was under way in this browser" in done.text
    assert not signed_in(other)


def test_the_providers_refusal_is_shown(sqlite_store: Store, provider: Provider) -> None:
    client = oidc_client(sqlite_store, provider)
    start = client.get("/login/oidc", follow_redirects=False)
    state = httpx2.URL(start.headers["location"]).params["state"]
    done = client.get(
        "/login/oidc/callback",
        params={"error": "access_denied", "error_description": "the user said no", "state": state},
    )
    assert done.status_code == 401 and "the sign-in provider refused: the user said no" in done.text


def test_the_page_to_return_to_stays_on_this_portal(
    sqlite_store: Store, provider: Provider
) -> None:
    account(sqlite_store, "nia@example.com")
    client = oidc_client(sqlite_store, provider)
    _, done = round_trip(client, provider, next="https://evil.example/steal")
    assert done.status_code == 303 and done.headers["location"] == "/"
