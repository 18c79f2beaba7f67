"""Changes to the portal's accounts: one made, given a password, disabled or enabled, made
a platform admin or no longer one. Each lands in the sign-in record in the transaction that
makes it, with who made it: on the command line its actor (INFRAGATE_ACTOR, else the OS
user, as the lifecycle commands name theirs), in the portal the signed-in admin. Never the
password. An account an OIDC sign-in makes is recorded as such (oidc_accounts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Row, insert, select, update

from infragate.errors import UsageError
from infragate.portal.security.accounts import (
    NO_PASSWORD,
    User,
    find_user,
    has_password,
    hash_password,
    user_of,
)
from infragate.portal.security.sign_in_record import Method, Outcome, SignIn, record
from infragate.store import tables as t
from infragate.store.engine import Store


@dataclass(frozen=True)
class ChangedBy:
    actor: str  # who: the command line's actor, or the portal's signed-in admin (an email)
    at: str  # when, ISO 8601
    via: Method = Method.cli  # through which door


def _entry(outcome: Outcome, user: User, by: ChangedBy, detail: str | None = None) -> SignIn:
    return SignIn(
        by.at, by.via, outcome, email=user.email, user_id=user.id, detail=detail, actor=by.actor
    )


def _row(conn: Connection, email: str) -> Row[Any]:
    row = conn.execute(select(t.users).where(t.users.c.email == email.lower())).first()
    if row is None:
        raise UsageError(f"no account {email}; 'infragate users list' shows them")
    return row


def add_account(
    store: Store, email: str, name: str, password: str | None, is_admin: bool, by: ChangedBy
) -> User:
    """A new account; `password` None: none, the person signs in through OIDC only."""
    hashed = NO_PASSWORD if password is None else hash_password(password)
    with store.write() as conn:
        if find_user(conn, email):
            raise UsageError(f"{email} already has an account; 'infragate users passwd' resets it")
        conn.execute(
            insert(t.users).values(
                email=email.lower(),
                name=name,
                password_hash=hashed,
                is_admin=is_admin,
                disabled=False,
                created_at=by.at,
            )
        )
        user = user_of(_row(conn, email))
        notes = (
            ("a platform admin", is_admin),
            ("no password: OIDC sign-in only", password is None),
        )
        detail = "; ".join(note for note, on in notes if on) or None
        record(conn, _entry(Outcome.account_created, user, by, detail))
    return user


def set_password(store: Store, email: str, password: str, by: ChangedBy) -> None:
    """Give the account a password, its first (an OIDC-only account) or a new one."""
    hashed = hash_password(password)
    with store.write() as conn:
        row = _row(conn, email)
        conn.execute(update(t.users).where(t.users.c.id == row.id).values(password_hash=hashed))
        detail = (
            "replaced its password"
            if has_password(row.password_hash)
            else "its first password (it signed in through OIDC only)"
        )
        record(conn, _entry(Outcome.password_set, user_of(row), by, detail))


def _flag(
    store: Store,
    email: str,
    column: Column[bool],
    on: bool,
    outcomes: tuple[Outcome, Outcome],
    by: ChangedBy,
) -> bool:
    """Set the account's flag; False (and nothing recorded) when it already was so."""
    with store.write() as conn:
        row = _row(conn, email)
        if bool(row._mapping[column.name]) == on:
            return False
        conn.execute(update(t.users).where(t.users.c.id == row.id).values({column: on}))
        record(conn, _entry(outcomes[0] if on else outcomes[1], user_of(row), by))
    return True


def set_disabled(store: Store, email: str, disabled: bool, by: ChangedBy) -> bool:
    """Stop the account signing in (its sessions and tokens stop at once), or let it again;
    False when it already was so."""
    outcomes = (Outcome.disabled, Outcome.enabled)
    return _flag(store, email, t.users.c.disabled, disabled, outcomes, by)


def set_admin(store: Store, email: str, is_admin: bool, by: ChangedBy) -> bool:
    """Make the account a platform admin, or no longer one; False when it already was so."""
    outcomes = (Outcome.admin_granted, Outcome.admin_revoked)
    return _flag(store, email, t.users.c.is_admin, is_admin, outcomes, by)
