"""The portal's answer when a request is refused or fails, registered on the app by
`register`: JSON `{"detail": ...}` under /api; for a browser, the error page in the
portal's own layout (error.html.j2), so that a person keeps their way around: the
navigation, who is signed in and the sign-out form (with its CSRF token) when the request
carries a valid session, the bare layout with a sign-in link otherwise; the status code,
what went wrong and what to do about it.

Starlette's own 404 and 405 (no route at that address, or not for that method) say only
"Not Found" and "Method Not Allowed": `_said` puts them in words that name the address
and the method, and a 405 keeps its `Allow` header. An exception nothing else answers is
a 500 page (or JSON) saying to try again and to tell the administrator; the traceback goes
to the log, never to the person.

Rendering the error page must not fail in its turn: when the store cannot say who is
signed in (it is down, say), or the full page cannot be rendered, the bare page is
shown, and failing that a minimal one; the cause goes to the log.

htmx swaps 4xx answers (base.html.j2's htmx-config): a route that answers a fragment
request with its form again (a refused waiver in the change page's preview) is swapped
in like any answer. This page is not such a fragment, so an htmx request gets it with
`HX-Reswap: none`: nothing of the page it came from is replaced, as htmx's default does
with every 4xx.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from markupsafe import escape
from starlette.exceptions import HTTPException

from infragate.errors import InfragateError, Refused
from infragate.portal.security.principal import Forbidden, NotSignedIn, identify
from infragate.portal.security.sessions import csrf_token
from infragate.portal.state import portal_of
from infragate.portal.web import is_htmx

TEMPLATE = "error.html.j2"
# htmx 2 response header: the swap style ("none": no swap), with the modifier that keeps the
# page's title (htmx.org/reference "HX-Reswap" and hx-swap's ignoreTitle, read 2026-12-07).
NOT_SWAPPED = {"HX-Reswap": "none ignoreTitle:true"}
# What Starlette's router says when no route matches the path, or none takes the method.
STARLETTE_SAYS = {404: "Not Found", 405: "Method Not Allowed"}
FAILED = (
    "the portal failed to answer this request: try again in a moment; if it fails again, "
    "tell the portal's administrator (the portal's log has the cause)"
)
log = logging.getLogger("infragate.portal")


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """JSON under /api; else the error page, in the signed-in person's frame if any."""
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    sent = {**(headers or {}), **(NOT_SWAPPED if is_htmx(request) else {})}
    context = {"status": status, "message": message}
    templates = portal_of(request).templates
    try:
        user = identify(request)
        framed = {"user": user, "csrf_token": csrf_token(request)}
        return templates.TemplateResponse(
            request, TEMPLATE, {**context, **framed}, status_code=status, headers=sent
        )
    except Exception:  # the error page must be shown, whatever failed
        log.warning("error page %s shown bare: the framed one failed", status, exc_info=True)
    try:
        return templates.TemplateResponse(
            request, TEMPLATE, context, status_code=status, headers=sent
        )
    except Exception:  # the template itself: the plainest page still says what happened
        log.error("error page %s shown as plain HTML", status, exc_info=True)
    return HTMLResponse(_minimal(status, message), status_code=status, headers=sent)


def _minimal(status: int, message: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{status} · infragate</title></head><body><h1>{status}</h1>"
        f'<p role="alert">{escape(message)}</p><p><a href="/">infragate</a></p></body></html>'
    )


def _said(request: Request, exc: HTTPException) -> str:
    """The exception's detail, or for Starlette's bare 404 and 405 what they mean here."""
    detail = str(exc.detail)
    if STARLETTE_SAYS.get(exc.status_code) != detail:
        return detail
    path = request.url.path
    if exc.status_code == 404:
        return f"nothing is at {path}: check the address"
    allowed = (exc.headers or {}).get("Allow", "")
    takes = f" (it takes {allowed.replace(', ', ' or ')})" if allowed else ""
    said = f"{path} does not answer {request.method}{takes}"
    return said if is_api(request) else f"{said}: a form of the portal sends it, it is no page"


def register(app: FastAPI, security_headers: Mapping[str, str]) -> None:
    """The app's handlers, from the most particular error to the least. The 500 answer
    leaves through Starlette's outermost middleware, past app.py's SecurityMiddleware, so
    it carries `security_headers` itself."""

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, _: NotSignedIn) -> Response:
        if is_api(request):
            return JSONResponse(
                {"detail": "sign in first, or send an API token"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return error_response(request, 403, str(exc))

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> Response:
        return error_response(request, 409, exc.render())

    @app.exception_handler(InfragateError)
    async def _bad_input(request: Request, exc: InfragateError) -> Response:
        return error_response(request, 400, exc.render())

    @app.exception_handler(HTTPException)  # Starlette's: its 404 and 405 too, and FastAPI's
    async def _http(request: Request, exc: HTTPException) -> Response:
        return error_response(request, exc.status_code, _said(request, exc), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()
        )
        return error_response(request, 422, fields)

    # Starlette's ServerErrorMiddleware calls it, then raises the exception again for the
    # server to log with its traceback.
    @app.exception_handler(Exception)
    async def _failed(request: Request, _: Exception) -> Response:
        return error_response(request, 500, FAILED, security_headers)
