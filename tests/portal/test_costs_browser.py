"""The Costs pages in a real headless Chromium (Debian's `chromium` through Playwright's
`executable_path`) against the portal served by uvicorn on 127.0.0.1: a person signs in,
opens Costs, filters by team with the form, follows the link to stale spend; no console
error (a Content-Security-Policy violation is one), no request beyond the portal, the charts
drawn; screenshots kept under build/test-artefacts/."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import ConsoleMessage, Request, expect, sync_playwright

from infragate.portal.app import create_app
from infragate.portal.settings import Settings
from infragate.store.engine import Store, open_store
from tests.handover.test_html_browser import ARGS, ARTIFACTS, CHROMIUM
from tests.portal.costs_helpers import costs_portal
from tests.portal.helpers import PASSWORD, SECRET, account


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield store
    store.close()


@pytest.fixture
def served(sqlite_store: Store) -> Iterator[str]:
    port = _free_port()
    app = create_app(Settings(store_url=sqlite_store.url, secret=SECRET))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_costs_in_a_browser(tmp_path: Path, sqlite_store: Store, served: str) -> None:
    assert CHROMIUM.is_file(), "Debian's chromium is not installed (apt-get install chromium)"
    _, web, data = costs_portal(tmp_path / "bill", sqlite_store)
    account(sqlite_store, "dana@example.com", "Dana Manager")
    errors: list[str] = []
    elsewhere: list[str] = []
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            page = context.new_page()

            def on_console(msg: ConsoleMessage) -> None:
                # the browser asks for /favicon.ico on its own; the portal has none yet
                # (the skeleton's; not the Costs pages')
                where = str(msg.location.get("url"))
                if msg.type == "error" and not where.endswith("/favicon.ico"):
                    errors.append(f"{msg.text} {where}")

            def on_request(req: Request) -> None:
                if not req.url.startswith(served):
                    elsewhere.append(req.url)

            page.on("console", on_console)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("request", on_request)
            page.on(
                "response",
                lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
            )

            page.goto(f"{served}/costs")
            assert "/login" in page.url  # not signed in yet
            page.fill("input[name=email]", "dana@example.com")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{served}/costs")
            assert page.locator("h1").inner_text() == "Costs"
            assert page.locator("svg[role=img]").count() == 7  # 4 bars, 2 months, stale
            assert page.locator("svg.chart-spend polyline.spend").count() == 2
            assert page.locator("svg.chart-bars").first.is_visible()
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "portal-costs.png"), full_page=True)

            # a change of filter: htmx swaps the main part and the address follows
            page.select_option("select[name=team]", "data")
            expect(page.locator("h1")).to_have_text("Costs of team data")
            assert "team=data" in page.url
            rows = page.locator("section[aria-labelledby=projects-h] tbody tr")
            assert rows.count() == 1 and data.project in rows.inner_text()
            assert page.locator("svg[role=img]").count() == 7 - 1  # one month-spend chart
            # the button submits the form as it is: a plain GET, a page of its own
            with page.expect_navigation(url="**/costs?project=&team=data&period="):
                page.click("form.filters button[type=submit]")
            expect(page.locator("h1")).to_have_text("Costs of team data")

            page.click("text=Stale spend")
            page.wait_for_url("**/costs/stale?**")
            page.goto(f"{served}/costs/stale")
            assert page.locator("svg.chart-waste rect.waste").count() == 2
            assert "a month of waste" in page.locator("main").inner_text()
            assert web.project in page.locator("main").inner_text()
            page.screenshot(path=str(ARTIFACTS / "portal-costs-stale.png"), full_page=True)
            assert errors == [], errors
            assert elsewhere == [], elsewhere
        finally:
            context.close()
