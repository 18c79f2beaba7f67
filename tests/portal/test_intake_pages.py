"""The catalog and intake pages and their JSON twins, driven in-process as a signed-in person:
thin doors onto portal.intake, portal.catalog_view and lifecycle.service.request."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from infragate.catalog.model import Catalog
from infragate.lifecycle import service
from infragate.lifecycle.states import State
from infragate.portal.catalog_view import catalog_costs
from infragate.portal.intake import intake_from_form, intake_from_pairs, intake_from_text
from infragate.portal.intake_form import IntakeForm, OwnerFields, form_from_template
from infragate.store import repository as repo
from infragate.store.engine import Store, open_store
from tests.helpers import run_cli
from tests.portal.helpers import account, client_for, csrf_of, sign_in

REQ, ANN, BOB, EVE, ADMIN = (
    "rita@example.com",
    "ann@example.com",
    "bob@example.com",
    "eve@example.com",
    "root@example.com",
)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


def person(store: Store, email: str, admin: bool = False) -> TestClient:
    account(store, email, admin=admin)
    return sign_in(client_for(store), email)


def own_form(catalog: Catalog, name: str = "ledger") -> IntakeForm:
    form = form_from_template(catalog.templates["web-app-postgres"])
    return form.model_copy(
        update={
            "project_name": name,
            "team": "finance",
            "cost_center": "CC-2001",
            "client": "Ledger Ltd",
            "owners": [
                OwnerFields(name="Ann Infra", email=ANN, roles=["infra_owner"]),
                OwnerFields(name="Bob Budget", email=BOB, roles=["budget_owner"]),
            ],
        }
    )


def as_pairs(form: IntakeForm) -> list[tuple[str, str]]:
    """The form as a browser posts it: one pair a field, ticked boxes repeated."""
    pairs: list[tuple[str, str]] = []
    for name, value in form.model_dump().items():
        if name == "owners":
            for i, row in enumerate(value):
                pairs += [(f"owners-{i}-name", row["name"]), (f"owners-{i}-email", row["email"])]
                pairs += [(f"owners-{i}-roles", r) for r in row["roles"]]
        elif isinstance(value, list):
            pairs += [(name, v) for v in value]
        elif isinstance(value, bool):
            if name == "personal_data" or value:
                pairs.append((name, "true" if value else "false"))
        elif value is not None:
            pairs.append((name, str(value)))
    return pairs


def post_form(client: TestClient, path: str, pairs: list[tuple[str, str]], **kw: Any) -> Any:
    token = csrf_of(client, "/intake")
    return client.post(
        path,
        content="&".join(f"{_q(k)}={_q(v)}" for k, v in [*pairs, ("csrf_token", token)]),
        headers={"content-type": "application/x-www-form-urlencoded", **kw.pop("headers", {})},
        **kw,
    )


def _q(text: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(text)


def money(value: Any) -> str:
    return f"${value:,.2f}"


def test_the_catalog_page_and_its_twin_show_the_tier_table(
    sqlite_store: Store, catalog: Catalog
) -> None:
    client = person(sqlite_store, REQ)
    costs = catalog_costs(catalog)
    assert client.get("/api/catalog").json() == costs.model_dump(mode="json")
    html = client.get("/catalog").text
    for group in costs.templates:
        assert group.title in html
        for tier in group.tiers:
            assert money(tier.monthly_usd) in html
            assert f"/intake?template={group.name}&amp;maturity={tier.maturity}" in html
    assert client_for(sqlite_store).get("/api/catalog").status_code == 401


def test_the_intake_page_starts_from_the_template_and_points_at_its_examples(
    sqlite_store: Store, catalog: Catalog
) -> None:
    client = person(sqlite_store, REQ)
    html = client.get("/intake?template=internal-tool&maturity=production").text
    assert 'name="project_name" value="my-tool"' in html
    assert '<option value="production" selected>' in html
    note = re.search(
        r'<span class="field-note" id="note-project_name">(.*?)</span></span>', html, re.S
    )
    assert note and "GATE014" in note.group(1)
    assert 'id="verdict"' in html and "Not ready" in html


def test_the_preview_fragment_and_its_twin_carry_the_estimate(
    sqlite_store: Store, catalog: Catalog
) -> None:
    client = person(sqlite_store, REQ)
    form = own_form(catalog)
    expected = intake_from_form(form, catalog).view()
    assert expected.ready and expected.estimate is not None
    fragment = post_form(client, "/intake/preview", as_pairs(form), headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    total = re.search(r'id="estimate-total">([^<]+)<', fragment.text)
    assert total and total.group(1) == money(expected.estimate.monthly_usd)
    for env, usd in expected.estimate.by_environment.items():
        assert f'<td>{env}</td><td class="num">{money(usd)}</td>' in fragment.text
    # Every field's note is replaced out of band, so a fixed field loses its old note.
    assert 'id="note-peak_rps" hx-swap-oob="true"></span>' in fragment.text
    twin = client.post(
        "/api/intake/preview",
        json=form.model_dump(),
        headers={"X-CSRF-Token": csrf_of(client, "/intake")},
    )
    assert twin.json() == expected.model_dump(mode="json")


def test_a_bad_field_is_noted_beside_it_in_the_fragment(
    sqlite_store: Store, catalog: Catalog
) -> None:
    client = person(sqlite_store, REQ)
    pairs = [(k, "lots" if k == "peak_rps" else v) for k, v in as_pairs(own_form(catalog))]
    fragment = post_form(client, "/intake/preview", pairs).text
    expected = intake_from_pairs(pairs, catalog).view().problems
    assert [p.form_field for p in expected] == ["peak_rps"]
    note = re.search(r'id="note-peak_rps" hx-swap-oob="true">(.*?)</span></span>', fragment, re.S)
    assert note and "&#39;lots&#39;" in note.group(1)


def test_submitting_records_the_request_and_its_brief_downloads(
    store: Store, catalog: Catalog
) -> None:
    client = person(store, REQ)
    form = own_form(catalog)
    expected = intake_from_form(form, catalog)
    assert expected.design is not None
    done = post_form(client, "/intake", as_pairs(form))
    assert done.status_code == 200, done.text
    assert 'id="requested"' in done.text and money(expected.design.cost.monthly_usd) in done.text
    assert f"Ann Infra &lt;{ANN}&gt;" in done.text
    with store.read() as conn:
        project = repo.find_project(conn, "ledger")
        events = repo.events(conn, project) if project else []
    assert project is not None and project.state is State.designed
    assert [e.actor for e in events if e.kind == "design.recorded"] == [REQ]
    # The command line sees the request in the trail, and the trail verifies.
    env = {"INFRAGATE_DATABASE_URL": store.url}
    trail = run_cli("log", "--all", "--format", "json", env=env)
    assert trail.returncode == 0, trail.stderr
    assert "project.requested" in trail.stdout and REQ in trail.stdout
    assert run_cli("verify", "--log", env=env).returncode == 0
    brief = client.get("/intake/ledger/brief.yaml")
    assert brief.status_code == 200 and brief.text == expected.brief_yaml
    assert "attachment" in brief.headers["content-disposition"]
    # Every account sees the queue of requests and their briefs; no one unsigned does.
    assert person(store, ANN).get("/intake/ledger/brief.yaml").text == expected.brief_yaml
    assert person(store, ADMIN, admin=True).get("/intake/ledger/brief.yaml").status_code == 200
    assert person(store, EVE).get("/intake/ledger/brief.yaml").status_code == 200
    anonymous = TestClient(client.app, base_url="http://127.0.0.1")
    assert anonymous.get("/intake/ledger/brief.yaml", follow_redirects=False).status_code == 303
    assert client.get("/intake/nothing/brief.yaml").status_code == 404
    # The name is now taken: the same request is noted at the project name, not recorded.
    again = post_form(client, "/intake", as_pairs(form))
    assert again.status_code == 422 and "already exists (designed)" in again.text
    note = re.search(r'id="note-project_name">(.*?)</span></span>', again.text, re.S)
    assert note and "already exists" in note.group(1)


def test_a_post_without_its_csrf_token_records_nothing(
    sqlite_store: Store, catalog: Catalog
) -> None:
    client = person(sqlite_store, REQ)
    refused = client.post("/intake", data=dict(as_pairs(own_form(catalog))))
    assert refused.status_code == 403
    refused = client.post("/api/intake", json=own_form(catalog).model_dump())
    assert refused.status_code == 403
    assert service.trail(sqlite_store, None) == []


def test_the_json_twin_submits_or_says_what_to_fix(sqlite_store: Store, catalog: Catalog) -> None:
    client = person(sqlite_store, REQ)
    headers = {"X-CSRF-Token": csrf_of(client, "/intake")}
    blank = own_form(catalog).model_copy(update={"peak_rps": ""})
    refused = client.post("/api/intake", json=blank.model_dump(), headers=headers)
    assert refused.status_code == 422
    gate = refused.json()["gate"]
    assert [(g["id"], g["form_field"]) for g in gate["results"] if g["status"] == "fail"] == [
        ("GATE005", "peak_rps")
    ]
    made = client.post("/api/intake", json=own_form(catalog).model_dump(), headers=headers)
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["project"] == "ledger" and body["state"] == "designed"
    assert [a["role"] for a in body["awaiting"]] == ["infra_owner", "budget_owner"]
    assert client.get(body["brief_url"]).status_code == 200


def test_a_pasted_or_uploaded_brief_is_previewed_with_its_lines_and_submitted(
    sqlite_store: Store, catalog: Catalog
) -> None:
    client = person(sqlite_store, REQ)
    text = intake_from_form(own_form(catalog, "payroll"), catalog).brief_yaml
    assert text is not None
    broken = text.replace("peak_rps: 10", "peak_rps: lots")
    line = next(i for i, ln in enumerate(broken.splitlines(), 1) if "peak_rps: lots" in ln)
    token = csrf_of(client, "/intake/text")
    fragment = client.post(
        "/intake/text/preview", data={"brief_text": broken, "csrf_token": token}
    ).text
    assert f"load.peak_rps (line {line}, column" in fragment
    twin = client.post(
        "/api/intake/text/preview",
        json={"brief": broken, "filename": "infra/brief.yaml"},
        headers={"X-CSRF-Token": token},
    ).json()
    assert twin == intake_from_text(broken, catalog, name="infra/brief.yaml").view().model_dump(
        mode="json"
    )
    assert [(p["field"], p["line"]) for p in twin["problems"]] == [("load.peak_rps", line)]
    upload = client.post(
        "/intake/text",
        data={"csrf_token": token, "brief_text": ""},
        files={"brief_file": ("brief.yaml", text.encode(), "application/yaml")},
    )
    assert upload.status_code == 200 and 'id="requested"' in upload.text
    kept = service.requested(sqlite_store, "payroll")
    assert kept is not None and kept.brief_yaml == text and kept.template is None
    made = client.post(
        "/api/intake/text",
        json={"brief": text.replace("payroll", "payroll-two")},
        headers={"X-CSRF-Token": token},
    )
    assert made.status_code == 201 and made.json()["project"] == "payroll-two"


def test_the_pages_carry_no_inline_script_or_style(sqlite_store: Store, catalog: Catalog) -> None:
    client = person(sqlite_store, REQ)
    for path in ("/catalog", "/intake", "/intake/text"):
        html = client.get(path).text
        assert re.findall(r"<script(?![^>]*\bsrc=)", html) == [], path
        assert " style=" not in html and not re.search(r"\son[a-z]+=", html), path


def test_the_openapi_document_describes_the_twins(sqlite_store: Store) -> None:
    paths = client_for(sqlite_store).get("/openapi.json").json()["paths"]
    for path in (
        "/api/catalog",
        "/api/intake/form",
        "/api/intake",
        "/api/intake/preview",
        "/api/intake/text",
        "/api/intake/text/preview",
    ):
        assert path in paths
    created = paths["/api/intake"]["post"]["responses"]
    assert "201" in created and "422" in created


def test_the_whole_intake_through_the_json_api_with_a_token(
    sqlite_store: Store, catalog: Catalog
) -> None:
    """A script needs no browser: start from a template, fill it, preview, submit."""
    from infragate.portal.security.accounts import create_token

    account(sqlite_store, "ci@example.com", "CI")
    token = create_token(sqlite_store, "ci@example.com", "intake", "2026-12-07T09:00:00Z")
    client = client_for(sqlite_store)
    client.headers["Authorization"] = f"Bearer {token}"
    start = client.get("/api/intake/form", params={"template": "internal-tool"}).json()
    assert start["form"]["project_name"] == "my-tool" and "mvp" in start["choices"]["maturity"]
    assert [g["id"] for g in start["preview"]["gate"]["results"] if g["status"] == "fail"] == [
        "GATE014"
    ]
    form = {
        **start["form"],
        "project_name": "helpdesk",
        "team": "support",
        "cost_center": "CC-3003",
        "owners": [o.model_dump() for o in own_form(catalog).owners],
    }
    preview = client.post("/api/intake/preview", json=form).json()
    expected = intake_from_form(IntakeForm.model_validate(form), catalog).view()
    assert preview == expected.model_dump(mode="json") and expected.ready
    made = client.post("/api/intake", json=form)
    assert made.status_code == 201, made.text
    assert made.json()["monthly_usd"] == preview["estimate"]["monthly_usd"]
    kept = service.requested(sqlite_store, "helpdesk")
    assert kept is not None and kept.requested_by == "ci@example.com"
    assert kept.template == "internal-tool"
