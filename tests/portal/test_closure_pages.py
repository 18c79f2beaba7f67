"""Evidence, closure, the handover pack and drift in the portal, on a real store: a frozen
project kept in the store gets each kind of evidence the closure needs through the API
(the checklist turns each rule green), its handover pack as a zip (a pack `verify
--handover` accepts), and is closed by its infra owner; drift of an uploaded state that
matches and one that does not; who may do what; bad uploads answered 422 naming the field.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from infragate.evidence.model import EvidenceKind
from infragate.handover import disk
from infragate.handover.pack import MANIFEST
from infragate.lifecycle import service
from infragate.lifecycle.baseline import parse_lock
from infragate.portal.security.accounts import create_token
from infragate.render.context import from_lock
from infragate.store.engine import Store, open_store
from tests.closure_helpers import EVIDENCE, FILES
from tests.lifecycle_helpers import ANN, BOB, CARA, Project
from tests.portal.helpers import AT, account, client_for, csrf_of, sign_in
from tests.portal.hosted_helpers import Hosted
from tests.render_helpers import state_after_apply

RITA, ADMIN = "rita@example.com", "root@example.com"
RULE_OF = {
    EvidenceKind.deploy: "CLOSE004",
    EvidenceKind.restore_test: "CLOSE006",
    EvidenceKind.alert_test: "CLOSE007",
    EvidenceKind.access: "CLOSE008",
    EvidenceKind.secrets: "CLOSE009",
}


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


@pytest.fixture
def frozen(sqlite_store: Store) -> Hosted:
    for email in (ANN, BOB, CARA, RITA):
        account(sqlite_store, email)
    account(sqlite_store, ADMIN, "Root", admin=True)
    project = Hosted(sqlite_store)
    project.approve_all()
    project.freeze()
    return project


def api(store: Store, email: str) -> TestClient:
    client = client_for(store)
    client.headers["Authorization"] = f"Bearer {create_token(store, email, 'ci', AT)}"
    return client


def evidence_bytes(kind: EvidenceKind, project: str) -> tuple[str, bytes]:
    """The shopfront fixtures (tests/fixtures/evidence), the alarm renamed for `project`."""
    name = FILES[kind]
    text = (EVIDENCE / name).read_text()
    if kind is EvidenceKind.alert_test:
        text = text.replace("shopfront-prod-", f"{project}-prod-")
    return name, text.encode()


def checks(answer: Any) -> dict[str, str]:
    assert answer.status_code == 200, answer.text
    return {c["id"]: c["status"] for c in answer.json()["checks"]}


def trail_kinds(project: Hosted) -> list[str]:
    ((_, events),) = service.trail(project.store, project.name)
    return [e.kind for e in events]


def test_evidence_closure_and_handover_through_the_api(frozen: Hosted, tmp_path: Path) -> None:
    name, ann = frozen.name, api(frozen.store, ANN)
    first = ann.get(f"/api/projects/{name}/closure")
    before = checks(first)
    assert before["CLOSE001"] == "pass"  # the lock verifies; the store's renders match it
    assert {before[r] for r in RULE_OF.values()} == {"fail"}
    assert before["CLOSE010"] == "fail" and first.json()["closable"] is False
    who = {c["id"]: c["who_can_act"] for c in first.json()["checks"]}
    assert who["CLOSE004"] == ["infra_owner: Ann Infra <ann@example.com>"]
    assert "no repository" in first.json()["not_checked"][0]

    uploaded: dict[str, bytes] = {}
    for kind, rule in RULE_OF.items():
        filename, content = evidence_bytes(kind, name)
        done = ann.post(
            f"/api/projects/{name}/evidence",
            data={"kind": str(kind), "note": f"{kind} shown", "url": "https://ci.example.com/1"},
            files={"file": (filename, content, "application/json")},
        )
        assert done.status_code == 201, done.text
        recorded = done.json()
        assert (recorded["kind"], recorded["baseline_version"]) == (str(kind), 1)
        assert recorded["recorded_by"] == ANN and recorded["file_name"] == filename
        assert recorded["delivered"] is (kind is EvidenceKind.deploy)
        uploaded[recorded["file_sha256"]] = content
        assert checks(ann.get(f"/api/projects/{name}/closure"))[rule] == "pass", kind
    assert ann.get(f"/api/projects/{name}").json()["state"] == "delivered"

    # every stored file downloads as it was uploaded, for anyone who sees the project
    rita = api(frozen.store, RITA)
    for sha, content in uploaded.items():
        assert rita.get(f"/api/projects/{name}/evidence/{sha}").content == content
    assert rita.get(f"/api/projects/{name}/evidence/{'f' * 64}").status_code == 404

    # only the handover pack is missing: an owner downloads it, and it is recorded
    missing = [
        r for r, s in checks(ann.get(f"/api/projects/{name}/closure")).items() if s == "fail"
    ]
    assert missing == ["CLOSE010"]
    pack = api(frozen.store, BOB).post(f"/api/projects/{name}/handover")
    assert pack.status_code == 200, pack.text
    assert pack.headers["content-type"] == "application/zip"
    assert f"{name}-v1-handover.zip" in pack.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(pack.content))
    names = archive.namelist()
    assert {f"infra/handover/{MANIFEST}", "infra/handover/handover.md"} <= set(names), names
    archive.extractall(tmp_path / "repo")
    assert disk.verify(tmp_path / "repo" / "infra" / "handover").ok
    handbook = archive.read("infra/handover/handover.md").decode()
    assert name in handbook and "restore" in handbook.lower()
    assert trail_kinds(frozen).count("handover.generated") == 1

    ready = ann.get(f"/api/projects/{name}/closure").json()
    assert ready["blocked"] is False and ready["closable"] is True
    # the budget owner may not close (the lock's infra owner does), nor a requester
    assert api(frozen.store, BOB).post(f"/api/projects/{name}/close").status_code == 403
    assert rita.post(f"/api/projects/{name}/close").status_code == 403
    closed = ann.post(f"/api/projects/{name}/close")
    assert closed.status_code == 200, closed.text
    assert closed.json()["state"] == "maintenance"
    closing = [e for e in service.trail(frozen.store, name)[0][1] if e.kind == "closure.passed"]
    assert [(e.actor, e.payload["baseline_version"]) for e in closing] == [(ANN, 1)]
    assert service.verify_store(frozen.store)[1] == []
    # closing twice is refused by the core, with its reason
    again = ann.post(f"/api/projects/{name}/close")
    assert again.status_code == 409 and "maintenance" in again.text


def test_the_pages_record_evidence_show_the_checklist_and_close(frozen: Hosted) -> None:
    name = frozen.name
    browser = sign_in(client_for(frozen.store), ANN)
    shown = browser.get(f"/projects/{name}")
    assert shown.status_code == 200
    for section in ("evidence", "closure", "drift"):
        assert f'<section id="{section}">' in shown.text, section
    offered = re.findall(r'<option value="([^"]+)"', shown.text)
    assert offered == [k.value for k in EvidenceKind]
    token = csrf_of(browser, f"/projects/{name}")
    for kind in RULE_OF:
        filename, content = evidence_bytes(kind, name)
        done = browser.post(
            f"/projects/{name}/evidence",
            data={"kind": str(kind), "csrf_token": token},
            files={"file": (filename, content, "application/json")},
            follow_redirects=False,
        )
        assert done.status_code == 303, done.text
        assert done.headers["location"] == f"/projects/{name}#evidence"
    page = browser.get(f"/projects/{name}").text
    links = re.findall(rf'href="(/projects/{name}/evidence/[0-9a-f]{{64}})"', page)
    assert len(links) == len(RULE_OF)
    assert browser.get(links[0]).content == evidence_bytes(EvidenceKind.deploy, name)[1]

    # the checklist, as htmx swaps it into the project page: a fragment, not a page
    fragment = browser.get(f"/projects/{name}/closure", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "CLOSE010" in fragment.text and "not ready to close" in fragment.text
    assert 'id="close-form"' not in fragment.text and 'id="handover-form"' in fragment.text
    rita = sign_in(client_for(frozen.store), RITA)
    assert 'id="handover-form"' not in rita.get(f"/projects/{name}/closure").text
    pack = browser.post(f"/projects/{name}/handover", data={"csrf_token": token})
    assert pack.status_code == 200 and pack.content.startswith(b"PK")
    full = browser.get(f"/projects/{name}/closure")
    assert "every rule passes" in full.text and 'id="close-form"' in full.text
    # the budget owner sees the same checklist without the button
    bob = sign_in(client_for(frozen.store), BOB)
    assert 'id="close-form"' not in bob.get(f"/projects/{name}/closure").text
    closed = browser.post(
        f"/projects/{name}/close", data={"csrf_token": token}, follow_redirects=False
    )
    assert closed.status_code == 303, closed.text
    assert "closed: in maintenance" in browser.get(f"/projects/{name}/closure").text


def test_closing_too_early_names_what_fails(frozen: Hosted) -> None:
    name = frozen.name
    answer = api(frozen.store, ANN).post(f"/api/projects/{name}/close")
    assert answer.status_code == 409
    failed = {c["id"] for c in answer.json()["checks"] if c["status"] == "fail"}
    assert {"CLOSE004", "CLOSE010"} <= failed
    assert "closure.passed" not in trail_kinds(frozen)
    browser = sign_in(client_for(frozen.store), ANN)
    page = browser.post(
        f"/projects/{name}/close", data={"csrf_token": csrf_of(browser, f"/projects/{name}")}
    )
    assert page.status_code == 409 and "CLOSE004" in page.text


def test_non_owners_are_refused(frozen: Hosted) -> None:
    name = frozen.name
    filename, content = evidence_bytes(EvidenceKind.access, name)
    for email in (RITA, ADMIN):
        refused = api(frozen.store, email).post(
            f"/api/projects/{name}/evidence",
            data={"kind": "access"},
            files={"file": (filename, content, "application/json")},
        )
        assert refused.status_code == 403, (email, refused.text)
    assert api(frozen.store, RITA).post(f"/api/projects/{name}/handover").status_code == 403
    assert "evidence.added" not in trail_kinds(frozen)
    # a platform admin may generate the pack (it describes; it approves nothing)
    assert api(frozen.store, ADMIN).post(f"/api/projects/{name}/handover").status_code == 200


def test_bad_uploads_are_refused_naming_the_field(frozen: Hosted) -> None:
    name, ann = frozen.name, api(frozen.store, ANN)
    url = f"/api/projects/{name}/evidence"
    leaked = (EVIDENCE / "secrets-with-value.yaml").read_bytes()
    answer = ann.post(url, data={"kind": "secrets"}, files={"file": ("s.yaml", leaked)})
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("file: s.yaml:")
    assert "looks like a secret value" in answer.json()["detail"]
    wrong = (EVIDENCE / "deploy-wrong-version.json").read_bytes()
    answer = ann.post(url, data={"kind": "deploy"}, files={"file": ("d.json", wrong)})
    assert answer.status_code == 422 and "health.version" in answer.json()["detail"]
    answer = ann.post(url, data={"kind": "deploy"}, files={"file": ("d.json", b"\x00\x01")})
    assert answer.status_code == 422 and "binary" in answer.json()["detail"]
    too_big = b"a: " + b"x" * 2_000_001
    answer = ann.post(url, data={"kind": "deploy"}, files={"file": ("big.yaml", too_big)})
    assert answer.status_code == 422 and "big.yaml" in answer.json()["detail"]
    answer = ann.post(url, data={"kind": "deploy"})
    assert answer.status_code == 422 and "file" in answer.json()["detail"]
    answer = ann.post(url, data={"kind": "selfie"}, files={"file": ("d.json", wrong)})
    assert answer.status_code == 422 and "kind" in answer.json()["detail"]
    state = ann.post(f"/api/projects/{name}/drift", files={"tfstate": ("s.json", b"[1, 2]")})
    assert state.status_code == 422 and state.json()["detail"].startswith("tfstate: s.json:")
    assert "evidence.added" not in trail_kinds(frozen)
    # on the page: the form again, with the problem
    browser = sign_in(client_for(frozen.store), ANN)
    token = csrf_of(browser, f"/projects/{name}")
    page = browser.post(
        f"/projects/{name}/evidence",
        data={"kind": "secrets", "csrf_token": token},
        files={"file": ("s.yaml", leaked)},
    )
    assert page.status_code == 422
    assert 'id="evidence-form"' in page.text and "looks like a secret value" in page.text


def _state(project: Hosted) -> dict[str, Any]:
    _, text = service.stored_lock(project.store, project.name) or (None, "")
    sha, document = parse_lock(text)
    return state_after_apply(from_lock(document, sha), "prod")


def test_drift_of_an_uploaded_state(frozen: Hosted) -> None:
    name, rita = frozen.name, api(frozen.store, RITA)
    before = trail_kinds(frozen)
    state = _state(frozen)
    same = rita.post(
        f"/api/projects/{name}/drift",
        files={"tfstate": ("prod.tfstate", json.dumps(state).encode())},
    )
    assert same.status_code == 200, same.text
    report = same.json()
    assert report["drifted"] is False and report["findings"] == []
    assert report["environment"] == "prod"
    assert report["resources_checked"] == len(state["resources"])
    db = next(
        r
        for r in state["resources"]
        if (r["module"], r["type"], r["name"]) == ("module.database", "aws_db_instance", "this")
    )
    db["instances"][0]["attributes"]["instance_class"] = "db.r6g.4xlarge"
    changed = rita.post(
        f"/api/projects/{name}/drift",
        files={"tfstate": ("prod.tfstate", json.dumps(state).encode())},
    ).json()
    assert changed["drifted"] is True
    assert [(f["kind"], f["path"]) for f in changed["findings"]] == [
        ("resource-changed", "prod.tfstate")
    ]
    assert "db.r6g.4xlarge" in changed["findings"][0]["message"]
    assert "/tmp" not in json.dumps(changed)  # the server's folders are not shown
    # the page shows the same, and drift changes nothing in the store
    browser = sign_in(client_for(frozen.store), RITA)
    page = browser.post(
        f"/projects/{name}/drift",
        data={"csrf_token": csrf_of(browser, f"/projects/{name}")},
        files={"tfstate": ("prod.tfstate", json.dumps(state).encode())},
    )
    assert page.status_code == 200 and "1 difference(s)" in page.text
    assert trail_kinds(frozen) == before


def test_a_project_kept_in_a_repository(sqlite_store: Store, tmp_path: Path) -> None:
    """The checklist as far as the store allows; what needs the repository is said, and
    closing and drift are left to the CLI there."""
    account(sqlite_store, ANN)
    project = Project(tmp_path / "repo", sqlite_store)
    project.approve_all()
    project.freeze()
    name, ann = project.loaded.brief.project.name, api(sqlite_store, ANN)
    shown = ann.get(f"/api/projects/{name}/closure").json()
    statuses = {c["id"]: c["status"] for c in shown["checks"]}
    assert statuses["CLOSE001"] == "cannot-judge" and statuses["CLOSE004"] == "fail"
    assert shown["hosted"] is False and shown["closable"] is False
    assert any("infragate close" in n for n in shown["not_checked"])
    refused = ann.post(f"/api/projects/{name}/close")
    assert refused.status_code == 409 and "infragate close" in refused.text
    drift = ann.post(f"/api/projects/{name}/drift", files={"tfstate": ("s.json", b"{}")})
    assert drift.status_code == 409 and "infragate drift" in drift.text
    # evidence and the pack work from the store alone, as the CLI's do
    filename, content = evidence_bytes(EvidenceKind.access, name)
    done = ann.post(
        f"/api/projects/{name}/evidence",
        data={"kind": "access"},
        files={"file": (filename, content, "application/json")},
    )
    assert done.status_code == 201, done.text
    assert ann.post(f"/api/projects/{name}/handover").status_code == 200
    statuses = {
        c["id"]: c["status"] for c in ann.get(f"/api/projects/{name}/closure").json()["checks"]
    }
    assert statuses["CLOSE008"] == "pass" and statuses["CLOSE010"] == "pass"


def test_nothing_frozen_has_nothing_to_close(sqlite_store: Store) -> None:
    account(sqlite_store, ANN)
    project = Hosted(sqlite_store)
    ann = api(sqlite_store, ANN)
    shown = ann.get(f"/api/projects/{project.name}/closure").json()
    assert shown["baseline_version"] is None and shown["checks"] == []
    assert shown["state"] == ann.get(f"/api/projects/{project.name}").json()["state"]
    assert shown["blocked"] is False and shown["closable"] is False
    refused = ann.post(f"/api/projects/{project.name}/handover")
    assert refused.status_code == 409 and "no frozen baseline" in refused.text


def test_the_json_twins_are_in_the_openapi_document(sqlite_store: Store) -> None:
    paths = client_for(sqlite_store).get("/openapi.json").json()["paths"]
    base = "/api/projects/{project}"

    def schema(path: str, method: str, status: str = "200") -> str:
        content = paths[base + path][method]["responses"][status]["content"]
        return json.dumps(content)

    assert "ClosureView" in schema("/closure", "get")
    assert "ClosureView" in schema("/close", "post", "409")
    assert "EvidenceRecorded" in schema("/evidence", "post", "201")
    assert "DriftView" in schema("/drift", "post")
    assert "application/zip" in schema("/handover", "post")
    for path in ("/evidence", "/drift"):
        assert "multipart/form-data" in paths[base + path]["post"]["requestBody"]["content"]
    assert not any(p.startswith("/projects/") for p in paths)  # the pages stay out


def test_the_checklist_of_a_project_whose_files_cannot_be_rendered_yet_says_why(
    sqlite_store: Store,
) -> None:
    """A brief made in the portal need not name the app's contract to be frozen; the files
    (and so drift of them) wait for it, and the checklist says so instead of failing."""
    from infragate.lifecycle import hosted
    from tests.helpers import brief_text
    from tests.lifecycle_helpers import OWNERS

    account(sqlite_store, ANN)
    project = Hosted(sqlite_store)
    no_contract = brief_text("production", {**OWNERS, "project": {"name": project.name}})
    hosted.keep_brief(sqlite_store, no_contract, project.clock(), project.name)
    project.approve_all()
    project.freeze()
    client = sign_in(client_for(sqlite_store), ANN)
    shown = client.get(f"/api/projects/{project.name}/closure")
    assert shown.status_code == 200, shown.text
    view = shown.json()
    assert view["closable"] is False and view["baseline_version"] == 1
    assert "contract is incomplete" in view["not_checked"][0]
    assert {c["id"]: c["status"] for c in view["checks"]}["CLOSE002"] == "pass"
    page = client.get(f"/projects/{project.name}/closure", headers={"HX-Request": "true"})
    assert page.status_code == 200 and "contract is incomplete" in page.text


def test_only_the_owners_see_the_evidence_form(frozen: Hosted) -> None:
    """Recording evidence is for the owners (access.py); the form is not offered to others."""
    owner = sign_in(client_for(frozen.store), ANN).get(f"/projects/{frozen.name}").text
    other = sign_in(client_for(frozen.store), RITA).get(f"/projects/{frozen.name}").text
    assert 'id="evidence-form"' in owner
    assert 'id="evidence-form"' not in other and 'id="evidence"' in other
