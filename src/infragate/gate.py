"""Evaluate the gate rules of a stage against a brief."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from infragate.brief.loader import LoadedBrief
from infragate.catalog.model import Catalog
from infragate.lifecycle.waivers import Waiver
from infragate.pricing.book import available
from infragate.rules.base import GateContext, GateRule, Severity, Stage, Status
from infragate.rules.gate import GATE_RULES


@dataclass(frozen=True)
class RuleResult:
    rule: GateRule
    status: Status
    reason: str
    field: str | None
    line: int | None
    column: int | None
    waiver: Waiver | None = None


@dataclass(frozen=True)
class GateReport:
    stage: Stage
    brief_path: str
    results: tuple[RuleResult, ...]

    @property
    def blocked(self) -> bool:
        return any(r.status is Status.failed for r in self.results)

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)


def _key(dotted: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for chunk in dotted.replace("]", "").split("."):
        name, _, index = chunk.partition("[")
        parts.append(name)
        if index:
            parts.append(int(index))
    return tuple(parts)


def evaluate(
    loaded: LoadedBrief,
    catalog: Catalog,
    stage: Stage = Stage.design,
    rules: tuple[GateRule, ...] = GATE_RULES,
    waivers: Mapping[str, Waiver] | None = None,
) -> GateReport:
    """`waivers`: the waivers in force, by key; a waived blocker is reported, not blocking."""
    ctx = GateContext(loaded.brief, catalog, frozenset(available()))
    results = []
    for rule in rules:
        if rule.stage is not stage:
            continue
        outcome = rule.check(ctx)
        if outcome.ok:
            status = Status.passed
        else:
            status = Status.failed if rule.severity is Severity.blocker else Status.warned
        waiver = (waivers or {}).get(rule.id) if status is Status.failed else None
        if waiver is not None:
            status = Status.waived
        where = loaded.document.locate(_key(outcome.field)) if outcome.field else None
        results.append(
            RuleResult(
                rule,
                status,
                outcome.reason,
                outcome.field,
                where[0] if where else None,
                where[1] if where else None,
                waiver,
            )
        )
    return GateReport(stage, str(loaded.path), tuple(results))
