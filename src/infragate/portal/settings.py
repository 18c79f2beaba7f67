"""How the portal runs: its store, the secret that signs session cookies, whether cookies
are marked Secure (behind TLS), how large a request's body may be (upload_cap.py), and how
long the sign-in record keeps its entries (security/sign_in_retention.py).

The secret comes from INFRAGATE_PORTAL_SECRET or, failing that, from a file in the user's data
directory created on first use (mode 0600), so several worker processes of one portal share
it and sessions survive a restart. OIDC sign-in is configured apart: oidc_settings.py.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from infragate.errors import UsageError
from infragate.portal.oidc_settings import OidcSettings, load_oidc
from infragate.portal.security.sign_in_retention import (
    DEFAULT_RETENTION_DAYS,
    ENV_RETENTION,
    retention_days,
)
from infragate.store.location import database_url

ENV_SECRET = "INFRAGATE_PORTAL_SECRET"
ENV_SECURE = "INFRAGATE_PORTAL_SECURE_COOKIES"
ENV_MAX_UPLOAD = "INFRAGATE_PORTAL_MAX_UPLOAD_MB"
SECRET_FILE = "portal-secret"
SESSION_HOURS = 12
MB = 1_000_000  # as the core counts its limits (evidence/reading.py: 2_000_000 bytes)
# Above every file the portal takes: an evidence record (2 MB at most), a brief (1 MB) and
# the Terraform state of one baseline, "well under 10 MB" (render/tfstate.py, whose 64 MB
# ceiling is for states no baseline makes). An administrator raises it with ENV_MAX_UPLOAD.
DEFAULT_MAX_UPLOAD_MB = 16


@dataclass(frozen=True)
class Settings:
    store_url: str
    secret: str
    secure_cookies: bool = False
    session_seconds: int = SESSION_HOURS * 3600
    oidc: OidcSettings | None = None  # sign-in through an OpenID provider, when configured
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * MB  # a request's body, files and form
    sign_in_retention_days: int = DEFAULT_RETENTION_DAYS  # older entries are pruned


def _data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "infragate"


def _secret_from_file(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    made = secrets.token_urlsafe(48)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(made + "\n")
    try:
        os.link(tmp, path)  # the first worker to get here wins; the others read its secret
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text().strip()


def max_upload_bytes(given: str | None) -> int:
    """ENV_MAX_UPLOAD's value in bytes (the default when unset); UsageError naming the
    variable when it is not a whole number of megabytes from 1 up."""
    if given is None or not given.strip():
        return DEFAULT_MAX_UPLOAD_MB * MB
    try:
        megabytes = int(given.strip())
    except ValueError:
        megabytes = 0
    if megabytes < 1:
        raise UsageError(
            f"{ENV_MAX_UPLOAD}: '{given}' is not a whole number of megabytes from 1 up "
            f"(1 MB = 1,000,000 bytes); unset it for the default of {DEFAULT_MAX_UPLOAD_MB}"
        )
    return megabytes * MB


def load_settings(store_url: str | None = None) -> Settings:
    """The settings in the environment; UsageError naming the variable when one is wrong."""
    secret = os.environ.get(ENV_SECRET) or _secret_from_file(_data_dir() / SECRET_FILE)
    secure = os.environ.get(ENV_SECURE, "").lower() in ("1", "true", "yes")
    return Settings(
        store_url or database_url(),
        secret,
        secure,
        oidc=load_oidc(),
        max_upload_bytes=max_upload_bytes(os.environ.get(ENV_MAX_UPLOAD)),
        sign_in_retention_days=retention_days(os.environ.get(ENV_RETENTION)),
    )
