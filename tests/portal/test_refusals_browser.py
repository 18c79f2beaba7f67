"""What a person meets in a real headless Chromium (Debian's `chromium`) when the portal
refuses what they sent, against `infragate serve` on 127.0.0.1 with a 1 MB cap on a
request (INFRAGATE_PORTAL_MAX_UPLOAD_MB=1): an evidence file over it brings a readable
page naming the limit and the setting, not a broken connection; a waiver the core
refuses brings the project page back with the message in that blocker's waiver form,
what she typed still there, and she fixes it and waives. No console error other than the
refused request itself (a CSP violation is one); screenshots under build/test-artefacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from infragate.portal.settings import ENV_MAX_UPLOAD
from infragate.store.engine import Store, open_store
from tests.helpers import ROOT
from tests.lifecycle_helpers import ANN, BOB
from tests.portal.helpers import account
from tests.portal.hosted_helpers import Hosted
from tests.portal.live import running_portal
from tests.portal.test_requests_browser import _sign_in, chromium_page
from tests.portal.test_waiver_refused import TWO_BLOCKERS

ARTIFACTS = ROOT / "build" / "test-artefacts" / "portal-refusals"


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    for email in (ANN, BOB):
        account(store, email)
    try:
        with running_portal(store.url, tmp_path, extra_env={ENV_MAX_UPLOAD: "1"}) as live:
            yield live.url, store
    finally:
        store.close()


def refused_only(errors: list[str], status: int, url: str) -> list[str]:
    """The errors seen, less the refused response itself and the console's line about it."""
    return [
        e
        for e in errors
        if e != f"{status} {url}" and f"status of {status}" not in e  # Chromium's own note
    ]


def test_an_evidence_file_over_the_cap_brings_a_readable_page(
    portal: tuple[str, Store], tmp_path: Path
) -> None:
    base, store = portal
    project = Hosted(store)
    project.approve_all()
    project.freeze()
    big = tmp_path / "deploy.json"
    big.write_text('{"log": "' + "x" * 1_500_000 + '"}')
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with chromium_page(errors) as ann:
        _sign_in(ann, base, ANN)
        ann.goto(f"{base}/projects/{project.name}")
        ann.select_option("#evidence-form select[name=kind]", "deploy")
        ann.set_input_files("#evidence-form input[name=file]", str(big))
        with ann.expect_navigation():
            ann.click("#evidence-form button[type=submit]")
        expect(ann.locator("h1")).to_have_text("Too large")
        expect(ann.locator("p.error")).to_have_text(
            "the request is 1.5 MB, over the portal's limit of 1 MB a request: send a "
            f"smaller file, or have the portal's administrator raise {ENV_MAX_UPLOAD}"
        )
        ann.screenshot(path=str(ARTIFACTS / "1-upload-too-large.png"), full_page=True)
    assert refused_only(errors, 413, f"{base}/projects/{project.name}/evidence") == []


def test_a_refused_waiver_comes_back_beside_its_blocker(portal: tuple[str, Store]) -> None:
    base, store = portal
    project = Hosted(store, patch=TWO_BLOCKERS)
    # padded with spaces, it passes the field's minlength; the core counts the words
    padded = "   too short    "
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with chromium_page(errors) as ann:
        _sign_in(ann, base, ANN)
        ann.goto(f"{base}/projects/{project.name}")
        ann.click("#waive-RS003 summary")
        ann.fill("#waive-RS003 input[name=reason]", padded)
        with ann.expect_navigation():
            ann.click("#waive-RS003 button[type=submit]")
        form = ann.locator("#waive-RS003")
        expect(form).to_have_attribute("open", "")
        expect(form.locator("#waive-error")).to_contain_text("at least a sentence")
        expect(form.locator("input[name=reason]")).to_have_value(padded)
        expect(ann.locator("#waive-budget #waive-error")).to_have_count(0)
        expect(ann.locator("#waive-error")).to_be_in_viewport()
        ann.screenshot(path=str(ARTIFACTS / "2-waiver-refused.png"), full_page=True)

        ann.fill("#waive-RS003 input[name=reason]", "moving to PostgreSQL before the launch")
        with ann.expect_navigation():
            ann.click("#waive-RS003 button[type=submit]")
        expect(ann.locator("#waivers")).to_contain_text("RS003 waived by Ann Infra")
        expect(ann.locator("#waive-RS003")).to_have_count(0)
        ann.screenshot(path=str(ARTIFACTS / "3-waived.png"), full_page=True)
    assert refused_only(errors, 422, f"{base}/projects/{project.name}/waivers") == []


def test_a_missing_page_keeps_the_navigation_and_leads_back(portal: tuple[str, Store]) -> None:
    """Ann follows a stale link: the 404 page is in the portal's layout, with her name and
    the navigation, says what is wrong and what to do, and its links take her on."""
    base, _ = portal
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with chromium_page(errors) as ann:
        _sign_in(ann, base, ANN)
        answer = ann.goto(f"{base}/projects/gone/no-such-tab")
        assert answer is not None and answer.status == 404
        expect(ann).to_have_title("404 · infragate")
        expect(ann.locator("h1")).to_have_text("Not found")
        expect(ann.locator("#error-message")).to_have_text(
            "nothing is at /projects/gone/no-such-tab: check the address"
        )
        expect(ann.locator("header.top form.signout span")).to_have_text("Ann")
        ann.screenshot(path=str(ARTIFACTS / "4-not-found.png"), full_page=True)
        with ann.expect_navigation():
            ann.click("header.top nav >> text=Requests")
        assert ann.url == f"{base}/requests", ann.url
        ann.go_back()
        with ann.expect_navigation():
            ann.click("#back-home")
        assert ann.url == f"{base}/", ann.url
        expect(ann.locator("h1")).not_to_have_text("Not found")
        # signing out from an error page works (its form carries the CSRF token)
        ann.goto(f"{base}/no-such-page")
        with ann.expect_navigation():
            ann.click("header.top form.signout button")
        assert "/login" in ann.url, ann.url
        ann.goto(f"{base}/no-such-page")
        expect(ann.locator("#sign-in")).to_be_visible()
    seen = refused_only(errors, 404, f"{base}/projects/gone/no-such-tab")
    assert refused_only(seen, 404, f"{base}/no-such-page") == []
