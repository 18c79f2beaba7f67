"""Signed cookies: the session (who signed in, when), the CSRF token, and an OIDC sign-in
under way (its state, nonce and PKCE verifier, for ten minutes).

Both are signed with the portal's secret (itsdangerous), so a cookie made with another secret,
or edited, is refused. The session cookie is HttpOnly, SameSite=Lax, and Secure when the
portal runs behind TLS; it expires after Settings.session_seconds.

CSRF: the signed double-submit cookie pattern (OWASP CSRF Prevention Cheat Sheet, read
2026-12-07). Every visitor gets a random token in a signed cookie; every unsafe request that
a browser could make on its own (a cookie-authenticated or anonymous POST, PUT, PATCH or
DELETE) must repeat it, in the form field `csrf_token` or the header `X-CSRF-Token`
(htmx sends the header from the page's hx-headers). Requests with an API token carry no
ambient credential and need none.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import asdict
from typing import Any

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from infragate.portal.security.oidc import Pending
from infragate.portal.settings import Settings

SESSION_COOKIE = "infragate_session"
CSRF_COOKIE = "infragate_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
OIDC_COOKIE = "infragate_oidc"
OIDC_SECONDS = 600  # time to sign in at the provider
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _serializer(settings: Settings, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret, salt=salt)


def make_session(settings: Settings, user_id: int, method: str) -> str:
    """A session for the account, naming how it signed in (for the sign-out's record)."""
    return _serializer(settings, "session").dumps({"uid": user_id, "via": method})


def read_signed_session(settings: Settings, cookie: str | None) -> tuple[int, str | None] | None:
    """(account id, how it signed in) of a valid session cookie."""
    if not cookie:
        return None
    try:
        data: Any = _serializer(settings, "session").loads(cookie, max_age=settings.session_seconds)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
        return None
    via = data.get("via")
    return data["uid"], via if isinstance(via, str) else None


def read_session(settings: Settings, cookie: str | None) -> int | None:
    found = read_signed_session(settings, cookie)
    return found[0] if found else None


def make_pending(settings: Settings, pending: Pending) -> str:
    return _serializer(settings, "oidc").dumps(asdict(pending))


def read_pending(settings: Settings, cookie: str | None) -> Pending | None:
    if not cookie:
        return None
    try:
        data: Any = _serializer(settings, "oidc").loads(cookie, max_age=OIDC_SECONDS)
        return Pending(**data)
    except (BadSignature, SignatureExpired, TypeError):
        return None


def new_csrf(settings: Settings) -> tuple[str, str]:
    """(token, signed cookie value)."""
    token = secrets.token_urlsafe(32)
    return token, _serializer(settings, "csrf").dumps(token)


def read_csrf(settings: Settings, cookie: str | None) -> str | None:
    if not cookie:
        return None
    try:
        token: Any = _serializer(settings, "csrf").loads(cookie)
    except BadSignature:
        return None
    return token if isinstance(token, str) else None


def csrf_token(request: Request) -> str:
    """The visitor's CSRF token (set by the middleware in app.py before any page renders)."""
    token: str = request.state.csrf_token
    return token


async def csrf_checked(request: Request) -> None:
    """A dependency on every router: unsafe requests without an API token must repeat the
    visitor's CSRF token."""
    if request.method not in UNSAFE or request.state.token_auth:
        return
    expected = request.state.csrf_cookie_token
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        field = form.get(CSRF_FIELD)
        given = field if isinstance(field, str) else None
    if not expected or not given or not hmac.compare_digest(expected, given):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token: reload the page")
