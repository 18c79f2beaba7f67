"""The sign-in record in a real headless Chromium, served by `infragate serve`: two accounts
made on the command line (recorded with who made them), a person signs in and out, and the
platform admin reads it all on /admin/sign-ins with the address the portal saw (127.0.0.1)
and the maker in the "By" column, filters it by email with the page's form, and sees the
same on the command line. No console error, no CSP violation (browser.py watches)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.portal.browser import ARTEFACTS, Walk, browser_walk, named, run_steps, sign_in, sign_out
from tests.portal.live import running_portal

ANN, ROOT = "ann@example.com", "root@example.com"
ACTOR = "ops-lead"  # INFRAGATE_ACTOR of the commands that make the accounts


def read_record(walk: Walk) -> None:
    walk.click("nav a[href='/admin/sign-ins']")
    rows = walk.page.locator("table.sign-ins tbody tr")
    # newest first: the admin's own sign-in, Ann's sign-out and sign-in, the two accounts made
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert len(texts) == 5, texts
    assert ROOT in texts[0] and "signed in" in texts[0]
    assert ANN in texts[1] and "signed out" in texts[1] and "127.0.0.1" in texts[1]
    assert ANN in texts[2] and "signed in" in texts[2] and "password" in texts[2]
    made = [t.split("\t") for t in texts[3:]]  # when, what, how, who, from, by, detail
    assert [(m[1], m[2], m[3].split()[0], m[5], m[6]) for m in made] == [
        ("account created", "cli", ROOT, ACTOR, "a platform admin"),
        ("account created", "cli", ANN, ACTOR, ""),
    ]
    walk.type("form.filters input[name=email]", ANN)
    with walk.page.expect_navigation():
        walk.click("form.filters button[type=submit]")
    assert walk.page.locator("table.sign-ins tbody tr").count() == 3
    walk.read(5.0)


def test_an_admin_reads_the_sign_in_record_in_a_browser(tmp_path: Path) -> None:
    store_url, server = f"sqlite:///{tmp_path / 'store.db'}", tmp_path / "server"
    with running_portal(store_url, server, extra_env={"INFRAGATE_ACTOR": ACTOR}) as live:
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
        assert [(e["outcome"], e["client"], e["actor"]) for e in json.loads(listed.stdout)] == [
            ("account_created", None, ACTOR),
            ("signed_in", "127.0.0.1", None),
            ("signed_out", "127.0.0.1", None),
        ]
        assert "Traceback" not in live.server_log()
