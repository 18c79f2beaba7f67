"""Changing a frozen project kept in the store, and waiving its blockers.

Pages: GET /projects/{project}/changes/new (the brief in a textarea, or an upload),
POST .../changes/preview (htmx fragment: problems at their field, the design diff and the
monthly cost delta), POST /projects/{project}/changes (propose, with a reason),
POST /projects/{project}/changes/{number}/reject, POST /projects/{project}/waivers.
JSON twins under /api. Each action is one core call (portal.changes_actions); the owners
then approve the change request on the approve page, as they approve a design.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.errors import Refused
from infragate.lifecycle import hosted, policy
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.clock import Clock
from infragate.portal import changes_actions as act
from infragate.portal import changes_view as cv
from infragate.portal.intake import Intake
from infragate.portal.project_page import show_refused_waiver
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import Forbidden, current_user, signed_in
from infragate.portal.security.roles import require_role, roles_of
from infragate.portal.security.sessions import csrf_checked
from infragate.portal.state import portal_of
from infragate.portal.web import is_htmx, page
from infragate.store.engine import Store
from infragate.yamldoc import MAX_BYTES

router = APIRouter(dependencies=[Depends(csrf_checked)])
Person = Annotated[User, Depends(signed_in)]


def _said(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty; say in a sentence why (it is recorded in the trail)")
    return value.strip()


class BriefIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    brief: str = Field(description="The whole proposed brief, as infra/brief.yaml holds it.")


class ChangeIn(BriefIn):
    reason: str = Field(description="Why the change is needed; recorded in the trail.")

    _reason = field_validator("reason")(_said)


class RejectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(description="Why it is rejected; recorded in the trail.")

    _reason = field_validator("reason")(_said)


class WaiverIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(description="The blocker: GATE001, RS003, capacity or budget.")
    reason: str = Field(description="Why it is acceptable for now (a sentence at least).")
    expires_on: date = Field(description="The last day it holds, at most 180 days away.")


class ChangeStart(BaseModel):
    """The change page's twin: the project's brief as the store keeps it, judged."""

    project: str
    brief: str
    preview: cv.ChangePreview


def _store(request: Request) -> Store:
    return portal_of(request).store


def _today() -> date:
    return datetime.now(UTC).date()


def _clock(user: User) -> Clock:
    return Clock(datetime.now(UTC), user.email)


def _roles(request: Request, project: str, user: User) -> set[Role]:
    with _store(request).read() as conn:
        return roles_of(conn, project, user)


def _preview(request: Request, project: str, intake: Intake) -> cv.ChangePreview:
    return cv.preview(_store(request), load_catalog(), project, intake, _today())


def _from_text(request: Request, project: str, text: str) -> Intake:
    return cv.from_text(_store(request), load_catalog(), project, text, _today())


async def _form_intake(request: Request, project: str) -> tuple[Intake, str, str]:
    """The page's upload (`brief_file`) if one was chosen, else its text; with the text
    shown again and the reason given."""
    form = await request.form()
    upload, text, reason = form.get("brief_file"), form.get("brief_text"), form.get("reason")
    raw, name = None, ""
    if upload is not None and not isinstance(upload, str) and upload.filename:
        raw, name = await upload.read(MAX_BYTES + 1), upload.filename
    await form.close()
    said = reason if isinstance(reason, str) else ""
    if raw is not None:
        store, catalog = _store(request), load_catalog()
        intake = cv.from_upload(store, catalog, project, raw, name, _today())
        return intake, intake.brief_yaml or "", said
    pasted = text if isinstance(text, str) else ""
    return _from_text(request, project, pasted), pasted, said


def _change_page(
    request: Request,
    project: str,
    text: str,
    shown: cv.ChangePreview,
    status: int = 200,
    reason: str = "",
    error: str | None = None,
    refused: cv.WaiverRefused | None = None,
) -> Response:
    return page(
        request,
        "change_new.html.j2",
        status=status,
        text=text,
        reason=reason,
        error=error,
        **_preview_context(request, project, shown, refused),
    )


def _preview_context(
    request: Request,
    project: str,
    shown: cv.ChangePreview,
    refused: cv.WaiverRefused | None = None,
) -> dict[str, Any]:
    """What change_preview.html.j2 needs besides the preview: which blockers the person
    may waive, the waiver form's dates, and a waiver just refused."""
    return {
        "name": project,
        "c": shown,
        "waivable": _waivable(request, project, shown),
        "waiver_refused": refused,
        **cv.expiries(_today()),
    }


def _waivable(request: Request, project: str, shown: cv.ChangePreview) -> list[str]:
    user = current_user(request)
    roles = _roles(request, project, user)
    return [b.key for b in shown.blockers if cv.may_waive(roles, b.key)]


# -- proposing ----------------------------------------------------------------------------


def _start(request: Request, project: str) -> ChangeStart:
    text = hosted.brief_text(_store(request), project)
    shown = _preview(request, project, _from_text(request, project, text))
    return ChangeStart(project=project, brief=text, preview=shown)


@router.get("/projects/{project}/changes/new", include_in_schema=False)
def change_page(request: Request, project: str, user: Person) -> Response:
    start = _start(request, project)
    return _change_page(request, project, start.brief, start.preview)


@router.get("/api/projects/{project}/changes/new", response_model=ChangeStart)
def api_change_start(request: Request, project: str, user: Person) -> ChangeStart:
    """The brief the store keeps for the project, and what proposing it would change."""
    return _start(request, project)


@router.post("/projects/{project}/changes/preview", include_in_schema=False)
async def change_preview(request: Request, project: str, user: Person) -> Response:
    intake, _, _ = await _form_intake(request, project)
    shown = _preview(request, project, intake)
    return page(request, "change_preview.html.j2", **_preview_context(request, project, shown))


@router.post("/api/projects/{project}/changes/preview", response_model=cv.ChangePreview)
def api_change_preview(
    request: Request, project: str, user: Person, body: BriefIn
) -> cv.ChangePreview:
    return _preview(request, project, _from_text(request, project, body.brief))


@router.post("/projects/{project}/changes", include_in_schema=False)
async def change_submit(request: Request, project: str, user: Person) -> Response:
    intake, text, reason = await _form_intake(request, project)
    shown = _preview(request, project, intake)
    if not reason.strip():
        why = "reason: say in a sentence why the change is needed (it is recorded in the trail)"
        return _change_page(request, project, text, shown, 422, reason, why)
    if not shown.ready:
        return _change_page(request, project, text, shown, 422, reason)
    try:
        act.propose(_store(request), load_catalog(), project, _clock(user), text, reason.strip())
    except Refused as exc:  # something changed since the preview; shown beside it
        return _change_page(request, project, text, shown, 409, reason, exc.render())
    return RedirectResponse(f"/projects/{project}#changes", status_code=303)


@router.post(
    "/api/projects/{project}/changes",
    response_model=act.ChangeProposed,
    status_code=201,
    responses={422: {"model": cv.ChangePreview, "description": "not ready: what to fix"}},
)
def api_change_submit(
    request: Request, project: str, user: Person, body: ChangeIn
) -> Response | act.ChangeProposed:
    """Propose the brief as a change of the frozen baseline; the owners then approve it."""
    shown = _preview(request, project, _from_text(request, project, body.brief))
    if not shown.ready:
        return JSONResponse(shown.model_dump(mode="json"), status_code=422)
    return act.propose(
        _store(request), load_catalog(), project, _clock(user), body.brief, body.reason
    )


# -- rejecting ----------------------------------------------------------------------------


def _reject(
    request: Request, project: str, user: User, number: int, reason: str
) -> act.ChangeRejected:
    if not _roles(request, project, user) & {*policy.APPROVING_ROLES}:
        raise Forbidden(
            f"{user.email} is not an approver of {project}: its infra or budget owner rejects"
        )
    return act.reject(_store(request), project, _clock(user), number, reason)


@router.post("/projects/{project}/changes/{number}/reject", include_in_schema=False)
def change_reject(
    request: Request, project: str, number: int, user: Person, reason: Annotated[str, Form()]
) -> Response:
    if not reason.strip():
        why = "reason: say in a sentence why the change is rejected (it is recorded in the trail)"
        raise HTTPException(422, why)  # the error page (error_pages.py)
    _reject(request, project, user, number, reason.strip())
    return RedirectResponse(f"/projects/{project}#changes", status_code=303)


@router.post("/api/projects/{project}/changes/{number}/reject", response_model=act.ChangeRejected)
def api_change_reject(
    request: Request, project: str, number: int, user: Person, body: RejectIn
) -> act.ChangeRejected:
    """Reject the change request awaiting a decision; the baseline stays as it is."""
    return _reject(request, project, user, number, body.reason)


# -- waivers ------------------------------------------------------------------------------


def _waive(request: Request, project: str, user: User, given: WaiverIn) -> act.WaiverGranted:
    with _store(request).read() as conn:
        require_role(conn, project, user, wv.waiver_role(given.key))
    try:
        return act.waive(
            _store(request), project, _clock(user), given.key, given.reason, given.expires_on
        )
    except Refused as exc:  # the key, the reason or the expiry: what was given is wrong
        raise _Unprocessable(exc.render()) from None


class _Unprocessable(Refused):
    """A refusal of what the person gave (answered 422, not 409)."""


@router.post("/projects/{project}/waivers", include_in_schema=False)
def waive(
    request: Request,
    project: str,
    user: Person,
    key: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",  # empty ones reach the core, which says what to give
    expires_on: Annotated[str, Form()] = "",
    brief_text: Annotated[str | None, Form()] = None,
) -> Response:
    """From the project page: back to it. From the change page's preview (htmx, with the
    brief being edited): the preview again, the blocker now waived. Refused, either comes
    back with the message in that blocker's waiver form, opened with what was typed (422;
    403 for an owner in the other role): the project page, or the preview fragment, which
    htmx swaps in as it swaps any 4xx (base.html.j2's htmx-config). A post with the brief
    but not from htmx gets the whole change page, the brief in it."""
    error, status = None, 422
    try:
        until = date.fromisoformat(expires_on)
    except ValueError:
        until, error = None, f"expires_on: '{expires_on}' is not a date; write it as YYYY-MM-DD"
    if until is not None:
        try:
            _waive(request, project, user, WaiverIn(key=key, reason=reason, expires_on=until))
        except _Unprocessable as exc:
            error = exc.render()
        except Forbidden as exc:
            error, status = str(exc), 403
    refused = cv.WaiverRefused(key, error, reason, expires_on) if error is not None else None
    if brief_text is not None:
        shown = _preview(request, project, _from_text(request, project, brief_text))
        answer = status if refused else 200
        if not is_htmx(request):
            return _change_page(request, project, brief_text, shown, answer, refused=refused)
        context = _preview_context(request, project, shown, refused)
        return page(request, "change_preview.html.j2", answer, **context)
    if refused is not None:
        return show_refused_waiver(request, project, user, refused, status)
    return RedirectResponse(f"/projects/{project}#next", status_code=303)


@router.post("/api/projects/{project}/waivers", response_model=act.WaiverGranted, status_code=201)
def api_waive(request: Request, project: str, user: Person, given: WaiverIn) -> act.WaiverGranted:
    """Waive a blocker: the owner in the role it needs, a reason and an expiry."""
    try:
        return _waive(request, project, user, given)
    except _Unprocessable as exc:
        raise HTTPException(422, exc.render()) from None
