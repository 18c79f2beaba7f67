"""What the intake page shows and its JSON twin returns: the problems, each pointed at its
form field (or line), the start gate's result and the estimate (response models)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from infragate.design import model as out

Source = Literal["form", "text"]


class FieldProblem(BaseModel):
    """Something wrong with the request, pointed at where it was written."""

    message: str
    fix: str
    field: str | None = None  # the brief's dotted path, e.g. load.peak_rps
    form_field: str | None = None  # the intake form's field, e.g. peak_rps
    line: int | None = None  # in the brief's YAML text
    column: int | None = None


class GateLine(BaseModel):
    id: str
    slug: str
    title: str
    severity: str
    status: str
    reason: str
    fix: str
    field: str | None
    form_field: str | None
    line: int | None
    column: int | None
    waived_by: str | None


class GateView(BaseModel):
    """The start gate's result, as `infragate check --format json` gives it."""

    stage: str
    blocked: bool
    summary: dict[str, int]
    results: list[GateLine]


class Estimate(BaseModel):
    """The design's cost frame, as `infragate plan` computes it."""

    currency: Literal["USD"] = "USD"
    monthly_usd: out.Money
    by_environment: dict[str, out.Money]
    pricing: str
    pricing_as_of: str
    budget: out.Budget
    blockers: list[str]  # the design's blockers no waiver covers
    waived: list[str]


class IntakeView(BaseModel):
    """What the intake page shows and its JSON twin returns."""

    source: Source
    template: str | None
    valid: bool  # the brief model accepts the brief
    ready: bool  # valid, the gate open and no blocker left: it can be submitted
    problems: list[FieldProblem]
    brief: dict[str, Any] | None
    brief_yaml: str | None
    gate: GateView | None
    estimate: Estimate | None
    no_estimate: str | None  # why there is no estimate yet
    examples: list[FieldProblem] = []  # values still a template's example (GATE014), each

    def notes_by_field(self) -> dict[str, list[str]]:
        """What to show beside each form field: its problems, then the gate rules that
        failed or warned on it."""
        notes: dict[str, list[str]] = {}
        for p in self.problems:
            if p.form_field:
                notes.setdefault(p.form_field, []).append(f"{p.message} ({p.fix})")
        for e in self.examples:
            if e.form_field:
                notes.setdefault(e.form_field, []).append(f"{e.message} ({e.fix})")
        named = {e.form_field for e in self.examples}  # GATE014 says it once, at the first
        for g in self.gate.results if self.gate else []:
            if g.form_field and g.status in ("fail", "warn") and g.form_field not in named:
                notes.setdefault(g.form_field, []).append(f"{g.id}: {g.reason}")
        return notes
