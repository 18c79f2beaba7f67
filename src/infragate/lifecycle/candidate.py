"""The design a brief yields now, and the steps every lifecycle operation shares."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from infragate.brief.loader import LoadedBrief
from infragate.brief.model import Brief
from infragate.canonical import digest
from infragate.catalog.model import Catalog
from infragate.errors import InfragateError, Refused
from infragate.lifecycle import baseline as bl
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State, can_move
from infragate.store import repository as repo


@dataclass(frozen=True)
class Candidate:
    """The design the brief in the repository yields now."""

    brief: Brief
    brief_data: dict[str, Any]
    design: dict[str, Any]
    sha256: str
    blockers: list[wv.Blocker]

    @property
    def name(self) -> str:
        return self.brief.project.name or "unnamed"


def candidate(loaded: LoadedBrief, catalog: Catalog) -> Candidate:
    """Gate and plan the brief; the blockers are what must be fixed or waived."""
    from infragate.design.planner import plan
    from infragate.gate import evaluate
    from infragate.pricing.book import load_pricebook
    from infragate.rules.base import Status

    brief = loaded.brief
    if not brief.project.name:
        raise Refused(
            f"{loaded.path}: project.name is missing; the lifecycle tracks projects by name"
        )
    report = evaluate(loaded, catalog)
    blockers = [
        wv.Blocker(r.rule.id, r.reason) for r in report.results if r.status is Status.failed
    ]
    cloud = brief.cloud
    try:
        if cloud.provider is None or cloud.region is None:
            raise Refused("cloud.provider and cloud.region are needed to price a design")
        design = plan(brief, catalog, load_pricebook(cloud.provider, cloud.region))
    except InfragateError as exc:
        failed = "; ".join(f"{b.key}: {b.reason}" for b in blockers)
        raise Refused(
            f"no design can be made from {loaded.path} ({exc.render()}). "
            f"Fix the brief first{': ' + failed if failed else ''}"
        ) from None
    blockers += [wv.Blocker(wv.blocker_key(text), text) for text in design.blockers]
    data: dict[str, Any] = json.loads(design.model_dump_json())
    return Candidate(brief, bl.brief_data(brief), data, digest(data), blockers)


def refuse_blockers(blockers: Sequence[wv.Blocker], what: str) -> None:
    if not blockers:
        return
    lines = "; ".join(f"{b.key}: {b.reason}" for b in blockers)
    raise Refused(
        f"{what}: the design gate is closed by {len(blockers)} blocker(s): {lines}. Fix the "
        "brief, or have the owner waive each one: infragate waive KEY --as EMAIL "
        "--reason TEXT --expires YYYY-MM-DD"
    )


def owner_name(brief: Brief, email: str) -> str:
    owner = brief.owner(email)
    return owner.name if owner else email


def move(
    conn: Connection,
    project: repo.ProjectRow,
    target: State,
    clock: Clock,
    why: str,
    design_sha256: str | None = None,
) -> repo.ProjectRow:
    if not can_move(project.state, target):  # a defect, not a user's mistake
        raise AssertionError(f"no move from {project.state} to {target}")
    return repo.set_state(conn, project, target, clock.at, clock.actor, why, design_sha256)


def record_design(
    conn: Connection, project: repo.ProjectRow, cand: Candidate, clock: Clock
) -> tuple[repo.ProjectRow, int]:
    """Record the candidate as the design awaiting approval, unless it already is; a new
    design voids the approvals of the one before. (the project as it now is, approvals
    voided). `approve` and the portal's intake record a design this one way."""
    if project.design_sha256 == cand.sha256:
        return project, 0
    voided = 0
    if project.design_sha256:
        voided = len(repo.approvals_for(conn, project, project.design_sha256, None))
    save_design(conn, project, cand, clock)
    repo.append_event(
        conn,
        project,
        clock.at,
        clock.actor,
        "design.recorded",
        {
            "design_sha256": cand.sha256,
            "monthly_usd": cand.design["cost"]["monthly_usd"],
            "waived_blockers": [b.key for b in cand.blockers],
            "voided_approvals": voided,
        },
    )
    project = move(
        conn, project, State.designed, clock, "design recorded for approval", cand.sha256
    )
    return project, voided


def save_design(conn: Connection, project: repo.ProjectRow, cand: Candidate, clock: Clock) -> None:
    """Store the candidate's design (with its brief and blockers) under its hash."""
    repo.save_design(
        conn,
        project,
        cand.sha256,
        cand.brief_data,
        cand.design,
        [b.as_dict() for b in cand.blockers],
        clock.at,
    )
