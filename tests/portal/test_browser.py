"""The portal in a real headless Chromium, served by `infragate serve` (two uvicorn workers)
on SQLite and on PostgreSQL, with no console error, no CSP violation and no request beyond
the portal: a person signs in, sees the start page and signs out; and issue 16's standard
request from the catalog to a frozen baseline that `infragate verify` accepts. Screenshots
of every step are kept under build/test-artefacts/portal/<store>/ (the test prints where)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.portal.browser import (
    ARTEFACTS,
    Step,
    Timed,
    browser_walk,
    run_steps,
    see_home,
    sign_in,
    sign_out,
)
from tests.portal.live import LivePortal, running_portal
from tests.portal.request_steps import (
    REPO_FILES,
    add_keys,
    approve,
    download_baseline,
    fill_intake,
    freeze,
    open_catalog,
    pick_template,
    see_estimate_change,
    submit_request,
)

ANN = "ann@example.com"
BOB = "bob@example.com"
RITA = "rita@example.com"
ROOT = "root@example.com"
PROJECT = "ledger"

# Issue 16: a standard request from intake to frozen baseline in under 10 minutes of people's
# time, all the people of the flow together.
PEOPLE_MINUTES = 10
# The flow a person follows; each page's steps are added here in order.
FLOW: list[Step] = [sign_in(ANN), see_home, sign_out]


def request_flow(folder: Path) -> list[Step]:
    """Rita requests, the administrator adds the owners' keys, Ann (infra owner) and Bob
    (budget owner) approve, Bob freezes and downloads the baseline into folder/repo."""
    owners = (("Ann Infra", ANN, "infra_owner"), ("Bob Budget", BOB, "budget_owner"))
    return [
        sign_in(RITA),
        open_catalog,
        pick_template,
        fill_intake(PROJECT, owners),
        see_estimate_change,
        submit_request,
        sign_out,
        sign_in(ROOT),
        add_keys(PROJECT, (ANN, BOB)),
        sign_out,
        sign_in(ANN),
        approve(PROJECT, ANN, "infra_owner", folder / "ann"),
        sign_out,
        sign_in(BOB),
        approve(PROJECT, BOB, "budget_owner", folder / "bob"),
        freeze,
        download_baseline(folder / "repo"),
        sign_out,
    ]


@pytest.fixture
def portal(store_url: str, tmp_path: Path) -> Iterator[LivePortal]:
    with running_portal(store_url, tmp_path / "server", workers=2) as live:
        live.add_user(ANN, "Ann Infra")
        yield live


def _report(done: Sequence[Timed]) -> float:
    for timed in done:
        assert timed.screenshot.stat().st_size > 5_000, timed.screenshot
        print(
            f"  {timed.step:30} {timed.seconds * 1000:7.0f} ms machine "
            f"{timed.effort:6.1f} s person  {timed.screenshot.name}"
        )
    effort = sum(t.effort for t in done)
    print(f"  people's time for the flow: {effort / 60:.1f} min")
    return effort


def _kind(store_url: str) -> str:
    return store_url.split(":", 1)[0].split("+", 1)[0]


def test_a_person_walks_the_portal_in_a_browser(
    portal: LivePortal, store_url: str, tmp_path: Path
) -> None:
    artefacts = ARTEFACTS / _kind(store_url)
    print(f"\nscreenshots: {artefacts}")
    with browser_walk(portal, tmp_path / "profile", artefacts) as walk:
        done = run_steps(walk, FLOW)
    assert [t.step for t in done] == ["sign in ann", "see_home", "sign_out"]
    effort = _report(done)
    assert 0 < effort < PEOPLE_MINUTES * 60
    assert "Traceback" not in portal.server_log()


def test_a_standard_request_goes_from_the_catalog_to_a_verified_baseline(
    portal: LivePortal, store_url: str, tmp_path: Path
) -> None:
    for email, name, admin in (
        (RITA, "Rita Requester", False),
        (BOB, "Bob Budget", False),
        (ROOT, "Root Admin", True),
    ):
        portal.add_user(email, name, admin=admin)
    artefacts = ARTEFACTS / _kind(store_url) / "request"
    print(f"\nscreenshots: {artefacts}")
    with browser_walk(portal, tmp_path / "profile", artefacts) as walk:
        done = run_steps(walk, request_flow(tmp_path))
    effort = _report(done)
    assert 0 < effort < PEOPLE_MINUTES * 60
    repo = tmp_path / "repo"
    assert sorted(p.name for p in (repo / "infra").iterdir()) == sorted(REPO_FILES)
    verified = run_cli("verify", cwd=repo, env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert verified.returncode == 0, verified.stdout + verified.stderr
    # what the portal did is the CLI's trail, and the trail holds
    trail = portal.cli("log", cwd=repo)
    assert trail.returncode == 0, trail.stderr
    for kind in ("approval.recorded", "baseline.frozen"):
        assert kind in trail.stdout, trail.stdout
    assert portal.cli("verify", "--log").returncode == 0
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
