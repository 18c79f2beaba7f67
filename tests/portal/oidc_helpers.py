"""Signing in through the test OpenID provider (oidc_provider.py): a portal configured for
it, and the browser's round trip followed by hand with real HTTP to the provider."""

from __future__ import annotations

import html
from typing import Any

import httpx2
from fastapi.testclient import TestClient

from infragate.portal.app import create_app
from infragate.portal.oidc_settings import OidcSettings
from infragate.portal.settings import Settings
from infragate.store.engine import Store
from tests.portal.helpers import SECRET
from tests.portal.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider


def oidc_client(
    store: Store, provider: Provider, create: bool = False, domains: tuple[str, ...] = ()
) -> TestClient:
    oidc = OidcSettings(
        issuer=provider.issuer,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        name="Test IdP",
        email_domains=domains,
        create_accounts=create,
    )
    app = create_app(Settings(store_url=store.url, secret=SECRET, oidc=oidc), store)
    return TestClient(app, base_url="http://127.0.0.1")


def round_trip(client: TestClient, provider: Provider, next: str = "/") -> tuple[str, Any]:
    """Start at the portal, visit the provider as the browser would (real HTTP), and return
    the callback address it sends the browser back to, with the portal's answer to it."""
    start = client.get("/login/oidc", params={"next": next}, follow_redirects=False)
    assert start.status_code == 303, start.text
    assert start.headers["location"].startswith(f"{provider.issuer}/authorize?")
    with httpx2.Client(trust_env=False) as browser:
        at_provider = browser.get(start.headers["location"], follow_redirects=False)
    assert at_provider.status_code == 302, at_provider.text
    callback = at_provider.headers["location"]
    assert callback.startswith("http://127.0.0.1/login/oidc/callback?")
    return callback, client.get(callback, follow_redirects=False)


def shown(response: Any) -> str:
    """The page's text as a person reads it (quotes unescaped)."""
    return html.unescape(response.text)


def signed_in(client: TestClient) -> bool:
    return client.get("/api/me").status_code == 200
