"""The platform admins' pages: the sign-in record (/admin/sign-ins) and its JSON twin.
A thin door over portal.sign_ins_view; the filters come in the query string."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from infragate.errors import UsageError
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import admin
from infragate.portal.security.sessions import csrf_checked
from infragate.portal.sign_ins_view import DEFAULT_LIMIT, MAX_LIMIT, SignInsView, read_sign_ins_view
from infragate.portal.state import portal_of
from infragate.portal.web import page

router = APIRouter(dependencies=[Depends(csrf_checked)])
Admin = Annotated[User, Depends(admin)]
EmailQ = Annotated[str | None, Query(max_length=254, description="Only this email (any case).")]
SinceQ = Annotated[
    str | None, Query(max_length=40, description="From this date (YYYY-MM-DD) or time (UTC).")
]
LimitQ = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="The newest this many entries.")]


@router.get("/admin/sign-ins", include_in_schema=False)
def sign_ins_page(
    request: Request,
    user: Admin,
    email: EmailQ = None,
    since: SinceQ = None,
    limit: LimitQ = DEFAULT_LIMIT,
) -> Response:
    store = portal_of(request).store
    try:
        view = read_sign_ins_view(store, email, since, limit)
    except UsageError as exc:  # the filters shown again, with what is wrong with them
        view = read_sign_ins_view(store, email, None, limit)
        return page(request, "sign_ins.html.j2", status=422, view=view, error=str(exc), since=since)
    return page(request, "sign_ins.html.j2", view=view, error=None, since=since)


@router.get(
    "/api/admin/sign-ins", response_model=SignInsView, summary="The sign-in record (admins)"
)
def api_sign_ins(
    request: Request,
    user: Admin,
    email: EmailQ = None,
    since: SinceQ = None,
    limit: LimitQ = DEFAULT_LIMIT,
) -> SignInsView:
    """Sign-ins, refused sign-ins (a rate-limited client's counted in one entry per window),
    sign-outs, OIDC unbindings and account changes with who made them, the newest `limit`
    that match, oldest first; what `infragate users sign-ins` prints."""
    try:
        return read_sign_ins_view(portal_of(request).store, email, since, limit)
    except UsageError as exc:
        raise HTTPException(422, str(exc)) from None
