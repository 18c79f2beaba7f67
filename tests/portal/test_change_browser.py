"""Proposing a change in a real headless Chromium (Debian's `chromium`, Playwright through
`executable_path`) against a real server on 127.0.0.1: an owner of a frozen project opens
the change page from the project's page, edits the brief, sees the cost delta the htmx
preview swaps in, and proposes it. No console error (a CSP violation is one); a
screenshot of the preview is kept under build/test-artefacts/."""

from __future__ import annotations

from playwright.sync_api import expect

from infragate.lifecycle import hosted, hosted_changes
from infragate.store.engine import Store
from tests.helpers import ROOT
from tests.lifecycle_helpers import ANN, BOB, CARA
from tests.portal.helpers import account
from tests.portal.hosted_helpers import Hosted
from tests.portal.test_requests_browser import _sign_in, chromium_page, served

ARTIFACTS = ROOT / "build" / "test-artefacts" / "portal-changes"
__all__ = ["served"]  # the fixture, shared with the requests' browser test


def _frozen(store: Store) -> Hosted:
    """A project approved and frozen in the store, with Ann, Bob and Cara's accounts."""
    for email in (ANN, BOB, CARA):
        account(store, email)
    p = Hosted(store)
    p.approve_all()
    p.freeze()
    return p


def test_an_owner_proposes_a_change_with_its_live_cost_delta(served: tuple[str, Store]) -> None:
    base, store = served
    p = _frozen(store)
    text = hosted.brief_text(store, p.name).replace("peak_rps: 40", "peak_rps: 80")
    expected = hosted_changes.preview(store, p.name, text, p.catalog, p.clock().today)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with chromium_page(errors) as page:
        _sign_in(page, base, CARA)
        page.goto(f"{base}/projects/{p.name}")
        with page.expect_navigation():
            page.click("#propose-change")
        expect(page.locator("#verdict")).to_contain_text("nothing to change")
        page.fill("textarea[name=brief_text]", text)  # the preview follows as she types
        expect(page.locator("#delta-total")).to_have_text(f"{expected.diff.delta_usd:.2f}")
        expect(page.locator("#verdict")).to_have_class("ok verdict")
        page.fill("input[name=reason]", "the launch campaign doubles the traffic")
        page.screenshot(path=str(ARTIFACTS / "1-change-preview.png"), full_page=True)
        with page.expect_navigation():
            page.click("#submit-change")
        assert page.url.startswith(f"{base}/projects/{p.name}"), page.url
        expect(page.locator("#changes")).to_contain_text("#1 proposed")
        page.screenshot(path=str(ARTIFACTS / "2-proposed.png"), full_page=True)
    assert errors == []


def test_a_refused_waiver_comes_back_in_the_preview_beside_its_blocker(
    served: tuple[str, Store],
) -> None:
    """Ann's change brings SQLite into production (RS003, hers to waive) over a hard
    budget (Bob's). Her waiver with too short a reason is refused: htmx swaps the 422
    preview in (base.html.j2's htmx-config), the message in RS003's form, opened with what
    she typed, the brief she is editing untouched; she says more and the waiver holds."""
    base, store = served
    p = _frozen(store)
    text = (
        hosted.brief_text(store, p.name)
        .replace("- postgres\n", "- sqlite\n")
        .replace("monthly_usd: 3000\n  hard_limit: false", "monthly_usd: 20\n  hard_limit: true")
    )
    padded = "   too short    "  # passes the field's minlength; the core counts the words
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with chromium_page(errors) as page:
        _sign_in(page, base, ANN)
        page.goto(f"{base}/projects/{p.name}/changes/new")
        page.fill("textarea[name=brief_text]", text)
        expect(page.locator("#waive-RS003")).to_be_visible()
        expect(page.locator("#preview .blocker")).to_have_count(2)
        page.click("#waive-RS003 summary")
        page.fill("#waive-RS003 input[name=reason]", padded)
        with page.expect_response(f"{base}/projects/{p.name}/waivers") as sent:
            page.click("#waive-RS003 button[type=submit]")
        assert sent.value.status == 422
        form = page.locator("#waive-RS003")
        expect(form.locator("#waive-error")).to_contain_text("at least a sentence")
        expect(form).to_have_attribute("open", "")
        expect(form.locator("input[name=reason]")).to_have_value(padded)
        expect(page.locator("#waive-error")).to_have_count(1)
        expect(page.locator("textarea[name=brief_text]")).to_have_value(text)
        assert page.url == f"{base}/projects/{p.name}/changes/new", page.url
        page.screenshot(path=str(ARTIFACTS / "3-waiver-refused.png"), full_page=True)

        page.fill("#waive-RS003 input[name=reason]", "moving to PostgreSQL before launch")
        page.click("#waive-RS003 button[type=submit]")
        expect(page.locator("#preview")).to_contain_text("waived: RS003 waived by Ann")
        expect(page.locator("#waive-RS003")).to_have_count(0)
        expect(page.locator("#waive-error")).to_have_count(0)
    url = f"{base}/projects/{p.name}/waivers"
    assert [e for e in errors if e != f"422 {url}" and "status of 422" not in e] == []
