"""The sign-in record in a real headless Chromium, served by `infragate serve`: a person
signs in and out, and the platform admin reads both on /admin/sign-ins with the address the
portal saw (127.0.0.1), filters them by email with the page's form, and sees the same on
the command line. No console error, no CSP violation (browser.py watches)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.portal.browser import ARTEFACTS, Walk, browser_walk, named, run_steps, sign_in, sign_out
from tests.portal.live import running_portal

ANN, ROOT = "ann@example.com", "root@example.com"


def read_record(walk: Walk) -> None:
    walk.click("nav a[href='/admin/sign-ins']")
    rows = walk.page.locator("table.sign-ins tbody tr")
    # newest first: the admin's own sign-in, then Ann's sign-out and sign-in
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert len(texts) == 3, texts
    assert ROOT in texts[0] and "signed in" in texts[0]
    assert ANN in texts[1] and "signed out" in texts[1] and "127.0.0.1" in texts[1]
    assert ANN in texts[2] and "signed in" in texts[2] and "password" in texts[2]
    walk.type("form.filters input[name=email]", ANN)
    with walk.page.expect_navigation():
        walk.click("form.filters button[type=submit]")
    assert walk.page.locator("table.sign-ins tbody tr").count() == 2
    walk.read(5.0)


def test_an_admin_reads_the_sign_in_record_in_a_browser(tmp_path: Path) -> None:
    with running_portal(f"sqlite:///{tmp_path / 'store.db'}", tmp_path / "server") as live:
        live.add_user(ANN, "Ann Infra")
        live.add_user(ROOT, "Root Admin", admin=True)
        artefacts = ARTEFACTS / "sign-ins"
        print(f"\nscreenshots: {artefacts}")
        with browser_walk(live, tmp_path / "profile", artefacts) as walk:
            done = run_steps(
                walk,
                [sign_in(ANN), sign_out, sign_in(ROOT), named("read the record", read_record)],
            )
        assert [t.step for t in done][-1] == "read the record"
        listed = live.cli("users", "sign-ins", "--email", ANN, "--format", "json")
        assert listed.returncode == 0, listed.stderr
        assert [(e["outcome"], e["client"]) for e in json.loads(listed.stdout)] == [
            ("signed_in", "127.0.0.1"),
            ("signed_out", "127.0.0.1"),
        ]
        assert "Traceback" not in live.server_log()
