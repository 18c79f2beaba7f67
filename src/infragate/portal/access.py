"""Who may use each route of the portal: one line per method and path, enforced for every
route by one dependency of the app (`enforce`), and checked by the authorisation matrix test
(tests/portal/test_access_matrix.py) for every route and every kind of person.

A route is for:
- anyone: no sign-in (the sign-in page itself, the health check);
- signed_in: any account, a requester;
- owner: the owners the project's brief names ({project} in the path), in `role` if the line
  gives one; a platform admin too only where `admin_too` says so (admins see everything
  but approve nothing: separation of duties, as in the CLI);
- admin: a platform admin.

A route missing here is refused to everyone (500, naming this file): access is declared,
never assumed. Adding a page means adding its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from fastapi import FastAPI, HTTPException, Request
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.concurrency import run_in_threadpool
from starlette.routing import BaseRoute

from infragate.brief.model import Role
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import Forbidden, NotSignedIn, identify
from infragate.portal.security.roles import roles_of
from infragate.portal.state import portal_of
from infragate.store import repository as repo

PROJECT = "project"  # the path parameter that names a project: /projects/{project}


class Audience(StrEnum):
    anyone = "anyone"
    signed_in = "signed_in"
    owner = "owner"
    admin = "admin"


@dataclass(frozen=True)
class Rule:
    method: str
    path: str  # as the route declares it: /api/projects/{project}
    audience: Audience
    role: Role | None = None  # owner rules: only the owners in this role
    admin_too: bool = False  # owner rules: a platform admin may too
    # values for the path's other parameters, for the matrix test ({project} is filled in)
    sample: Mapping[str, str] = field(default_factory=dict)


ANYONE, SIGNED_IN, OWNER, ADMIN = (
    Audience.anyone,
    Audience.signed_in,
    Audience.owner,
    Audience.admin,
)

RULES: tuple[Rule, ...] = (
    Rule("GET", "/healthz", ANYONE),
    Rule("GET", "/login", ANYONE),
    Rule("POST", "/login", ANYONE),
    Rule("POST", "/logout", ANYONE),
    # OIDC sign-in (404 when not configured): the provider's round trip, before any session
    Rule("GET", "/login/oidc", ANYONE),
    Rule("GET", "/login/oidc/callback", ANYONE),  # signing out without a session changes nothing
    Rule("GET", "/", SIGNED_IN),
    Rule("GET", "/api/me", SIGNED_IN),
    # catalog and intake: any account may see the catalog and ask for a project
    Rule("GET", "/catalog", SIGNED_IN),
    Rule("GET", "/api/catalog", SIGNED_IN),
    Rule("GET", "/intake", SIGNED_IN),
    Rule("GET", "/api/intake/form", SIGNED_IN),
    Rule("POST", "/intake/preview", SIGNED_IN),
    Rule("POST", "/api/intake/preview", SIGNED_IN),
    Rule("POST", "/intake", SIGNED_IN),
    Rule("POST", "/api/intake", SIGNED_IN),
    Rule("GET", "/intake/text", SIGNED_IN),
    Rule("POST", "/intake/text/preview", SIGNED_IN),
    Rule("POST", "/api/intake/text/preview", SIGNED_IN),
    Rule("POST", "/intake/text", SIGNED_IN),
    Rule("POST", "/api/intake/text", SIGNED_IN),
    Rule("GET", "/intake/{project}/brief.yaml", SIGNED_IN),
    # requests: every account sees the queue, a project and its files; the owners act
    Rule("GET", "/requests", SIGNED_IN),
    Rule("GET", "/api/requests", SIGNED_IN),
    Rule("GET", "/projects/{project}", SIGNED_IN),
    Rule("GET", "/api/projects/{project}", SIGNED_IN),
    Rule("GET", "/projects/{project}/downloads/{what}", SIGNED_IN, sample={"what": "brief.yaml"}),
    Rule(
        "GET", "/api/projects/{project}/downloads/{what}", SIGNED_IN, sample={"what": "brief.yaml"}
    ),
    Rule("GET", "/projects/{project}/approve", OWNER),
    Rule("GET", "/projects/{project}/statement.txt", OWNER),
    Rule("GET", "/api/projects/{project}/statement", OWNER),
    Rule("POST", "/projects/{project}/approvals", OWNER),
    Rule("POST", "/api/projects/{project}/approvals", OWNER),
    Rule("POST", "/projects/{project}/freeze", OWNER),
    Rule("POST", "/api/projects/{project}/freeze", OWNER),
    # changes after freeze: the owners propose (the approvers reject), an owner in the role
    # a blocker needs waives it (routes/changes.py checks the role)
    Rule("GET", "/projects/{project}/changes/new", OWNER),
    Rule("GET", "/api/projects/{project}/changes/new", OWNER),
    Rule("POST", "/projects/{project}/changes/preview", OWNER),
    Rule("POST", "/api/projects/{project}/changes/preview", OWNER),
    Rule("POST", "/projects/{project}/changes", OWNER),
    Rule("POST", "/api/projects/{project}/changes", OWNER),
    Rule("POST", "/projects/{project}/changes/{number}/reject", OWNER, sample={"number": "1"}),
    Rule("POST", "/api/projects/{project}/changes/{number}/reject", OWNER, sample={"number": "1"}),
    Rule("POST", "/projects/{project}/waivers", OWNER),
    Rule("POST", "/api/projects/{project}/waivers", OWNER),
    # who may sign approvals is the platform's to decide (docs/trust-and-recovery.md)
    Rule("POST", "/projects/{project}/signers", ADMIN),
    Rule("POST", "/api/projects/{project}/signers", ADMIN),
    # evidence, closure, handover, drift (routes/closure.py): every account sees what the
    # project page shows (the evidence files' facts are in its trail already) and may
    # compare a state, which changes nothing; the owners record evidence and generate the
    # pack (an admin too: a pack describes, it approves nothing); the lock's infra owner
    # closes, as `infragate close` demands
    Rule("POST", "/projects/{project}/evidence", OWNER),
    Rule("POST", "/api/projects/{project}/evidence", OWNER),
    Rule("GET", "/projects/{project}/evidence/{sha256}", SIGNED_IN, sample={"sha256": "0" * 64}),
    Rule(
        "GET", "/api/projects/{project}/evidence/{sha256}", SIGNED_IN, sample={"sha256": "0" * 64}
    ),
    Rule("GET", "/projects/{project}/closure", SIGNED_IN),
    Rule("GET", "/api/projects/{project}/closure", SIGNED_IN),
    Rule("POST", "/projects/{project}/close", OWNER, role=Role.infra_owner),
    Rule("POST", "/api/projects/{project}/close", OWNER, role=Role.infra_owner),
    Rule("POST", "/projects/{project}/handover", OWNER, admin_too=True),
    Rule("POST", "/api/projects/{project}/handover", OWNER, admin_too=True),
    Rule("POST", "/projects/{project}/drift", SIGNED_IN),
    Rule("POST", "/api/projects/{project}/drift", SIGNED_IN),
    # costs: every account sees them, as anyone with the store does with `infragate costs`
    Rule("GET", "/costs", SIGNED_IN),
    Rule("GET", "/api/costs", SIGNED_IN),
    Rule("GET", "/costs/stale", SIGNED_IN),
    Rule("GET", "/api/costs/stale", SIGNED_IN),
    # the sign-in record: who signed in from where is for the platform's admins only
    Rule("GET", "/admin/sign-ins", ADMIN),
    Rule("GET", "/api/admin/sign-ins", ADMIN),
)

_BY_ROUTE: dict[tuple[str, str], Rule] = {(r.method, r.path): r for r in RULES}


def rule_for(method: str, path: str) -> Rule | None:
    return _BY_ROUTE.get(("GET" if method == "HEAD" else method, path))


def routes_of(app: FastAPI) -> dict[tuple[str, str], BaseRoute]:
    """(method, path) of every API route of the app, with the route object the request scope
    names; routers included with a prefix count with it. The static files mount and
    /openapi.json are not API routes."""
    found: dict[tuple[str, str], BaseRoute] = {}
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path is not None:
            found.update({(method, context.path): route for method in route.methods or ()})
    return found


def _path_of(request: Request) -> str | None:
    """The path pattern of the route the request matched, prefix included."""
    paths: dict[int, str] | None = getattr(request.app.state, "route_paths", None)
    if paths is None:
        paths = {id(route): path for (_, path), route in routes_of(request.app).items()}
        request.app.state.route_paths = paths
    return paths.get(id(request.scope.get("route")))


def _owner_may(request: Request, rule: Rule, user: User) -> None:
    if user.is_admin and rule.admin_too:
        return
    project = request.path_params.get(PROJECT)
    if not isinstance(project, str):
        raise HTTPException(500, f"{rule.path}: an owner rule needs {{{PROJECT}}} in its path")
    with portal_of(request).store.read() as conn:
        if repo.find_project(conn, project) is None:
            raise HTTPException(404, f"no project named {project}")
        roles = roles_of(conn, project, user)
    if rule.role is not None and rule.role not in roles:
        raise Forbidden(f"only the {rule.role} of {project} may do this")
    if rule.role is None and not roles:
        raise Forbidden(f"only the owners of {project} may do this")


def check(request: Request, rule: Rule) -> None:
    """Raises NotSignedIn (401 or the sign-in page) or Forbidden (403) unless the request's
    person may use the route."""
    if rule.audience is Audience.anyone:
        return
    user = identify(request)
    if user is None:
        raise NotSignedIn()
    if rule.audience is Audience.admin and not user.is_admin:
        raise Forbidden("only a platform admin may do this")
    if rule.audience is Audience.owner:
        _owner_may(request, rule, user)


async def enforce(request: Request) -> None:
    """The app's dependency: the declared rule of the matched route, or a refusal.

    A coroutine, so that every request does not pay a worker thread's hand-over: finding
    the person is one indexed query, done on the event loop; an owner's roles are read
    from the brief in force (a JSON document), in a worker thread."""
    path = _path_of(request) or request.url.path
    rule = rule_for(request.method, path)
    if rule is None:
        raise HTTPException(
            500, f"{request.method} {path} is not declared in infragate/portal/access.py"
        )
    if rule.audience is Audience.owner:
        await run_in_threadpool(check, request, rule)
    else:
        check(request, rule)
