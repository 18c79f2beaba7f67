"""A waiver refused from a project's page: the page comes back (422) with the core's
message beside the waiver form of the blocker it was for, not beside another one, the
form opened again with what the person typed; nothing is recorded. The JSON twin keeps
answering 422 JSON. On a real SQLite store, as a browser posts the form."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from infragate.lifecycle import service
from infragate.portal.security.accounts import create_token
from infragate.store.engine import open_store
from tests.lifecycle_helpers import ANN, BOB
from tests.portal.helpers import AT, account, client_for, csrf_of, sign_in
from tests.portal.hosted_helpers import Hosted

# Ann holds both roles, so both blockers have a waiver form on her page: SQLite in
# production (RS003, the infra owner's) and a design over a hard budget (the budget owner's).
TWO_BLOCKERS = {
    "owners": [
        {"name": "Ann Infra", "email": ANN, "roles": ["infra_owner", "budget_owner"]},
        {"name": "Bob Budget", "email": BOB, "roles": ["budget_owner"]},
    ],
    "workload": {"datastores": ["sqlite", "redis"]},
    "budget": {"monthly_usd": 20, "hard_limit": True},
}


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Hosted]:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    for email in (ANN, BOB):
        account(store, email)
    yield Hosted(store, patch=TWO_BLOCKERS)
    store.close()


def portal_today() -> date:
    """The day the portal judges expiries against (its clock is the real one)."""
    return datetime.now(UTC).date()


def blocker_of(page: str, key: str) -> str:
    """The HTML of blocker `key` on the project page, its waiver form included."""
    found = re.search(
        rf'<div class="blocker"><span class="error">{key}</span>.*?</details>\s*</div>',
        page,
        re.S,
    )
    assert found, f"no blocker {key} on the page"
    return found.group(0)


def typed(block: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', block)
    assert found, f"no {name} input"
    return html.unescape(found.group(1))


def post_waiver(client: TestClient, p: Hosted, key: str, reason: str, expires: str) -> str:
    form = {"key": key, "reason": reason, "expires_on": expires}
    answer = client.post(
        f"/projects/{p.name}/waivers",
        data={**form, "csrf_token": csrf_of(client, f"/projects/{p.name}")},
        follow_redirects=False,
    )
    assert answer.status_code == 422, (answer.status_code, answer.text[:300])
    return answer.text


def granted(p: Hosted) -> list[str]:
    ((_, events),) = service.trail(p.store, p.name)
    return [e.payload["key"] for e in events if e.kind == "waiver.granted"]


def test_the_message_sits_beside_the_blocker_it_was_for(project: Hosted) -> None:
    ann = sign_in(client_for(project.store), ANN)
    today = portal_today()
    cases = [  # what Ann types, and what the core says of it
        ("RS003", "   too short   ", today + timedelta(days=30), "at least a sentence"),
        ("RS003", "moving to PostgreSQL in March", today - timedelta(days=1), "not in the future"),
        ("budget", "the launch month costs more", today + timedelta(days=400), "at most 180 days"),
    ]
    for key, reason, expires, said in cases:
        page = post_waiver(ann, project, key, reason, expires.isoformat())
        assert f"<h1>{project.name} " in page and '<section id="trail">' in page  # the page
        mine = blocker_of(page, key)
        other = blocker_of(page, "budget" if key == "RS003" else "RS003")
        assert said in html.unescape(mine) and 'id="waive-error"' in mine, key
        assert 'id="waive-error"' not in other and said not in html.unescape(other)
        assert f'<details class="waive" id="waive-{key}" open>' in mine  # opened again
        assert typed(mine, "reason") == reason
        assert typed(mine, "expires_on") == expires.isoformat()
        assert typed(other, "reason") == ""  # the other form is as it was
        assert page.count('id="waive-error"') == 1
    assert granted(project) == []


def test_a_date_that_is_none_an_empty_reason_and_a_blocker_not_shown(project: Hosted) -> None:
    ann = sign_in(client_for(project.store), ANN)
    page = post_waiver(ann, project, "budget", "the launch month costs more", "soon")
    mine = blocker_of(page, "budget")
    assert "is not a date; write it as YYYY-MM-DD" in html.unescape(mine)
    assert typed(mine, "reason") == "the launch month costs more"
    later = (portal_today() + timedelta(days=30)).isoformat()
    page = post_waiver(ann, project, "RS003", "", later)  # an emptied field is sent empty
    assert "at least a sentence" in html.unescape(blocker_of(page, "RS003"))
    # a rule that blocks nothing here: said above the blockers, the forms untouched
    page = post_waiver(ann, project, "GATE999", "a reason long enough", later)
    above = page.split('<div class="blocker">')[0]
    assert "GATE999: waiver refused: there is no rule GATE999" in html.unescape(above)
    assert "waive-error" not in blocker_of(page, "RS003") + blocker_of(page, "budget")
    assert granted(project) == []


def test_an_owner_in_the_other_role_is_refused_beside_the_blocker(project: Hosted) -> None:
    """Bob is the budget owner: RS003 has no form on his page, and a post of one (a page
    left open while the roles changed) comes back 403 with the reason beside RS003."""
    bob = sign_in(client_for(project.store), BOB)
    later = (portal_today() + timedelta(days=30)).isoformat()
    answer = bob.post(
        f"/projects/{project.name}/waivers",
        data={
            "key": "RS003",
            "reason": "moving to PostgreSQL in March",
            "expires_on": later,
            "csrf_token": csrf_of(bob, f"/projects/{project.name}"),
        },
    )
    assert answer.status_code == 403
    rs003 = re.search(
        r'<div class="blocker"><span class="error">RS003</span>.*?</div>', answer.text, re.S
    )
    assert rs003 and "is not the infra_owner" in rs003.group(0)
    assert 'id="waive-RS003"' not in answer.text and 'id="waive-budget"' in answer.text
    assert granted(project) == []


def test_the_json_twin_answers_422_and_a_good_waiver_still_goes_through(project: Hosted) -> None:
    api = client_for(project.store)
    api.headers["Authorization"] = f"Bearer {create_token(project.store, ANN, 'ci', AT)}"
    past = {"key": "RS003", "reason": "moving to PostgreSQL in March", "expires_on": "2020-01-01"}
    refused = api.post(f"/api/projects/{project.name}/waivers", json=past)
    assert refused.status_code == 422 and "not in the future" in refused.json()["detail"]
    ann = sign_in(client_for(project.store), ANN)
    good = {**past, "expires_on": (portal_today() + timedelta(days=30)).isoformat()}
    done = ann.post(
        f"/projects/{project.name}/waivers",
        data={**good, "csrf_token": csrf_of(ann, f"/projects/{project.name}")},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].endswith("#next")
    assert granted(project) == ["RS003"]
