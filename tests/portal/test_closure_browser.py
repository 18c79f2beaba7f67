"""Evidence, the closure checklist, the handover pack and drift in a real headless Chromium
(Debian's `chromium`) against a real server on 127.0.0.1: the checklist arrives by htmx
on the project page, an owner uploads a deploy record with the form and sees its rule
pass, downloads the pack, and compares a state. No console error (a CSP violation is
one); screenshots are kept under build/test-artefacts/portal-closure/."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from infragate.lifecycle import service
from infragate.lifecycle.baseline import parse_lock
from infragate.render.context import from_lock
from infragate.store.engine import Store
from tests.closure_helpers import EVIDENCE
from tests.helpers import ROOT
from tests.lifecycle_helpers import ANN, BOB
from tests.portal.helpers import account
from tests.portal.hosted_helpers import Hosted
from tests.portal.test_requests_browser import _sign_in, chromium_page, served
from tests.render_helpers import state_after_apply

ARTIFACTS = ROOT / "build" / "test-artefacts" / "portal-closure"
__all__ = ["served"]  # the live portal fixture, shared with the requests browser test


def test_evidence_checklist_pack_and_drift_in_the_browser(
    served: tuple[str, Store], tmp_path: Path
) -> None:
    base, store = served
    for email in (ANN, BOB):
        account(store, email)
    project = Hosted(store)
    project.approve_all()
    project.freeze()
    name = project.name
    _, lock = service.stored_lock(store, name) or (None, "")
    sha256, document = parse_lock(lock)
    state = tmp_path / "prod.tfstate"
    state.write_text(json.dumps(state_after_apply(from_lock(document, sha256), "prod")))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with chromium_page(errors) as ann:
        _sign_in(ann, base, ANN)
        ann.goto(f"{base}/projects/{name}")
        checklist = ann.locator("#closure #closure-checklist")
        expect(checklist).to_contain_text("not ready to close")  # swapped in by htmx
        expect(ann.locator("#closure tr.status-fail", has_text="CLOSE004")).to_have_count(1)
        ann.screenshot(path=str(ARTIFACTS / "1-checklist.png"), full_page=True)

        ann.select_option("#evidence-form select[name=kind]", "deploy")
        ann.set_input_files("#evidence-form input[name=file]", str(EVIDENCE / "deploy.json"))
        ann.fill("#evidence-form input[name=note]", "first deploy to prod")
        with ann.expect_navigation():
            ann.click("#evidence-form button[type=submit]")
        expect(ann.locator("#evidence a", has_text="deploy.json")).to_have_count(1)
        expect(ann.locator("#closure tr.status-pass", has_text="CLOSE004")).to_have_count(1)
        ann.screenshot(path=str(ARTIFACTS / "2-deployed.png"), full_page=True)

        with ann.expect_download() as got:
            ann.click("#handover-form button")
        got.value.save_as(tmp_path / "pack.zip")
        assert any(
            n.endswith("handover.html") for n in zipfile.ZipFile(tmp_path / "pack.zip").namelist()
        )

        ann.set_input_files("#drift-form input[name=tfstate]", str(state))
        with ann.expect_navigation():
            ann.click("#drift-form button[type=submit]")
        expect(ann.locator("#drift-verdict")).to_have_text(
            "No drift: prod.tfstate matches baseline v1"
        )
        ann.screenshot(path=str(ARTIFACTS / "3-drift.png"), full_page=True)
    assert errors == []
