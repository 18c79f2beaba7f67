"""The steps of issue 16's standard request in the browser walk: a requester picks a template
in the catalog and fills the intake (the gate and the estimate update as they type), an
administrator adds the owners' SSH keys on the project page, each owner downloads the
statement, signs it in a terminal with the command the page shows and pastes the signature,
one freezes, and the baseline's files download for `infragate verify`.

    FLOW = [sign_in(REQ), *request_steps(...), sign_out, sign_in(ADMIN), ...]
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import expect

from tests.portal.browser import HOME, KEYSTROKE, POINT, THINK, Step, Walk, named
from tests.signing_keys import key_for, public_key

TEMPLATE = "web-app-postgres"
# Production: its policy wants both owners' approvals, by two different people.
MATURITY = "production"
# Files a person keeps: downloads land in one folder per person, as a browser's would.
REPO_FILES = ("brief.yaml", "baseline.lock.json", "allowed_signers")


def paste(walk: Walk, selector: str, text: str) -> None:
    """Paste copied text into a field: think, point, click, then Ctrl+V."""
    walk.page.fill(selector, text)
    walk.effort += THINK + HOME + POINT + KEYSTROKE + HOME + 2 * KEYSTROKE


def open_catalog(walk: Walk) -> None:
    walk.goto("/catalog")
    row = walk.page.locator(f"#template-{TEMPLATE} table.tiers tbody tr", has_text=MATURITY)
    walk.notes["catalog_monthly"] = row.locator("td.num").first.inner_text()
    walk.read(20.0)  # comparing templates and their tiers


def pick_template(walk: Walk) -> None:
    with walk.page.expect_navigation():
        walk.click(f"#template-{TEMPLATE} a[href$='maturity={MATURITY}']")
    assert walk.page.locator("input[name=template]").input_value() == TEMPLATE
    assert walk.page.locator("#intake-form select[name=maturity]").input_value() == MATURITY
    # the template's example values are refused until the person replaces them (GATE014)
    expect(walk.page.locator("#verdict")).to_have_class("error verdict")
    assert "GATE014" in walk.page.locator("#verdict").inner_text()


def fill_intake(project: str, owners: tuple[tuple[str, str, str], ...]) -> Step:
    def run(walk: Walk) -> None:
        page = walk.page
        walk.type("input[name=project_name]", project)
        walk.type("input[name=team]", "finance")
        walk.type("input[name=cost_center]", "CC-2001")
        walk.type("input[name=client]", "Ledger Ltd")
        walk.type("input[name=description]", "The finance team's ledger")
        for row, (name, email, role) in enumerate(owners):
            walk.type(f"input[name=owners-{row}-name]", name)
            walk.type(f"input[name=owners-{row}-email]", email)
            for box in page.locator(f"input[name=owners-{row}-roles]").all():
                if box.is_checked() != (box.get_attribute("value") == role):
                    box.click()
                    walk.effort += THINK + POINT + KEYSTROKE
        # the preview (htmx) judges the form as it stands: ready, and the gate open
        expect(page.locator("#verdict")).to_have_class("ok verdict")
        # priced as the catalog priced the tier picked: the template's load, the same planner
        expect(page.locator("#estimate-total")).to_have_text(walk.notes["catalog_monthly"])

    return named("fill the intake", run)


def see_estimate_change(walk: Walk) -> None:
    """More data kept: the estimate the htmx preview shows goes up without a reload."""
    page = walk.page
    before = page.locator("#estimate-total").inner_text()
    url = page.url
    walk.type("input[name=data_gb]", "200")
    expect(page.locator("#estimate-total")).not_to_have_text(before)
    assert page.url == url  # swapped in place, not a new page
    expect(page.locator("#verdict")).to_have_class("ok verdict")
    assert "open" in page.locator("#preview h3", has_text="Start gate").inner_text()
    walk.notes["estimate"] = page.locator("#estimate-total").inner_text()
    walk.read(15.0)  # the estimate, the budget, the gate's rules that need attention


def submit_request(walk: Walk) -> None:
    with walk.page.expect_navigation():
        walk.click("#submit-request")
    assert walk.page.locator("#requested").is_visible(), walk.page.content()[:2000]
    assert walk.notes["estimate"].lstrip("$") in walk.page.locator("#requested").inner_text()
    walk.read(5.0)


def add_keys(project: str, emails: tuple[str, ...]) -> Step:
    """The administrator adds each owner's public key (sent by the owner) on the project
    page, with the form that writes the project's allowed_signers."""

    def run(walk: Walk) -> None:
        walk.goto(f"/projects/{project}")
        for email in emails:
            walk.type("#downloads input[name=email]", email)
            paste(walk, "#downloads input[name=public_key]", public_key(email))
            with walk.page.expect_navigation():
                walk.click("#downloads form button[type=submit]")
        # the project now has an allowed_signers file to download
        assert walk.page.locator("#downloads a:text-is('allowed_signers')").is_visible()

    return named("admin adds the owners' keys", run)


def _terminal(folder: Path, home: Path, command: str) -> None:
    """The command as the page shows it, run by a shell in the folder of the download, for
    a person whose key is ~/.ssh/id_ed25519."""
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    subprocess.run(["sh", "-c", command], cwd=folder, env=env, check=True, timeout=30)


def approve(project: str, email: str, role: str, folder: Path) -> Step:
    def run(walk: Walk) -> None:
        page = walk.page
        walk.goto(f"/projects/{project}")
        with page.expect_navigation():
            walk.click(f"a.button[href$='/approve?role={role}']")
        walk.read(20.0)  # the statement: design, cost, what is approved
        with page.expect_download() as got:
            walk.click("a[href*='/statement.txt']")
        download = got.value
        folder.mkdir(parents=True, exist_ok=True)
        download.save_as(folder / download.suggested_filename)
        command = page.locator("pre").nth(1).inner_text()
        assert command.endswith(download.suggested_filename), command
        home = folder / "home"
        (home / ".ssh").mkdir(parents=True, exist_ok=True)
        shutil.copy(key_for(email), home / ".ssh" / "id_ed25519")
        _terminal(folder, home, command)
        # copy the command, switch to the terminal, paste and run it, copy the .sig's text
        walk.effort += THINK + POINT + 2 * KEYSTROKE + THINK + 3 * KEYSTROKE + 2 * POINT
        signature = (folder / f"{download.suggested_filename}.sig").read_text()
        paste(walk, "textarea[name=signature]", signature)
        walk.type("input[name=comment]", "looks right")
        with page.expect_navigation():
            walk.click("text=Record my approval")
        assert page.url.endswith(f"/projects/{project}"), page.url
        assert email in page.locator("#approvals").inner_text()

    return named(f"approve as {role}", run)


def freeze(walk: Walk) -> None:
    with walk.page.expect_navigation():
        walk.click("form[action$='/freeze'] button")
    baselines = walk.page.locator("#baselines").inner_text()
    assert baselines.count("v1") == 1, baselines
    walk.read(5.0)


def download_baseline(folder: Path) -> Step:
    """The project's files, as a repository takes them over: infra/<file>."""

    def run(walk: Walk) -> None:
        (folder / "infra").mkdir(parents=True, exist_ok=True)
        for what in REPO_FILES:
            with walk.page.expect_download() as got:
                walk.click(f"#downloads a:text-is('{what}')")
            assert got.value.suggested_filename == what
            got.value.save_as(folder / "infra" / what)

    return named("download the baseline", run)
