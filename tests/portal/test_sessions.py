"""Signing in, sessions, CSRF and the security headers of the portal."""

from __future__ import annotations

from infragate.portal.security.accounts import MAX_ATTEMPTS
from infragate.portal.security.sessions import SESSION_COOKIE
from infragate.store.engine import Store
from tests.portal.helpers import PASSWORD, account, client_for, csrf_of, sign_in


def test_a_page_sends_a_browser_to_sign_in_and_an_api_client_gets_401(store: Store) -> None:
    client = client_for(store)
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/"
    api = client.get("/api/me")
    assert api.status_code == 401 and api.headers["www-authenticate"] == "Bearer"


def test_sign_in_then_the_page_and_its_json_twin(store: Store) -> None:
    account(store, "ann@example.com", "Ann Infra")
    client = sign_in(client_for(store), "ann@example.com")
    assert "Welcome, Ann Infra" in client.get("/").text
    me = client.get("/api/me").json()
    assert me["email"] == "ann@example.com" and me["is_admin"] is False
    cookie = next(c for c in client.cookies.jar if c.name == SESSION_COOKIE)
    assert cookie.has_nonstandard_attr("HttpOnly")


def test_a_wrong_password_and_an_unknown_account_read_the_same(store: Store) -> None:
    account(store, "ann@example.com")
    client = client_for(store)
    for email, password in (("ann@example.com", "wrong password!!"), ("nobody@x.io", PASSWORD)):
        token = csrf_of(client)
        done = client.post(
            "/login", data={"email": email, "password": password, "csrf_token": token}
        )
        assert done.status_code == 401
        assert "wrong email or password" in done.text


def test_sign_in_is_rate_limited_per_account(store: Store) -> None:
    account(store, "ann@example.com")
    client = client_for(store)
    for _ in range(MAX_ATTEMPTS):
        token = csrf_of(client)
        client.post(
            "/login",
            data={"email": "ann@example.com", "password": "not it at all", "csrf_token": token},
        )
    token = csrf_of(client)
    done = client.post(
        "/login", data={"email": "ann@example.com", "password": PASSWORD, "csrf_token": token}
    )
    assert done.status_code == 401 and "too many sign-in attempts" in done.text


def test_a_post_without_its_csrf_token_is_refused(store: Store) -> None:
    account(store, "ann@example.com")
    client = client_for(store)
    client.get("/login")
    done = client.post("/login", data={"email": "ann@example.com", "password": PASSWORD})
    assert done.status_code == 403 and "CSRF" in done.text
    wrong = client.post(
        "/login",
        data={"email": "ann@example.com", "password": PASSWORD, "csrf_token": "forged"},
    )
    assert wrong.status_code == 403


def test_a_session_cookie_signed_with_another_secret_is_refused(store: Store) -> None:
    account(store, "ann@example.com")
    theirs = sign_in(client_for(store, secret="another portal's secret"), "ann@example.com")
    cookie = theirs.cookies.get(SESSION_COOKIE)
    assert cookie
    ours = client_for(store)
    ours.cookies.set(SESSION_COOKIE, cookie)
    assert ours.get("/api/me").status_code == 401


def test_sign_in_never_redirects_to_another_site(store: Store) -> None:
    account(store, "ann@example.com")
    client = client_for(store)
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        token = csrf_of(client)
        done = client.post(
            "/login",
            data={
                "email": "ann@example.com",
                "password": PASSWORD,
                "csrf_token": token,
                "next": target,
            },
            follow_redirects=False,
        )
        assert done.headers["location"] == "/", target


def test_every_response_carries_the_security_headers(store: Store) -> None:
    client = client_for(store)
    for path in ("/login", "/api/me", "/static/portal.css", "/nowhere"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"


def test_an_api_token_signs_in_without_a_cookie_and_stops_when_revoked(store: Store) -> None:
    from infragate.portal.security.accounts import create_token, revoke_tokens

    account(store, "ci@example.com", "CI")
    token = create_token(store, "ci@example.com", "pipeline", "2026-12-07T09:00:00Z")
    client = client_for(store)
    auth = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=auth).json()["email"] == "ci@example.com"
    assert client.get("/api/me", headers={"Authorization": "Bearer igt_guess"}).status_code == 401
    assert revoke_tokens(store, "ci@example.com", "pipeline", "2026-12-07T10:00:00Z") == 1
    assert client.get("/api/me", headers=auth).status_code == 401
