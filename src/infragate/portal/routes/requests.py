"""The requests pages: the queue, a project's page, approving with a signature made on
the approver's own machine, freezing, adding an approver's key, and the downloads.
Each page has its JSON twin under /api; each action is one call of the core
(requests_view, requests_actions, downloads)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.errors import Refused
from infragate.lifecycle import hosted, policy
from infragate.lifecycle.clock import Clock
from infragate.portal import downloads, requests_actions, requests_view
from infragate.portal import project_page as pages
from infragate.portal import requests_kept as kept
from infragate.portal import requests_models as m
from infragate.portal.page_cache import Viewer
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import Forbidden, admin, signed_in
from infragate.portal.security.roles import require_role, roles_of
from infragate.portal.security.sessions import csrf_checked
from infragate.portal.state import portal_of
from infragate.portal.web import kept_page, page
from infragate.store.engine import Store

router = APIRouter(dependencies=[Depends(csrf_checked)])
Person = Annotated[User, Depends(signed_in)]
Admin = Annotated[User, Depends(admin)]
JSON = "application/json"
ApproverRole = Annotated[Role, Field(description="infra_owner or budget_owner")]


def _store(request: Request) -> Store:
    return portal_of(request).store


def _clock(user: User) -> Clock:
    return Clock(datetime.now(UTC), user.email)


def _today() -> datetime:
    return datetime.now(UTC)


def _may_approve(request: Request, project: str, user: User, role: Role) -> None:
    if role not in policy.APPROVING_ROLES:
        raise HTTPException(422, f"'{role}' does not approve designs: infra_owner, budget_owner")
    with _store(request).read() as conn:
        require_role(conn, project, user, role)


def _may_freeze(request: Request, project: str, user: User) -> None:
    with _store(request).read() as conn:
        if not roles_of(conn, project, user) & set(policy.APPROVING_ROLES):
            raise Forbidden(
                f"{user.email} is not an approver of {project}: its infra or budget owner freezes"
            )


# the queue ----------------------------------------------------------------------------


@router.get("/requests", include_in_schema=False)
async def requests_page(request: Request, user: Person) -> Response:
    portal = portal_of(request)
    at = kept.moment(request)
    return await kept_page(
        request,
        "requests.html.j2",
        ("requests", at),
        Viewer(user.is_admin),
        lambda: {"queue": kept.queue(portal, at)},
    )


@router.get("/api/requests", response_model=m.RequestQueue)
async def api_requests(request: Request, user: Person) -> Response:
    portal = portal_of(request)
    return Response(await kept.queue_json(portal, kept.moment(request)), media_type=JSON)


# a project ----------------------------------------------------------------------------


@router.get("/projects/{project}", include_in_schema=False)
async def project_page(request: Request, project: str, user: Person) -> Response:
    return await pages.show(request, project, user)


@router.get("/api/projects/{project}", response_model=m.ProjectPage)
async def api_project(request: Request, project: str, user: Person) -> Response:
    portal = portal_of(request)
    at = kept.moment(request)
    await pages.project_view(request, project, at)  # 404 for a project not there
    return Response(await kept.project_json(portal, project, at), media_type=JSON)


# approving ----------------------------------------------------------------------------


def _statement(request: Request, project: str, user: User, role: Role) -> m.StatementToSign:
    _may_approve(request, project, user, role)
    return requests_view.statement_to_sign(
        _store(request), load_catalog(), project, role, user.email
    )


@router.get("/projects/{project}/approve", include_in_schema=False)
def approve_page(request: Request, project: str, role: Role, user: Person) -> Response:
    shown = _statement(request, project, user, role)
    return page(request, "approve.html.j2", name=project, s=shown, error=None)


@router.get("/projects/{project}/statement.txt", include_in_schema=False)
def statement_file(request: Request, project: str, role: Role, user: Person) -> Response:
    """The statement as a file, byte for byte (a copy from the page may lose its last
    newline, and then the signature would not match)."""
    shown = _statement(request, project, user, role)
    return _file(downloads.Download(shown.filename, "text/plain", shown.text.encode()))


@router.get("/api/projects/{project}/statement", response_model=m.StatementToSign)
def api_statement(request: Request, project: str, role: Role, user: Person) -> m.StatementToSign:
    """What the signed-in owner signs to approve as `role`, and the command that signs it."""
    return _statement(request, project, user, role)


class ApprovalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: ApproverRole
    signature: str = Field(description="The armored text of the .sig file the command wrote.")
    comment: str = ""
    change_request: int | None = Field(
        None, description="The statement's change_request (None: the design's first approval)."
    )


def _approve(
    request: Request, project: str, user: User, given: ApprovalIn
) -> requests_actions.ApprovalOutcome:
    _may_approve(request, project, user, given.role)
    return requests_actions.approve_pasted(
        _store(request),
        load_catalog(),
        project,
        _clock(user),
        given.role,
        given.comment,
        given.signature,
        given.change_request,
    )


@router.post("/projects/{project}/approvals", include_in_schema=False)
def approve(
    request: Request,
    project: str,
    user: Person,
    role: Annotated[Role, Form()],
    signature: Annotated[str, Form()],
    comment: Annotated[str, Form()] = "",
    change_request: Annotated[str, Form()] = "",
) -> Response:
    number = int(change_request) if change_request.strip().isdigit() else None
    given = ApprovalIn(role=role, signature=signature, comment=comment, change_request=number)
    try:
        _approve(request, project, user, given)
    except Refused as exc:  # shown beside the statement, so the approver can sign again
        shown = _statement(request, project, user, role)
        return page(request, "approve.html.j2", 409, name=project, s=shown, error=exc.render())
    return RedirectResponse(f"/projects/{project}", status_code=303)


@router.post("/api/projects/{project}/approvals", response_model=requests_actions.ApprovalOutcome)
def api_approve(
    request: Request, project: str, user: Person, given: ApprovalIn
) -> requests_actions.ApprovalOutcome:
    return _approve(request, project, user, given)


# freezing -----------------------------------------------------------------------------


def _freeze(request: Request, project: str, user: User) -> requests_actions.FreezeOutcome:
    _may_freeze(request, project, user)
    return requests_actions.freeze(_store(request), project, _clock(user))


@router.post("/projects/{project}/freeze", include_in_schema=False)
def freeze(request: Request, project: str, user: Person) -> Response:
    _freeze(request, project, user)
    return RedirectResponse(f"/projects/{project}", status_code=303)


@router.post("/api/projects/{project}/freeze", response_model=requests_actions.FreezeOutcome)
def api_freeze(request: Request, project: str, user: Person) -> requests_actions.FreezeOutcome:
    return _freeze(request, project, user)


# approvers' keys ----------------------------------------------------------------------


class SignerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str
    public_key: str = Field(description="The contents of the approver's .pub file.")


class SignerOut(BaseModel):
    project: str
    version: int
    sha256: str


def _add_signer(request: Request, project: str, user: User, given: SignerIn) -> SignerOut:
    stored = hosted.add_signer(
        _store(request), project, given.email, given.public_key, _clock(user)
    )
    return SignerOut(project=stored.project, version=stored.version, sha256=stored.sha256)


@router.post("/projects/{project}/signers", include_in_schema=False)
def add_signer(
    request: Request,
    project: str,
    user: Admin,
    email: Annotated[str, Form()],
    public_key: Annotated[str, Form()],
) -> Response:
    _add_signer(request, project, user, SignerIn(email=email, public_key=public_key))
    return RedirectResponse(f"/projects/{project}", status_code=303)


@router.post("/api/projects/{project}/signers", response_model=SignerOut)
def api_add_signer(request: Request, project: str, user: Admin, given: SignerIn) -> SignerOut:
    """Add an approver's SSH public key to the project's allowed signers (admins only)."""
    return _add_signer(request, project, user, given)


# downloads ----------------------------------------------------------------------------


def _file(item: downloads.Download) -> Response:
    return Response(
        item.content,
        media_type=item.media_type,
        headers={"Content-Disposition": f'attachment; filename="{item.filename}"'},
    )


def _download(request: Request, project: str, what: str, version: int | None) -> Response:
    store = _store(request)
    if what == "brief.yaml":
        return _file(downloads.brief_file(store, project))
    if what == "allowed_signers":
        return _file(downloads.signers_file(store, project))
    if what == "baseline.lock.json":
        return _file(downloads.lock_file(store, project, version))
    if what == "rendered.zip":
        return _file(downloads.render_zip(store, project, _today().date()))
    raise HTTPException(
        404, f"no download {what!r}: brief.yaml, allowed_signers, baseline.lock.json, rendered.zip"
    )


@router.get("/projects/{project}/downloads/{what}", include_in_schema=False)
def download(
    request: Request, project: str, what: str, user: Person, version: int | None = None
) -> Response:
    return _download(request, project, what, version)


@router.get(
    "/api/projects/{project}/downloads/{what}",
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def api_download(
    request: Request, project: str, what: str, user: Person, version: int | None = None
) -> Response:
    """brief.yaml, allowed_signers, baseline.lock.json (?version=N) or rendered.zip."""
    return _download(request, project, what, version)
