"""The store's generation: a value that changes whenever anything a page shows changes, so
that what was derived from the store (the queue, a project's page) can be kept until then.

Every change to a project appends an event to its trail in the same transaction, and the
event moves the project's `head_seq` forward (repository.append_event); projects are never
deleted. So (number of projects, sum of their head_seq) grows with every committed change
and never repeats. It is read from the projects table itself, not from the newest event's
id: on PostgreSQL ids are handed out before commit, so a later id can be visible before an
earlier one, and a cache keyed on it could miss a change for good."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from infragate.store import tables as t

Generation = tuple[int, int]

_PROJECTS = select(func.count()).select_from(t.projects).scalar_subquery()
_EVENTS = select(func.coalesce(func.sum(t.projects.c.head_seq), 0)).scalar_subquery()
# For a query that asks something else too and wants the generation in the same round
# trip (the portal's "who is this?"): its row then carries these two labelled columns.
COLUMNS = (_PROJECTS.label("generation_projects"), _EVENTS.label("generation_events"))
_QUERY = select(*COLUMNS)


def generation(conn: Connection) -> Generation:
    return of_row(conn.execute(_QUERY).one())


def of_row(row: Any) -> Generation:
    return int(row.generation_projects), int(row.generation_events)
