"""Changing a frozen project in the portal: an owner edits the brief, sees the design diff
and the monthly cost delta `infragate change propose` gives, proposes it with a reason;
the approvers approve it on the approve page and it freezes as v2. Also rejecting, who
may do what, bad briefs pointed at their field, and waivers granted by the owner in the
role a blocker needs. Driven as a browser drives the pages (forms, CSRF tokens, htmx
fragments) and through the JSON twins with API tokens, on a real SQLite store."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from infragate.brief.model import Role
from infragate.lifecycle import hosted, hosted_changes, service
from infragate.portal.security.accounts import create_token
from infragate.store.engine import Store, open_store
from tests.lifecycle_helpers import ANN, BOB, CARA, OWNERS
from tests.portal.helpers import AT, account, client_for, csrf_of, sign_in
from tests.portal.hosted_helpers import Hosted
from tests.portal.test_requests_pages import approve_in_browser, signed

DANA = "dana@example.com"  # has an account, owns nothing here


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


def frozen(store: Store, patch: dict[str, Any] | None = None) -> Hosted:
    """A project kept in the store, approved by Ann and Bob and frozen as v1."""
    for email in (ANN, BOB, CARA, DANA):
        account(store, email)
    p = Hosted(store, patch=patch)
    p.approve_all()
    p.freeze()
    return p


@pytest.fixture
def project(sqlite_store: Store) -> Hosted:
    return frozen(sqlite_store)


def edited(p: Hosted, old: str, new: str) -> str:
    text = hosted.brief_text(p.store, p.name)
    assert old in text, old
    return text.replace(old, new)


def api(p: Hosted, email: str) -> TestClient:
    client = client_for(p.store)
    client.headers["Authorization"] = f"Bearer {create_token(p.store, email, 'test', AT)}"
    return client


def trail_kinds(p: Hosted) -> list[tuple[str, str]]:
    ((_, events),) = service.trail(p.store, p.name)
    return [(e.kind, e.actor) for e in events]


def test_an_owner_proposes_a_change_on_its_page_and_it_freezes_as_v2(
    project: Hosted, tmp_path: Path
) -> None:
    name = project.name
    cara = sign_in(client_for(project.store), CARA)  # an owner (tech lead) who approves nothing
    page = cara.get(f"/projects/{name}").text
    assert f'href="/projects/{name}/changes/new"' in page
    assert "reject-change" not in page  # nothing awaits a decision, and she is no approver
    form = cara.get(f"/projects/{name}/changes/new")
    assert form.status_code == 200
    area = re.search(r'<textarea name="brief_text"[^>]*>(.*?)</textarea>', form.text, re.S)
    assert area and html.unescape(area.group(1)) == hosted.brief_text(project.store, name)
    assert "nothing to change" in form.text  # the brief as kept yields baseline v1's design
    text = edited(project, "peak_rps: 40", "peak_rps: 80")
    expected = hosted_changes.preview(
        project.store, name, text, project.catalog, project.clock().today
    )
    assert expected.diff.delta_usd > 0 and expected.diff.changes
    token = csrf_of(cara, f"/projects/{name}/changes/new")
    fields = {"brief_text": text, "reason": "", "csrf_token": token}
    fragment = cara.post(f"/projects/{name}/changes/preview", data=fields)
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "Ready to propose" in fragment.text and "Against baseline v1" in fragment.text
    delta = re.search(r'id="delta-total">([^<]+)<', fragment.text)
    assert delta and delta.group(1) == f"{expected.diff.delta_usd:.2f}"
    assert fragment.text.count("<tr>") >= len(expected.diff.changes)
    uploaded = cara.post(
        f"/projects/{name}/changes/preview",
        data={"brief_text": "", "csrf_token": token},
        files={"brief_file": ("brief.yaml", text.encode(), "application/yaml")},
    )
    assert f'id="delta-total">{expected.diff.delta_usd:.2f}<' in uploaded.text
    no_reason = cara.post(f"/projects/{name}/changes", data=fields)
    assert no_reason.status_code == 422 and "reason: say in a sentence" in no_reason.text
    assert hosted.brief_text(project.store, name) != text  # nothing kept
    done = cara.post(
        f"/projects/{name}/changes",
        data={**fields, "reason": "launch campaign doubles the traffic"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].startswith(f"/projects/{name}")
    assert hosted.brief_text(project.store, name) == text
    shown = html.unescape(cara.get(f"/projects/{name}").text)
    assert f"#1 proposed · {expected.diff.delta_usd:.2f} USD a month · by {CARA}" in shown
    # the approvers approve it as they approve a design, then one freezes: v2
    ann = sign_in(client_for(project.store), ANN)
    assert "Reject change request #1" in ann.get(f"/projects/{name}").text
    approve_in_browser(ann, name, Role.infra_owner, ANN, tmp_path)
    bob = sign_in(client_for(project.store), BOB)
    approve_in_browser(bob, name, Role.budget_owner, BOB, tmp_path)
    froze = bob.post(f"/api/projects/{name}/freeze", headers={"X-CSRF-Token": csrf_of(bob, "/")})
    assert froze.status_code == 200 and froze.json()["version"] == 2
    # what the portal did is the CLI's trail, and it verifies
    _, changes = service.history(project.store, name)
    assert [(c.number, c.status, c.requested_by) for c in changes] == [(1, "frozen", CARA)]
    assert changes[0].diff == expected.diff.as_dict()  # what `change show` prints
    kinds = trail_kinds(project)
    at = kinds.index(("change.proposed", CARA))
    assert kinds[at + 1] == ("document.stored", CARA)  # the brief kept with the proposal
    assert service.verify_store(project.store)[1] == []


def test_the_same_through_the_json_api(project: Hosted, tmp_path: Path) -> None:
    name = project.name
    cara = api(project, CARA)
    start = cara.get(f"/api/projects/{name}/changes/new").json()
    assert start["brief"] == hosted.brief_text(project.store, name)
    assert start["preview"]["ready"] is False and "nothing to change" in start["preview"]["refusal"]
    text = start["brief"].replace("peak_rps: 40", "peak_rps: 80")
    seen = cara.post(f"/api/projects/{name}/changes/preview", json={"brief": text}).json()
    assert seen["ready"] and seen["base_version"] == 1 and seen["diff"]["changes"]
    made = cara.post(f"/api/projects/{name}/changes", json={"brief": text, "reason": "campaign"})
    assert made.status_code == 201, made.text
    assert made.json()["number"] == 1 and made.json()["diff"] == seen["diff"]
    for email, role in ((ANN, Role.infra_owner), (BOB, Role.budget_owner)):
        owner = api(project, email)
        statement = owner.get(f"/api/projects/{name}/statement", params={"role": str(role)})
        assert statement.json()["change_request"] == 1
        given = {
            "role": str(role),
            "signature": signed(statement.json()["text"], email, tmp_path),
            "change_request": 1,
        }
        approved = owner.post(f"/api/projects/{name}/approvals", json=given)
        assert approved.status_code == 200, approved.text
    froze = owner.post(f"/api/projects/{name}/freeze")
    assert froze.status_code == 200 and froze.json()["version"] == 2
    assert froze.json()["monthly_usd"] == seen["diff"]["after_monthly_usd"]
    again = cara.post(f"/api/projects/{name}/changes", json={"brief": text, "reason": "again"})
    assert again.status_code == 422 and "nothing to change" in again.json()["refusal"]
    doc = cara.get("/openapi.json").json()
    for path in (
        "/api/projects/{project}/changes/new",
        "/api/projects/{project}/changes/preview",
        "/api/projects/{project}/changes",
        "/api/projects/{project}/changes/{number}/reject",
        "/api/projects/{project}/waivers",
    ):
        assert path in doc["paths"], path
    assert "ChangePreview" in doc["components"]["schemas"]


def test_a_bad_brief_is_refused_naming_the_field(project: Hosted) -> None:
    name = project.name
    bad = edited(project, "peak_rps: 40", "peak_rps: lots")
    cara = api(project, CARA)
    answer = cara.post(f"/api/projects/{name}/changes", json={"brief": bad, "reason": "more"})
    assert answer.status_code == 422
    problems = answer.json()["brief"]["problems"]
    assert [p["field"] for p in problems] == ["load.peak_rps"] and problems[0]["line"]
    no_reason = cara.post(f"/api/projects/{name}/changes", json={"brief": bad, "reason": " "})
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["detail"]
    other = edited(project, f"name: {name}", "name: someone-else")
    renamed = cara.post(f"/api/projects/{name}/changes", json={"brief": other, "reason": "x y"})
    assert renamed.status_code == 422
    assert [p["field"] for p in renamed.json()["brief"]["problems"]] == ["project.name"]
    page = sign_in(client_for(project.store), CARA)
    token = csrf_of(page, f"/projects/{name}/changes/new")
    shown = page.post(
        f"/projects/{name}/changes",
        data={"brief_text": bad, "reason": "more traffic", "csrf_token": token},
    )
    assert shown.status_code == 422 and "load.peak_rps" in shown.text
    assert "peak_rps: lots" in shown.text  # the text as typed, to correct it
    assert service.history(project.store, name)[1] == []  # nothing proposed


def test_an_approver_rejects_and_others_may_not(project: Hosted) -> None:
    name = project.name
    frozen_text = hosted.brief_text(project.store, name)
    project.edit_brief("peak_rps: 40", "peak_rps: 80")
    project.propose(CARA, "campaign")
    dana = sign_in(client_for(project.store), DANA)  # owns nothing here
    assert dana.get(f"/projects/{name}/changes/new").status_code == 403
    token = csrf_of(dana, "/")
    assert (
        dana.post(f"/projects/{name}/changes/1/reject", data={"reason": "no", "csrf_token": token})
    ).status_code == 403
    text = hosted.brief_text(project.store, name)
    refused = api(project, DANA).post(
        f"/api/projects/{name}/changes", json={"brief": text, "reason": "mine"}
    )
    assert refused.status_code == 403
    cara = api(project, CARA)  # an owner, but not an approver
    answer = cara.post(f"/api/projects/{name}/changes/1/reject", json={"reason": "changed mind"})
    assert answer.status_code == 403 and "infra or budget owner rejects" in answer.text
    bob = api(project, BOB)
    stale = bob.post(f"/api/projects/{name}/changes/7/reject", json={"reason": "too costly"})
    assert stale.status_code == 409 and "#1 does" in stale.json()["detail"]
    ann = sign_in(client_for(project.store), ANN)
    done = ann.post(
        f"/projects/{name}/changes/1/reject",
        data={"reason": "not this quarter", "csrf_token": csrf_of(ann, f"/projects/{name}")},
        follow_redirects=False,
    )
    assert done.status_code == 303
    _, changes = service.history(project.store, name)
    assert [(c.status, c.decided_by) for c in changes] == [("rejected", ANN)]
    assert "Reject change request" not in ann.get(f"/projects/{name}").text
    assert ("change.rejected", ANN) in trail_kinds(project)
    # no repository to revert: the rejected brief gives way to the baseline's again
    assert hosted.brief_text(project.store, name) == frozen_text
    assert trail_kinds(project)[-1] == ("document.stored", ANN)
    assert "peak_rps: 40" in ann.get(f"/projects/{name}/changes/new").text


SQLITE = {**OWNERS, "workload": {"datastores": ["sqlite", "redis"]}}


def test_a_waiver_by_the_right_role_clears_the_blocker(sqlite_store: Store) -> None:
    for email in (ANN, BOB):
        account(sqlite_store, email)
    p = Hosted(sqlite_store, patch=SQLITE)  # SQLite in production: RS003 blocks
    name = p.name
    bob = sign_in(client_for(p.store), BOB)
    page = bob.get(f"/projects/{name}").text
    assert "RS003" in page and 'id="waive-RS003"' not in page  # Bob is the budget owner
    today = p.clock().today
    given = {"key": "RS003", "reason": "migration to PostgreSQL is planned", "csrf_token": ""}
    given |= {"expires_on": (today + timedelta(days=30)).isoformat()}
    given["csrf_token"] = csrf_of(bob, f"/projects/{name}")
    assert bob.post(f"/projects/{name}/waivers", data=given).status_code == 403
    as_json = {k: v for k, v in given.items() if k != "csrf_token"}
    wrong_role = api(p, BOB).post(f"/api/projects/{name}/waivers", json=as_json)
    assert wrong_role.status_code == 403 and "infra_owner" in wrong_role.text
    ann = sign_in(client_for(p.store), ANN)
    page = ann.get(f"/projects/{name}").text
    assert 'id="waive-RS003"' in page and 'action="/projects/' + name + '/waivers"' in page
    short = api(p, ANN).post(
        f"/api/projects/{name}/waivers",
        json={"key": "RS003", "reason": "because", "expires_on": given["expires_on"]},
    )
    assert short.status_code == 422 and "at least a sentence" in short.json()["detail"]
    bad_date = api(p, ANN).post(
        f"/api/projects/{name}/waivers",
        json={"key": "RS003", "reason": given["reason"], "expires_on": "soon"},
    )
    assert bad_date.status_code == 422 and "expires_on" in bad_date.json()["detail"]
    given["csrf_token"] = csrf_of(ann, f"/projects/{name}")
    done = ann.post(f"/projects/{name}/waivers", data=given, follow_redirects=False)
    assert done.status_code == 303
    page = ann.get(f"/projects/{name}").text
    assert 'id="waive-RS003"' not in page and "approve the design" in page
    assert "RS003 waived by Ann Infra" in page
    assert ("waiver.granted", ANN) in trail_kinds(p)
    p.approve_all()  # the design the blocker held back is approved now


def test_a_change_that_adds_a_blocker_is_waived_from_its_preview(project: Hosted) -> None:
    name = project.name
    text = edited(project, "- postgres\n", "- sqlite\n")
    ann = sign_in(client_for(project.store), ANN)
    token = csrf_of(ann, f"/projects/{name}/changes/new")
    fragment = ann.post(
        f"/projects/{name}/changes/preview", data={"brief_text": text, "csrf_token": token}
    ).text
    assert "Not ready" in fragment and 'id="waive-RS003"' in fragment
    assert 'hx-include="#change-form [name=brief_text]"' in fragment
    refused = api(project, ANN).post(
        f"/api/projects/{name}/changes", json={"brief": text, "reason": "cheaper database"}
    )
    assert refused.status_code == 422
    assert [b["key"] for b in refused.json()["blockers"]] == ["RS003"]
    expires = (project.clock().today + timedelta(days=60)).isoformat()
    waived = ann.post(
        f"/projects/{name}/waivers",
        data={
            "key": "RS003",
            "reason": "a prototype of the cheaper setup, for a month",
            "expires_on": expires,
            "brief_text": text,
            "csrf_token": token,
        },
    )
    assert waived.status_code == 200 and "Ready to propose" in waived.text
    assert "waived: RS003 waived by Ann Infra" in waived.text
    made = api(project, ANN).post(
        f"/api/projects/{name}/changes", json={"brief": text, "reason": "cheaper database"}
    )
    assert made.status_code == 201, made.text
