"""The requests pages in the portal, driven as a browser drives them (forms, CSRF tokens,
redirects) and through their JSON twins: approving with a signature made on the
approver's machine, freezing, downloading; refusals and who may do what; two freezes
at once from two portal processes."""

from __future__ import annotations

import html
import io
import re
import shlex
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from infragate.brief.model import Role
from infragate.lifecycle import service, signing
from infragate.portal import downloads
from infragate.portal.security.accounts import create_token
from infragate.store.engine import Store, open_store
from tests.helpers import run_cli
from tests.lifecycle_helpers import ANN, BOB, CARA
from tests.portal.helpers import AT, account, client_for, csrf_of, sign_in
from tests.portal.hosted_helpers import Hosted
from tests.signing_keys import key_for, public_key

ADMIN = "root@example.com"


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


@pytest.fixture
def project(sqlite_store: Store) -> Hosted:
    for email in (ANN, BOB, CARA):
        account(sqlite_store, email)
    account(sqlite_store, ADMIN, "Root", admin=True)
    return Hosted(sqlite_store)


def signed(statement_text: str, email: str, tmp: Path) -> str:
    """Sign what the page showed, as the approver does on their machine."""
    path = tmp / f"{email}.txt"
    path.write_bytes(statement_text.encode())
    command = shlex.split(signing.sign_command(str(path), str(key_for(email))))
    subprocess.run(command, check=True, capture_output=True, timeout=30)
    return Path(f"{path}.sig").read_text()


def shown_statement(page: str) -> tuple[str, str]:
    """The statement and the command the approve page shows, as a person copies them."""
    pres = re.findall(r"<pre[^>]*>(.*?)</pre>", page, re.S)
    assert len(pres) == 2, page
    return html.unescape(pres[0]), html.unescape(pres[1])


def approve_in_browser(client: TestClient, name: str, role: Role, email: str, tmp: Path) -> str:
    page = client.get(f"/projects/{name}/approve?role={role}")
    assert page.status_code == 200, page.text
    statement, command = shown_statement(page.text)
    assert command.startswith("ssh-keygen -Y sign -n infragate-approval -f ~/.ssh/")
    number = re.search(r'name="change_request" value="(\d*)"', page.text)
    assert number is not None
    done = client.post(
        f"/projects/{name}/approvals",
        data={
            "role": str(role),
            "signature": signed(statement, email, tmp).replace("\n", "\r\n"),
            "comment": "fine by me",
            "change_request": number.group(1),
            "csrf_token": csrf_of(client, f"/projects/{name}"),
        },
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return statement


def test_two_owners_approve_in_the_browser_one_freezes_and_the_lock_verifies(
    project: Hosted, tmp_path: Path
) -> None:
    name = project.name
    ann = sign_in(client_for(project.store), ANN)
    queue = ann.get("/requests")
    assert queue.status_code == 200 and f'href="/projects/{name}"' in queue.text
    assert "approve the design" in queue.text
    page = ann.get(f"/projects/{name}").text
    assert f"/projects/{name}/approve?role=infra_owner" in page
    for env in ("preview", "staging", "prod"):  # the architecture, drawn by Graphviz
        assert re.search(rf'<figure class="diagram" id="diagram-{env}">\s*<svg', page), env
    assert "?role=budget_owner" not in page  # Ann holds one role
    as_file = ann.get(f"/projects/{name}/statement.txt?role=infra_owner")
    assert as_file.content == project.statement(Role.infra_owner, ANN).message
    assert as_file.headers["content-disposition"].endswith('-infra_owner-approval.txt"')
    statement = approve_in_browser(ann, name, Role.infra_owner, ANN, tmp_path)
    assert statement.encode() == as_file.content
    assert "/approve?role=" not in ann.get(f"/projects/{name}").text  # nothing left for Ann
    bob = sign_in(client_for(project.store), BOB)
    approve_in_browser(bob, name, Role.budget_owner, BOB, tmp_path)
    assert 'action="/projects/' + name + '/freeze"' in bob.get(f"/projects/{name}").text
    frozen = bob.post(
        f"/projects/{name}/freeze",
        data={"csrf_token": csrf_of(bob, f"/projects/{name}")},
        follow_redirects=False,
    )
    assert frozen.status_code == 303
    page = bob.get(f"/projects/{name}").text
    assert "v1 <code>" in page and "baseline.frozen" in page
    assert "/approve?role=" not in page and "/freeze" not in page
    root = tmp_path / "repo"
    (root / "infra").mkdir(parents=True)
    for what in ("brief.yaml", "allowed_signers", "baseline.lock.json"):
        got = bob.get(f"/projects/{name}/downloads/{what}")
        assert got.status_code == 200
        assert got.headers["content-disposition"] == f'attachment; filename="{what}"'
        (root / "infra" / what).write_bytes(got.content)
    done = run_cli("verify", cwd=root, env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert done.returncode == 0, done.stdout + done.stderr
    zipped = bob.get(f"/projects/{name}/downloads/rendered.zip")
    assert zipped.headers["content-type"] == "application/zip"
    expected = downloads.render_zip(project.store, name, project.clock().today)
    assert zipfile.ZipFile(io.BytesIO(zipped.content)).namelist() == (
        zipfile.ZipFile(io.BytesIO(expected.content)).namelist()
    )
    # what the portal did is the CLI's trail
    ((_, events),) = service.trail(project.store, name)
    approvals = [e for e in events if e.kind == "approval.recorded"]
    assert [(e.actor, e.payload["signed"]) for e in approvals] == [(ANN, True), (BOB, True)]
    assert service.verify_store(project.store)[1] == []


def test_the_same_flow_through_the_json_api(project: Hosted, tmp_path: Path) -> None:
    name = project.name
    tokens = {e: create_token(project.store, e, "ci", AT) for e in (ANN, BOB)}
    for email, role in ((ANN, Role.infra_owner), (BOB, Role.budget_owner)):
        api = client_for(project.store)
        api.headers["Authorization"] = f"Bearer {tokens[email]}"
        shown = api.get(f"/api/projects/{name}/statement", params={"role": str(role)}).json()
        assert shown["email"] == email and shown["change_request"] is None
        done = api.post(
            f"/api/projects/{name}/approvals",
            json={"role": str(role), "signature": signed(shown["text"], email, tmp_path)},
        )
        assert done.status_code == 200, done.text
        assert done.json()["design_sha256"] == shown["design_sha256"]
    assert done.json()["state"] == "approved" and done.json()["missing"] == []
    frozen = api.post(f"/api/projects/{name}/freeze")
    assert frozen.status_code == 200 and frozen.json()["version"] == 1
    lock = api.get(f"/api/projects/{name}/downloads/baseline.lock.json").json()
    assert lock["sha256"] == frozen.json()["sha256"]
    page = api.get(f"/api/projects/{name}").json()
    assert page["state"] == "frozen" and page["baselines"][0]["sha256"] == lock["sha256"]
    queue = api.get("/api/requests").json()
    frozen_group = next(g for g in queue["groups"] if g["state"] == "frozen")
    assert [e["project"] for e in frozen_group["projects"]] == [name]
    again = api.post(f"/api/projects/{name}/freeze")
    assert again.status_code == 409 and "nothing to freeze" in again.json()["detail"]


def test_refusals_and_who_may_do_what(project: Hosted, tmp_path: Path) -> None:
    name = project.name
    cara = sign_in(client_for(project.store), CARA)
    assert cara.get(f"/projects/{name}").status_code == 200  # anyone signed in reads
    assert cara.get(f"/projects/{name}/approve?role=infra_owner").status_code == 403
    token = csrf_of(cara, f"/projects/{name}")
    assert cara.post(f"/projects/{name}/freeze", data={"csrf_token": token}).status_code == 403
    assert cara.get("/projects/nowhere").status_code == 404
    assert cara.get("/api/projects/nowhere").status_code == 404
    ann = sign_in(client_for(project.store), ANN)
    page = ann.get(f"/projects/{name}/approve?role=infra_owner").text
    statement, _ = shown_statement(page)
    by_bob = signed(statement, BOB, tmp_path)
    form = {"role": "infra_owner", "signature": by_bob, "change_request": ""}
    no_csrf = ann.post(f"/projects/{name}/approvals", data=form)
    assert no_csrf.status_code == 403 and "CSRF" in no_csrf.text
    wrong = ann.post(
        f"/projects/{name}/approvals", data={**form, "csrf_token": csrf_of(ann, "/requests")}
    )
    assert wrong.status_code == 409
    assert "does not name for ann@example.com" in html.unescape(wrong.text)
    assert "<textarea" in wrong.text  # the form again, to sign with the right key
    # only an admin adds an approver's key, and it is in the trail
    key = {"email": "dana@example.com", "public_key": public_key("dana@example.com")}
    form_token = csrf_of(ann, f"/projects/{name}")
    assert (
        ann.post(f"/projects/{name}/signers", data={**key, "csrf_token": form_token}).status_code
        == 403
    )
    root = sign_in(client_for(project.store), ADMIN)
    added = root.post(
        f"/projects/{name}/signers",
        data={**key, "csrf_token": csrf_of(root, f"/projects/{name}")},
        follow_redirects=False,
    )
    assert added.status_code == 303
    signers = root.get(f"/projects/{name}/downloads/allowed_signers").text
    assert signers.endswith(
        f'dana@example.com namespaces="infragate-approval" {key["public_key"]}\n'
    )
    ((_, events),) = service.trail(project.store, name)
    assert [e.actor for e in events if e.kind == "document.stored"][-1] == ADMIN
    assert root.get(f"/projects/{name}/approve?role=infra_owner").status_code == 403


def test_the_openapi_document_describes_the_json_twins(project: Hosted) -> None:
    doc = sign_in(client_for(project.store), ANN).get("/openapi.json").json()
    paths = doc["paths"]
    for path in (
        "/api/requests",
        "/api/projects/{project}",
        "/api/projects/{project}/statement",
        "/api/projects/{project}/approvals",
        "/api/projects/{project}/freeze",
        "/api/projects/{project}/downloads/{what}",
    ):
        assert path in paths, path
    ok = paths["/api/projects/{project}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"]["$ref"].endswith("/ProjectPage")
    assert "RequestQueue" in doc["components"]["schemas"]


def test_two_browsers_freezing_at_once_make_one_baseline(store_url: str) -> None:
    """Two portal processes (two apps, each with its store connection) on one database."""
    first, second = open_store(store_url), open_store(store_url)
    try:
        for email in (ANN, BOB):
            account(first, email)
        p = Hosted(first)
        p.approve_all()
        clients = [sign_in(client_for(first), ANN), sign_in(client_for(second), BOB)]
        tokens = [csrf_of(c, f"/projects/{p.name}") for c in clients]
        barrier = threading.Barrier(2)
        codes: list[int] = []

        def freeze(client: TestClient, token: str) -> None:
            barrier.wait()
            done = client.post(
                f"/projects/{p.name}/freeze", data={"csrf_token": token}, follow_redirects=False
            )
            codes.append(done.status_code)

        threads = [
            threading.Thread(target=freeze, args=pair) for pair in zip(clients, tokens, strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert sorted(codes) == [303, 409]
        baselines, _ = service.history(first, p.name)
        assert [b.version for b in baselines] == [1]
        ((_, events),) = service.trail(first, p.name)
        assert [e.kind for e in events].count("baseline.frozen") == 1
    finally:
        first.close()
        second.close()


def test_before_the_first_freeze_the_stored_brief_says_who_approves(
    project: Hosted, tmp_path: Path
) -> None:
    """A brief edited in the store names a new budget owner: she may approve, he no longer."""
    dana = account(project.store, "dana@example.com")
    project.approve(Role.infra_owner, ANN)  # records the design: its brief names Bob
    project.edit_brief("bob@example.com", dana)
    bob = sign_in(client_for(project.store), BOB)
    assert bob.get(f"/projects/{project.name}/approve?role=budget_owner").status_code == 403
    client = sign_in(client_for(project.store), dana)
    page = client.get(f"/projects/{project.name}").text
    assert "the brief changed since the design was recorded" in page
    assert f"/projects/{project.name}/approve?role=budget_owner" in page
    shown = client.get(f"/projects/{project.name}/approve?role=budget_owner")
    assert shown.status_code == 200 and f"email: {dana}" in shown.text


def test_a_change_request_is_approved_on_its_page_and_frozen_as_v2(
    project: Hosted, tmp_path: Path
) -> None:
    name = project.name
    project.approve_all()
    v1 = project.freeze()
    project.edit_brief("peak_rps: 40", "peak_rps: 80")
    proposal = project.propose(CARA, "launch campaign")
    ann = sign_in(client_for(project.store), ANN)
    page = ann.get(f"/projects/{name}").text
    assert f"#1 proposed · {proposal.diff.delta_usd:.2f} USD a month" in html.unescape(page)
    form = ann.get(f"/projects/{name}/approve?role=infra_owner").text
    assert "change request #1" in form and 'name="change_request" value="1"' in form
    statement = approve_in_browser(ann, name, Role.infra_owner, ANN, tmp_path)
    assert "change_request: 1\n" in statement
    bob = sign_in(client_for(project.store), BOB)
    approve_in_browser(bob, name, Role.budget_owner, BOB, tmp_path)
    frozen = bob.post(f"/api/projects/{name}/freeze", headers={"X-CSRF-Token": csrf_of(bob, "/")})
    assert frozen.status_code == 200 and frozen.json()["version"] == 2
    lock = bob.get(f"/api/projects/{name}/downloads/baseline.lock.json").json()
    assert lock["baseline"]["previous"]["sha256"] == v1.sha256
    assert lock["baseline"]["change_request"]["number"] == 1
