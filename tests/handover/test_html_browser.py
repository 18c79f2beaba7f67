"""The HTML pack in a real headless Chromium (Debian's `chromium`, driven by Playwright
through `executable_path`; Playwright's own browser download is never used): it loads
with no console error and no request beyond the file itself, every internal link
resolves, it prints, and a screenshot and a PDF are kept under build/test-artefacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Request, sync_playwright

from infragate.store.engine import open_store
from tests.handover.helpers import shopfront_v2, write_pack
from tests.helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "build" / "test-artefacts"


@pytest.fixture
def html_pack(tmp_path: Path) -> Path:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        shop = shopfront_v2(tmp_path / "repo", store)
        write_pack(shop, tmp_path / "pack")
    finally:
        store.close()
    return tmp_path / "pack" / "handover.html"


def test_the_html_pack_loads_alone_links_resolve_and_prints(
    html_pack: Path, tmp_path: Path
) -> None:
    assert CHROMIUM.is_file(), "Debian's chromium is not installed (apt-get install chromium)"
    url = html_pack.as_uri()
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            page = context.new_page()

            def on_console(msg: ConsoleMessage) -> None:
                if msg.type == "error":
                    errors.append(msg.text)

            def on_request(req: Request) -> None:
                requests.append(req.url)

            page.on("console", on_console)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("request", on_request)
            page.goto(url, wait_until="load")
            assert errors == []
            assert requests == [url], "the pack fetched something besides itself"
            assert page.locator("script, link, iframe, img[src], object, embed").count() == 0
            assert page.locator("figure svg").count() == 2  # staging and prod, rendered inline

            hrefs: list[str] = page.eval_on_selector_all(
                "a[href]", "els => els.map(e => e.getAttribute('href'))"
            )
            assert hrefs and all(h.startswith("#") for h in hrefs), hrefs
            dangling = page.evaluate(
                "hrefs => hrefs.filter(h => !document.getElementById(h.slice(1)))", hrefs
            )
            assert dangling == []
            assert {"#monitoring", "#adr-0004", "#backup"} <= set(hrefs)
            # following a link lands on its section
            page.click("nav a[href='#changes']")
            assert page.evaluate("location.hash") == "#changes"
            assert page.locator("#changes").is_visible()

            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / "handover.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            page.emulate_media(media="print")
            assert (
                page.evaluate("getComputedStyle(document.querySelector('#owners h2')).breakBefore")
                == "page"
            )
            pdf = page.pdf(path=str(ARTIFACTS / "handover.pdf"), format="A4")
            pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
            assert pdf.startswith(b"%PDF") and pages >= 15  # a page per numbered section at least
            assert errors == []
        finally:
            context.close()
