"""The sign-in record: every sign-in, refused sign-in and sign-out of the portal, local or
through OIDC, every OIDC unbinding, and every change to an account (account_changes.py),
kept in the store for the platform's admins to read (`infragate users sign-ins`,
/admin/sign-ins).

Each entry says when (UTC), who (the email as given, the account when known), how
(password, oidc, or cli for a change made on the command line), what came of it and why,
the client address as the portal saw it, and for a change who made it. Never a password
or a token: an email field holding something not shaped like an address (a password typed
into the wrong field) is withheld and only its length noted.

A client the rate limiter refuses gets one entry per window, counting the refusals
(`record_counted`), so a flood of sign-ins cannot grow the record without bound; old entries
are pruned (sign_in_retention.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import Connection, func, insert, select, update

from infragate.brief.fields import EMAIL_PATTERN
from infragate.errors import UsageError
from infragate.store import tables as t

MAX_EMAIL = 254  # RFC 5321's limit on a forward path, as the users table keeps it
MAX_DETAIL = 2000
MAX_CLIENT = 100
MAX_ACTOR = 254  # an email, as the portal names its admins, or an INFRAGATE_ACTOR


class Method(StrEnum):
    password = "password"
    oidc = "oidc"
    cli = "cli"  # an account changed with `infragate users`


class Outcome(StrEnum):  # at most 16 characters: the column's width
    signed_in = "signed_in"
    refused = "refused"
    # a client's refusals past the rate limit, one entry counting a window's: the password
    # rate limiter's, or OIDC callbacks refused before the provider vouched for anyone
    rate_limited = "rate_limited"
    signed_out = "signed_out"
    unbound = "unbound"  # an admin removed an account's OIDC binding
    account_created = "account_created"
    password_set = "password_set"  # given a first password, or a new one
    disabled = "disabled"
    enabled = "enabled"
    admin_granted = "admin_granted"
    admin_revoked = "admin_revoked"


ACCOUNT_CHANGES = frozenset(
    {
        Outcome.unbound,
        Outcome.account_created,
        Outcome.password_set,
        Outcome.disabled,
        Outcome.enabled,
        Outcome.admin_granted,
        Outcome.admin_revoked,
    }
)


@dataclass(frozen=True)
class SignIn:
    at: str  # ISO 8601 UTC, microseconds, Z: sorts as it reads
    method: Method
    outcome: Outcome
    email: str | None = None
    user_id: int | None = None
    detail: str | None = None
    client: str | None = None
    oidc_issuer: str | None = None
    oidc_subject: str | None = None
    actor: str | None = None  # who changed the account (None: the person signing in)
    times: int = 1  # how many refusals a rate_limited entry stands for
    last_at: str | None = None  # when the last of them came


def stamp(moment: datetime) -> str:
    """The record's form of a time (as lifecycle.clock.Clock.at writes it)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def now() -> str:
    return stamp(datetime.now(UTC))


def given_email(value: str | None) -> tuple[str | None, str | None]:
    """(the email to keep, a note when it was withheld)."""
    if value is None or not value.strip():
        return None, None
    given = value.strip()
    if len(given) <= MAX_EMAIL and re.match(EMAIL_PATTERN, given):
        return given, None
    return None, f"the email field held {len(given)} characters not shaped like an address"


def _cut(text: str | None, limit: int) -> str | None:
    return None if text is None else text[:limit]


def moved(at: str, seconds: float) -> str:
    """The record's form of `seconds` after `at` (before it when negative)."""
    return stamp(datetime.fromisoformat(at) + timedelta(seconds=seconds))


def record(conn: Connection, entry: SignIn) -> None:
    email, withheld = given_email(entry.email)
    detail = "; ".join(d for d in (entry.detail, withheld) if d) or None
    conn.execute(
        insert(t.sign_ins).values(
            at=moved(entry.at, 0),  # any ISO 8601 time in the record's form: it sorts as text
            email=email,
            user_id=entry.user_id,
            method=str(entry.method),
            outcome=str(entry.outcome),
            detail=_cut(detail, MAX_DETAIL),
            client=_cut(entry.client, MAX_CLIENT),
            oidc_issuer=_cut(entry.oidc_issuer, 1000),
            oidc_subject=_cut(entry.oidc_subject, 255),
            actor=_cut(entry.actor, MAX_ACTOR),
            times=entry.times,
            last_at=entry.last_at,
        )
    )


def record_counted(conn: Connection, entry: SignIn, window_seconds: int) -> None:
    """Record `entry` unless an entry of its outcome and method from its client began less
    than `window_seconds` before it: that one then counts it (times, last_at). For refusals
    that come in floods: the rate limiter's, whose window this is.

    On PostgreSQL two workers may each find no entry and both record one: a few extra
    entries at worst, never one per refusal (SQLite's writers queue, see store.engine)."""
    counting = conn.execute(
        select(t.sign_ins.c.id)
        .where(
            t.sign_ins.c.outcome == str(entry.outcome),
            t.sign_ins.c.method == str(entry.method),
            t.sign_ins.c.client == _cut(entry.client, MAX_CLIENT),
            t.sign_ins.c.at > moved(entry.at, -window_seconds),
        )
        .order_by(t.sign_ins.c.at.desc())
        .limit(1)
    ).scalar()
    if counting is None:
        record(conn, entry)
        return
    conn.execute(
        update(t.sign_ins)
        .where(t.sign_ins.c.id == counting)
        .values(
            times=func.coalesce(t.sign_ins.c.times, 1) + entry.times,
            last_at=moved(entry.at, 0),
        )
    )


def refusals_from(conn: Connection, method: Method, client: str, since: str) -> int:
    """How many entries record refusals by `method` from `client` since `since`."""
    found = conn.execute(
        select(func.count())
        .select_from(t.sign_ins)
        .where(
            t.sign_ins.c.outcome == str(Outcome.refused),
            t.sign_ins.c.method == str(method),
            t.sign_ins.c.client == _cut(client, MAX_CLIENT),
            t.sign_ins.c.at >= since,
        )
    ).scalar_one()
    return int(found)


def since_of(text: str, field: str = "--since") -> str:
    """A date (YYYY-MM-DD: from its start) or a time (naive: UTC) in the record's form;
    UsageError naming `field` when it is neither."""
    try:
        if len(text.strip()) == 10:
            moment = datetime.combine(date.fromisoformat(text.strip()), time(0), UTC)
        else:
            moment = datetime.fromisoformat(text.strip())
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    except ValueError:
        raise UsageError(
            f"{field} '{text}' is not a date: give YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)"
        ) from None
    return stamp(moment)


def read_sign_ins(
    conn: Connection,
    email: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[SignIn]:
    """Entries in the order they happened, for one email (any case) and from `since` (in
    the record's form, see `since_of`); with `limit`, the newest that many."""
    query = select(t.sign_ins).order_by(t.sign_ins.c.at.desc(), t.sign_ins.c.id.desc())
    if email:
        query = query.where(func.lower(t.sign_ins.c.email) == email.strip().lower())
    if since:
        query = query.where(t.sign_ins.c.at >= since)
    if limit is not None:
        query = query.limit(limit)
    rows = conn.execute(query).all()
    return [
        SignIn(
            at=r.at,
            method=Method(r.method),
            outcome=Outcome(r.outcome),
            email=r.email,
            user_id=r.user_id,
            detail=r.detail,
            client=r.client,
            oidc_issuer=r.oidc_issuer,
            oidc_subject=r.oidc_subject,
            actor=r.actor,
            times=r.times or 1,
            last_at=r.last_at,
        )
        for r in reversed(rows)
    ]
