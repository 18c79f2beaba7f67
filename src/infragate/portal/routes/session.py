"""Signing in and out with a local account (OIDC sign-in: oidc.py beside this); both are
recorded (security/sign_in.py)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse

from infragate.errors import Refused
from infragate.portal.security.sessions import (
    SESSION_COOKIE,
    csrf_checked,
    make_session,
    read_signed_session,
)
from infragate.portal.security.sign_in import sign_out, with_password
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


def client_of(request: Request) -> str:
    """The client's address as the portal sees it (behind a proxy: as uvicorn's
    proxy_headers take it from X-Forwarded-For, from the addresses it trusts)."""
    return request.client.host if request.client else "unknown"


def signed_in_redirect(settings: Settings, user_id: int, target: str, method: str) -> Response:
    """Where the person was going, with their new session cookie."""
    response = RedirectResponse(_local(target), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        make_session(settings, user_id, method),
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
    oidc = portal.settings.oidc
    try:
        user = with_password(
            portal.store,
            email.strip(),
            password,
            client_of(request),
            oidc.name if oidc else None,
            portal.settings.sign_in_retention_days,
        )
    except Refused as exc:
        return login_page(request, next, str(exc), status=401)
    return signed_in_redirect(portal.settings, user.id, next, "password")


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    portal = portal_of(request)
    session = read_signed_session(portal.settings, request.cookies.get(SESSION_COOKIE))
    if session is not None:
        sign_out(portal.store, session[0], session[1], client_of(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
