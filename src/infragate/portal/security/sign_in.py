"""Signing in and out, each recorded: the core functions behind the portal's sign-in routes
and `infragate users unbind`. Every attempt, whatever came of it, leaves one entry in the
sign-in record (sign_in_record.py) in its own transaction, so a refusal is kept too; but a
client the rate limiter refuses, or one whose OIDC callbacks keep failing before the
provider vouched for anyone, adds to one entry per window, and each sign-in prunes a few
entries past the record's retention (sign_in_retention.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import select

from infragate.errors import Refused
from infragate.portal.oidc_settings import OidcSettings
from infragate.portal.security.accounts import (
    MAX_ATTEMPTS,
    WINDOW_SECONDS,
    WRONG,
    RateLimited,
    SignInRefused,
    User,
    authenticate,
)
from infragate.portal.security.oidc import Pending, discover, finish
from infragate.portal.security.oidc_accounts import Identity, account_for, identity_of, unbind
from infragate.portal.security.sign_in_record import (
    Method,
    Outcome,
    SignIn,
    moved,
    now,
    record,
    record_counted,
    refusals_from,
)
from infragate.portal.security.sign_in_retention import PRUNE_BATCH, cutoff, prune
from infragate.store import tables as t
from infragate.store.engine import Store

NOT_UNDER_WAY = "no sign-in was under way in this browser, or it took over 10 minutes: start again"


def _keep(store: Store, entry: SignIn, keep_days: int, unvouched: bool = False) -> None:
    """Record the attempt, and prune a few entries older than `keep_days` with it. An OIDC
    callback refused before the provider vouched for anyone (`unvouched`: no sign-in under
    way, a state that does not match, a token that fails) costs its sender nothing, and the
    callback has no rate limiter: past MAX_ATTEMPTS refusals from a client in the limiter's
    window, such refusals are counted in one entry as the rate limiter's are."""
    with store.write() as conn:
        if unvouched and entry.client is not None:
            since = moved(entry.at, -WINDOW_SECONDS)
            if refusals_from(conn, Method.oidc, entry.client, since) >= MAX_ATTEMPTS:
                detail = (
                    f"over {MAX_ATTEMPTS} OIDC sign-ins refused in {WINDOW_SECONDS // 60} "
                    f"minutes from this client before the provider vouched for anyone; the "
                    f"first of these: {entry.detail}"
                )
                entry = replace(entry, outcome=Outcome.rate_limited, detail=detail)
        if entry.outcome is Outcome.rate_limited:
            record_counted(conn, entry, WINDOW_SECONDS)
        else:
            record(conn, entry)
        prune(conn, cutoff(entry.at, keep_days), PRUNE_BATCH)


def with_password(
    store: Store, email: str, password: str, client: str, oidc_name: str | None, keep_days: int
) -> User:
    """The account whose password this is, recorded; Refused otherwise, recorded with what
    it was. Where OIDC sign-in is offered, the refusal says that an account made for it has
    no password here, whichever the account: it tells nothing of which accounts exist.
    The record keeps `keep_days` (sign_in_retention.py)."""
    try:
        user = authenticate(store, email, password, client)
    except SignInRefused as exc:
        outcome = Outcome.rate_limited if isinstance(exc, RateLimited) else Outcome.refused
        entry = SignIn(
            now(),
            Method.password,
            outcome,
            email=email,
            user_id=exc.user_id,
            detail=exc.detail,
            client=client,
        )
        _keep(store, entry, keep_days)
        message = str(exc)
        if message == WRONG and oidc_name:
            message += (
                f". An account that signs in through {oidc_name} has no password here: use "
                f"'Sign in with {oidc_name}' below"
            )
        raise Refused(message) from None
    entry = SignIn(now(), Method.password, Outcome.signed_in, email, user.id, client=client)
    _keep(store, entry, keep_days)
    return user


def with_oidc(
    store: Store,
    oidc: OidcSettings,
    pending: Pending | None,
    params: Mapping[str, str],
    client: str,
    keep_days: int,
) -> User:
    """The account the provider's callback signs in (bound to the identity on its first OIDC
    sign-in; made, and that recorded too, where allowed), recorded; Refused otherwise,
    recorded with the reason. The record keeps `keep_days`."""
    email: object = None
    identity: Identity | None = None
    user_id: int | None = None
    vouched = False
    try:
        if pending is None:
            raise Refused(NOT_UNDER_WAY)
        claims = finish(oidc, discover(oidc), pending, params)
        vouched, email, identity = True, claims.get("email"), identity_of(claims)
        admitted = account_for(store, oidc, claims, now(), client)
    except Refused as exc:
        detail = exc.detail if isinstance(exc, SignInRefused) else str(exc)
        user_id = exc.user_id if isinstance(exc, SignInRefused) else None
        refused = _oidc_entry(Outcome.refused, email, user_id, detail, client, identity)
        _keep(store, refused, keep_days, unvouched=not vouched)
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
    _keep(store, entry, keep_days)
    return admitted.user


def _oidc_entry(
    outcome: Outcome,
    email: object,
    user_id: int | None,
    detail: str | None,
    client: str | None,
    identity: Identity | None,
    actor: str | None = None,
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
        actor=actor,
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
            entry = _oidc_entry(Outcome.unbound, email.lower(), user_id, None, None, bound, actor)
            record(conn, entry)
    return bound
