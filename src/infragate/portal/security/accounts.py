"""Portal accounts: local users with Argon2id password hashes, API tokens kept only as their
SHA-256, and sign-in rate limiting counted in the store (so every worker process sees it).

`infragate users` and the portal's sign-in call these; nothing else reads the tables.
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


def _user(row: object) -> User:
    return User(row.id, row.email, row.name, bool(row.is_admin), bool(row.disabled))  # type: ignore[attr-defined]


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"a password has at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def find_user(conn: Connection, email: str) -> User | None:
    row = conn.execute(select(t.users).where(t.users.c.email == email.lower())).first()
    return _user(row) if row else None


def all_users(conn: Connection) -> list[User]:
    return [_user(r) for r in conn.execute(select(t.users).order_by(t.users.c.email))]


def add_user(store: Store, email: str, name: str, password: str, is_admin: bool, at: str) -> User:
    hashed = hash_password(password)
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
                created_at=at,
            )
        )
        user = find_user(conn, email)
    assert user is not None
    return user


def set_password(store: Store, email: str, password: str) -> None:
    hashed = hash_password(password)
    with store.write() as conn:
        done = conn.execute(
            update(t.users).where(t.users.c.email == email.lower()).values(password_hash=hashed)
        )
        if not done.rowcount:
            raise UsageError(f"no account {email}; 'infragate users list' shows them")


def set_disabled(store: Store, email: str, disabled: bool) -> None:
    with store.write() as conn:
        done = conn.execute(
            update(t.users).where(t.users.c.email == email.lower()).values(disabled=disabled)
        )
        if not done.rowcount:
            raise UsageError(f"no account {email}; 'infragate users list' shows them")


def _attempt_keys(email: str, client: str) -> tuple[str, str]:
    return (f"account:{email.lower()}", f"client:{client}")


def authenticate(store: Store, email: str, password: str, client: str) -> User:
    """The account, if the password matches; Refused when it does not, or when too many
    attempts were made for the account or from the client address lately."""
    now = time.time()
    keys = _attempt_keys(email, client)
    with store.write() as conn:
        conn.execute(delete(t.login_attempts).where(t.login_attempts.c.at < now - WINDOW_SECONDS))
        recent = conn.execute(
            select(t.login_attempts.c.key, func.count())
            .where(t.login_attempts.c.key.in_(keys))
            .group_by(t.login_attempts.c.key)
        ).all()
        if any(count >= MAX_ATTEMPTS for _, count in recent):
            raise Refused(
                f"too many sign-in attempts; wait {WINDOW_SECONDS // 60} minutes and try again"
            )
        row = conn.execute(select(t.users).where(t.users.c.email == email.lower())).first()
        stored = row.password_hash if row else _DUMMY_HASH
        try:
            ok = _HASHER.verify(stored, password) and row is not None and not row.disabled
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            conn.execute(insert(t.login_attempts), [{"key": k, "at": now} for k in keys])
    if not ok or row is None:
        raise Refused("wrong email or password")
    if _HASHER.check_needs_rehash(row.password_hash):
        set_password(store, email, password)
    return _user(row)


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
    return _user(row)
