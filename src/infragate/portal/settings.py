"""How the portal runs: its store, the secret that signs session cookies, and whether cookies
are marked Secure (behind TLS).

The secret comes from INFRAGATE_PORTAL_SECRET or, failing that, from a file in the user's data
directory created on first use (mode 0600), so several worker processes of one portal share
it and sessions survive a restart. OIDC sign-in is configured apart: oidc_settings.py.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from infragate.portal.oidc_settings import OidcSettings, load_oidc
from infragate.store.location import database_url

ENV_SECRET = "INFRAGATE_PORTAL_SECRET"
ENV_SECURE = "INFRAGATE_PORTAL_SECURE_COOKIES"
SECRET_FILE = "portal-secret"
SESSION_HOURS = 12


@dataclass(frozen=True)
class Settings:
    store_url: str
    secret: str
    secure_cookies: bool = False
    session_seconds: int = SESSION_HOURS * 3600
    oidc: OidcSettings | None = None  # sign-in through an OpenID provider, when configured


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


def load_settings(store_url: str | None = None) -> Settings:
    secret = os.environ.get(ENV_SECRET) or _secret_from_file(_data_dir() / SECRET_FILE)
    secure = os.environ.get(ENV_SECURE, "").lower() in ("1", "true", "yes")
    return Settings(store_url or database_url(), secret, secure, oidc=load_oidc())
