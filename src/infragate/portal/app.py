"""The portal application: one FastAPI app over the same core and store as the CLI.

Every response carries a strict Content-Security-Policy (scripts, styles and everything else
from the portal itself only; no inline script or style, which htmx is configured not to
inject), frame denial and no-sniff. A request's body is capped (upload_cap.py). Errors
become pages for browsers and JSON for /api (error_pages.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import Depends, FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infragate import __version__
from infragate.portal.access import enforce
from infragate.portal.error_pages import register
from infragate.portal.security.principal import bearer
from infragate.portal.security.sessions import CSRF_COOKIE, new_csrf, read_csrf
from infragate.portal.settings import Settings, load_settings
from infragate.portal.state import Portal
from infragate.portal.upload_cap import UploadCap
from infragate.store.engine import Store, open_store

# Content-Security-Policy Level 3 (W3C); frame-ancestors replaces X-Frame-Options, which is
# sent too for older browsers (MDN, "Content-Security-Policy", read 2026-12-07).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
Handler = Callable[[Request], Awaitable[Response]]


def templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("infragate.portal", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return Jinja2Templates(env=env)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The portal on `store` (kept open by the caller), or on a store of its own opened
    from the settings and closed when the server stops."""
    settings = settings or load_settings()
    own = store is None
    store = store or open_store(settings.store_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if own:
            store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="infragate portal",
        version=__version__,
        description="Self-service infrastructure requests, approvals and costs on infragate's "
        "core. Every page has a JSON twin under /api.",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json stays
        redoc_url=None,
        dependencies=[Depends(enforce)],  # who may use each route: access.py
    )
    app.state.portal = Portal(settings, store, templates())
    static = resources.files("infragate.portal") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    app.add_middleware(UploadCap, limit=settings.max_upload_bytes)
    app.add_middleware(SecurityMiddleware, settings=settings)  # outermost: headers on all

    register(app, security_headers=HEADERS)  # error_pages.py
    from infragate.portal.routes import ROUTERS

    for router in ROUTERS:
        app.include_router(router)
    return app


class SecurityMiddleware:
    """The security headers on every response, and the visitor's CSRF token (a fresh one in
    a signed cookie when they have none). Plain ASGI rather than @app.middleware("http"),
    whose per-request task and streams cost more than the rest of a small page."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        request.state.token_auth = bearer(request) is not None
        cookie_token = read_csrf(self.settings, request.cookies.get(CSRF_COOKIE))
        request.state.csrf_cookie_token = cookie_token
        fresh_cookie: str | None = None
        if cookie_token is None:
            token, fresh = new_csrf(self.settings)
            request.state.csrf_token = token
            made = Response()
            made.set_cookie(
                CSRF_COOKIE,
                fresh,
                httponly=True,
                samesite="lax",
                secure=self.settings.secure_cookies,
            )
            fresh_cookie = made.headers["set-cookie"]
        else:
            request.state.csrf_token = cookie_token

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if fresh_cookie is not None:
                    headers.append("set-cookie", fresh_cookie)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def app_from_environment() -> FastAPI:
    """The factory uvicorn's workers call (`infragate serve`): settings from the environment."""
    return create_app()
