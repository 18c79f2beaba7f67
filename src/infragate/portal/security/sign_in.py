"""Signing in and out, each recorded: the core functions behind the portal's sign-in routes
and `infragate users unbind`. Every attempt, whatever came of it, leaves one entry in the
sign-in record (sign_in_record.py) in its own transaction, so a refusal is kept too.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from infragate.errors import Refused
from infragate.portal.oidc_settings import OidcSettings
from infragate.portal.security.accounts import WRONG, SignInRefused, User, authenticate
from infragate.portal.security.oidc import Pending, discover, finish
from infragate.portal.security.oidc_accounts import Identity, account_for, identity_of, unbind
from infragate.portal.security.sign_in_record import Method, Outcome, SignIn, now, record
from infragate.store import tables as t
from infragate.store.engine import Store

NOT_UNDER_WAY = "no sign-in was under way in this browser, or it took over 10 minutes: start again"


def _keep(store: Store, entry: SignIn) -> None:
    with store.write() as conn:
        record(conn, entry)


def with_password(
    store: Store, email: str, password: str, client: str, oidc_name: str | None
) -> User:
    """The account whose password this is, recorded; Refused otherwise, recorded with what
    it was. Where OIDC sign-in is offered, the refusal says that an account made for it has
    no password here, whichever the account: it tells nothing of which accounts exist."""
    try:
        user = authenticate(store, email, password, client)
    except SignInRefused as exc:
        _keep(
            store,
            SignIn(
                now(),
                Method.password,
                Outcome.refused,
                email=email,
                user_id=exc.user_id,
                detail=exc.detail,
                client=client,
            ),
        )
        message = str(exc)
        if message == WRONG and oidc_name:
            message += (
                f". An account that signs in through {oidc_name} has no password here: use "
                f"'Sign in with {oidc_name}' below"
            )
        raise Refused(message) from None
    _keep(store, SignIn(now(), Method.password, Outcome.signed_in, email, user.id, client=client))
    return user


def with_oidc(
    store: Store,
    oidc: OidcSettings,
    pending: Pending | None,
    params: Mapping[str, str],
    client: str,
) -> User:
    """The account the provider's callback signs in (bound to the identity on its first OIDC
    sign-in), recorded; Refused otherwise, recorded with the reason."""
    email: object = None
    identity: Identity | None = None
    user_id: int | None = None
    try:
        if pending is None:
            raise Refused(NOT_UNDER_WAY)
        claims = finish(oidc, discover(oidc), pending, params)
        email, identity = claims.get("email"), identity_of(claims)
        admitted = account_for(store, oidc, claims, now())
    except Refused as exc:
        detail = exc.detail if isinstance(exc, SignInRefused) else str(exc)
        user_id = exc.user_id if isinstance(exc, SignInRefused) else None
        _keep(store, _oidc_entry(Outcome.refused, email, user_id, detail, client, identity))
        raise
    bound = "bound the account to this identity (its first OIDC sign-in)"
    entry = _oidc_entry(
        Outcome.signed_in,
        admitted.user.email,
        admitted.user.id,
        bound if admitted.bound_now else None,
        client,
        identity,
    )
    _keep(store, entry)
    return admitted.user


def _oidc_entry(
    outcome: Outcome,
    email: object,
    user_id: int | None,
    detail: str | None,
    client: str | None,
    identity: Identity | None,
) -> SignIn:
    return SignIn(
        now(),
        Method.oidc,
        outcome,
        email=email if isinstance(email, str) else None,
        user_id=user_id,
        detail=detail,
        client=client,
        oidc_issuer=identity.issuer if identity else None,
        oidc_subject=identity.subject if identity else None,
    )


def sign_out(store: Store, user_id: int, method: str | None, client: str) -> None:
    """Record the end of the account's session (the route drops the cookie)."""
    with store.write() as conn:
        email = conn.execute(select(t.users.c.email).where(t.users.c.id == user_id)).scalar()
        if email is None:
            return  # a session of an account that is gone: nothing to record
        how = Method.oidc if method == Method.oidc else Method.password
        record(conn, SignIn(now(), how, Outcome.signed_out, email, user_id, client=client))


def unbind_account(store: Store, email: str, actor: str) -> Identity | None:
    """Release the account's OIDC binding, recorded with who did it; the identity it was
    bound to, or None when it was not bound (nothing is then recorded)."""
    with store.write() as conn:
        bound = unbind(conn, email)
        if bound is not None:
            user_id = conn.execute(
                select(t.users.c.id).where(t.users.c.email == email.lower())
            ).scalar()
            record(
                conn,
                _oidc_entry(
                    Outcome.unbound, email.lower(), user_id, f"unbound by {actor}", None, bound
                ),
            )
    return bound
