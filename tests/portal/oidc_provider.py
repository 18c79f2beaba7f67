"""A small, real OpenID provider for the tests: an HTTP server on 127.0.0.1 in a thread,
with a discovery document, its keys (JWKS), an authorization endpoint that signs in
`person` at once and redirects back with a code, and a token endpoint that checks the
client's secret, the redirect URI and the PKCE verifier before it returns an ID token signed
with an RSA key made for the test.

`tamper` overrides claims of the next ID tokens and `signing_key` signs them with another
key (same key id), so a test can hand the portal a token that is wrong in one way only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "infragate-portal"
CLIENT_SECRET = "test-client-secret"
KID = "test-key-1"


def new_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig", "alg": "RS256"})


@dataclass
class Provider:
    issuer: str = ""
    key: RSAKey = field(default_factory=new_key)
    signing_key: RSAKey | None = None  # None: sign with `key`, the one the JWKS publishes
    person: dict[str, Any] = field(
        default_factory=lambda: {
            "sub": "u-1001",
            "email": "nia@example.com",
            "email_verified": True,
            "name": "Nia Okafor",
        }
    )
    tamper: dict[str, Any] = field(default_factory=dict)
    discovery_issuer: str | None = None  # None: the real issuer
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)  # "METHOD /path", in order

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.discovery_issuer or self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        }

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        """A redirect back with a code, or 400 naming what is wrong with the request."""
        problems = [
            what
            for what, ok in (
                ("client_id", query.get("client_id") == CLIENT_ID),
                ("response_type", query.get("response_type") == "code"),
                ("scope", "openid" in query.get("scope", "").split()),
                ("code_challenge_method", query.get("code_challenge_method") == "S256"),
                ("code_challenge", bool(query.get("code_challenge"))),
                ("state", bool(query.get("state"))),
                ("nonce", bool(query.get("nonce"))),
                ("redirect_uri", bool(query.get("redirect_uri"))),
            )
            if not ok
        ]
        if problems:
            return 400, {}, {"error": "invalid_request", "fields": problems}
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "nonce": query["nonce"],
            "challenge": query["code_challenge"],
            "person": dict(self.person),
        }
        back = urlencode({"code": code, "state": query["state"]})
        return 302, {"Location": f"{query['redirect_uri']}?{back}"}, None

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, Any]:
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if authorization != f"Basic {expected}":
            return 401, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)  # a code is used once
        if form.get("grant_type") != "authorization_code" or grant is None:
            return 400, {"error": "invalid_grant", "error_description": "unknown code"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
        verifier = form.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verifier is wrong"}
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            **grant["person"],
            **self.tamper,
        }
        id_token = jwt.encode({"alg": "RS256", "kid": KID}, claims, self.signing_key or self.key)
        return 200, {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(
            self, status: int, body: Any = None, headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            provider.requests.append(f"GET {url.path}")
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._send(200, provider.discovery())
            elif url.path == "/jwks":
                self._send(200, {"keys": [provider.key.as_dict(private=False)]})
            elif url.path == "/authorize":
                status, headers, body = provider.authorize(query)
                self._send(status, body, headers)
            else:
                self._send(404, {"error": "not_found"})

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            provider.requests.append(f"POST {url.path}")
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if url.path == "/token":
                status, body = provider.token(form, self.headers.get("Authorization", ""))
                self._send(status, body, {"Cache-Control": "no-store"})
            else:
                self._send(404, {"error": "not_found"})

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet test output

    return Handler


@contextmanager
def running_provider() -> Iterator[Provider]:
    """A provider listening on a free port of 127.0.0.1 until the block ends."""
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
