"""Open the store: resolve its URL, set up the connection, bring the schema to head.

Default: an embedded SQLite file (WAL mode) in the user's data directory, created on
first use. Server deployments set INFRAGATE_DATABASE_URL to a PostgreSQL URL
(psycopg 3). Every write transaction takes the database's write lock up front
(SQLite `BEGIN IMMEDIATE`; PostgreSQL `SELECT ... FOR UPDATE` on the project row, in
`repository`), so two processes acting on one project run one after the other.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, ProgrammingError

from infragate.errors import UsageError
from infragate.store import failures
from infragate.store.location import ENV_URL, database_url

# Marks a connection whose transactions write: SQLite takes its lock at BEGIN for those.
WRITE = "infragate_write"
# Writers wait this long for another writer's lock before giving up with a message.
BUSY_TIMEOUT_MS = 30_000
# Any 64-bit number, fixed: serialises migrations between processes on PostgreSQL.
PG_MIGRATION_LOCK = 0x696E667261676174
# How long to wait for PostgreSQL to answer before saying so (?connect_timeout= overrides):
# a host that drops packets, or a socket that accepts and never answers, must not hang.
PG_CONNECT_TIMEOUT_S = 10

T = TypeVar("T")


@dataclass(frozen=True)
class Store:
    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def location(self) -> str:
        """Where the store is, for people: a file path or a URL without its password."""
        return location_of(self.url)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction holding the write lock (SQLite) from its first statement."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{WRITE: True})
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def glance(self, ask: Callable[[Connection], T]) -> T:
        """`ask(conn)`: one read statement, outside any transaction on PostgreSQL (no BEGIN
        and ROLLBACK round trips: the portal asks two such questions on every request).
        Asked again, once, on a fresh connection when the pooled one had died (the server
        restarted): connections are not pinged before use, and the failure that finds a
        dead one renews the whole pool. Several statements that must agree use `read`."""
        for attempt in (1, 2):
            try:
                with self.engine.connect() as conn:
                    if self.dialect == "postgresql":
                        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                    return ask(conn)
            except DBAPIError as exc:
                if attempt == 2 or not exc.connection_invalidated:
                    raise
        raise AssertionError("unreachable")


def location_of(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite file {str(parsed.database).removeprefix('file:')}"
    return f"PostgreSQL {parsed.render_as_string(hide_password=True)}"


def failure(exc: BaseException, url: str | None = None) -> failures.StoreError:
    """What a database error met anywhere in a command means (store/failures.py)."""
    url = url or database_url()
    try:
        parsed = make_url(url)
        location, dialect = location_of(url), parsed.get_backend_name()
    except (ArgumentError, ValueError):
        location, dialect = "the configured store", "unknown"
    return failures.explain(exc, location, dialect)


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:" and not parsed.query.get("uri"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    # pysqlite's own transaction handling defers BEGIN and cannot take the write lock
    # up front; SQLAlchemy's documented recipe hands BEGIN to us.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")  # a committed freeze survives a crash
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writers take the lock up front, so two of them queue instead of deadlocking
        # on an upgrade; readers see a snapshot (WAL) and never wait for a writer.
        immediate = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    url = url or database_url()
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
        _ = parsed.port  # a port that is not a number fails here, not in the driver
    except (ArgumentError, ValueError):
        raise UsageError(
            f"{ENV_URL} is not a database URL: expected sqlite:///PATH or "
            "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
        ) from None
    if backend == "sqlite":
        engine = _sqlite_engine(url)
    elif backend == "postgresql":
        timeout = (
            {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
        )
        # No ping before each use (a round trip per connection taken from the pool): a
        # connection found dead invalidates the pool, and `glance`, which every portal
        # request starts with, asks again on a fresh one.
        engine = create_engine(url, connect_args=timeout)
    else:
        raise UsageError(f"{ENV_URL}: infragate stores in SQLite or PostgreSQL, not {backend}")
    store = Store(engine, url)
    if migrate:
        try:
            upgrade(store)
        except (DBAPIError, OSError) as exc:
            raise failure(exc, url) from None
    return store


def _alembic_config(conn: Connection | None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("infragate.store") / "migrations"))
    cfg.attributes["connection"] = conn
    return cfg


# The newest migration; a test checks it against Alembic's own view. Knowing it here
# lets a store already at head open without importing Alembic at all.
HEAD_REVISION = "0009"


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):
        conn.rollback()  # no such table yet: an empty store
        return None


@contextmanager
def _migration_lock(store: Store) -> Iterator[None]:
    if store.dialect == "sqlite":
        database = make_url(store.url).database
        if not database or database == ":memory:":
            yield
            return
        with Path(f"{database}.migrate-lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        return
    with store.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_MIGRATION_LOCK})
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_MIGRATION_LOCK})
            conn.commit()


def upgrade(store: Store, revision: str = "head") -> None:
    """Bring the schema to `revision`; cheap when it is already there."""
    target = HEAD_REVISION if revision == "head" else revision
    with store.read() as conn:
        found = current_revision(conn)
    if found == target:
        return
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    if found is not None:
        try:
            ScriptDirectory.from_config(_alembic_config(None)).get_revision(found)
        except CommandError:
            raise failures.newer_schema(store.location, found, HEAD_REVISION) from None
    with _migration_lock(store), store.write() as conn:
        command.upgrade(_alembic_config(conn), revision)
