"""Optional OpenID Connect sign-in: which provider, this portal's client at it, and who may
come in through it. Read from the environment (`infragate serve` sets the same variables from
its options for its workers); unset INFRAGATE_OIDC_ISSUER means no OIDC sign-in.

The client secret comes from INFRAGATE_OIDC_CLIENT_SECRET or from the file named by
INFRAGATE_OIDC_CLIENT_SECRET_FILE, never from a command-line argument (which `ps` shows).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from infragate.errors import UsageError

ENV_ISSUER = "INFRAGATE_OIDC_ISSUER"
ENV_CLIENT_ID = "INFRAGATE_OIDC_CLIENT_ID"
ENV_CLIENT_SECRET = "INFRAGATE_OIDC_CLIENT_SECRET"
ENV_CLIENT_SECRET_FILE = "INFRAGATE_OIDC_CLIENT_SECRET_FILE"
ENV_NAME = "INFRAGATE_OIDC_NAME"
ENV_EMAIL_DOMAINS = "INFRAGATE_OIDC_EMAIL_DOMAINS"
ENV_CREATE_ACCOUNTS = "INFRAGATE_OIDC_CREATE_ACCOUNTS"
ENV_REDIRECT_URI = "INFRAGATE_OIDC_REDIRECT_URI"
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class OidcSettings:
    issuer: str  # exactly as the provider's discovery document states it
    client_id: str
    client_secret: str
    name: str  # shown on the sign-in page: "Sign in with <name>"
    email_domains: tuple[str, ...] = ()  # empty: any domain
    create_accounts: bool = False  # unknown people get a requester account on first sign-in
    redirect_uri: str | None = None  # None: this portal's /login/oidc/callback as requested

    def __repr__(self) -> str:  # never the secret in a log or a traceback
        return f"OidcSettings(issuer={self.issuer!r}, client_id={self.client_id!r}, ...)"

    def allows_domain(self, email: str) -> bool:
        domain = email.rpartition("@")[2].lower()
        return not self.email_domains or domain in self.email_domains


def _secure(url: str, what: str) -> str:
    """https, or http on this machine's loopback only (a provider run for development)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return url
    raise UsageError(f"{what} '{url}' must be an https:// URL (http only on 127.0.0.1)")


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes")


def _client_secret(env: Mapping[str, str]) -> str:
    if env.get(ENV_CLIENT_SECRET):
        return env[ENV_CLIENT_SECRET].strip()
    path = env.get(ENV_CLIENT_SECRET_FILE)
    if not path:
        raise UsageError(
            f"{ENV_ISSUER} is set but the client secret is not: set {ENV_CLIENT_SECRET} or "
            f"{ENV_CLIENT_SECRET_FILE} (a file holding it)"
        )
    try:
        secret = Path(path).read_text().strip()
    except OSError as exc:
        raise UsageError(f"{ENV_CLIENT_SECRET_FILE}: cannot read {path}: {exc.strerror}") from exc
    if not secret:
        raise UsageError(f"{ENV_CLIENT_SECRET_FILE}: {path} is empty; put the client secret in it")
    return secret


def load_oidc(env: Mapping[str, str] | None = None) -> OidcSettings | None:
    """The OIDC settings in `env` (the process environment by default), or None when
    INFRAGATE_OIDC_ISSUER is unset; UsageError naming the variable when one is wrong."""
    env = os.environ if env is None else env
    issuer = env.get(ENV_ISSUER, "").strip()
    if not issuer:
        return None
    _secure(issuer, ENV_ISSUER)
    client_id = env.get(ENV_CLIENT_ID, "").strip()
    if not client_id:
        raise UsageError(f"{ENV_ISSUER} is set but {ENV_CLIENT_ID} is not: set the client id")
    domains = tuple(
        d.strip().lower().lstrip("@") for d in env.get(ENV_EMAIL_DOMAINS, "").split(",")
    )
    redirect = env.get(ENV_REDIRECT_URI, "").strip() or None
    if redirect is not None:
        _secure(redirect, ENV_REDIRECT_URI)
    return OidcSettings(
        issuer=issuer,
        client_id=client_id,
        client_secret=_client_secret(env),
        name=env.get(ENV_NAME, "").strip() or urlsplit(issuer).hostname or issuer,
        email_domains=tuple(d for d in domains if d),
        create_accounts=_truthy(env.get(ENV_CREATE_ACCOUNTS, "")),
        redirect_uri=redirect,
    )
