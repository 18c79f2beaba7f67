"""Evidence, closure, the handover pack and drift on a project's page: recording evidence
with its file (and downloading the file again), the closure checklist and closing, the
handover pack as a zip, and a Terraform state compared with the frozen baseline.
Each page has its JSON twin under /api; each action is one call of portal.closure_view,
which calls the core the CLI calls (so everything lands in the trail as the CLI's does).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, Response, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse

from infragate.brief.model import Role
from infragate.errors import InputError, Refused
from infragate.evidence.model import EvidenceKind
from infragate.evidence.reading import MAX_BYTES as EVIDENCE_BYTES
from infragate.lifecycle.clock import Clock
from infragate.portal import closure_models as m
from infragate.portal import closure_view as view
from infragate.portal import requests_kept as kept
from infragate.portal.downloads import Download
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import signed_in
from infragate.portal.security.roles import roles_of
from infragate.portal.security.sessions import csrf_checked
from infragate.portal.state import portal_of
from infragate.portal.web import is_htmx, page
from infragate.render.drift_state import UnknownEnvironment
from infragate.render.tfstate import MAX_BYTES as STATE_BYTES
from infragate.store.engine import Store

router = APIRouter(dependencies=[Depends(csrf_checked)])
Person = Annotated[User, Depends(signed_in)]
SHA256 = re.compile(r"^[0-9a-f]{64}$")
KINDS = [k.value for k in EvidenceKind]
ZIP: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/zip": {}}, "description": "The pack, as a zip."}
}


def _store(request: Request) -> Store:
    return portal_of(request).store


def _clock(user: User) -> Clock:
    return Clock(datetime.now(UTC), user.email)


def _file(item: Download) -> Response:
    return Response(
        item.content,
        media_type=item.media_type,
        headers={"Content-Disposition": f'attachment; filename="{item.filename}"'},
    )


def _read(upload: UploadFile | None, limit: int) -> tuple[str, bytes] | None:
    """The upload's name and at most `limit` + 1 bytes (the core refuses more, by name)."""
    if upload is None or not upload.filename:
        return None
    return upload.filename, upload.file.read(limit + 1)


def _field(name: str, exc: InputError) -> str:
    return f"{name}: {exc.render()}"


def _environment(exc: UnknownEnvironment, upload: UploadFile | None) -> HTTPException:
    """422 naming the form field `environment` (the CLI's message names --environment)."""
    shown = upload.filename if upload is not None and upload.filename else "the state"
    return HTTPException(422, exc.for_field("environment", shown))


# evidence -------------------------------------------------------------------------------


def _record(
    request: Request,
    project: str,
    user: User,
    kind: EvidenceKind,
    upload: UploadFile | None,
    url: str,
    note: str,
) -> m.EvidenceRecorded:
    """InputError or HTTPException(422) naming the field that is wrong."""
    given = _read(upload, EVIDENCE_BYTES)
    if given is None:
        raise HTTPException(422, "file: choose the evidence file (JSON or YAML) to upload")
    return view.record_evidence(
        _store(request), project, _clock(user), kind, *given, url.strip() or None, note
    )


def _evidence_form(request: Request, project: str, error: str, kind: str, status: int) -> Response:
    return page(
        request, "evidence_form.html.j2", status, name=project, kinds=KINDS, kind=kind, error=error
    )


@router.post("/projects/{project}/evidence", include_in_schema=False)
def add_evidence(
    request: Request,
    project: str,
    user: Person,
    kind: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
    url: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    if kind not in KINDS:
        return _evidence_form(
            request, project, f"kind: choose one of {', '.join(KINDS)}", kind, 422
        )
    try:
        _record(request, project, user, EvidenceKind(kind), file, url, note)
    except InputError as exc:
        return _evidence_form(request, project, _field("file", exc), kind, 422)
    except HTTPException as exc:
        return _evidence_form(request, project, str(exc.detail), kind, exc.status_code)
    except Refused as exc:
        return _evidence_form(request, project, exc.render(), kind, 409)
    return RedirectResponse(f"/projects/{project}#evidence", status_code=303)


@router.post("/api/projects/{project}/evidence", response_model=m.EvidenceRecorded, status_code=201)
def api_add_evidence(
    request: Request,
    project: str,
    user: Person,
    kind: Annotated[EvidenceKind, Form(description="deploy, restore-test, alert-test, ...")],
    file: Annotated[UploadFile, File(description="The record (JSON or YAML) that shows it.")],
    url: Annotated[str, Form(description="Where more is shown (a CI run, a ticket).")] = "",
    note: Annotated[str, Form(description="A line for the trail.")] = "",
) -> m.EvidenceRecorded:
    """`infragate evidence add`: record evidence against the baseline in force (owners);
    422 naming the file's problems (a secret value in it refuses it, unstored)."""
    try:
        return _record(request, project, user, kind, file, url, note)
    except InputError as exc:
        raise HTTPException(422, _field("file", exc)) from None


def _evidence_file(request: Request, project: str, sha256: str) -> Response:
    found = view.evidence_file(_store(request), project, sha256) if SHA256.match(sha256) else None
    if found is None:
        raise HTTPException(404, f"{project} has no evidence file {sha256!r}")
    return _file(found)


@router.get("/projects/{project}/evidence/{sha256}", include_in_schema=False)
def evidence_file(request: Request, project: str, sha256: str, user: Person) -> Response:
    return _evidence_file(request, project, sha256)


@router.get(
    "/api/projects/{project}/evidence/{sha256}",
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def api_evidence_file(request: Request, project: str, sha256: str, user: Person) -> Response:
    """A stored evidence file, by the sha256 its record names."""
    return _evidence_file(request, project, sha256)


# closure --------------------------------------------------------------------------------


def _closure_page(
    request: Request,
    project: str,
    user: User,
    shown: m.ClosureView,
    error: str | None = None,
    status: int = 409,
    closable: bool | None = None,
    environment: str | None = None,
) -> Response:
    """`closable`: whether to offer closing again (default: as `shown` says);
    `environment`: the one chosen for the state, chosen again in the form."""
    with _store(request).read() as conn:
        roles = roles_of(conn, project, user)
    return page(
        request,
        "_closure_checklist.html.j2" if is_htmx(request) else "closure.html.j2",
        status if error else 200,
        c=shown,
        may_close=Role.infra_owner in roles and (shown.closable if closable is None else closable),
        may_handover=bool(roles) or user.is_admin,  # access.py's line for the pack
        error=error,
        environment=environment or shown.default_environment,
    )


def _checklist(request: Request, project: str, user: User) -> m.ClosureView:
    """The checklist, kept until the store changes (page_cache.py): a project kept in the
    store has its files rendered to be judged, a quarter of a second, and every view of
    the project's page asks for it."""
    portal = portal_of(request)
    at = kept.moment(request)
    shown: m.ClosureView = portal.kept.get(
        ("closure", project, at), lambda: view.closure_view(portal.store, project, _clock(user))
    )
    return shown


@router.get("/projects/{project}/closure", include_in_schema=False)
def closure_page(request: Request, project: str, user: Person) -> Response:
    return _closure_page(request, project, user, _checklist(request, project, user))


@router.get("/api/projects/{project}/closure", response_model=m.ClosureView)
def api_closure(request: Request, project: str, user: Person) -> m.ClosureView:
    """The closure checklist (`infragate check --stage closure`): each rule, what is
    missing and who can act; and what the portal cannot check."""
    return _checklist(request, project, user)


def _close(
    request: Request, project: str, user: User, upload: UploadFile | None, environment: str
) -> m.ClosureView:
    """HTTPException(422) naming the upload when it is not a Terraform state, or the field
    `environment` when it names none of the baseline's or, empty, the state's tags do not
    tell it; given without a state, it has nothing to name."""
    state = _read(upload, STATE_BYTES)
    if environment and state is None:
        raise HTTPException(
            422,
            f"environment: {environment!r} names the environment of a Terraform state; send "
            "the state as tfstate too, or leave environment out",
        )
    try:
        return view.close(_store(request), project, _clock(user), state, environment or None)
    except InputError as exc:
        raise HTTPException(422, _field("tfstate", exc)) from None
    except UnknownEnvironment as exc:
        raise _environment(exc, upload) from None


@router.post("/projects/{project}/close", include_in_schema=False)
def close(
    request: Request,
    project: str,
    user: Person,
    tfstate: Annotated[UploadFile | None, File()] = None,
    environment: Annotated[str, Form()] = "",
) -> Response:
    chosen = environment.strip()

    def refused(why: str, status: int) -> Response:
        shown = _checklist(request, project, user)
        return _closure_page(request, project, user, shown, why, status, environment=chosen)

    # the form's select always sends one: it names the state's environment only with a state
    sent = tfstate if tfstate is not None and tfstate.filename else None
    try:
        shown = _close(request, project, user, sent, chosen if sent else "")
    except Refused as exc:
        return refused(exc.render(), 409)
    except HTTPException as exc:  # no Terraform state, or no environment of the baseline
        return refused(str(exc.detail), exc.status_code)
    if shown.blocked:  # as judged with the state sent; closing is offered again as without
        why = "not closed: " + view.failing(shown)
        again = _checklist(request, project, user).closable
        return _closure_page(request, project, user, shown, why, closable=again, environment=chosen)
    return RedirectResponse(f"/projects/{project}#closure", status_code=303)


@router.post(
    "/api/projects/{project}/close",
    response_model=m.ClosureView,
    responses={409: {"model": m.ClosureView, "description": "a rule fails: nothing changed"}},
)
def api_close(
    request: Request,
    project: str,
    user: Person,
    tfstate: Annotated[
        UploadFile | None,
        File(description="Production's state (terraform state pull), compared as drift."),
    ] = None,
    environment: Annotated[
        str,
        Form(
            description="The environment of the state, one of the baseline's (default: the "
            "one its resources' environment tags name), as close --environment."
        ),
    ] = "",
) -> Response | m.ClosureView:
    """`infragate close [--tfstate [--environment]]`: hand the delivered baseline over to
    maintenance (the lock's infra owner) once every closure rule passes, drift judged on
    the state when one is sent; 409 with the checklist otherwise; 422 naming the state when
    it is not one, or `environment` when the state's cannot be told."""
    shown = _close(request, project, user, tfstate, environment.strip())
    if shown.blocked:
        return JSONResponse(shown.model_dump(mode="json"), status_code=409)
    return shown


# the handover pack ----------------------------------------------------------------------


@router.post("/projects/{project}/handover", include_in_schema=False)
def handover(request: Request, project: str, user: Person) -> Response:
    return _file(view.handover_zip(_store(request), project, _clock(user)))


@router.post("/api/projects/{project}/handover", responses=ZIP)
def api_handover(request: Request, project: str, user: Person) -> Response:
    """`infragate handover`: the pack of the latest baseline (HTML, Markdown, JSON and its
    manifest under infra/handover/), recorded in the trail as handover.generated."""
    return _file(view.handover_zip(_store(request), project, _clock(user)))


# drift ----------------------------------------------------------------------------------


def _drift(
    request: Request, project: str, upload: UploadFile | None, environment: str
) -> m.DriftView:
    given = _read(upload, STATE_BYTES)
    if given is None:
        raise HTTPException(422, "tfstate: choose the Terraform state (JSON) to upload")
    today = datetime.now(UTC).date()
    try:
        return view.drift_view(_store(request), project, today, *given, environment.strip())
    except InputError as exc:
        raise HTTPException(422, _field("tfstate", exc)) from None
    except UnknownEnvironment as exc:
        raise _environment(exc, upload) from None


@router.post("/projects/{project}/drift", include_in_schema=False)
def drift(
    request: Request,
    project: str,
    user: Person,
    tfstate: Annotated[UploadFile | None, File()] = None,
    environment: Annotated[str, Form()] = "",
) -> Response:
    try:
        report = _drift(request, project, tfstate, environment)
    except HTTPException as exc:
        return page(request, "drift.html.j2", exc.status_code, name=project, d=None,
                    error=str(exc.detail))  # fmt: skip
    return page(request, "drift.html.j2", name=project, d=report, error=None)


@router.post("/api/projects/{project}/drift", response_model=m.DriftView)
def api_drift(
    request: Request,
    project: str,
    user: Person,
    tfstate: Annotated[UploadFile, File(description="terraform state pull, or show -json.")],
    environment: Annotated[str, Form(description="Default: from its environment tags.")] = "",
) -> m.DriftView:
    """`infragate drift --tfstate`: the state compared with the frozen baseline; read-only."""
    return _drift(request, project, tfstate, environment)
