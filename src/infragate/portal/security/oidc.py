"""Signing in through an OpenID provider: the authorization code flow with PKCE (S256), a
state and a nonce, through Authlib's OAuth2 client (over httpx2).

`begin` makes the provider's sign-in address and what the callback must match (kept by the
browser in a signed, short-lived cookie: nothing held by this process, so any worker can take
the callback); `finish` checks the callback against it, trades the code for tokens and
returns the ID token's verified claims. The provider's discovery document and keys are read
at each sign-in: sign-ins are rare, and a rotated key is then picked up at once.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from authlib.integrations.httpx_client import OAuth2Client
from authlib.oauth2.rfc6749.errors import OAuth2Error

from infragate.errors import Refused
from infragate.portal.oidc_settings import OidcSettings
from infragate.portal.security.id_token import ASYMMETRIC, validate_id_token

SCOPE = "openid email profile"
TIMEOUT_SECONDS = 10.0
DISCOVERY = "/.well-known/openid-configuration"  # OpenID Connect Discovery 1.0, section 4


@dataclass(frozen=True)
class Provider:
    """What this portal uses of the provider's discovery document."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    algorithms: tuple[str, ...]


@dataclass(frozen=True)
class Pending:
    """One sign-in under way: what the callback must match, and where to go after it."""

    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str
    next: str


def _client(oidc: OidcSettings, **extra: Any) -> OAuth2Client:
    return OAuth2Client(
        client_id=oidc.client_id,
        client_secret=oidc.client_secret,
        code_challenge_method="S256",
        scope=SCOPE,
        timeout=TIMEOUT_SECONDS,
        follow_redirects=False,
        **extra,
    )


def _get_json(client: OAuth2Client, url: str, what: str) -> dict[str, Any]:
    try:
        response = client.request(
            "GET", url, withhold_token=True
        )  # public documents: no token sent
        response.raise_for_status()
        found: Any = response.json()
    except Exception as exc:  # any transport, status or JSON failure reads the same to a person
        raise Refused(f"the sign-in provider's {what} could not be read from {url}: {exc}") from exc
    if not isinstance(found, dict):
        raise Refused(f"the sign-in provider's {what} at {url} is not a JSON object")
    return found


def discover(oidc: OidcSettings) -> Provider:
    url = oidc.issuer.rstrip("/") + DISCOVERY
    with _client(oidc) as client:
        doc = _get_json(client, url, "discovery document")
    if doc.get("issuer") != oidc.issuer:
        raise Refused(
            f"the discovery document at {url} names the issuer '{doc.get('issuer')}', not "
            f"'{oidc.issuer}': set INFRAGATE_OIDC_ISSUER to exactly the provider's issuer"
        )
    missing = [
        k for k in ("authorization_endpoint", "token_endpoint", "jwks_uri") if not doc.get(k)
    ]
    if missing:
        raise Refused(f"the discovery document at {url} lacks {', '.join(missing)}")
    offered = doc.get("id_token_signing_alg_values_supported") or ["RS256"]
    return Provider(
        issuer=oidc.issuer,
        authorization_endpoint=str(doc["authorization_endpoint"]),
        token_endpoint=str(doc["token_endpoint"]),
        jwks_uri=str(doc["jwks_uri"]),
        algorithms=tuple(a for a in offered if a in ASYMMETRIC),
    )


def begin(
    oidc: OidcSettings, provider: Provider, redirect_uri: str, next: str
) -> tuple[str, Pending]:
    """The provider's sign-in address to send the browser to, and the sign-in it starts."""
    pending = Pending(
        state=secrets.token_urlsafe(32),
        nonce=secrets.token_urlsafe(32),
        code_verifier=secrets.token_urlsafe(48),  # 64 characters (RFC 7636: 43 to 128)
        redirect_uri=redirect_uri,
        next=next,
    )
    with _client(oidc, redirect_uri=redirect_uri) as client:
        url, _ = client.create_authorization_url(
            provider.authorization_endpoint,
            state=pending.state,
            code_verifier=pending.code_verifier,
            nonce=pending.nonce,
        )
    return str(url), pending


def finish(
    oidc: OidcSettings, provider: Provider, pending: Pending, params: Mapping[str, str]
) -> dict[str, Any]:
    """The verified claims of the ID token the callback's code buys; Refused with the reason
    when the provider refused, the state differs, or the token fails a check."""
    if params.get("error"):
        said = params.get("error_description") or params["error"]
        raise Refused(f"the sign-in provider refused: {said}")
    if not hmac.compare_digest(params.get("state", ""), pending.state):
        raise Refused(
            "the sign-in's state does not match the one this browser started: start again"
        )
    code = params.get("code")
    if not code:
        raise Refused("the sign-in provider sent no authorization code back")
    with _client(oidc, redirect_uri=pending.redirect_uri) as client:
        try:
            tokens = client.fetch_token(
                provider.token_endpoint,
                grant_type="authorization_code",
                code=code,
                code_verifier=pending.code_verifier,
            )
        except OAuth2Error as exc:
            raise Refused(
                f"the sign-in provider refused the code: {exc.description or exc.error}"
            ) from exc
        except Exception as exc:
            raise Refused(f"the sign-in provider's token endpoint failed: {exc}") from exc
        id_token = tokens.get("id_token")
        if not isinstance(id_token, str):
            raise Refused("the sign-in provider returned no ID token (is 'openid' in its scopes?)")
        jwks = _get_json(client, provider.jwks_uri, "keys (JWKS)")
    return validate_id_token(
        id_token,
        jwks,
        issuer=provider.issuer,
        client_id=oidc.client_id,
        nonce=pending.nonce,
        now=time.time(),
        algorithms=provider.algorithms or ("RS256",),
    )
