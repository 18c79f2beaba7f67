"""Building blocks for portal tests: an app on a test store, accounts, signing in."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from infragate.portal.app import create_app
from infragate.portal.security.account_changes import ChangedBy, add_account
from infragate.portal.security.sign_in_record import SignIn, now, read_sign_ins
from infragate.portal.settings import Settings
from infragate.store.engine import Store

PASSWORD = "correct horse battery staple"
SECRET = "test-secret-not-for-production"
AT = datetime(2026, 12, 7, 9, 0, tzinfo=UTC).isoformat()
# The actor of the changes tests make to set up accounts (they are recorded, as every one is)
SETUP_ACTOR = "test-setup"


def by_setup() -> ChangedBy:
    """A change the test's setup makes, now: recorded in order with what the test does."""
    return ChangedBy(SETUP_ACTOR, now())


def client_for(store: Store, secret: str = SECRET) -> TestClient:
    app = create_app(Settings(store_url=store.url, secret=secret), store)
    return TestClient(app, base_url="http://127.0.0.1")


def account(store: Store, email: str, name: str = "", admin: bool = False) -> str:
    add_account(store, email, name or email.split("@")[0].title(), PASSWORD, admin, by_setup())
    return email


def recorded(store: Store) -> list[SignIn]:
    """The sign-in record but for the changes the tests' setup made."""
    with store.read() as conn:
        return [e for e in read_sign_ins(conn) if e.actor != SETUP_ACTOR]


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The CSRF token a page hands the browser (in its forms and hx-headers)."""
    html = client.get(path).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> TestClient:
    token = csrf_of(client)
    done = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return client
