"""The signed-in person of a request: from the session cookie, or from an API token
(`Authorization: Bearer igt_...`). Pages that need someone depend on `signed_in`; a browser
without a session is sent to the sign-in page, an API client gets 401."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import Connection, bindparam, select

from infragate.portal.security.accounts import User, user_for_token
from infragate.portal.security.sessions import SESSION_COOKIE, read_session
from infragate.portal.state import portal_of
from infragate.store import tables as t
from infragate.store.generation import COLUMNS, generation, of_row

# Built once: building a statement costs more than running it on every page. The store's
# generation comes in the same round trip: the kept pages (page_cache.py) need it next.
_USER_BY_ID = select(t.users, *COLUMNS).where(t.users.c.id == bindparam("uid"))


class NotSignedIn(Exception):
    """Raised by `signed_in`; app.py answers 401 (API) or a redirect to /login (pages)."""


class Forbidden(Exception):
    """The person is signed in but may not do this; app.py answers 403 with the reason."""


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def identify(request: Request) -> User | None:
    """Who the request comes from, if anyone (cached on the request)."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    portal = portal_of(request)
    token = bearer(request)
    uid = None if token else read_session(portal.settings, request.cookies.get(SESSION_COOKIE))

    def ask(conn: Connection) -> User | None:
        if token is not None:
            request.state.generation = generation(conn)
            return user_for_token(conn, token)
        if uid is None:
            return None
        row = conn.execute(_USER_BY_ID, {"uid": uid}).first()
        if row is None:
            return None
        request.state.generation = of_row(row)
        if row.disabled:
            return None
        return User(row.id, row.email, row.name, bool(row.is_admin), False)

    user = portal.store.glance(ask) if token is not None or uid is not None else None
    request.state.user = user
    return user


def current_user(request: Request) -> User:
    user = identify(request)
    if user is None:
        raise NotSignedIn()
    return user


# Async, so that FastAPI does not hand them to a worker thread: access.enforce, which runs
# first on every route, has already read the person (identify keeps it on the request).
async def signed_in(request: Request) -> User:
    return current_user(request)


async def admin(request: Request) -> User:
    user = current_user(request)
    if not user.is_admin:
        raise Forbidden("only a platform admin may do this")
    return user
