"""Signing in through the OpenID provider, when one is configured: /login/oidc sends the
browser there, /login/oidc/callback takes it back and signs the person in with the same
session cookie as a local sign-in. Both are GETs (the provider redirects the browser): the
state, bound to this browser by a signed cookie, is what stops a forged callback.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from infragate.errors import Refused
from infragate.portal.oidc_settings import OidcSettings
from infragate.portal.routes.session import client_of, login_page, signed_in_redirect
from infragate.portal.security.oidc import begin, discover
from infragate.portal.security.sessions import (
    OIDC_COOKIE,
    OIDC_SECONDS,
    csrf_checked,
    make_pending,
    read_pending,
)
from infragate.portal.security.sign_in import with_oidc
from infragate.portal.state import portal_of

router = APIRouter(dependencies=[Depends(csrf_checked)])  # GETs only today; kept uniform
CALLBACK = "/login/oidc/callback"


def _configured(request: Request) -> OidcSettings:
    oidc = portal_of(request).settings.oidc
    if oidc is None:
        raise HTTPException(404, "sign-in through an OpenID provider is not configured here")
    return oidc


@router.get("/login/oidc", include_in_schema=False)
def oidc_start(request: Request, next: str = "/") -> Response:
    oidc = _configured(request)
    settings = portal_of(request).settings
    redirect_uri = oidc.redirect_uri or str(request.url_for("oidc_callback"))
    try:
        url, pending = begin(oidc, discover(oidc), redirect_uri, next)
    except Refused as exc:
        return login_page(request, next, str(exc), status=502)
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        OIDC_COOKIE,
        make_pending(settings, pending),
        max_age=OIDC_SECONDS,
        path="/login/oidc",
        httponly=True,
        samesite="lax",  # sent on the provider's top-level redirect back here
        secure=settings.secure_cookies,
    )
    return response


@router.get(CALLBACK, include_in_schema=False, name="oidc_callback")
def oidc_callback(request: Request) -> Response:
    oidc = _configured(request)
    portal = portal_of(request)
    pending = read_pending(portal.settings, request.cookies.get(OIDC_COOKIE))
    target = pending.next if pending else "/"
    try:
        user = with_oidc(
            portal.store,
            oidc,
            pending,
            dict(request.query_params),
            client_of(request),
            portal.settings.sign_in_retention_days,
        )
    except Refused as exc:
        response = login_page(request, target, str(exc), status=401)
    else:
        response = signed_in_redirect(portal.settings, user.id, target, "oidc")
    response.delete_cookie(OIDC_COOKIE, path="/login/oidc")  # a state is used once
    return response
