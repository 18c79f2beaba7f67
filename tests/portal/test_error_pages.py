"""The portal's error pages (portal/error_pages.py): a browser gets the page in the
portal's layout, with the navigation and who is signed in when someone is, a sign-in link
otherwise, the status code, what went wrong (Starlette's bare 404 and 405 in words that
name the address and the method) and what to do; /api gets JSON. A failure of the page
itself falls back to a barer one, never to nothing. Driven in-process with an HTTP
client, on a real SQLite store."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from infragate.portal import error_pages
from infragate.portal.app import create_app
from infragate.portal.routes import home
from infragate.portal.settings import Settings
from infragate.store.engine import Store, open_store
from tests.lifecycle_helpers import ANN
from tests.portal.helpers import SECRET, account, client_for, sign_in

NAVIGATION = ('href="/catalog"', 'href="/intake"', 'href="/requests"', 'href="/costs"')


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    account(opened, ANN, name="Ann Infra")
    yield opened
    opened.close()


def header_of(page: str) -> str:
    found = re.search(r'<header class="top">.*?</header>', page, re.S)
    assert found, page[:500]
    return found.group(0)


def said(page: str, id_: str) -> str:
    found = re.search(rf'id="{id_}">(.*?)</p>', page, re.S)
    assert found, f"no #{id_} on the page"
    return html.unescape(found.group(1))


def test_a_missing_page_keeps_the_signed_in_persons_navigation(store: Store) -> None:
    ann = sign_in(client_for(store), ANN)
    answer = ann.get("/projects/shopfront/no-such-tab")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    page = answer.text
    top = header_of(page)
    assert all(link in top for link in NAVIGATION), top
    assert "<span>Ann Infra</span>" in top and 'action="/logout"' in top
    token = re.search(r'name="csrf_token" value="([^"]+)"', top)
    assert token and f'"X-CSRF-Token": "{token.group(1)}"' in page  # the same, usable
    assert 'id="sign-in"' not in page
    assert "<title>404 · infragate</title>" in page and "<h1>Not found</h1>" in page
    assert said(page, "error-message") == (
        "nothing is at /projects/shopfront/no-such-tab: check the address"
    )
    assert "find it from the start page" in said(page, "error-hint")
    assert '<a href="/" id="back-home">Back to the start page</a>' in page
    # signing out from the error page works: the form carries a valid token
    out = ann.post("/logout", data={"csrf_token": token.group(1)}, follow_redirects=False)
    assert out.status_code == 303
    assert 'id="sign-in"' in ann.get("/no-such-page").text


def test_signed_out_the_page_offers_to_sign_in_and_nothing_more(store: Store) -> None:
    answer = client_for(store).get("/no-such-page")
    assert answer.status_code == 404
    top = header_of(answer.text)
    assert '<a href="/login" id="sign-in">Sign in</a>' in top
    assert not any(link in top for link in NAVIGATION) and "/logout" not in top
    assert '<a href="/login" id="back-sign-in">Sign in</a>' in answer.text


def test_a_method_a_route_does_not_take_is_405_in_words_with_allow(store: Store) -> None:
    ann = sign_in(client_for(store), ANN)
    answer = ann.get("/logout")
    assert answer.status_code == 405 and answer.headers["allow"] == "POST"
    assert all(link in header_of(answer.text) for link in NAVIGATION)
    assert "<h1>Not a page to open</h1>" in answer.text
    assert said(answer.text, "error-message") == (
        "/logout does not answer GET (it takes POST): a form of the portal sends it, it is no page"
    )
    assert "buttons and forms" in said(answer.text, "error-hint")


def test_the_api_still_answers_json(store: Store) -> None:
    client = sign_in(client_for(store), ANN)
    missing = client.get("/api/no-such-thing")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "nothing is at /api/no-such-thing: check the address"}
    wrong = client.put("/api/me")
    assert wrong.status_code == 405 and wrong.headers["allow"] == "GET"
    assert wrong.json() == {"detail": "/api/me does not answer PUT (it takes GET)"}
    refused = client.get("/api/admin/sign-ins")  # Ann is no admin
    assert refused.status_code == 403 and "detail" in refused.json()


def test_a_refusal_by_a_route_is_framed_too_and_htmx_does_not_swap_it(store: Store) -> None:
    ann = sign_in(client_for(store), ANN)
    answer = ann.get("/admin/sign-ins")  # for admins only
    assert answer.status_code == 403 and "<h1>Not allowed</h1>" in answer.text
    assert all(link in header_of(answer.text) for link in NAVIGATION)
    assert "ask an owner of the project" in said(answer.text, "error-hint")
    assert "hx-reswap" not in answer.headers  # a browser's own request: nothing to swap
    missing = ann.get("/intake/nothing/brief.yaml")  # a route's own 404
    assert missing.status_code == 404 and "<title>404 · infragate</title>" in missing.text
    assert said(missing.text, "error-message") == "no request for nothing"
    assert all(link in header_of(missing.text) for link in NAVIGATION)
    by_htmx = ann.get("/projects/nowhere", headers={"HX-Request": "true"})
    assert by_htmx.status_code == 404
    assert by_htmx.headers["hx-reswap"] == "none ignoreTitle:true"


def test_a_failure_is_a_500_page_with_the_navigation_and_no_traceback(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("secret internals of the failure")

    monkeypatch.setattr(home, "me_of", broken)
    app = create_app(Settings(store_url=store.url, secret=SECRET), store)
    ann = sign_in(TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False), ANN)
    answer = ann.get("/")
    assert answer.status_code == 500 and "<h1>Something failed</h1>" in answer.text
    assert said(answer.text, "error-message") == error_pages.FAILED
    assert all(link in header_of(answer.text) for link in NAVIGATION)
    assert "secret internals" not in answer.text and "Traceback" not in answer.text
    # past SecurityMiddleware, the page brings the security headers itself
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-frame-options"] == "DENY"
    api = ann.get("/api/me")
    assert api.status_code == 500 and api.json() == {"detail": error_pages.FAILED}


def test_when_the_frame_cannot_be_rendered_a_barer_page_still_says_it(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ann = sign_in(client_for(store), ANN)

    def store_down(_: object) -> None:
        raise OSError("the store is down")

    monkeypatch.setattr(error_pages, "identify", store_down)
    bare = ann.get("/no-such-page")
    assert bare.status_code == 404 and 'id="sign-in"' in bare.text  # no one known
    assert said(bare.text, "error-message") == "nothing is at /no-such-page: check the address"
    assert "shown bare" in caplog.text
    monkeypatch.setattr(error_pages, "TEMPLATE", "no-such-template.html.j2")
    plain = ann.get("/no-such-page")
    assert plain.status_code == 404 and "<h1>404</h1>" in plain.text
    assert "nothing is at /no-such-page" in plain.text and '<a href="/">' in plain.text
    assert "shown as plain HTML" in caplog.text
