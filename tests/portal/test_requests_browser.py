"""The requests flow in a real headless Chromium (Debian's `chromium`, driven by Playwright
through `executable_path`) against a real server on 127.0.0.1: two owners sign in, each
copies the statement, signs it on their own machine and pastes the signature; one
freezes; the lock file, brief and allowed signers download, and `infragate verify`
accepts them. No console error (a CSP violation is one); screenshots are kept under
build/test-artefacts/."""

from __future__ import annotations

import shlex
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from infragate.lifecycle import signing
from infragate.portal.app import create_app
from infragate.portal.settings import Settings
from infragate.store.engine import Store, open_store
from tests.handover.test_html_browser import ARGS, CHROMIUM
from tests.helpers import ROOT, run_cli
from tests.lifecycle_helpers import ANN, BOB
from tests.portal.helpers import PASSWORD, SECRET, account
from tests.portal.hosted_helpers import Hosted
from tests.signing_keys import key_for

ARTIFACTS = ROOT / "build" / "test-artefacts" / "portal-requests"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    """The portal on a free port of 127.0.0.1, in a thread, on a fresh SQLite store."""
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    app = create_app(Settings(store_url=store.url, secret=SECRET), store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the portal did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", store
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        store.close()


def _sign(statement: str, email: str, folder: Path) -> str:
    """What the approver does in their terminal: save, run the command shown, copy."""
    path = folder / f"{email}-statement.txt"
    path.write_bytes(statement.encode())
    command = shlex.split(signing.sign_command(str(path), str(key_for(email))))
    subprocess.run(command, check=True, capture_output=True, timeout=30)
    return Path(f"{path}.sig").read_text()


def _page(browser: Browser, errors: list[str]) -> Page:
    page = browser.new_context(accept_downloads=True).new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    return page


@contextmanager
def chromium_page(errors: list[str]) -> Iterator[Page]:
    """A page of Debian's headless Chromium, its console errors, uncaught exceptions and
    failed responses going to `errors`; the browser closed after."""
    assert CHROMIUM.is_file(), "Debian's chromium is not installed (apt-get install chromium)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield _page(browser, errors)
        finally:
            browser.close()


def _sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def _approve(page: Page, base: str, name: str, email: str, folder: Path, shot: str) -> None:
    page.goto(f"{base}/projects/{name}")
    page.click("a.button")  # "Approve as <role>": each owner here holds one role
    statement = page.locator("pre").first.text_content()
    assert statement is not None and statement.startswith("infragate approval v1\n")
    page.fill("textarea[name=signature]", _sign(statement, email, folder))
    page.screenshot(path=str(ARTIFACTS / f"{shot}-approve.png"), full_page=True)
    page.click("text=Record my approval")
    page.wait_for_url(f"{base}/projects/{name}")


def test_two_owners_approve_one_freezes_and_the_download_verifies(
    served: tuple[str, Store], tmp_path: Path
) -> None:
    assert CHROMIUM.is_file(), "Debian's chromium is not installed (apt-get install chromium)"
    base, store = served
    for email in (ANN, BOB):
        account(store, email)
    name = Hosted(store).name
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    repo = tmp_path / "repo" / "infra"
    repo.mkdir(parents=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            ann, bob = _page(browser, errors), _page(browser, errors)
            _sign_in(ann, base, ANN)
            _sign_in(bob, base, BOB)
            ann.goto(f"{base}/requests")
            assert ann.locator(f"a[href='/projects/{name}']").count() == 1
            ann.screenshot(path=str(ARTIFACTS / "1-queue.png"), full_page=True)
            _approve(ann, base, name, ANN, tmp_path, "2-ann")
            _approve(bob, base, name, BOB, tmp_path, "3-bob")
            with bob.expect_navigation():  # the form posts, then returns to this page
                bob.click("form[action$='/freeze'] button")
            assert bob.locator("#baselines").text_content().count("v1") == 1  # type: ignore[union-attr]
            bob.screenshot(path=str(ARTIFACTS / "4-frozen.png"), full_page=True)
            for what in ("brief.yaml", "allowed_signers", "baseline.lock.json"):
                with bob.expect_download() as download:
                    bob.click(f"#downloads a:text-is('{what}')")
                download.value.save_as(repo / what)
        finally:
            browser.close()
    assert errors == []
    done = run_cli("verify", cwd=repo.parent, env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert done.returncode == 0, done.stdout + done.stderr
