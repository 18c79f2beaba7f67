"""How a datastore fact is worded: its engine's canonical name, and whether the repository
declares it for production, as a default, or for development and tests only."""

from __future__ import annotations

from infragate.audit.inventory.model import Inventory
from infragate.audit.model import Fact
from infragate.audit.paths import PathClass, excludes, of

DEV_TEST = "dev/test only"
DEFAULT = "default when unset"

# Files only development, tests or CI read: by folder, or by a dev/test word in the name.
DEV_OR_TEST = of(PathClass.LOCAL_DEV, PathClass.TEST_DIR, PathClass.TEST_DATA, PathClass.EXAMPLE,
                 PathClass.CI, PathClass.TEST_VARIANT, PathClass.LOCAL_NAME)  # fmt: skip
ENGINE_NAMES = {
    "postgresql": "postgres", "aurora-postgresql": "postgres", "aurora-mysql": "mysql",
    "aurora": "mysql", "mongodb+srv": "mongodb", "rediss": "redis", "sqlserver": "sqlserver",
    "mysql8": "mysql", "pgsql": "postgres", "pg": "postgres", "postgis": "postgres",
    "sqlsrv": "sqlserver", "mssql": "sqlserver", "trilogy": "mysql", "mongo": "mongodb",
    "turso": "sqlite", "libsql": "sqlite",
}  # fmt: skip


def engine_name(raw: str) -> str:
    raw = raw.lower()
    for prefix, name in (
        ("postgres", "postgres"),
        ("mysql", "mysql"),
        ("sqlite", "sqlite"),
        ("sqlserver", "sqlserver"),
    ):
        if raw.startswith(prefix):
            return name
    return ENGINE_NAMES.get(raw, raw)


def dev_or_test_path(path: str) -> bool:
    """A file only development or tests read: by folder, or by a dev/test word in its name."""
    return excludes(path, DEV_OR_TEST)


def is_dev_or_test(fact: Fact) -> bool:
    return DEV_TEST in fact.detail


def production_declared(fact: Fact) -> bool:
    """The repository says production runs on this store (not a default, not dev/test)."""
    return DEV_TEST not in fact.detail and DEFAULT not in fact.detail


def add_store(inv: Inventory, engine: str, path: str, line: int | None, how: str,
              *, dev: bool = False, default: bool = False) -> None:  # fmt: skip
    marks = (
        [how]
        + ([DEV_TEST] if dev or dev_or_test_path(path) else [])
        + ([DEFAULT] if default else [])
    )
    inv.add("datastore", engine_name(engine), path, line, detail="; ".join(marks))
