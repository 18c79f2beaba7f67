"""The portal in a real headless Chromium, served by `infragate serve` (two uvicorn workers)
on SQLite and on PostgreSQL: a person signs in, sees the start page and signs out, with no
console error, no CSP violation and no request beyond the portal. Screenshots of every step
are kept under build/test-artefacts/portal/<store>/ (the test prints where)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.portal.browser import (
    ARTEFACTS,
    Step,
    browser_walk,
    run_steps,
    see_home,
    sign_in,
    sign_out,
)
from tests.portal.live import LivePortal, running_portal

ANN = "ann@example.com"

# Issue 16: a standard request from intake to frozen baseline in under 10 minutes of people's
# time, all the people of the flow together.
PEOPLE_MINUTES = 10
# The flow a person follows; each page's steps are added here in order.
FLOW: list[Step] = [sign_in(ANN), see_home, sign_out]


@pytest.fixture
def portal(store_url: str, tmp_path: Path) -> Iterator[LivePortal]:
    with running_portal(store_url, tmp_path / "server", workers=2) as live:
        live.add_user(ANN, "Ann Infra")
        yield live


def test_a_person_walks_the_portal_in_a_browser(
    portal: LivePortal, store_url: str, tmp_path: Path
) -> None:
    kind = store_url.split(":", 1)[0].split("+", 1)[0]
    artefacts = ARTEFACTS / kind
    print(f"\nscreenshots: {artefacts}")
    with browser_walk(portal, tmp_path / "profile", artefacts) as walk:
        done = run_steps(walk, FLOW)
    assert [t.step for t in done] == ["sign in ann", "see_home", "sign_out"]
    for timed in done:
        assert timed.screenshot.stat().st_size > 5_000, timed.screenshot
        print(
            f"  {timed.step:30} {timed.seconds * 1000:7.0f} ms machine "
            f"{timed.effort:6.1f} s person  {timed.screenshot.name}"
        )
    effort = sum(t.effort for t in done)
    print(f"  a person's time for the flow: {effort / 60:.1f} min")
    assert 0 < effort < PEOPLE_MINUTES * 60
    assert "Traceback" not in portal.server_log()


def test_the_walk_catches_a_csp_violation_and_a_console_error(tmp_path: Path) -> None:
    """The watch itself can fail: an inline script (refused by the CSP) and a console error
    put in the page are both reported."""
    store_url = f"sqlite:///{tmp_path / 'store.db'}"
    with (
        running_portal(store_url, tmp_path / "server") as live,
        browser_walk(live, tmp_path / "profile", tmp_path / "shots") as walk,
    ):
        walk.goto("/login")
        walk.page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.ran = 1'; document.body.append(s);"
            " console.error('boom'); }"
        )
        walk.page.wait_for_timeout(200)  # the violation event is reported asynchronously
        assert walk.page.evaluate("window.ran") is None  # the CSP refused the inline script
        found = "\n".join(walk.problems)
        assert "CSP: script-src" in found and "console error: boom" in found, found
