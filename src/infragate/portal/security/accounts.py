"""Portal accounts: local users with Argon2id password hashes, API tokens kept only as their
SHA-256, and sign-in rate limiting counted in the store (so every worker process sees it).

An account made for OIDC sign-in only has no password: its hash field holds a marker that
no password matches, until `infragate users passwd` gives it one.

`infragate users` and the portal's sign-in call these; changes to accounts, each recorded,
are in account_changes.py.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, func, insert, select, update

from infragate.errors import Refused, UsageError
from infragate.store import tables as t
from infragate.store.engine import Store

# argon2-cffi's defaults are RFC 9106's second recommended profile for Argon2id (64 MiB,
# 3 passes, 4 lanes; argon2-cffi documentation "Parameters", read 2026-12-07).
_HASHER = PasswordHasher()
MIN_PASSWORD = 12
# Sign-in attempts allowed per account and per client address in the window, then refused
# until the window has passed: slows guessing to a few tries a minute.
MAX_ATTEMPTS = 5
WINDOW_SECONDS = 300
TOKEN_PREFIX = "igt_"
NO_PASSWORD = "!oidc"  # not an Argon2 hash: no password matches it
# What a refused local sign-in says, whatever the cause (wrong password, no such account, no
# password, disabled): the page must not tell which accounts exist. The record says which.
WRONG = "wrong email or password"
# Hashed once at import: compared against when the account does not exist, so a sign-in
# for an unknown email takes as long as one with a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    is_admin: bool
    disabled: bool


@dataclass(frozen=True)
class Account:
    """An account as `infragate users list` shows it: how it may sign in."""

    user: User
    has_password: bool
    oidc_issuer: str | None
    oidc_subject: str | None
    oidc_bound_at: str | None


class SignInRefused(Refused):
    """A refused sign-in. Its message is for the person; `detail` says what it was, for the
    sign-in record; `user_id` names the account when there is one."""

    def __init__(self, message: str, detail: str, user_id: int | None = None) -> None:
        super().__init__(message)
        self.detail = detail
        self.user_id = user_id


class RateLimited(SignInRefused):
    """Refused by the rate limiter before any password was checked: recorded once per client
    and window, with a count (sign_in_record.record_counted)."""


def user_of(row: object) -> User:
    return User(row.id, row.email, row.name, bool(row.is_admin), bool(row.disabled))  # type: ignore[attr-defined]


def has_password(password_hash: str) -> bool:
    return password_hash != NO_PASSWORD


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"a password has at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def find_user(conn: Connection, email: str) -> User | None:
    row = conn.execute(select(t.users).where(t.users.c.email == email.lower())).first()
    return user_of(row) if row else None


def all_users(conn: Connection) -> list[User]:
    return [user_of(r) for r in conn.execute(select(t.users).order_by(t.users.c.email))]


def all_accounts(conn: Connection) -> list[Account]:
    return [
        Account(
            user_of(r),
            has_password(r.password_hash),
            r.oidc_issuer,
            r.oidc_subject,
            r.oidc_bound_at,
        )
        for r in conn.execute(select(t.users).order_by(t.users.c.email))
    ]


def _attempt_keys(email: str, client: str) -> tuple[str, str]:
    # the email as its hash: a password typed into the email field is not kept, even here
    return (f"account:{hashlib.sha256(email.lower().encode()).hexdigest()}", f"client:{client}")


def authenticate(store: Store, email: str, password: str, client: str) -> User:
    """The account, if the password matches; SignInRefused when it does not, when the account
    has no password or is disabled, or when too many attempts were made for the account or
    from the client address lately."""
    now = time.time()
    keys = _attempt_keys(email, client)
    with store.write() as conn:
        conn.execute(delete(t.login_attempts).where(t.login_attempts.c.at < now - WINDOW_SECONDS))
        recent = conn.execute(
            select(t.login_attempts.c.key, func.count())
            .where(t.login_attempts.c.key.in_(keys))
            .group_by(t.login_attempts.c.key)
        ).all()
        row = conn.execute(select(t.users).where(t.users.c.email == email.lower())).first()
        uid = row.id if row else None
        limited = [key.split(":")[0] for key, count in recent if count >= MAX_ATTEMPTS]
        if limited:
            raise RateLimited(
                f"too many sign-in attempts; wait {WINDOW_SECONDS // 60} minutes and try again",
                f"rate limited: {MAX_ATTEMPTS} failed attempts in {WINDOW_SECONDS // 60} "
                f"minutes for this {' and this '.join(sorted(limited))}",
                uid,
            )
        usable = row is not None and has_password(row.password_hash)
        # The dummy hash where there is nothing to check: every refusal costs one Argon2 run.
        stored = row.password_hash if usable and row is not None else _DUMMY_HASH
        try:
            matches = _HASHER.verify(stored, password) and usable
        except (VerificationError, InvalidHashError):
            matches = False
        why = (
            "no such account"
            if row is None
            else "the account has no password (it signs in through OIDC)"
            if not usable
            else "wrong password"
            if not matches
            else "the account is disabled"
            if row.disabled
            else None
        )
        if why is not None:
            conn.execute(insert(t.login_attempts), [{"key": k, "at": now} for k in keys])
    if why is not None or row is None:
        raise SignInRefused(WRONG, why or "no such account", uid)
    if _HASHER.check_needs_rehash(row.password_hash):
        _rehash(store, row.id, password)
    return user_of(row)


def _rehash(store: Store, user_id: int, password: str) -> None:
    """The same password under today's parameters: not a change to the account."""
    with store.write() as conn:
        conn.execute(
            update(t.users)
            .where(t.users.c.id == user_id)
            .values(password_hash=_HASHER.hash(password))
        )


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(store: Store, email: str, name: str, at: str) -> str:
    """A new API token for the account: shown once, stored only as its SHA-256."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.write() as conn:
        user = find_user(conn, email)
        if user is None:
            raise UsageError(f"no account {email}; 'infragate users list' shows them")
        conn.execute(
            insert(t.api_tokens).values(
                user_id=user.id, name=name, token_sha256=token_digest(token), created_at=at
            )
        )
    return token


def revoke_tokens(store: Store, email: str, name: str, at: str) -> int:
    with store.write() as conn:
        user = find_user(conn, email)
        if user is None:
            raise UsageError(f"no account {email}; 'infragate users list' shows them")
        done = conn.execute(
            update(t.api_tokens)
            .where(
                t.api_tokens.c.user_id == user.id,
                t.api_tokens.c.name == name,
                t.api_tokens.c.revoked_at.is_(None),
            )
            .values(revoked_at=at)
        )
        return int(done.rowcount or 0)


def user_for_token(conn: Connection, token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = conn.execute(
        select(t.users)
        .join(t.api_tokens, t.api_tokens.c.user_id == t.users.c.id)
        .where(t.api_tokens.c.token_sha256 == token_digest(token))
        .where(t.api_tokens.c.revoked_at.is_(None))
    ).first()
    if row is None or row.disabled:
        return None
    return user_of(row)
