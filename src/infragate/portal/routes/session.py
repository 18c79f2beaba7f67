"""Signing in and out with a local account."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse

from infragate.errors import Refused
from infragate.portal.security.accounts import authenticate
from infragate.portal.security.sessions import SESSION_COOKIE, csrf_checked, make_session
from infragate.portal.state import portal_of
from infragate.portal.web import page

router = APIRouter(dependencies=[Depends(csrf_checked)])


def _local(target: str) -> str:
    """Only a path of this portal: never an open redirect to another site."""
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:
    return page(request, "login.html.j2", next=_local(next), error=None)


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    portal = portal_of(request)
    client = request.client.host if request.client else "unknown"
    try:
        user = authenticate(portal.store, email.strip(), password, client)
    except Refused as exc:
        return page(request, "login.html.j2", status=401, next=_local(next), error=str(exc))
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        make_session(portal.settings, user.id),
        max_age=portal.settings.session_seconds,
        httponly=True,
        samesite="lax",
        secure=portal.settings.secure_cookies,
    )
    return response


@router.post("/logout", include_in_schema=False)
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
