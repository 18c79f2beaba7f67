"""The sign-in record: every sign-in, refused sign-in and sign-out of the portal, local or
through OIDC, and every OIDC unbinding, kept in the store for the platform's admins to read
(`infragate users sign-ins`, /admin/sign-ins).

Each entry says when (UTC), who (the email as given, the account when known), how
(password or oidc), what came of it and why, and the client address as the portal saw it.
Never a password or a token: an email field holding something not shaped like an address
(a password typed into the wrong field) is withheld and only its length noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum

from sqlalchemy import Connection, func, insert, select

from infragate.brief.fields import EMAIL_PATTERN
from infragate.errors import UsageError
from infragate.store import tables as t

MAX_EMAIL = 254  # RFC 5321's limit on a forward path, as the users table keeps it
MAX_DETAIL = 2000
MAX_CLIENT = 100


class Method(StrEnum):
    password = "password"
    oidc = "oidc"


class Outcome(StrEnum):
    signed_in = "signed_in"
    refused = "refused"
    signed_out = "signed_out"
    unbound = "unbound"  # an admin removed an account's OIDC binding


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


def record(conn: Connection, entry: SignIn) -> None:
    email, withheld = given_email(entry.email)
    detail = "; ".join(d for d in (entry.detail, withheld) if d) or None
    conn.execute(
        insert(t.sign_ins).values(
            at=entry.at,
            email=email,
            user_id=entry.user_id,
            method=str(entry.method),
            outcome=str(entry.outcome),
            detail=_cut(detail, MAX_DETAIL),
            client=_cut(entry.client, MAX_CLIENT),
            oidc_issuer=_cut(entry.oidc_issuer, 1000),
            oidc_subject=_cut(entry.oidc_subject, 255),
        )
    )


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
        )
        for r in reversed(rows)
    ]
