"""The intake: a form from a catalog template (or a pasted or uploaded brief), previewed as
fields change with the gate's result and the estimate, submitted as a project request.

Pages: GET /intake, POST /intake/preview (htmx fragment), POST /intake; GET /intake/text,
POST /intake/text/preview, POST /intake/text; GET /intake/{project}/brief.yaml (the brief as
requested). JSON twins under /api/intake. The work is done by portal.intake (gate and plan,
as check and plan do) and lifecycle.service.request (recorded as approve records a design).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.errors import Refused
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.requesting import state_if_taken, taken
from infragate.lifecycle.waivers import Waiver
from infragate.maturity import Maturity
from infragate.portal.intake import (
    Intake,
    intake_from_form,
    intake_from_pairs,
    intake_from_text,
    intake_from_upload,
)
from infragate.portal.intake_form import (
    IntakeForm,
    choices,
    form_from_template,
    form_values,
    shown_values,
)
from infragate.portal.intake_view import IntakeView
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import signed_in
from infragate.portal.security.sessions import csrf_checked
from infragate.portal.state import Portal, portal_of
from infragate.portal.web import page
from infragate.yamldoc import MAX_BYTES

router = APIRouter(dependencies=[Depends(csrf_checked)])
Person = Annotated[User, Depends(signed_in)]
Build = Callable[[Mapping[str, Waiver]], Intake]


class BriefText(BaseModel):
    brief: str = Field(description="The brief's YAML, as infra/brief.yaml holds it.")
    filename: str = Field("brief.yaml", description="Named in the problems' locations.")


class Awaiting(BaseModel):
    role: Role
    who: list[str]


class RequestMade(BaseModel):
    """A submitted request: the project and its design, recorded for approval."""

    project: str
    state: str
    design_sha256: str
    monthly_usd: str
    awaiting: list[Awaiting]
    brief_url: str


class IntakeStart(BaseModel):
    """The intake page's twin: the form as it starts from a template, its options, and
    what the gate and the planner say of it as it stands."""

    form: IntakeForm
    choices: dict[str, list[str]]
    preview: IntakeView


def _judged(portal: Portal, build: Build) -> Intake:
    """The intake with the waivers in force for its project, refused if its name is taken."""
    intake = build({})
    name = intake.loaded.brief.project.name if intake.loaded else None
    if not name:
        return intake
    waivers = service.waivers_in_force(portal.store, name, datetime.now(UTC).date())
    if waivers:
        intake = build(waivers)
    state = state_if_taken(portal.store, name)
    if state is not None:
        message, _, fix = taken(name, state).partition("; ")
        intake = intake.refused(message, fix)
    return intake


async def _pairs(request: Request) -> list[tuple[str, str]]:
    form = await request.form()
    await form.close()  # a file sent along is not read: its temporary file goes now
    return [(k, v) for k, v in form.multi_items() if isinstance(v, str)]


def _submit(portal: Portal, user: User, intake: Intake) -> RequestMade:
    assert intake.loaded is not None and intake.brief_yaml is not None
    result = service.request(
        portal.store,
        intake.loaded,
        load_catalog(),
        Clock(datetime.now(UTC), user.email),
        intake.brief_yaml,
        intake.template,
    )
    return RequestMade(
        project=result.project,
        state=str(result.state),
        design_sha256=result.design_sha256,
        monthly_usd=result.monthly_usd,
        awaiting=[Awaiting(role=role, who=who) for role, who in result.awaiting],
        brief_url=f"/intake/{result.project}/brief.yaml",
    )


def _form_page(
    request: Request, values: Mapping[str, object], intake: Intake, status: int = 200
) -> Response:
    catalog = load_catalog()
    return page(
        request,
        "intake.html.j2",
        status=status,
        values=shown_values(values),
        view=intake.view(),
        templates=list(catalog.templates.values()),
        choices=choices(),
    )


# -- the form ---------------------------------------------------------------------------


def _start(request: Request, template: str | None, maturity: str | None) -> IntakeStart:
    catalog = load_catalog()
    name = template if template in catalog.templates else next(iter(catalog.templates))
    level = Maturity(maturity) if maturity and maturity in Maturity.__members__ else None
    form = form_from_template(catalog.templates[name], level)
    intake = _judged(portal_of(request), lambda w: intake_from_form(form, catalog, waivers=w))
    return IntakeStart(form=form, choices=choices(), preview=intake.view())


@router.get("/intake", include_in_schema=False)
def intake_page(
    request: Request, user: Person, template: str | None = None, maturity: str | None = None
) -> Response:
    start = _start(request, template, maturity)
    return page(
        request,
        "intake.html.j2",
        values=shown_values(start.form.model_dump()),
        view=start.preview,
        templates=list(load_catalog().templates.values()),
        choices=start.choices,
    )


@router.get("/api/intake/form", response_model=IntakeStart)
def api_intake_form(
    request: Request, user: Person, template: str | None = None, maturity: str | None = None
) -> IntakeStart:
    return _start(request, template, maturity)


@router.post("/intake/preview", include_in_schema=False)
async def intake_preview(request: Request, user: Person) -> Response:
    pairs = await _pairs(request)
    intake = _judged(
        portal_of(request), lambda w: intake_from_pairs(pairs, load_catalog(), waivers=w)
    )
    slots = shown_values(form_values(pairs))
    return page(request, "intake_preview.html.j2", view=intake.view(), values=slots, oob=True)


@router.post("/intake", include_in_schema=False)
async def intake_submit(request: Request, user: Person) -> Response:
    portal = portal_of(request)
    pairs = await _pairs(request)
    intake = _judged(portal, lambda w: intake_from_pairs(pairs, load_catalog(), waivers=w))
    if not intake.ready:
        return _form_page(request, form_values(pairs), intake, status=422)
    try:
        done = _submit(portal, user, intake)
    except Refused as exc:
        refused = intake.refused(exc.render(), "correct the request and submit it again")
        return _form_page(request, form_values(pairs), refused, status=409)
    return page(request, "intake_done.html.j2", done=done)


@router.post("/api/intake/preview", response_model=IntakeView)
def api_intake_preview(request: Request, user: Person, form: IntakeForm) -> IntakeView:
    catalog = load_catalog()
    return _judged(portal_of(request), lambda w: intake_from_form(form, catalog, waivers=w)).view()


@router.post(
    "/api/intake",
    response_model=RequestMade,
    status_code=201,
    responses={422: {"model": IntakeView, "description": "not ready: what to fix"}},
)
def api_intake(request: Request, user: Person, form: IntakeForm) -> Response | RequestMade:
    portal = portal_of(request)
    catalog = load_catalog()
    intake = _judged(portal, lambda w: intake_from_form(form, catalog, waivers=w))
    if not intake.ready:
        return JSONResponse(intake.view().model_dump(mode="json"), status_code=422)
    return _submit(portal, user, intake)


# -- a pasted or uploaded brief -----------------------------------------------------------


async def _text_intake(request: Request) -> tuple[Intake, str]:
    """The intake of the page's upload (`brief_file`) if one was chosen, else its text."""
    form = await request.form()
    upload = form.get("brief_file")
    text = form.get("brief_text")
    portal = portal_of(request)
    catalog = load_catalog()
    raw, name = None, ""
    if upload is not None and not isinstance(upload, str) and upload.filename:
        raw, name = await upload.read(MAX_BYTES + 1), upload.filename
    await form.close()
    if raw is not None:
        data = raw
        return _judged(
            portal, lambda w: intake_from_upload(data, catalog, filename=name, waivers=w)
        ), ""
    pasted = text if isinstance(text, str) else ""
    return _judged(portal, lambda w: intake_from_text(pasted, catalog, waivers=w)), pasted


@router.get("/intake/text", include_in_schema=False)
def text_page(request: Request, user: Person) -> Response:
    return page(request, "intake_text.html.j2", text="", view=None)


@router.post("/intake/text/preview", include_in_schema=False)
async def text_preview(request: Request, user: Person) -> Response:
    intake, _ = await _text_intake(request)
    return page(request, "intake_preview.html.j2", view=intake.view(), values=None, oob=False)


@router.post("/intake/text", include_in_schema=False)
async def text_submit(request: Request, user: Person) -> Response:
    intake, text = await _text_intake(request)
    if not intake.ready:
        return page(request, "intake_text.html.j2", status=422, text=text, view=intake.view())
    try:
        done = _submit(portal_of(request), user, intake)
    except Refused as exc:
        refused = intake.refused(exc.render(), "correct the brief and submit it again")
        return page(request, "intake_text.html.j2", status=409, text=text, view=refused.view())
    return page(request, "intake_done.html.j2", done=done)


@router.post("/api/intake/text/preview", response_model=IntakeView)
def api_text_preview(request: Request, user: Person, body: BriefText) -> IntakeView:
    catalog = load_catalog()
    return _judged(
        portal_of(request),
        lambda w: intake_from_text(body.brief, catalog, name=body.filename, waivers=w),
    ).view()


@router.post(
    "/api/intake/text",
    response_model=RequestMade,
    status_code=201,
    responses={422: {"model": IntakeView, "description": "not ready: what to fix"}},
)
def api_text(request: Request, user: Person, body: BriefText) -> Response | RequestMade:
    portal = portal_of(request)
    catalog = load_catalog()
    intake = _judged(
        portal, lambda w: intake_from_text(body.brief, catalog, name=body.filename, waivers=w)
    )
    if not intake.ready:
        return JSONResponse(intake.view().model_dump(mode="json"), status_code=422)
    return _submit(portal, user, intake)


# -- the brief as requested ----------------------------------------------------------------


@router.get("/intake/{project}/brief.yaml", include_in_schema=False)
def requested_brief(request: Request, user: Person, project: str) -> Response:
    """The brief as the request wrote it. Every signed-in person sees the queue of requests
    and their designs (as anyone with the store sees them in the CLI), so their briefs too."""
    portal = portal_of(request)
    kept = service.requested(portal.store, project)
    if kept is None:
        raise HTTPException(404, f"no request for {project}")
    return Response(
        kept.brief_yaml,
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="brief.yaml"'},
    )
