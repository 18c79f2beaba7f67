"""Is a value a credential or a stand-in for one? Placeholders, templates, references to
something else, defaults everyone knows, and local development hosts."""

from __future__ import annotations

import ipaddress
import math
import re
import string
from collections import Counter

from infragate.audit import lazyre

# Words that mark a value as something to fill in, not a credential ("changethis",
# "xoxb-your-bot-token", "dummy-key"); matched against the value's words, not substrings.
PLACEHOLDER_WORDS = frozenset(
    {"change", "changeme", "changethis", "changeit", "replace", "replaceme", "your", "yours",
     "example", "examples", "sample", "dummy", "fake", "placeholder", "xxx", "xxxx", "todo",
     "fixme", "redacted", "insert", "enter", "here", "notasecret", "none", "null", "nil",
     "undefined", "secretpassword", "mysecret", "mypassword", "supersecret", "notsecret",
     "unused", "ignored", "missing", "required", "optional", "build"}
)  # fmt: skip
# Words of throwaway values ("test-secret", "dev-password"); a value with digits as well
# ("mytestkey123") is someone's actual choice and is judged like any other.
THROWAWAY_WORDS = frozenset(
    {"test", "testing", "dev", "development", "local", "localhost", "demo", "default", "foo",
     "bar", "baz", "mock", "stub", "ci"}
)  # fmt: skip
# Values made of these words alone say what they stand for: "my-secret-key", "build-key".
GENERIC_WORDS = frozenset(
    {"my", "the", "a", "some", "random", "string", "value", "secret", "key", "token", "api",
     "app", "password", "pass", "auth", "jwt", "session", "signing", "private", "access",
     "long", "very", "new", "super", "strong", "generate", "generated", "with", "of", "and"}
)  # fmt: skip
# Values every tutorial and image default uses: nobody's secret.
DEFAULTS = frozenset(
    {"password", "passwd", "pass", "pwd", "secret", "admin", "root", "postgres", "postgresql",
     "mysql", "mariadb", "mongo", "mongodb", "redis", "rabbitmq", "guest", "user", "username",
     "token", "key", "apikey", "api_key", "letmein", "qwerty", "123456", "12345678",
     "123456789", "1234567890", "password1", "password123", "admin123", "secret123",
     "s3cr3t", "p@ssw0rd", "passw0rd", "pa55word", "true", "false", "yes", "no", "on", "off",
     "hunter2", "sa", "app", "keycloak", "minio", "minioadmin", "airflow", "odoo"}
)  # fmt: skip
# A reference to a value held elsewhere: ${VAR}, {{ secrets.X }}, <token>, %(x)s. detect-secrets
# filters the same shapes (is_templated_secret, is_prefixed_with_dollar_sign,
# is_indirect_reference in detect_secrets/filters/heuristic.py, 1.5.0, read 2026-11-29).
TEMPLATE = lazyre.compile(r"^\$|\{\{|\$\{|\$\(|%\(|^%s$|^#\{|^<[^>]*>$|^\{[^}]*\}$|^\[[^\]]*\]$")
# Unquoted, more shapes are code or paths: os.environ[...], a call, a file to read it from.
REFERENCE = lazyre.compile(
    r"^[%<\[({@!*&]|\bos\.environ|\bprocess\.env|getenv|\bENV\[|\benv\(|secrets?\.|"
    r"\bvault:|secretsmanager|\bssm:|[)\]}>]$|^/|^\./|^~/|"
    r"\.(?:pem|key|crt|json|txt|ya?ml|env|p12|pfx|jks)$",
    re.I,
)
NUMBERED_DEFAULT = lazyre.compile(
    r"(?:test|dev|demo|local|admin|user|pass|password|secret|root|guest|changeme|qwerty)\d{1,4}"
)
SEQUENCES = (
    string.ascii_uppercase * 2 + string.digits + "+/",
    string.digits + string.ascii_uppercase * 2 + "+/",
    (string.digits + string.ascii_uppercase) * 2,
    string.digits * 3,
    string.digits[1:] + "0" + string.ascii_uppercase,
    string.hexdigits.upper()[:16] * 2,
    string.ascii_uppercase + "=/",
)
WORD = lazyre.compile(r"[A-Za-z]+|\d+")
# RFC 2606 reserves .test, .example, .invalid, .localhost and example.com/.net/.org for
# documentation and testing (read 2026-11-29).
LOCAL_SUFFIXES = (".localhost", ".local", ".test", ".example", ".invalid", ".example.com",
                  ".example.org", ".example.net")  # fmt: skip
LOCAL_NAMES = frozenset({"localhost", "host.docker.internal", "gateway.docker.internal",
                         "example.com", "example.org", "example.net", "0.0.0.0"})  # fmt: skip


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(value)
    total = len(value)
    return -sum(c / total * math.log2(c / total) for c in counts.values())


def _words(value: str) -> list[str]:
    # Split camelCase too: "yourApiKey" -> your, api, key.
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", value)
    return [w.lower() for w in WORD.findall(spaced)]


def is_sequential(value: str) -> bool:
    upper = value.upper()
    return any(upper in seq for seq in SEQUENCES)


def is_wordy(value: str) -> bool:
    """Made of words, as identifiers and messages are ("incorrectPassword", "login-token"),
    not of random characters."""
    if any(c.isdigit() for c in value):
        return False
    words = re.split(r"[-_.\s]+|(?<=[a-z])(?=[A-Z])", value)
    return len(words) >= 2 and all(len(w) >= 2 and w.isalpha() for w in words)


def is_stand_in(value: str, key: str = "", quoted: bool = True) -> bool:
    """True when the value is not a credential: empty, a placeholder, a reference to a value
    held elsewhere, a well-known default, the key's own name, or too plain to be a secret."""
    value = value.strip()
    if len(value) < 6 or len(set(value)) < 4 or not value.isascii():
        return True
    lowered = value.lower()
    if lowered in DEFAULTS or (key and lowered in key.lower().replace("-", "_")):
        return True
    if NUMBERED_DEFAULT.fullmatch(lowered):  # test123, admin2024
        return True
    if TEMPLATE.search(value) or (not quoted and REFERENCE.search(value)):
        return True
    if is_sequential(value) or not any(c.isalpha() for c in value):  # 000000, ********
        return True
    words = _words(value)
    if any(w in PLACEHOLDER_WORDS for w in words):
        return True
    letters = [w for w in words if not w.isdigit()]
    if all(w in GENERIC_WORDS for w in letters):
        return True
    has_digit = any(c.isdigit() for c in value)
    return not has_digit and any(w in THROWAWAY_WORDS for w in words)


def looks_random(value: str) -> bool:
    """High entropy and mixed characters: what a generated key looks like, not a word.
    Thresholds after detect-secrets' defaults (3.0 bits for hex, 4.5 for base64 strings of
    20+ characters), scaled down for short values whose entropy cannot reach them."""
    if len(value) < 12 or is_sequential(value) or is_wordy(value):
        return False
    has_digit = any(c.isdigit() for c in value)
    has_upper = any(c.isupper() for c in value)
    has_lower = any(c.islower() for c in value)
    if not ((has_digit and (has_upper or has_lower)) or (has_upper and has_lower)):
        return False
    return entropy(value) >= min(3.0, 0.75 * math.log2(len(value)))


def is_local_host(host: str) -> bool:
    """A host that only exists on a developer's machine or a local container network."""
    host = host.strip("[]").lower().rstrip(".")
    if host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def is_service_name(host: str) -> bool:
    """A bare name such as `db` or `postgres`: a compose service or a CI service container."""
    return bool(host) and "." not in host and ":" not in host.strip("[]")
