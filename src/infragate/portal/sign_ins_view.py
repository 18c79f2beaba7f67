"""The sign-in record (sign-ins and account changes) as the admin page (/admin/sign-ins) and
its JSON twin show it: the newest entries that match the filters, read by what `infragate
users sign-ins` reads."""

from __future__ import annotations

from pydantic import BaseModel, Field

from infragate.portal.security.sign_in_record import read_sign_ins, since_of
from infragate.store.engine import Store

DEFAULT_LIMIT = 200
MAX_LIMIT = 2000


class SignInEntry(BaseModel):
    at: str = Field(description="When, ISO 8601 UTC.")
    outcome: str = Field(
        description="signed_in, refused, rate_limited (a window's refusals from one client, "
        "counted in `times`), signed_out, unbound, or an account change: account_created, "
        "password_set, disabled, enabled, admin_granted, admin_revoked."
    )
    method: str = Field(description="password, oidc, or cli (a change made on the command line).")
    email: str | None = Field(description="The email as given (withheld if not an address).")
    account_id: int | None = Field(description="The account, when known.")
    detail: str | None = Field(description="Why it was refused, or what else happened.")
    client: str | None = Field(description="The client address as the portal saw it.")
    oidc_issuer: str | None
    oidc_subject: str | None
    actor: str | None = Field(description="Who changed the account (an account change).")
    times: int = Field(description="How many refusals the entry stands for (rate_limited).")
    last_at: str | None = Field(description="When the last of them came, ISO 8601 UTC.")


class SignInsView(BaseModel):
    email: str | None
    since: str | None = Field(description="The filter's start, in the record's form.")
    limit: int
    more: bool = Field(description="Older entries match too: narrow the filters to see them.")
    entries: list[SignInEntry] = Field(description="Oldest first.")


def read_sign_ins_view(
    store: Store, email: str | None, since: str | None, limit: int = DEFAULT_LIMIT
) -> SignInsView:
    """UsageError naming `since` when it is not a date or time."""
    since_at = since_of(since, "since") if since else None
    with store.read() as conn:
        found = read_sign_ins(conn, email or None, since_at, limit + 1)
    more = len(found) > limit
    kept = found[1:] if more else found  # oldest first: the one past the limit is the oldest
    return SignInsView(
        email=email or None,
        since=since_at,
        limit=limit,
        more=more,
        entries=[
            SignInEntry(
                at=e.at,
                outcome=str(e.outcome),
                method=str(e.method),
                email=e.email,
                account_id=e.user_id,
                detail=e.detail,
                client=e.client,
                oidc_issuer=e.oidc_issuer,
                oidc_subject=e.oidc_subject,
                actor=e.actor,
                times=e.times,
                last_at=e.last_at,
            )
            for e in kept
        ],
    )
