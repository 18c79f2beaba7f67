"""Who a verified ID token lets in: the account with its verified email, in an allowed
domain, not disabled, and bound to the identity the token names; an unknown person gets a
requester account only when the portal is configured to make one
(INFRAGATE_OIDC_CREATE_ACCOUNTS), else an admin adds them first.

Accounts are found by email, as the brief names owners by email: roles follow the person
whichever way they sign in. But an email alone is not a person: a provider may give a
reassigned mailbox, or a second tenant, the same address. So an account is bound to the
provider's (issuer, subject) on its first OIDC sign-in, and a later one must present that
pair (OpenID Connect Core 1.0, section 5.7: "iss" and "sub" together are the only claims a
client can rely on as a stable identifier; read 2026-12-07). `infragate users unbind`
releases the binding when a person legitimately changes provider.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update
from sqlalchemy.exc import IntegrityError

from infragate.brief.fields import EMAIL_PATTERN
from infragate.errors import UsageError
from infragate.portal.oidc_settings import OidcSettings
from infragate.portal.security.accounts import NO_PASSWORD, SignInRefused, User, user_of
from infragate.store import tables as t
from infragate.store.engine import Store


@dataclass(frozen=True)
class Admitted:
    user: User
    bound_now: bool  # this sign-in bound the account to its identity


@dataclass(frozen=True)
class Identity:
    issuer: str
    subject: str

    def __str__(self) -> str:
        return f"issuer {self.issuer} subject {self.subject}"


def identity_of(claims: Mapping[str, Any]) -> Identity | None:
    """The (issuer, subject) of validated claims (id_token.py checked both are there)."""
    iss, sub = claims.get("iss"), claims.get("sub")
    return Identity(iss, sub) if isinstance(iss, str) and isinstance(sub, str) else None


def _email(claims: Mapping[str, Any]) -> str:
    email = claims.get("email")
    if not isinstance(email, str) or not re.match(EMAIL_PATTERN, email):
        message = "the sign-in provider sent no email address (ask for the 'email' scope)"
        raise SignInRefused(message, message)
    # OpenID Connect Core 1.0, section 5.1: without email_verified true, the provider does
    # not vouch that the address belongs to the person; owners are named by email.
    if claims.get("email_verified") is not True:
        message = f"the sign-in provider has not verified {email}; verify it there first"
        raise SignInRefused(message, message)
    return email.lower()


def _by_email(conn: Connection, email: str) -> Row[Any] | None:
    return conn.execute(select(t.users).where(t.users.c.email == email)).first()


def _by_identity(conn: Connection, identity: Identity) -> Row[Any] | None:
    return conn.execute(
        select(t.users).where(
            t.users.c.oidc_issuer == identity.issuer, t.users.c.oidc_subject == identity.subject
        )
    ).first()


def _bound(row: Row[Any]) -> Identity | None:
    return Identity(row.oidc_issuer, row.oidc_subject) if row.oidc_subject is not None else None


def _refuse_other_identity(row: Row[Any], identity: Identity, oidc: OidcSettings) -> None:
    bound = _bound(row)
    if bound is not None and bound != identity:
        raise SignInRefused(
            f"the account {row.email} is bound to another identity than the one {oidc.name} "
            "gave now, so it was not signed in. If you changed provider or your account "
            f"there was replaced, ask an administrator to unbind it "
            f"('infragate users unbind {row.email}')",
            f"the account is bound to {bound}; this sign-in presented {identity}",
            row.id,
        )


def _create(
    conn: Connection, email: str, name: Any, identity: Identity, at: str
) -> tuple[Row[Any] | None, bool]:
    """The account made for the person, bound to `identity`; and whether this call made it."""
    try:
        with conn.begin_nested():
            conn.execute(
                insert(t.users).values(
                    email=email,
                    name=name if isinstance(name, str) and name.strip() else email,
                    password_hash=NO_PASSWORD,
                    is_admin=False,
                    disabled=False,
                    created_at=at,
                    oidc_issuer=identity.issuer,
                    oidc_subject=identity.subject,
                    oidc_bound_at=at,
                )
            )
    except IntegrityError:
        # their first sign-in in another tab or worker made it a moment ago
        return _by_email(conn, email), False
    return _by_email(conn, email), True


def _bind(conn: Connection, row: Row[Any], identity: Identity, at: str) -> Row[Any]:
    """The account bound to `identity`, unless another sign-in bound it a moment ago (the
    caller then compares what that one bound)."""
    try:
        with conn.begin_nested():
            conn.execute(
                update(t.users)
                .where(t.users.c.id == row.id, t.users.c.oidc_subject.is_(None))
                .values(
                    oidc_issuer=identity.issuer, oidc_subject=identity.subject, oidc_bound_at=at
                )
            )
    except IntegrityError:
        message = "another sign-in with the same identity was under way: sign in again"
        raise SignInRefused(message, message, row.id) from None
    found = _by_email(conn, row.email)
    assert found is not None
    return found


def account_for(store: Store, oidc: OidcSettings, claims: Mapping[str, Any], at: str) -> Admitted:
    """The account the verified claims sign in (made as a requester if allowed, bound on
    its first OIDC sign-in); SignInRefused saying why not."""
    email = _email(claims)
    identity = identity_of(claims)
    if identity is None:
        message = "the ID token names no issuer or subject"
        raise SignInRefused(message, message)
    if not oidc.allows_domain(email):
        message = (
            f"{email} is not in a domain allowed to sign in here ({', '.join(oidc.email_domains)})"
        )
        raise SignInRefused(message, message)
    with store.write() as conn:
        holder = _by_identity(conn, identity)
        row = _by_email(conn, email)
        if holder is not None and (row is None or holder.id != row.id):
            raise SignInRefused(
                f"the identity {oidc.name} gave you opens the account {holder.email} here, "
                f"not {email}: sign in as {holder.email}, or ask an administrator to unbind "
                f"it ('infragate users unbind {holder.email}')",
                f"{email} was presented by the identity bound to {holder.email} ({identity})",
                holder.id,
            )
        made = False
        if row is None:
            if not oidc.create_accounts:
                message = (
                    f"{email} has no account here: an administrator adds it with "
                    f"'infragate users add {email} --name NAME --oidc-only'"
                )
                raise SignInRefused(message, message)
            row, made = _create(conn, email, claims.get("name"), identity, at)
            if row is None:
                message = "another sign-in with the same identity was under way: sign in again"
                raise SignInRefused(message, message)
        _refuse_other_identity(row, identity, oidc)
        if row.disabled:
            message = f"the account {email} is disabled; an administrator can enable it"
            raise SignInRefused(message, "the account is disabled", row.id)
        if _bound(row) is not None:
            return Admitted(user_of(row), made)
        row = _bind(conn, row, identity, at)
        _refuse_other_identity(row, identity, oidc)
    return Admitted(user_of(row), True)


def unbind(conn: Connection, email: str) -> Identity | None:
    """Release the account's OIDC binding: its next OIDC sign-in binds it anew. The identity
    it was bound to, or None when it was not bound; UsageError when there is no account."""
    row = _by_email(conn, email.lower())
    if row is None:
        raise UsageError(f"no account {email}; 'infragate users list' shows them")
    bound = _bound(row)
    if bound is not None:
        conn.execute(
            update(t.users)
            .where(t.users.c.id == row.id)
            .values(oidc_issuer=None, oidc_subject=None, oidc_bound_at=None)
        )
    return bound
