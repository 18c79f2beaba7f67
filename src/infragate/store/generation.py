"""The store's generation: a value that changes whenever anything a page shows changes, so
that what was derived from the store (the queue, a project's page) can be kept until then.

Every change to a project appends an event to its trail in the same transaction, and the
event moves the project's `head_seq` forward (repository.append_event); projects are never
deleted. So (number of projects, sum of their head_seq) grows with every committed change
and never repeats. It is read from the projects table itself, not from the newest event's
id: on PostgreSQL ids are handed out before commit, so a later id can be visible before an
earlier one, and a cache keyed on it could miss a change for good."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from infragate.store import tables as t

Generation = tuple[int, int]

_QUERY = select(func.count(), func.coalesce(func.sum(t.projects.c.head_seq), 0))


def generation(conn: Connection) -> Generation:
    row = conn.execute(_QUERY).one()
    return int(row[0]), int(row[1])
