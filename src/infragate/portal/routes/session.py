"""Signing in and out with a local account (OIDC sign-in: oidc.py beside this)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse

from infragate.errors import Refused
from infragate.portal.security.accounts import authenticate
from infragate.portal.security.sessions import SESSION_COOKIE, csrf_checked, make_session
from infragate.portal.settings import Settings
from infragate.portal.state import portal_of
from infragate.portal.web import page

router = APIRouter(dependencies=[Depends(csrf_checked)])


def _local(target: str) -> str:
    """Only a path of this portal: never an open redirect to another site."""
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def login_page(
    request: Request, next: str, error: str | None = None, status: int = 200
) -> Response:
    """The sign-in page, with the provider's button when OIDC sign-in is configured."""
    oidc = portal_of(request).settings.oidc
    return page(
        request,
        "login.html.j2",
        status=status,
        next=_local(next),
        error=error,
        oidc_name=oidc.name if oidc else None,
    )


def signed_in_redirect(settings: Settings, user_id: int, target: str) -> Response:
    """Where the person was going, with their new session cookie."""
    response = RedirectResponse(_local(target), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        make_session(settings, user_id),
        max_age=settings.session_seconds,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )
    return response


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:
    return login_page(request, next)


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
        return login_page(request, next, str(exc), status=401)
    return signed_in_redirect(portal.settings, user.id, next)


@router.post("/logout", include_in_schema=False)
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
