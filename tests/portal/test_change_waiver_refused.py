"""A waiver refused from the change page's preview: the preview comes back (422; 403 for
an owner in the other role) with the message beside the blocker it was for, not beside
another, that blocker's waiver form opened again with what was typed, as on the project
page (test_waiver_refused.py); the brief being edited is the one judged, and nothing is
recorded. htmx gets the fragment to swap in, without the error page's "do not swap"; a
post without htmx gets the whole change page, the brief still in it. Driven as the
browser drives the page (forms, CSRF tokens, HX-Request), on a real SQLite store."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from infragate.lifecycle import service
from infragate.store.engine import open_store
from tests.lifecycle_helpers import ANN, BOB
from tests.portal.helpers import client_for, csrf_of, sign_in
from tests.portal.hosted_helpers import Hosted
from tests.portal.test_change_pages import edited, frozen
from tests.portal.test_waiver_refused import portal_today, typed

HTMX = {"HX-Request": "true"}


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Hosted]:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield frozen(store)  # Ann the infra owner, Bob the budget owner; frozen as v1
    store.close()


def two_blockers(p: Hosted) -> str:
    """The brief edited so that the change brings SQLite into production (RS003, the infra
    owner's to waive) and a design over a hard budget (the budget owner's)."""
    text = edited(p, "- postgres\n", "- sqlite\n")
    return text.replace(
        "monthly_usd: 3000\n  hard_limit: false", "monthly_usd: 20\n  hard_limit: true"
    )


def blocker_of(page: str, key: str) -> str:
    """The HTML of blocker `key` in the preview, its waiver form (if any) included."""
    found = re.search(
        rf'<div class="blocker"><span class="error">{re.escape(key)}</span>.*?\n</div>',
        page,
        re.S,
    )
    assert found, f"no blocker {key} in the preview"
    return found.group(0)


def waive(
    client: TestClient,
    p: Hosted,
    brief: str,
    key: str,
    reason: str,
    expires: str,
    headers: dict[str, str] = HTMX,
) -> tuple[int, str]:
    answer = client.post(
        f"/projects/{p.name}/waivers",
        data={
            "key": key,
            "reason": reason,
            "expires_on": expires,
            "brief_text": brief,  # hx-include="#change-form [name=brief_text]"
            "csrf_token": csrf_of(client, f"/projects/{p.name}/changes/new"),
        },
        headers=headers,
        follow_redirects=False,
    )
    assert "hx-reswap" not in answer.headers  # the fragment is to be swapped in
    return answer.status_code, answer.text


def granted(p: Hosted) -> list[str]:
    ((_, events),) = service.trail(p.store, p.name)
    return [e.payload["key"] for e in events if e.kind == "waiver.granted"]


def test_the_message_sits_beside_the_blocker_in_the_preview(project: Hosted) -> None:
    brief = two_blockers(project)
    ann = sign_in(client_for(project.store), ANN)
    later = (portal_today() + timedelta(days=30)).isoformat()
    status, fragment = waive(ann, project, brief, "RS003", "   too short   ", later)
    assert status == 422 and "<html" not in fragment and "<header" not in fragment
    assert 'id="verdict"' in fragment and "Not ready" in fragment  # the preview, again
    mine, budget = blocker_of(fragment, "RS003"), blocker_of(fragment, "budget")
    assert '<details class="waive" id="waive-RS003" open>' in mine
    assert 'id="waive-error"' in mine and "at least a sentence" in html.unescape(mine)
    assert typed(mine, "reason") == "   too short   " and typed(mine, "expires_on") == later
    assert "waive-error" not in budget and 'id="waive-budget"' not in budget  # Bob's to waive
    assert fragment.count('id="waive-error"') == 1
    # the same form posted again (htmx still includes the brief being edited)
    assert 'hx-include="#change-form [name=brief_text]"' in mine
    status, fragment = waive(ann, project, brief, "RS003", "moving to PostgreSQL soon", "soon")
    mine = blocker_of(fragment, "RS003")
    assert status == 422 and "is not a date; write it as YYYY-MM-DD" in html.unescape(mine)
    assert typed(mine, "reason") == "moving to PostgreSQL soon"
    assert typed(mine, "expires_on") == "soon"
    assert granted(project) == []


def test_a_blocker_the_brief_does_not_have_is_said_above_the_verdict(project: Hosted) -> None:
    brief = two_blockers(project)
    ann = sign_in(client_for(project.store), ANN)
    later = (portal_today() + timedelta(days=30)).isoformat()
    status, fragment = waive(ann, project, brief, "GATE999", "a reason long enough", later)
    assert status == 422
    above = html.unescape(fragment.split('id="verdict"')[0])
    assert 'id="waive-error"' in above and "GATE999: waiver refused: there is no rule" in above
    assert "waive-error" not in blocker_of(fragment, "RS003")
    assert "open>" not in blocker_of(fragment, "RS003")  # the form as it was
    assert granted(project) == []


def test_an_owner_in_the_other_role_is_refused_beside_the_blocker(project: Hosted) -> None:
    """Bob is the budget owner: RS003 has no form in his preview, and a post of one comes
    back 403 with the reason beside RS003, his own budget form as it was."""
    brief = two_blockers(project)
    bob = sign_in(client_for(project.store), BOB)
    later = (portal_today() + timedelta(days=30)).isoformat()
    status, fragment = waive(bob, project, brief, "RS003", "moving to PostgreSQL soon", later)
    assert status == 403 and "<html" not in fragment
    rs003 = blocker_of(fragment, "RS003")
    assert 'id="waive-error"' in rs003 and "is not the infra_owner" in rs003
    assert 'id="waive-RS003"' not in fragment
    budget = blocker_of(fragment, "budget")
    assert 'id="waive-budget"' in budget and "waive-error" not in budget
    assert granted(project) == []


def test_without_htmx_the_whole_change_page_comes_back(project: Hosted) -> None:
    brief = two_blockers(project)
    ann = sign_in(client_for(project.store), ANN)
    later = (portal_today() + timedelta(days=30)).isoformat()
    status, page = waive(ann, project, brief, "RS003", "too short", later, headers={})
    assert status == 422
    assert 'href="/requests"' in page and "<span>Ann</span>" in page  # the layout
    area = re.search(r'<textarea name="brief_text"[^>]*>(.*?)</textarea>', page, re.S)
    assert area and html.unescape(area.group(1)) == brief  # the brief being edited
    mine = blocker_of(page, "RS003")
    assert "at least a sentence" in html.unescape(mine) and typed(mine, "reason") == "too short"
    assert granted(project) == []


def test_a_good_waiver_from_the_preview_still_goes_through(project: Hosted) -> None:
    brief = two_blockers(project)
    ann = sign_in(client_for(project.store), ANN)
    later = (portal_today() + timedelta(days=30)).isoformat()
    status, fragment = waive(ann, project, brief, "RS003", "moving to PostgreSQL soon", later)
    assert status == 200 and "<html" not in fragment
    assert "waived: RS003 waived by Ann Infra" in fragment
    assert "waive-error" not in fragment
    assert [b for b in ("RS003", "budget") if f'<span class="error">{b}</span>' in fragment] == [
        "budget"
    ]
    assert granted(project) == ["RS003"]
