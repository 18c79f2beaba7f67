"""Closing from the portal with production's Terraform state, as `infragate close --tfstate`
does: the state is compared with the frozen baseline, so CLOSE001 judges drift of the
deployed infrastructure. A state that matches closes the project and its name and SHA-256
go into the trail with the closing; one that drifted is refused naming the finding and
nothing changes; a file that is no state is refused naming the field (422). A state
without environment tags is compared with the environment chosen on the form (production
by default), as `close --environment` does; with none chosen it is refused naming the
field `environment` (422)."""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import Any

from infragate.lifecycle import service
from infragate.store.engine import Store
from tests.lifecycle_helpers import ANN, BOB
from tests.portal.helpers import client_for, csrf_of, sign_in
from tests.portal.hosted_helpers import Hosted
from tests.portal.test_closure_pages import (
    RULE_OF,
    _state,
    api,
    checks,
    evidence_bytes,
    frozen,
    sqlite_store,
)

__all__ = ["frozen", "sqlite_store"]  # the fixtures, shared with the closure pages' tests
DATABASE = ("module.database", "aws_db_instance", "this")
FINDING = "resource-changed module.database.aws_db_instance.this"


def ready(project: Hosted) -> None:
    """Every piece of evidence recorded and the handover pack generated: only drift is left
    for the gate to judge."""
    ann = api(project.store, ANN)
    for kind in RULE_OF:
        filename, content = evidence_bytes(kind, project.name)
        done = ann.post(
            f"/api/projects/{project.name}/evidence",
            data={"kind": str(kind)},
            files={"file": (filename, content, "application/json")},
        )
        assert done.status_code == 201, done.text
    assert api(project.store, BOB).post(f"/api/projects/{project.name}/handover").is_success
    assert checks(ann.get(f"/api/projects/{project.name}/closure"))["CLOSE004"] == "pass"


def drifted(project: Hosted) -> dict[str, Any]:
    """Production's state after someone resized the database by hand."""
    state = _state(project)
    database = next(
        r for r in state["resources"] if (r["module"], r["type"], r["name"]) == DATABASE
    )
    database["instances"][0]["attributes"]["instance_class"] = "db.r6g.4xlarge"
    return state


def trail(store: Store, name: str) -> list[tuple[str, dict[str, Any]]]:
    ((_, events),) = service.trail(store, name)
    return [(e.kind, dict(e.payload)) for e in events]


def state_of(store: Store, name: str) -> str:
    return str(api(store, ANN).get(f"/api/projects/{name}").json()["state"])


def test_the_api_closes_on_a_matching_state_and_refuses_one_that_drifted(frozen: Hosted) -> None:
    ready(frozen)
    name, ann = frozen.name, api(frozen.store, ANN)
    url = f"/api/projects/{name}/close"
    before = trail(frozen.store, name)

    refused = ann.post(url, files={"tfstate": ("prod.tfstate", json.dumps(drifted(frozen)))})
    assert refused.status_code == 409, refused.text
    close001 = next(c for c in refused.json()["checks"] if c["id"] == "CLOSE001")
    assert close001["status"] == "fail"
    assert close001["reason"] == f"drift found 1 difference(s): {FINDING}"
    assert "/tmp" not in refused.text  # the server's folders are not shown
    not_a_state = ann.post(url, files={"tfstate": ("s.json", b"[1, 2]")})
    assert not_a_state.status_code == 422
    assert not_a_state.json()["detail"].startswith("tfstate: s.json:")
    assert trail(frozen.store, name) == before and state_of(frozen.store, name) == "delivered"

    matching = json.dumps(_state(frozen)).encode()
    closed = ann.post(url, files={"tfstate": ("prod.tfstate", matching)})
    assert closed.status_code == 200, closed.text
    assert closed.json()["state"] == "maintenance"
    assert {c["id"]: c["status"] for c in closed.json()["checks"]}["CLOSE001"] == "pass"
    (payload,) = [p for k, p in trail(frozen.store, name) if k == "closure.passed"]
    assert payload["tfstate"] == {
        "file": "prod.tfstate",
        "sha256": hashlib.sha256(matching).hexdigest(),
        "environment": "prod",  # told by its environment tags
    }
    assert service.verify_store(frozen.store)[1] == []


def test_the_close_form_takes_a_state(frozen: Hosted) -> None:
    ready(frozen)
    name = frozen.name
    browser = sign_in(client_for(frozen.store), ANN)
    form = browser.get(f"/projects/{name}/closure").text
    assert 'enctype="multipart/form-data"' in form and 'name="tfstate"' in form
    token = csrf_of(browser, f"/projects/{name}")

    def close(state: bytes) -> Any:
        return browser.post(
            f"/projects/{name}/close",
            data={"csrf_token": token},
            files={"tfstate": ("prod.tfstate", state, "application/json")},
            follow_redirects=False,
        )

    refused = close(json.dumps(drifted(frozen)).encode())
    assert refused.status_code == 409
    assert f"not closed: CLOSE001 drift found 1 difference(s): {FINDING}" in refused.text
    assert 'id="close-form"' in refused.text  # the checklist again, to try once more
    bad = close(b"not json")
    assert bad.status_code == 422 and "tfstate: prod.tfstate:" in html.unescape(bad.text)
    assert state_of(frozen.store, name) == "delivered"
    closed = close(json.dumps(_state(frozen)).encode())
    assert closed.status_code == 303, closed.text
    assert state_of(frozen.store, name) == "maintenance"
    passed = [p for k, p in trail(frozen.store, name) if k == "closure.passed"]
    assert [p["tfstate"]["file"] for p in passed] == ["prod.tfstate"]


def test_a_form_sent_without_a_file_closes_as_the_cli_does_without_one(frozen: Hosted) -> None:
    """A browser sends an empty file field when none is chosen: no state, files only."""
    ready(frozen)
    browser = sign_in(client_for(frozen.store), ANN)
    closed = browser.post(
        f"/projects/{frozen.name}/close",
        data={"csrf_token": csrf_of(browser, f"/projects/{frozen.name}")},
        files={"tfstate": ("", b"", "application/octet-stream")},
        follow_redirects=False,
    )
    assert closed.status_code == 303, closed.text
    passed = [p for k, p in trail(frozen.store, frozen.name) if k == "closure.passed"]
    assert len(passed) == 1 and "tfstate" not in passed[0]


def test_the_twin_documents_the_upload(frozen: Hosted) -> None:
    paths = client_for(frozen.store).get("/openapi.json").json()["paths"]
    body = paths["/api/projects/{project}/close"]["post"]["requestBody"]
    assert "multipart/form-data" in body["content"]
    assert body.get("required") is not True  # the state is optional, as --tfstate is


def untagged(project: Hosted) -> bytes:
    """Production's state without the environment tags that would say whose it is."""
    state = _state(project)
    for r in state["resources"]:
        r["instances"][0]["attributes"].pop("tags_all")
    return json.dumps(state).encode()


def test_the_api_takes_the_environment_of_an_untagged_state(frozen: Hosted) -> None:
    ready(frozen)
    name, ann = frozen.name, api(frozen.store, ANN)
    url = f"/api/projects/{name}/close"
    before = trail(frozen.store, name)
    state = {"tfstate": ("prod.tfstate", untagged(frozen))}
    listed = ann.get(f"/api/projects/{name}/closure").json()
    assert listed["environments"] == ["preview", "staging", "prod"]
    assert listed["default_environment"] == "prod"

    untold = ann.post(url, files=state)
    assert untold.status_code == 422, untold.text
    assert untold.json()["detail"] == (
        "environment: cannot tell which environment prod.tfstate belongs to (environment "
        "tags found: none); choose one of preview, staging, prod"
    )
    unknown = ann.post(url, files=state, data={"environment": "qa"})
    assert unknown.status_code == 422
    assert unknown.json()["detail"] == (
        "environment: 'qa' is not an environment of baseline v1; choose one of preview, staging, prod"
    )
    drift = ann.post(f"/api/projects/{name}/drift", files=state)  # the drift page's words too
    assert drift.status_code == 422 and drift.json()["detail"] == untold.json()["detail"]
    alone = ann.post(url, data={"environment": "prod"})
    assert alone.status_code == 422 and "send the state as tfstate too" in alone.text
    assert trail(frozen.store, name) == before and state_of(frozen.store, name) == "delivered"

    closed = ann.post(url, files=state, data={"environment": "prod"})
    assert closed.status_code == 200, closed.text
    assert closed.json()["state"] == "maintenance"
    (payload,) = [p for k, p in trail(frozen.store, name) if k == "closure.passed"]
    assert payload["tfstate"]["environment"] == "prod"


def selected(page: str) -> list[str]:
    """The environments the close form offers, the selected one marked with a '*'."""
    form = page.split('id="close-environment"')[1].split("</select>")[0]
    return [
        value + ("*" if chosen else "")
        for value, chosen in re.findall(r'<option value="([^"]+)"( selected)?>', form)
    ]


def test_the_close_form_offers_the_baselines_environments(frozen: Hosted) -> None:
    ready(frozen)
    name = frozen.name
    browser = sign_in(client_for(frozen.store), ANN)
    assert selected(browser.get(f"/projects/{name}/closure").text) == [
        "preview",
        "staging",
        "prod*",
    ]
    token = csrf_of(browser, f"/projects/{name}")

    def close(**form: str) -> Any:
        return browser.post(
            f"/projects/{name}/close",
            data={"csrf_token": token, **form},
            files={"tfstate": ("prod.tfstate", untagged(frozen), "application/json")},
            follow_redirects=False,
        )

    untold = close()  # a form without the field: nothing tells the state's environment
    assert untold.status_code == 422
    page = html.unescape(untold.text)
    assert "environment: cannot tell which environment prod.tfstate belongs to" in page
    assert 'id="close-form"' in page and selected(untold.text) == ["preview", "staging", "prod*"]
    staging = close(environment="staging")  # production's state drifts from staging's
    assert staging.status_code == 409
    assert "not closed: CLOSE001 drift found" in html.unescape(staging.text)
    assert selected(staging.text) == ["preview", "staging*", "prod"]  # as chosen
    assert state_of(frozen.store, name) == "delivered"
    assert close(environment="prod").status_code == 303
    assert state_of(frozen.store, name) == "maintenance"
