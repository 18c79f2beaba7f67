"""Known token formats: a provider prefix, a fixed shape and, where the format carries one, a
checksum, so a match is a token and not a word that happens to start the same way.

Shapes after gitleaks' default rules (github.com/gitleaks/gitleaks, config/gitleaks.toml,
read 2026-11-25) and detect-secrets' plugins (detect_secrets/plugins/*.py, 1.5.0, read
2026-11-29). Checksums: GitHub's tokens end in the CRC32 of their 30 random characters,
base62-encoded in 6 characters ("Behind GitHub's new authentication token formats",
github.blog, 2021-04-05); npm's new tokens use the same scheme ("Announcing npm's new access
token format", github.blog, 2021-09-23). Both read 2026-11-29.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from infragate.audit import lazyre

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(number: int, width: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, 62)
        digits = BASE62[rest] + digits
    return digits.rjust(width, "0")


def crc32_checksum_ok(token: str) -> bool:
    """`prefix_` + 30 random base62 characters + their CRC32 in 6 base62 characters."""
    body = token.split("_", 1)[1]
    random_part, checksum = body[:-6], body[-6:]
    return base62(zlib.crc32(random_part.encode()), 6) == checksum


def _distinct(minimum: int) -> Callable[[str], bool]:
    # Shape-only formats: a run of one character ("AKIAXXXXXXXXXXXXXXXX") is a placeholder.
    return lambda token: len(set(token)) >= minimum


@dataclass(frozen=True)
class TokenFormat:
    detector: str  # stable name shown in the finding
    kind: str  # what it is, in words
    needles: tuple[str, ...]  # one must be in the text before the regex runs
    pattern: lazyre.AnyPattern
    valid: Callable[[str], bool]
    # A line that says the key is meant to be public lowers it to low confidence.
    public_when: lazyre.AnyPattern | None = None


FORMATS: tuple[TokenFormat, ...] = (
    TokenFormat("aws-key", "AWS access key ID", ("AKIA", "ASIA", "ABIA", "ACCA"),
                lazyre.compile(r"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b"), _distinct(8)),
    TokenFormat("github-token", "GitHub token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
                lazyre.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"), crc32_checksum_ok),
    TokenFormat("github-token", "GitHub fine-grained token", ("github_pat_",),
                lazyre.compile(r"\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b"), _distinct(20)),
    TokenFormat("npm-token", "npm access token", ("npm_",),
                lazyre.compile(r"\bnpm_[A-Za-z0-9]{36}\b"), crc32_checksum_ok),
    TokenFormat("gitlab-token", "GitLab personal access token", ("glpat-",),
                lazyre.compile(r"\bglpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])"), _distinct(10)),
    # Slack's tokens carry numeric workspace and user IDs: "xoxb-your-bot-token" has none.
    TokenFormat("slack-token", "Slack token", ("xox",),
                lazyre.compile(r"\bxox[baprs]-\d{8,13}-\d{8,13}(?:-\d{8,13})?-[A-Za-z0-9]{24,32}\b"), _distinct(10)),
    TokenFormat("slack-webhook", "Slack incoming webhook", ("hooks.slack.com",),
                lazyre.compile(r"https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}\b"), _distinct(10)),
    TokenFormat("stripe-key", "Stripe live secret key", ("k_live_",),
                lazyre.compile(r"\b[sr]k_live_[A-Za-z0-9]{24,99}\b"), _distinct(12)),
    TokenFormat("google-api-key", "Google API key", ("AIza",),
                lazyre.compile(r"\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"), _distinct(12),
                # Maps JavaScript keys ship in every page, restricted by referrer (Google Maps
                # Platform, "API security best practices", read 2026-11-29): public by design.
                lazyre.compile(r"maps?[._-]|maps\.googleapis|map_api|maps_key", re.I)),
    # OpenAI keys embed "T3BlbkFJ" (base64 of "OpenAI"); a plain "sk-..." is too common a word.
    TokenFormat("openai-key", "OpenAI API key", ("T3BlbkFJ",),
                lazyre.compile(r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}"), _distinct(12)),
    TokenFormat("anthropic-key", "Anthropic API key", ("sk-ant-",),
                lazyre.compile(r"\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,100}AA(?![A-Za-z0-9_-])"), _distinct(12)),
    TokenFormat("pypi-token", "PyPI upload token", ("pypi-AgEIcHlwaS5vcmc",),
                lazyre.compile(r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"), _distinct(12)),
    TokenFormat("sendgrid-key", "SendGrid API key", ("SG.",),
                lazyre.compile(r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"), _distinct(12)),
)  # fmt: skip
# AWS's documentation prints AKIAIOSFODNN7EXAMPLE as its sample key ID (IAM User Guide,
# "Manage access keys for IAM users", read 2026-11-25); samples elsewhere end the same way.
DOCUMENTED_EXAMPLE = lazyre.compile(r"EXAMPLE|example", re.I)


def is_invalid_token(value: str) -> bool:
    """Shaped like a known token but failing its check (a wrong checksum): not a credential."""
    return any(f.pattern.fullmatch(value) and not f.valid(value) for f in FORMATS)
