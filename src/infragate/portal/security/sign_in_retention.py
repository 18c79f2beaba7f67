"""How long the sign-in record keeps its entries, and the pruning that holds it to that.

No cron: every recorded sign-in (security/sign_in.py) prunes the oldest entries past the
retention, a few at a time, in the transaction that records it, so the record stays within
the retention while the portal is used and no sign-in pays for a backlog. `infragate users
prune-sign-ins` prunes everything past it at once (after lowering the setting, or from a
scheduler where the portal sits idle for long).
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select

from infragate.errors import UsageError
from infragate.portal.security.sign_in_record import moved
from infragate.store import tables as t
from infragate.store.engine import Store

ENV_RETENTION = "INFRAGATE_SIGN_IN_RETENTION_DAYS"
# A year and a month. PCI DSS v4.0.1 requirement 10.5.1 asks for 12 months of audit log
# history (withpci.com/requirements/10/10.5/10.5.1, read 2026-12-07), and a yearly access
# review or audit looks back over a whole year some weeks after it ends. Not forever: the
# entries name people and the addresses they came from, which the GDPR's storage limitation
# (Regulation (EU) 2016/679, article 5(1)(e), read 2026-12-07) keeps no longer than needed.
DEFAULT_RETENTION_DAYS = 400
MAX_RETENTION_DAYS = 36_500  # a century: longer is "forever", and past what dates can say
# Pruned with each recorded sign-in at most: more than one sign-in ever adds, so a backlog
# (after the setting was lowered) drains, while no sign-in waits for a big delete.
PRUNE_BATCH = 200
# `prune-sign-ins` deletes in transactions this large, so sign-ins can interleave on SQLite.
COMMAND_BATCH = 10_000
DAY = 86_400


def retention_days(given: str | None) -> int:
    """ENV_RETENTION's value (the default when unset); UsageError naming the variable when
    it is not a whole number of days from 1 to MAX_RETENTION_DAYS."""
    if given is None or not given.strip():
        return DEFAULT_RETENTION_DAYS
    try:
        days = int(given.strip())
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise UsageError(
            f"{ENV_RETENTION}: '{given}' is not a whole number of days from 1 to "
            f"{MAX_RETENTION_DAYS:,}; unset it for the default of {DEFAULT_RETENTION_DAYS}"
        )
    return days


def cutoff(now: str, days: int) -> str:
    """The time before which entries are past a retention of `days`, in the record's form."""
    return moved(now, -days * DAY)


def prune(conn: Connection, before: str, limit: int) -> int:
    """Delete up to `limit` entries older than `before`, the oldest first; how many."""
    oldest = (
        select(t.sign_ins.c.id)
        .where(t.sign_ins.c.at < before)
        .order_by(t.sign_ins.c.at)
        .limit(limit)
    )
    return int(conn.execute(delete(t.sign_ins).where(t.sign_ins.c.id.in_(oldest))).rowcount)


def prune_all(store: Store, now: str, days: int) -> int:
    """Delete every entry past a retention of `days` at `now`; how many."""
    before, pruned = cutoff(now, days), 0
    while True:
        with store.write() as conn:
            done = prune(conn, before, COMMAND_BATCH)
        pruned += done
        if done < COMMAND_BATCH:
            return pruned
