"""Detectors that read one line: private keys, credentials in URLs, framework secrets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from infragate.audit import lazyre
from infragate.audit.secrets.places import Place
from infragate.audit.secrets.values import (
    is_local_host,
    is_service_name,
    is_stand_in,
    looks_random,
)


@dataclass(frozen=True)
class LineHit:
    detector: str
    kind: str
    confidence: str
    start: int  # the secret's span in the line
    end: int


PRIVATE_KEY = lazyre.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
# A key has a body: base64 on the next line, or after an escaped newline in a string.
KEY_BODY = lazyre.compile(r"^[\s\"'`]*(?:[A-Za-z0-9+/]{40,}|Proc-Type:)")
ESCAPED_BODY = lazyre.compile(r"^(?:\\r)?\\n[A-Za-z0-9+/]{40,}")


def private_key(lines: list[str], index: int) -> LineHit | None:
    line = lines[index]
    match = PRIVATE_KEY.search(line)
    if match is None:
        return None
    after = line[match.end() :]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if (
        ESCAPED_BODY.match(after)
        or KEY_BODY.match(following)
        or re.match(r"[A-Za-z0-9+/]{40,}", after)
    ):
        return LineHit("private-key", "private key", "high", match.start(), len(line))
    return None  # a marker in a regex, a document or an error message: no key


URL_CREDENTIAL = lazyre.compile(
    r"\b(?P<scheme>[a-z][a-z0-9+.-]{1,20})://(?P<user>[^/\s:@'\"$<{]+):(?P<password>[^@\s'\"/]+)@"
    r"(?P<host>\[[0-9a-f:]+\]|[A-Za-z0-9_.-]+)",
    re.I,
)
# Go's MySQL driver writes its DSN without a scheme: user:password@tcp(host:port)/db.
GO_DSN = lazyre.compile(
    r"(?P<user>[A-Za-z0-9_.-]+):(?P<password>[^@\s'\"/]+)@(?:tcp|unix)\((?P<host>[^:)]+)"
)


def url_credential(line: str, place: Place) -> LineHit | None:
    """user:password@host in a URL: a credential when the host is reachable from elsewhere.
    localhost, 127.0.0.1, host.docker.internal and reserved names are a developer's machine;
    a bare service name (`db`, `postgres`) is a container network, production's only when a
    deploy file says so."""
    for pattern in (URL_CREDENTIAL, GO_DSN):
        for match in pattern.finditer(line):
            user, password, host = match.group("user", "password", "host")
            if password == user or is_stand_in(password, user) or is_local_host(host):
                continue
            span = (match.start("password"), match.end("password"))
            if is_service_name(host) and place is not Place.operations:
                continue  # a compose or CI container network
            if place is Place.template and not looks_random(password):
                continue
            local = place in (Place.local, Place.template) or is_service_name(host)
            confidence = "medium" if local else "high"
            return LineHit("url-credential", "password in a connection string", confidence, *span)
    return None


# Django's startproject writes a SECRET_KEY prefixed "django-insecure-" (Django 3.2 release
# notes, "django-admin startproject", read 2026-11-29): a development key, unsafe in production.
DJANGO_INSECURE = lazyre.compile(r"""["']?(django-insecure-[^"'\s]{20,})""")
FALLBACK = lazyre.compile(r"environ|getenv|env\(|config\(", re.I)
# Laravel's `php artisan key:generate` writes APP_KEY=base64:<32 bytes> into .env.
LARAVEL_KEY = lazyre.compile(r"^\s*APP_KEY\s*=\s*[\"']?(base64:[A-Za-z0-9+/]{40,}={0,2})")


def framework_secret(line: str, place: Place) -> LineHit | None:
    """A framework's signing key hard-coded where production reads it."""
    match = DJANGO_INSECURE.search(line)
    if match and not FALLBACK.search(line):  # a default behind os.environ is not read in prod
        confidence = {Place.operations: "high", Place.ordinary: "medium"}.get(place, "low")
        return LineHit("django-secret-key", "Django development SECRET_KEY (django-insecure-)",
                       confidence, match.start(1), match.end(1))  # fmt: skip
    match = LARAVEL_KEY.search(line)
    if match:
        confidence = "high" if place is Place.operations else "low"
        return LineHit(
            "laravel-app-key", "Laravel APP_KEY", confidence, match.start(1), match.end(1)
        )
    return None
