"""A walk through the portal in a real headless Chromium, as a list of steps.

Debian's chromium (/usr/bin/chromium) is driven by Playwright through `executable_path`;
Playwright's own browser download is never used. Every step is a named function of the
`Walk` (the page, the live portal, what the steps hand each other); after each one the walk
keeps a screenshot NN-name.png under the artefacts folder, and fails, naming the step, on any
console error, uncaught exception, Content-Security-Policy violation, failed request or
request to another host. Steps act through walk.type, walk.click, walk.goto and walk.read,
which also add up a person's time for the flow (Keystroke-Level Model), the measure of "a
standard request from intake to frozen baseline takes under 10 minutes of people's time".
A page's steps are added to a flow's list:

    FLOW = [sign_in(ANN), see_home, *intake_steps, sign_out]
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import ConsoleMessage, Page, Request, Response, sync_playwright

from tests.helpers import ROOT
from tests.portal.helpers import PASSWORD
from tests.portal.live import LivePortal

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
ARTEFACTS = ROOT / "build" / "test-artefacts" / "portal"
# People's time, estimated with the Keystroke-Level Model's operators (Card, Moran and Newell,
# "The Keystroke-Level Model for User Performance Time with Interactive Systems", CACM 23(7),
# 1980): a keystroke of an average typist, pointing with the mouse, moving a hand between
# mouse and keyboard, and mentally preparing an action. Reading is given by the step.
KEYSTROKE, POINT, HOME, THINK = 0.28, 1.1, 0.4, 1.35
# Reports each securitypolicyviolation event (fired by the browser when the CSP blocks
# something) to the test; the init script runs from the driver, so the CSP does not apply.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
    + ` at ${e.sourceFile}:${e.lineNumber}`));
"""


@dataclass
class Walk:
    """What the steps share: the browser page, the portal, and notes steps leave each other."""

    page: Page
    portal: LivePortal
    artefacts: Path
    notes: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    effort: float = 0.0  # a person's seconds so far (Keystroke-Level Model)

    def goto(self, path: str) -> None:
        """Opening a page by its address (a bookmark, a link in a mail)."""
        answer = self.page.goto(self.portal.url + path, wait_until="load")
        assert answer is not None and answer.ok, f"{path}: {answer and answer.status}"
        self.effort += THINK + POINT + KEYSTROKE

    def type(self, selector: str, text: str) -> None:
        """Into a field: think, reach for the mouse, point, click, back to the keys, type."""
        self.page.fill(selector, text)
        self.effort += THINK + HOME + POINT + KEYSTROKE + HOME + KEYSTROKE * len(text)

    def click(self, selector: str) -> None:
        """A button or a link; waits for the page it leads to, if any."""
        self.page.click(selector)
        self.page.wait_for_load_state("load")
        self.effort += THINK + POINT + KEYSTROKE

    def read(self, seconds: float) -> None:
        """Time a person spends reading what the page shows (an estimate, a diff)."""
        self.effort += seconds


Step = Callable[[Walk], None]


@dataclass(frozen=True)
class Timed:
    step: str
    seconds: float  # the machine's
    effort: float  # a person's, estimated
    screenshot: Path


def step_name(step: Step) -> str:
    return getattr(step, "step_name", getattr(step, "__name__", "step"))


def named(name: str, run: Step) -> Step:
    """A step made by a function (sign_in(email), say) with a name for its screenshot."""
    setattr(run, "step_name", name)  # noqa: B010 (a function attribute mypy cannot see)
    return run


def _watch(page: Page, portal: LivePortal, problems: list[str]) -> None:
    host = urlparse(portal.url).netloc

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type in ("error", "warning"):
            problems.append(f"console {msg.type}: {msg.text}")

    def on_request(req: Request) -> None:
        if urlparse(req.url).netloc != host and not req.url.startswith(("data:", "about:")):
            problems.append(f"request to another host: {req.url}")

    def on_failed(req: Request) -> None:
        # Leaving the page cancels a live preview still in flight (clicking submit blurs a
        # field, whose change event asks for one): the browser's doing, not a failure.
        left_page = req.failure == "net::ERR_ABORTED" and req.headers.get("hx-request")
        if not left_page:
            problems.append(f"request failed: {req.method} {req.url} ({req.failure})")

    def on_response(answer: Response) -> None:
        if answer.status >= 400:
            problems.append(f"HTTP {answer.status}: {answer.request.method} {answer.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda exc: problems.append(f"uncaught: {exc}"))
    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.expose_function("__cspViolation", lambda text: problems.append(f"CSP: {text}"))
    page.add_init_script(CSP_LISTENER)


@contextmanager
def browser_walk(portal: LivePortal, profile: Path, artefacts: Path) -> Iterator[Walk]:
    assert CHROMIUM.is_file(), "Debian's chromium is not installed (apt-get install chromium)"
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            page = context.new_page()
            walk = Walk(page, portal, artefacts)
            _watch(page, portal, walk.problems)
            yield walk
        finally:
            context.close()


def run_steps(walk: Walk, steps: Sequence[Step]) -> list[Timed]:
    """Each step, then its screenshot; stops at the first step that leaves a problem."""
    walk.artefacts.mkdir(parents=True, exist_ok=True)
    done: list[Timed] = []
    for number, step in enumerate(steps, 1):
        name = step_name(step)
        start, effort = time.perf_counter(), walk.effort
        step(walk)
        seconds = time.perf_counter() - start
        shot = walk.artefacts / f"{number:02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower())}.png"
        walk.page.screenshot(path=str(shot), full_page=True)
        assert walk.problems == [], f"step {number} ({name}): {walk.problems}"
        done.append(Timed(name, seconds, walk.effort - effort, shot))
    return done


# -- the steps every flow shares --------------------------------------------------------


def sign_in(email: str, password: str = PASSWORD) -> Step:
    def run(walk: Walk) -> None:
        walk.goto("/login")
        walk.type("input[name=email]", email)
        walk.type("input[name=password]", password)
        with walk.page.expect_navigation():
            walk.click("form.form button[type=submit]")
        assert not walk.page.url.rstrip("/").endswith("/login"), walk.page.content()[:500]
        walk.notes["signed_in"] = email

    return named(f"sign in {email.split('@')[0]}", run)


def see_home(walk: Walk) -> None:
    walk.goto("/")
    assert walk.page.locator("h1").inner_text().startswith("Welcome,")
    assert walk.page.locator("form.signout").is_visible()
    walk.read(2.0)


def sign_out(walk: Walk) -> None:
    with walk.page.expect_navigation():
        walk.click("form.signout button[type=submit]")
    assert urlparse(walk.page.url).path == "/login"
    # signed out for real: the start page sends the browser back to sign in
    walk.page.goto(walk.portal.url + "/", wait_until="load")
    assert urlparse(walk.page.url).path == "/login"
    walk.notes.pop("signed_in", None)
