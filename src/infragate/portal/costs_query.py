"""What a Costs page asks for (project, team, billing period) and what its filters offer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from infragate.costs.inputs import BillInputs
from infragate.costs.spend import covered_until
from infragate.errors import UsageError
from infragate.portal.costs_models import Filters

NO_TEAM = "(no team)"
NO_BILLS = "No bills are imported yet: run 'infragate costs import FILE...' first."
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class CostsQuery:
    project: str | None = None
    team: str | None = None
    period: str | None = None  # YYYY-MM
    as_of: date | None = None


def check_period(period: str | None) -> None:
    if period is not None and not _MONTH.match(period):
        raise UsageError(f"period {period!r}: expected a month as YYYY-MM, e.g. 2026-12")


def check_team(team: str | None, filters: Filters) -> None:
    if team is not None and team not in filters.teams:
        known = ", ".join(filters.teams) or "none"
        raise UsageError(f"team {team}: no project in the store has it (teams: {known})")


def filters_of(inputs: BillInputs) -> Filters:
    teams = {
        frame.team or NO_TEAM
        for frames in inputs.projects.values()
        if (frame := frames.latest) is not None
    }
    return Filters(
        projects=sorted(inputs.projects),
        teams=sorted(teams),
        periods=sorted((p[:7] for p in covered_until(inputs.facts)), reverse=True),
    )
