"""Where the store is, without importing SQLAlchemy: commands that only need to know
whether a store exists (check, plan) stay fast.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_URL = "INFRAGATE_DATABASE_URL"


def default_sqlite_path() -> Path:
    """The embedded store: in the user's data directory (XDG), created on first use."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "infragate" / "infragate.db"


def database_url() -> str:
    url = os.environ.get(ENV_URL, "").strip()
    if not url:
        return f"sqlite:///{default_sqlite_path()}"
    # psycopg 3 is the driver we ship; a bare postgresql:// would ask for psycopg2
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare) :]
    return url


def store_exists() -> bool:
    return bool(os.environ.get(ENV_URL, "").strip()) or default_sqlite_path().exists()
