"""The actual monthly cost closure rule CLOSE011 judges: running spend (effective cost) of
the latest billing period that the imported bills cover entirely while the baseline being
closed was in force on every day of it (costs/variance.py `full_period_actual`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection

from infragate.costs import frames
from infragate.costs.spend import covered_until
from infragate.costs.variance import full_period_actual
from infragate.store import costs as cost_store


@dataclass(frozen=True)
class Actual:
    monthly_usd: Decimal | None  # None: cannot be judged yet, `why` says so
    period: str | None  # YYYY-MM judged
    why: str | None


def actual_cost(conn: Connection, project: str, version: int) -> Actual:
    facts = cost_store.facts(conn)  # every project's: a bill's coverage is the whole bill's
    if not facts:
        return Actual(None, None, None)  # the rule's own wording: no bills are imported
    known = frames.load(conn, [project])
    if project not in known or not any(f.project == project for f in facts):
        return Actual(None, None, f"no imported bill has spend tagged with project {project}")
    found, why = full_period_actual(known[project], version, facts, covered_until(facts))
    if found is None:
        return Actual(None, None, why)
    return Actual(found.effective, str(found.period)[:7], None)
