"""Imported bills in the store: record an import (replacing the billing periods it covers),
and read the facts and top resources back for the reports.

A billing period is identified by its billing account and its first day: importing a file
that covers (account, period) again deletes what an earlier import held for it, so an import
is idempotent and a corrected export simply replaces the first one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from infragate.canonical import canonical_json
from infragate.costs.model import Fact, TopResource
from infragate.store import tables as t

# Rows per INSERT statement: bounded parameters for both drivers.
BATCH = 2_000
Period = tuple[str | None, str]


def _period_clause(table: Any, periods: Sequence[Period]) -> Any:
    clauses = [
        and_(
            table.c.billing_account.is_(None)
            if account is None
            else table.c.billing_account == account,
            table.c.billing_period == period,
        )
        for account, period in periods
    ]
    return or_(*clauses) if clauses else None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def replace_periods(
    conn: Connection,
    *,
    file_name: str,
    sha256: str,
    focus_version: str,
    rows: int,
    periods: Sequence[Period],
    totals: dict[str, dict[str, str]],
    tag_map: str,
    at: str,
    actor: str,
    facts: Iterable[Fact],
    top: Iterable[TopResource],
) -> tuple[int, list[int]]:
    """Store one import; returns its id and the ids of the imports it replaced entirely."""
    inserted = conn.execute(
        insert(t.cost_imports).values(
            file_name=file_name,
            sha256=sha256,
            focus_version=focus_version,
            rows=rows,
            periods=canonical_json([list(p) for p in periods]),
            totals=canonical_json(totals),
            tag_map=tag_map,
            imported_at=at,
            imported_by=actor,
        )
    ).inserted_primary_key
    assert inserted is not None
    new_id = int(inserted[0])
    touched: set[int] = set()
    clause = _period_clause(t.cost_facts, periods)
    if clause is not None:
        touched = {
            r[0] for r in conn.execute(select(t.cost_facts.c.import_id).where(clause).distinct())
        }
        conn.execute(delete(t.cost_facts).where(clause))
        top_periods = {p for _, p in periods}
        if touched:
            conn.execute(
                delete(t.cost_top_resources).where(
                    t.cost_top_resources.c.import_id.in_(touched),
                    t.cost_top_resources.c.billing_period.in_(top_periods),
                )
            )
    _insert(conn, t.cost_facts, (_fact_row(new_id, f) for f in facts))
    _insert(conn, t.cost_top_resources, (_top_row(new_id, r) for r in top))
    emptied = [
        i
        for i in sorted(touched)
        if conn.execute(select(t.cost_facts.c.id).where(t.cost_facts.c.import_id == i)).first()
        is None
    ]
    if emptied:
        conn.execute(
            update(t.cost_imports)
            .where(t.cost_imports.c.id.in_(emptied))
            .values(replaced_by=new_id)
        )
    return int(new_id), emptied


def _insert(conn: Connection, table: Any, rows: Iterable[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            conn.execute(insert(table), batch)
            batch = []
    if batch:
        conn.execute(insert(table), batch)


def _fact_row(import_id: int, fact: Fact) -> dict[str, Any]:
    row = dict(vars(fact))  # a shallow copy: dataclasses.asdict deep-copies, 20x slower
    for key in ("billed", "effective", "list_cost", "consumed_quantity"):
        row[key] = _money(row[key])
    row["import_id"] = import_id
    return row


def _top_row(import_id: int, top: TopResource) -> dict[str, Any]:
    row = dict(vars(top))
    row["effective"] = _money(top.effective)
    row["billed"] = _money(top.billed)
    row["import_id"] = import_id
    return row


FACT_COLUMNS = tuple(c for c in Fact.__dataclass_fields__)


def facts(conn: Connection, projects: Sequence[str] | None = None) -> list[Fact]:
    """Every stored fact, or those of the named projects (and never unattributed spend)."""
    cols = [t.cost_facts.c[name] for name in FACT_COLUMNS]
    query = select(*cols)
    if projects is not None:
        query = query.where(t.cost_facts.c.project.in_(list(projects)))
    out = []
    for row in conn.execute(query.order_by(t.cost_facts.c.id)):
        values = dict(zip(FACT_COLUMNS, row, strict=True))
        for key in ("billed", "effective"):
            values[key] = Decimal(values[key])
        for key in ("list_cost", "consumed_quantity"):
            values[key] = None if values[key] is None else Decimal(values[key])
        values["in_window"] = bool(values["in_window"])
        out.append(Fact(**values))
    return out


def top_resources(conn: Connection) -> list[TopResource]:
    c = t.cost_top_resources.c
    rows = conn.execute(
        select(
            c.billing_period,
            c.project,
            c.environment,
            c.component,
            c.resource_id,
            c.resource_name,
            c.service,
            c.effective,
            c.billed,
        ).order_by(c.id)
    )
    return [
        TopResource(*row[:7], effective=Decimal(row[7]), billed=Decimal(row[8])) for row in rows
    ]


def imports(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(t.cost_imports).order_by(t.cost_imports.c.id)).mappings()
    out = []
    for row in rows:
        record = dict(row)
        record["periods"] = json.loads(record["periods"])
        record["totals"] = json.loads(record["totals"])
        out.append(record)
    return out
