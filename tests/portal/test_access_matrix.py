"""The authorisation matrix: every route of the portal × every kind of person, with the
status infragate/portal/access.py implies, on SQLite and PostgreSQL. Also: every route is
declared there (and no line is stale), a POST without its CSRF token is refused on every
unsafe route, and a session cookie signed with another secret is refused everywhere.

The people: nobody signed in; a requester (an account that owns nothing); the infra owner of
project `alpha` (the project every {project} path names); its budget owner (the owner in
another role, for lines that name a role); the infra owner of project `beta` (an owner of
another project); a platform admin.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response

from infragate.brief.model import Role
from infragate.portal import access
from infragate.portal.access import PROJECT, RULES, Audience, Rule, routes_of
from infragate.portal.security.sessions import CSRF_COOKIE, UNSAFE, csrf_checked
from infragate.store.engine import Store
from tests.lifecycle_helpers import ANN, BOB, OWNERS, Project
from tests.portal.helpers import SECRET, account, client_for, csrf_of, sign_in

THIS, OTHER = "alpha", "beta"
DANA, SAM = "dana@example.com", "sam@example.com"
REQUESTER, ADMIN = "rita@example.com", "adam@example.com"
CSRF = Depends(csrf_checked)


@dataclass(frozen=True)
class Person:
    label: str
    email: str | None  # None: nobody signed in
    roles_here: frozenset[Role]  # their roles in THIS
    admin: bool = False


ANONYMOUS = Person("anonymous", None, frozenset())
PEOPLE = (
    ANONYMOUS,
    Person("requester", REQUESTER, frozenset()),
    Person("infra owner here", ANN, frozenset({Role.infra_owner})),
    Person("budget owner here", BOB, frozenset({Role.budget_owner})),
    Person("owner elsewhere", DANA, frozenset()),
    Person("admin", ADMIN, frozenset(), admin=True),
)


def may(rule: Rule, person: Person) -> bool:
    """What access.py's line says, restated for the table."""
    if rule.audience is Audience.anyone:
        return True
    if person.email is None:
        return False
    if rule.audience is Audience.signed_in:
        return True
    if rule.audience is Audience.admin:
        return person.admin
    if person.admin and rule.admin_too:
        return True
    return bool(person.roles_here) if rule.role is None else rule.role in person.roles_here


def url_of(rule: Rule) -> str:
    values = {PROJECT: THIS, **rule.sample}
    missing = set(re.findall(r"{(\w+)", rule.path)) - set(values)
    assert not missing, f"{rule.method} {rule.path}: give `sample` values for {missing}"
    return re.sub(r"{(\w+)(?::\w+)?}", lambda m: values[m.group(1)], rule.path)


def projects(store: Store, root: Path) -> None:
    """alpha (owners ann, bob, cara) and beta (owners dana, sam), each with its design
    recorded for approval, so the brief in force names their owners."""
    alpha = Project(root / THIS, store, patch={**OWNERS, "project": {"name": THIS}})
    alpha.approve(Role.infra_owner, ANN)
    beta_owners = [
        {"name": "Dana Ruiz", "email": DANA, "roles": ["infra_owner"]},
        {"name": "Sam Okafor", "email": SAM, "roles": ["budget_owner"]},
    ]
    beta = Project(root / OTHER, store, patch={"owners": beta_owners, "project": {"name": OTHER}})
    beta.approve(Role.infra_owner, DANA)


# Routes of each kind the pages will have, added to a test app with their lines, so the
# matrix proves the owner and admin rules before the pages that use them exist.
PROBES = (
    Rule("GET", "/api/probe/{project}", Audience.owner),
    Rule("POST", "/api/probe/{project}/approve", Audience.owner, role=Role.budget_owner),
    Rule("GET", "/probe/{project}/costs", Audience.owner, admin_too=True),
    Rule("GET", "/api/probe-admin", Audience.admin),
    Rule("GET", "/probe-admin", Audience.admin),
)


def probed_client(store: Store, secret: str = SECRET) -> TestClient:
    client = client_for(store, secret)
    app: FastAPI = client.app  # type: ignore[assignment]
    for rule in PROBES:
        app.add_api_route(
            rule.path, lambda: {"ok": True}, methods=[rule.method], dependencies=[CSRF]
        )
    return client


@pytest.fixture
def probes(monkeypatch: pytest.MonkeyPatch) -> tuple[Rule, ...]:
    by_route = {**access._BY_ROUTE, **{(r.method, r.path): r for r in PROBES}}
    monkeypatch.setattr(access, "_BY_ROUTE", by_route)
    return PROBES


Send = Callable[[Rule, bool], Response]


def sender(store: Store, person: Person, signed_by: str = SECRET) -> Send:
    """Requests as `person` to the portal: each starts from the cookies signing in left (a
    POST /logout in an earlier request does not sign them out of the next). `signed_by`:
    the secret of the portal they signed in to."""
    there = probed_client(store, signed_by)
    if person.email is not None:
        sign_in(there, person.email)
    token = csrf_of(there)
    cookies = dict(there.cookies.items())
    client = probed_client(store)

    def send(rule: Rule, with_token: bool = True) -> Response:
        client.cookies.clear()
        for name, value in cookies.items():
            client.cookies.set(name, value)
        headers = {"X-CSRF-Token": token} if with_token and rule.method in UNSAFE else {}
        return client.request(rule.method, url_of(rule), headers=headers, follow_redirects=False)

    return send


def sent_to_sign_in(answer: Response) -> bool:
    return answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")


def verdict(rule: Rule, answer: Response, allowed: bool, anonymous: bool) -> str | None:
    """What is wrong with the answer, if anything."""
    code = answer.status_code
    if allowed:
        if code in (401, 403) or sent_to_sign_in(answer) or code >= 500:
            return f"{code} where allowed: {answer.text[:120]}"
        return None
    if anonymous:
        ok = code == 401 if rule.path.startswith("/api/") else sent_to_sign_in(answer)
        return None if ok else f"{code} where the sign-in should be asked for"
    return None if code == 403 else f"{code} where forbidden"


@pytest.fixture
def people(store: Store, tmp_path: Path) -> Store:
    projects(store, tmp_path)
    for person in PEOPLE:
        if person.email is not None:
            account(store, person.email, admin=person.admin)
    return store


def test_every_route_is_declared_and_no_line_is_stale(store: Store) -> None:
    app_routes = set(routes_of(client_for(store).app))
    declared = {(r.method, r.path) for r in RULES}
    assert app_routes - declared == set(), "add these routes to infragate/portal/access.py"
    assert declared - app_routes == set(), "these lines of access.py name no route"
    assert len(declared) == len(RULES), "a route is declared twice"


def test_every_route_for_every_person(people: Store, probes: tuple[Rule, ...]) -> None:
    problems: list[str] = []
    table: list[str] = []
    for person in PEOPLE:
        send = sender(people, person)
        for rule in (*RULES, *probes):
            allowed = may(rule, person)
            answer = send(rule, True)
            wrong = verdict(rule, answer, allowed, person.email is None)
            table.append(
                f"{rule.method:6} {rule.path:30} {person.label:18} "
                f"{'may' if allowed else 'may not':8} {answer.status_code}"
            )
            if wrong:
                problems.append(f"{rule.method} {rule.path} as {person.label}: {wrong}")
    print("\n" + "\n".join(table))
    assert problems == []


def test_an_unsafe_request_without_its_csrf_token_is_refused(
    people: Store, probes: tuple[Rule, ...]
) -> None:
    unsafe = [r for r in (*RULES, *probes) if r.method in UNSAFE]
    assert unsafe, "the portal has no unsafe route to check"
    for rule in unsafe:
        person = next(p for p in PEOPLE if may(rule, p))
        send = sender(people, person)
        answer = send(rule, False)
        assert answer.status_code == 403 and "CSRF" in answer.text, (rule, person, answer.text)


def test_a_forged_csrf_token_is_refused(people: Store) -> None:
    rule = next(r for r in RULES if r.method in UNSAFE)
    client = client_for(people)
    client.get("/login")
    assert client.cookies.get(CSRF_COOKIE)
    answer = client.request(rule.method, url_of(rule), headers={"X-CSRF-Token": "forged"})
    assert answer.status_code == 403


def test_a_session_cookie_from_another_secret_is_refused(
    people: Store, probes: tuple[Rule, ...]
) -> None:
    """The admin's session, made by a portal with another secret: every route that needs
    someone treats the request as nobody's."""
    theirs = sender(people, PEOPLE[-1], signed_by="another portal's secret")
    needs_someone = [r for r in (*RULES, *probes) if r.audience is not Audience.anyone]
    assert needs_someone
    for rule in needs_someone:
        answer = theirs(rule, True)
        assert verdict(rule, answer, False, anonymous=True) is None, (rule, answer.status_code)


def test_an_undeclared_route_is_refused_to_everyone(people: Store) -> None:
    client = sign_in(client_for(people), ADMIN)
    app: FastAPI = client.app  # type: ignore[assignment]
    app.add_api_route("/api/forgotten", lambda: {"ok": True}, methods=["GET"])
    answer = client.get("/api/forgotten")
    assert answer.status_code == 500 and "access.py" in answer.text


def test_the_matrix_can_fail(people: Store) -> None:
    """A line that opened an admin page to everyone would be caught: the admin-only rule
    restated for /api/me finds the requester let through."""
    strict = Rule("GET", "/api/me", Audience.admin)
    requester = PEOPLE[1]
    answer = sender(people, requester)(strict, True)
    assert verdict(strict, answer, may(strict, requester), False) is not None


def test_an_owner_route_of_an_unknown_project_is_not_found(
    people: Store, probes: tuple[Rule, ...]
) -> None:
    client = sign_in(probed_client(people), ANN)
    assert client.get("/api/probe/no-such-project").status_code == 404
