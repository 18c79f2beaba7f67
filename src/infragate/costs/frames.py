"""What each project was approved to cost: the cost frame of every frozen baseline, per
environment and component, and which baseline was in force on a given day.

A baseline is in force from the day it was frozen until the next one is; spend on days before
the first freeze has no frame (the project was never frozen then). A month's expected cost is
the frame in force on each day, pro rata: a baseline frozen on the 16th of a 30-day month
contributes 15/30 of its frame.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from infragate.store import repository as repo


@dataclass(frozen=True)
class EnvironmentFrame:
    name: str
    schedule: str  # always_on, business_hours, ephemeral (catalog schedules)
    hours_per_month: int
    ttl_hours: int | None
    instances_per_month: int | None
    monthly_usd: Decimal


@dataclass(frozen=True)
class ComponentFrame:
    environment: str
    id: str
    kind: str
    size: str | None
    count: int
    hours_per_month: int
    monthly_usd: Decimal
    lines: tuple[dict[str, Any], ...]  # the cost lines of the design, as frozen


@dataclass(frozen=True)
class Frame:
    """One frozen baseline's cost frame."""

    project: str
    version: int
    frozen_on: date
    team: str | None
    cost_center: str | None
    monthly_usd: Decimal
    budget_usd: Decimal | None
    hard_limit: bool
    environments: dict[str, EnvironmentFrame]
    components: dict[tuple[str, str], ComponentFrame]

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Frame:
        design = document["design"]
        project = document["brief"].get("project") or {}
        lines_by: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for line in design["cost"]["lines"]:
            lines_by.setdefault((line["environment"], line["component"]), []).append(line)
        budget = design["cost"]["budget"]
        return cls(
            project=document["project"],
            version=int(document["version"]),
            frozen_on=date.fromisoformat(str(document["frozen_at"])[:10]),
            team=project.get("team"),
            cost_center=project.get("cost_center"),
            monthly_usd=Decimal(str(design["cost"]["monthly_usd"])),
            budget_usd=None
            if budget.get("monthly_usd") is None
            else Decimal(str(budget["monthly_usd"])),
            hard_limit=bool(budget.get("hard_limit")),
            environments={
                e["name"]: EnvironmentFrame(
                    e["name"],
                    e["schedule"],
                    int(e["hours_per_month"]),
                    e.get("ttl_hours"),
                    e.get("instances_per_month"),
                    Decimal(str(e["monthly_usd"])),
                )
                for e in design["environments"]
            },
            components={
                (c["environment"], c["id"]): ComponentFrame(
                    c["environment"],
                    c["id"],
                    c["kind"],
                    c.get("size"),
                    int(c["count"]),
                    int(c["hours_per_month"]),
                    Decimal(str(c["monthly_usd"])),
                    tuple(lines_by.get((c["environment"], c["id"]), [])),
                )
                for c in design["components"]
            },
        )


@dataclass(frozen=True)
class ProjectFrames:
    name: str
    state: str  # lifecycle state (draft ... retired)
    frames: tuple[Frame, ...]  # by version

    @property
    def latest(self) -> Frame | None:
        return self.frames[-1] if self.frames else None

    def in_force(self, day: date) -> Frame | None:
        current = None
        for frame in self.frames:
            if frame.frozen_on <= day:
                current = frame
        return current

    def environments(self) -> set[str]:
        """Every environment any baseline of the project has had."""
        return {name for f in self.frames for name in f.environments}


def days_of_month(period_start: date) -> list[date]:
    last = calendar.monthrange(period_start.year, period_start.month)[1]
    return [period_start.replace(day=d) for d in range(1, last + 1)]


def daily_share(monthly: Decimal, day: date) -> Decimal:
    return monthly / calendar.monthrange(day.year, day.month)[1]


def expected(
    project: ProjectFrames,
    days: Sequence[date],
    environment: str | None = None,
    component: str | None = None,
) -> Decimal:
    """What the frames in force on `days` expect, whole project or one environment or one
    component (unrounded: rounding happens once, where a figure is shown)."""
    total = Decimal(0)
    for day in days:
        frame = project.in_force(day)
        if frame is None:
            continue
        if component is not None and environment is not None:
            c = frame.components.get((environment, component))
            monthly = c.monthly_usd if c else Decimal(0)
        elif environment is not None:
            e = frame.environments.get(environment)
            monthly = e.monthly_usd if e else Decimal(0)
        else:
            monthly = frame.monthly_usd
        total += daily_share(monthly, day)
    return total


def load(conn: Connection, names: Sequence[str] | None = None) -> dict[str, ProjectFrames]:
    """The frames of the named projects, or of every project in the store."""
    rows = repo.all_projects(conn)
    out: dict[str, ProjectFrames] = {}
    for row in rows:
        if names is not None and row.name not in names:
            continue
        frames = tuple(Frame.from_document(b.document) for b in repo.baselines(conn, row))
        out[row.name] = ProjectFrames(row.name, row.state.value, frames)
    return out
