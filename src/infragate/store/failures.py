"""When the store fails: what happened, in words, and what a person does about it.

Every database error that reaches the CLI comes through `explain`, whatever command
met it and whenever (opening the store, migrating it, or a query half-way through a
command), and becomes a `StoreError`: exit code 2, one message, never a traceback.
A write transaction that failed has rolled back, so each message can say that nothing
was written.
"""

from __future__ import annotations

from infragate.errors import UsageError

BACKUP_DOC = "docs/trust-and-recovery.md: 'Backing up the store'"


class StoreError(UsageError):
    """The store cannot be used as it is; the message says why and what to do."""


def _sqlite_path(location: str) -> str:
    return location.removeprefix("SQLite file ")


def _message(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def explain(exc: BaseException, location: str, dialect: str) -> StoreError:
    """A `StoreError` for a database error met while using the store at `location`."""
    what = _message(exc)
    low = str(getattr(exc, "orig", None) or exc).lower()
    where = f"the store ({location})"
    if dialect == "sqlite":
        path = _sqlite_path(location)
        if "not a database" in low or "malformed" in low or "file is encrypted" in low:
            return StoreError(
                f"{where} is damaged: {what}. Nothing was written. Restore it from your latest "
                f"backup, or save what is readable: sqlite3 {path} '.recover' | sqlite3 "
                f"{path}.recovered, then point INFRAGATE_DATABASE_URL at sqlite:///{path}"
                f".recovered and run 'infragate verify --log' ({BACKUP_DOC})"
            )
        if "readonly" in low or "read-only" in low:
            return StoreError(
                f"{where} is read-only: {what}. Nothing was written. infragate writes the file "
                f"and, beside it, {path}-wal and {path}-shm: make the file and its folder "
                "writable for this user (or remount the disk read-write)"
            )
        if "unable to open database file" in low:
            return StoreError(
                f"{where} cannot be opened: {what}. Check that its folder exists and that this "
                "user may read and write the file and create files beside it"
            )
        if "disk is full" in low or "disk i/o error" in low:
            return StoreError(
                f"{where}: the disk refused a write ({what}). Nothing was written (the "
                "transaction rolled back). Free space on the disk (df -h) or check the device, "
                "then run the command again"
            )
        if "database is locked" in low or "database table is locked" in low:
            return StoreError(
                f"{where} stayed locked by another process for over 30 s: {what}. Wait for the "
                "other infragate command to finish (or stop it), then run this one again"
            )
    else:
        if "refused" in low:
            return StoreError(
                f"cannot reach {where}: nothing accepts connections there ({what}). Check the "
                "host and port in INFRAGATE_DATABASE_URL and that PostgreSQL runs there "
                "(pg_isready -h HOST -p PORT)"
            )
        if "timeout" in low or "timed out" in low:
            return StoreError(
                f"cannot reach {where}: no answer in time ({what}). Check the host and port in "
                "INFRAGATE_DATABASE_URL, that the host is reachable from here (a firewall, a "
                "VPN) and that PostgreSQL listens there; add ?connect_timeout=SECONDS to wait "
                "longer"
            )
        if "password authentication failed" in low or "no password supplied" in low:
            return StoreError(
                f"{where} refused the login: {what}. Check the user and password in "
                "INFRAGATE_DATABASE_URL (or ~/.pgpass)"
            )
        if "does not exist" in low and "database" in low:
            return StoreError(
                f"{where}: {what}. Create the database (createdb NAME) or correct its name in "
                "INFRAGATE_DATABASE_URL"
            )
        if (
            "invalid" in low
            or "could not translate host name" in low
            or "name or service not known" in low
        ):
            return StoreError(
                f"{where}: {what}. INFRAGATE_DATABASE_URL is not a usable address: write it "
                "as postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
            )
        if "read-only" in low or "no space left" in low or "disk full" in low:
            return StoreError(
                f"{where} refused a write: {what}. Nothing was written. Ask the database's "
                "administrator to free space or make it writable"
            )
        if "connection" in low or "server closed" in low or "terminat" in low:
            return StoreError(
                f"the connection to {where} failed: {what}. Nothing half-written stays (the "
                "transaction rolled back). Check that PostgreSQL runs and is reachable, then "
                "run the command again"
            )
    return StoreError(
        f"{where} failed: {what}. Nothing was written (the transaction rolled back). If it "
        f"persists, check the store with 'infragate verify --log' and restore it from a "
        f"backup ({BACKUP_DOC})"
    )


def newer_schema(location: str, found: str, known: str) -> StoreError:
    return StoreError(
        f"the store ({location}) has schema revision {found}, which this infragate does not "
        f"know (it knows up to {known}): a newer infragate wrote it. Upgrade infragate "
        "(pip install --upgrade infragate); never open the store with an older one, which "
        "would not understand what the newer one recorded"
    )
