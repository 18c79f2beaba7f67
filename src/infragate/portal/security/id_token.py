"""Checking an OpenID Connect ID token: its signature against the provider's published keys
(JWKS), then issuer, audience, expiry and nonce (OpenID Connect Core 1.0, section 3.1.3.7,
"ID Token Validation", read 2026-12-07). A pure function: the caller fetched the keys.

Each refusal says which check failed, so whoever configures the provider can tell a wrong
client id from a clock that drifted.
"""

from __future__ import annotations

import hmac
from collections.abc import Collection, Mapping
from typing import Any

from joserfc import jwt
from joserfc.errors import BadSignatureError, JoseError
from joserfc.jwk import KeySet

from infragate.errors import Refused

# Signatures by the provider's own keys only: "none" and the HMAC algorithms (keyed with
# the client secret, which this portal holds too) are never accepted.
ASYMMETRIC = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
LEEWAY_SECONDS = 60  # clock skew allowed between the provider and this server
MAX_SUBJECT = 255


def _claims(id_token: str, jwks: Mapping[str, Any], algorithms: Collection[str]) -> dict[str, Any]:
    try:
        keys = KeySet.import_key_set(dict(jwks))  # type: ignore[arg-type]
        token = jwt.decode(id_token, keys, algorithms=sorted(set(algorithms) & ASYMMETRIC))
    except BadSignatureError as exc:
        raise Refused(
            "the ID token's signature does not verify against the provider's keys (its JWKS)"
        ) from exc
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise Refused(f"the ID token could not be verified: {exc}") from exc
    return dict(token.claims)


def _number(claims: Mapping[str, Any], name: str) -> float:
    value = claims.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Refused(f"the ID token has no '{name}' time")
    return float(value)


def validate_id_token(
    id_token: str,
    jwks: Mapping[str, Any],
    *,
    issuer: str,
    client_id: str,
    nonce: str,
    now: float,
    algorithms: Collection[str] = ("RS256",),
) -> dict[str, Any]:
    """The token's claims, once every check passed; Refused naming the first that failed."""
    claims = _claims(id_token, jwks, algorithms)
    if claims.get("iss") != issuer:
        raise Refused(
            f"the ID token was issued by '{claims.get('iss')}', not by the configured issuer "
            f"'{issuer}'"
        )
    audience = claims.get("aud")
    audiences = [audience] if isinstance(audience, str) else audience
    if not isinstance(audiences, list) or client_id not in audiences:
        raise Refused(
            f"the ID token is meant for '{audience}', not for this portal's client '{client_id}'"
        )
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise Refused(f"the ID token has several audiences and its 'azp' is not '{client_id}'")
    if _number(claims, "exp") <= now - LEEWAY_SECONDS:
        raise Refused("the ID token has expired: sign in again (or check this server's clock)")
    if _number(claims, "iat") > now + LEEWAY_SECONDS:
        raise Refused("the ID token was issued in the future: check this server's clock")
    given = claims.get("nonce")
    if not isinstance(given, str) or not hmac.compare_digest(given, nonce):
        raise Refused("the ID token's nonce does not match this sign-in: start again")
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise Refused("the ID token names no subject ('sub')")
    # Core 1.0, section 2: "It MUST NOT exceed 255 ASCII characters in length"; the account
    # is bound to it (oidc_accounts.py), in a column of that size.
    if len(claims["sub"]) > MAX_SUBJECT:
        raise Refused(f"the ID token's subject ('sub') is over {MAX_SUBJECT} characters")
    return claims
