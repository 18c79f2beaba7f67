"""Who a verified ID token lets in: the account with its verified email, in an allowed
domain, not disabled; an unknown person gets a requester account only when the portal is
configured to make one (INFRAGATE_OIDC_CREATE_ACCOUNTS), else an admin adds them first.

Accounts are matched by email, as the brief names owners by email: roles follow the person
whichever way they sign in. An account made here has no password (its hash field holds a
marker that no password matches) until `infragate users passwd` gives it one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from infragate.brief.model import EMAIL_PATTERN
from infragate.errors import Refused
from infragate.portal.oidc_settings import OidcSettings
from infragate.portal.security.accounts import User, find_user
from infragate.store import tables as t
from infragate.store.engine import Store

NO_PASSWORD = "!oidc"  # not an Argon2 hash: local sign-in with any password fails


def _email(claims: Mapping[str, Any]) -> str:
    email = claims.get("email")
    if not isinstance(email, str) or not re.match(EMAIL_PATTERN, email):
        raise Refused("the sign-in provider sent no email address (ask for the 'email' scope)")
    # OpenID Connect Core 1.0, section 5.1: without email_verified true, the provider does
    # not vouch that the address belongs to the person; owners are named by email.
    if claims.get("email_verified") is not True:
        raise Refused(f"the sign-in provider has not verified {email}; verify it there first")
    return email.lower()


def account_for(store: Store, oidc: OidcSettings, claims: Mapping[str, Any], at: str) -> User:
    """The account the verified claims sign in, made as a requester if allowed."""
    email = _email(claims)
    if not oidc.allows_domain(email):
        raise Refused(
            f"{email} is not in a domain allowed to sign in here ({', '.join(oidc.email_domains)})"
        )
    name = claims.get("name")
    with store.write() as conn:
        user = find_user(conn, email)
        if user is None:
            if not oidc.create_accounts:
                raise Refused(
                    f"{email} has no account here: an administrator adds it with "
                    f"'infragate users add {email} --name NAME'"
                )
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
                        )
                    )
            except IntegrityError:
                pass  # their first sign-in in another tab or worker made it a moment ago
            user = find_user(conn, email)
    assert user is not None
    if user.disabled:
        raise Refused(f"the account {email} is disabled; an administrator can enable it")
    return user
