"""Evaluate the closure rules: each result names the rule, what is missing and who can act."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infragate.closure.model import ClosureContext, ClosureRule, Verdict


@dataclass(frozen=True)
class ClosureResult:
    rule: ClosureRule
    verdict: Verdict
    reason: str
    who: tuple[str, ...]  # "role: Name <email>" of the people who can act on a failure

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.rule.id,
            "slug": self.rule.slug,
            "title": self.rule.title,
            "status": str(self.verdict),
            "reason": self.reason,
            "who_can_act": list(self.who),
            "fix": self.rule.fix,
        }


@dataclass(frozen=True)
class ClosureReport:
    project: str
    version: int
    state: str | None
    results: tuple[ClosureResult, ...]

    @property
    def blocked(self) -> bool:
        return any(r.verdict is Verdict.failed for r in self.results)

    def failures(self) -> list[ClosureResult]:
        return [r for r in self.results if r.verdict is Verdict.failed]

    def as_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "baseline_version": self.version,
            "state": self.state,
            "blocked": self.blocked,
            "results": [r.as_dict() for r in self.results],
        }


def who_can_act(ctx: ClosureContext, rule: ClosureRule) -> tuple[str, ...]:
    named = []
    for role in rule.acts:
        people = ctx.people(role)
        named.append(f"{role}: {', '.join(people) if people else 'nobody named in the lock'}")
    return tuple(named)


def evaluate(
    ctx: ClosureContext, rules: tuple[ClosureRule, ...] | None = None, state: str | None = None
) -> ClosureReport:
    if rules is None:
        from infragate.rules.closure import CLOSURE_RULES

        rules = CLOSURE_RULES
    results = []
    for rule in rules:
        outcome = rule.check(ctx)
        results.append(ClosureResult(rule, outcome.verdict, outcome.reason, who_can_act(ctx, rule)))
    return ClosureReport(ctx.project, ctx.version, state, tuple(results))
