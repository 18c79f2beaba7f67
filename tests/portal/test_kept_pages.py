"""Pages kept until the store changes (portal/page_cache.py, store/generation.py): every
kind of change the core makes moves the store's generation, a change made outside the
portal (another process, the CLI) shows at the next request, and a kept page shared by
several people carries each one's own name and CSRF token, never another's."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from infragate.brief.model import Role
from infragate.lifecycle import service
from infragate.portal.page_cache import PageCache
from infragate.store.engine import Store, open_store
from infragate.store.generation import Generation, generation
from tests.lifecycle_helpers import ANN, BOB, CARA, OWNERS, START, Project
from tests.portal.helpers import account, client_for, sign_in
from tests.portal.hosted_helpers import Hosted
from tests.postgres import Cluster

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


def _now(store: Store) -> Generation:
    with store.read() as conn:
        return generation(conn)


def test_every_kind_of_change_moves_the_generation(tmp_path: Path, store: Store) -> None:
    seen = [_now(store)]

    def moved(what: str) -> None:
        now = _now(store)
        assert now != seen[-1] and now not in seen, f"{what} left the generation at {now}"
        seen.append(now)

    patch = {**OWNERS, "workload": {"datastores": ["sqlite", "redis"]}}
    p = Project(tmp_path / "a", store, "production", patch)
    expires = START.date() + timedelta(days=30)
    service.waive(store, p.loaded, p.clock(ANN), "RS003", ANN, "PostgreSQL is planned", expires)
    moved("a waiver (which also makes the project)")
    p.approve(Role.infra_owner, ANN)
    moved("an approval")
    p.approve(Role.budget_owner, BOB)
    moved("the second approval")
    p.freeze()
    moved("a freeze")
    p.edit_brief("peak_rps: ", "peak_rps: 1")
    p.propose(CARA, "ten times the traffic")
    moved("a change request")
    service.reject_change(store, p.loaded, p.clock(ANN), ANN, "not this quarter, sorry")
    moved("a rejected change")
    Project(tmp_path / "b", store, "production", {**OWNERS, "project": {"name": "other"}}).approve(
        Role.infra_owner, ANN
    )
    moved("another project")


def test_a_change_made_by_another_process_shows_at_the_next_request(
    tmp_path: Path, store: Store
) -> None:
    p = Project(tmp_path / "repo", store)
    p.approve(Role.infra_owner, ANN)
    account(store, ANN)
    client = sign_in(client_for(store), ANN)
    name = p.loaded.brief.project.name
    assert client.get("/api/requests").json()["groups"][1]["projects"][0]["state"] == "designed"
    before = client.get(f"/projects/{name}").text
    assert "Approved" not in before
    # the budget owner approves from their own machine: a process of its own on the store
    approve = (
        "import sys; from tests.lifecycle_helpers import Project, BOB; "
        "from infragate.brief.model import Role; from infragate.store.engine import open_store; "
        "s = open_store(sys.argv[1]); p = Project.__new__(Project); "
        "p.__init__(__import__('pathlib').Path(sys.argv[2]), s); p.approve(Role.budget_owner, BOB)"
    )
    subprocess.run(
        [sys.executable, "-c", approve, store.url, str(tmp_path / "elsewhere")],
        check=True,
        capture_output=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    states = {
        group["state"]: [e["project"] for e in group["projects"]]
        for group in client.get("/api/requests").json()["groups"]
    }
    assert states["approved"] == [name]
    assert client.get(f"/api/projects/{name}").json()["state"] == "approved"
    assert "approved" in client.get(f"/projects/{name}").text.split("</h1>")[0]


def test_a_kept_page_carries_each_persons_own_name_and_token(tmp_path: Path, store: Store) -> None:
    p = Project(tmp_path / "repo", store)
    p.approve(Role.infra_owner, ANN)
    name = p.loaded.brief.project.name
    account(store, ANN, "Ann Infra")
    account(store, "root@example.com", "Root Admin", admin=True)
    account(store, "rita@example.com", "Rita Requester")
    pages = {}
    for email in (ANN, "root@example.com", "rita@example.com"):
        client = sign_in(client_for(store), email)
        own_token = client.cookies.get("infragate_csrf")
        for path in ("/requests", f"/projects/{name}"):
            page = client.get(path).text
            tokens = set(CSRF_FIELD.findall(page))
            assert len(tokens) == 1, (email, path, tokens)
            pages[email, path] = (page, tokens.pop(), own_token)
    for path in ("/requests", f"/projects/{name}"):
        ann, root, rita = (pages[e, path] for e in (ANN, "root@example.com", "rita@example.com"))
        assert len({ann[1], root[1], rita[1]}) == 3  # each one's own token
        assert "Ann Infra</span>" in ann[0] and "Rita" not in ann[0].split("<main>")[0]
        assert "Root Admin (admin)" in root[0] and "Ann Infra</span>" not in root[0]
        assert "Rita Requester</span>" in rita[0] and "(admin)" not in rita[0]
        assert "<!--csrf-token-->" not in ann[0] + root[0] + rita[0]


def test_the_kept_page_shows_each_person_what_they_may_do(store: Store) -> None:
    project = Hosted(store)
    for email in (ANN, BOB, CARA):
        account(store, email)
    account(store, "root@example.com", "Root", admin=True)
    clients = {e: sign_in(client_for(store), e) for e in (ANN, BOB, CARA, "root@example.com")}

    def shown(email: str) -> str:
        return clients[email].get(f"/projects/{project.name}").text

    assert "Approve as infra_owner" in shown(ANN) and "budget_owner</a>" not in shown(ANN)
    assert "Approve as budget_owner" in shown(BOB) and "infra_owner</a>" not in shown(BOB)
    assert "Approve as" not in shown(CARA) and "Approve as" not in shown("root@example.com")
    assert f'action="/projects/{project.name}/signers"' in shown("root@example.com")
    assert "/signers" not in shown(ANN)
    project.approve_all()  # the store moves on: the owners may freeze, nobody approves
    assert "Approve as" not in shown(ANN) + shown(BOB)
    assert ">Freeze</button>" in shown(ANN) and ">Freeze</button>" in shown(BOB)
    assert ">Freeze</button>" not in shown(CARA)


def test_the_cache_keeps_the_most_recently_used_entries() -> None:
    kept: PageCache[int] = PageCache(entries=2)
    made: list[str] = []

    def make(key: str) -> int:
        made.append(key)
        return len(made)

    assert kept.get("a", lambda: make("a")) == 1
    assert kept.get("b", lambda: make("b")) == 2
    assert kept.get("a", lambda: make("a")) == 1  # kept; "a" is now the newest
    assert kept.get("c", lambda: make("c")) == 3  # "b" goes
    assert kept.get("a", lambda: make("a")) == 1
    assert kept.get("b", lambda: make("b")) == 4
    assert made == ["a", "b", "c", "b"]


def test_the_portal_answers_the_first_request_after_postgresql_restarts(tmp_path: Path) -> None:
    """Pooled connections are not pinged before use; the request that finds them dead
    must still be answered (Store.glance asks again on a fresh connection)."""
    cluster = Cluster()  # a server of its own: this test kills every connection to it
    cluster.start()
    try:
        store = open_store(cluster.create_database("restart"))
        Project(tmp_path / "repo", store).approve(Role.infra_owner, ANN)
        account(store, ANN)
        client = sign_in(client_for(store), ANN)
        assert client.get("/api/requests").status_code == 200
        cluster.restart()
        again = client.get("/api/requests")
        assert again.status_code == 200, again.text
        assert client.get("/requests").status_code == 200
        store.close()
    finally:
        cluster.stop()
