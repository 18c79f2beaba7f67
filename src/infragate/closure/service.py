"""The closure gate applied to a project: gather its context from the lock file, the
repository (drift) and the store, evaluate, and close (delivered -> maintenance)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.closure.actuals import actual_cost
from infragate.closure.gate import ClosureReport, evaluate
from infragate.closure.model import ClosureContext, OpenChange
from infragate.errors import InfragateError, Refused
from infragate.evidence.model import from_events
from infragate.lifecycle.candidate import move
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.render.context import Baseline
from infragate.store import change_requests as crs
from infragate.store import repository as repo
from infragate.store.engine import Store

CLOSED_EVENT_KIND = "closure.passed"


@dataclass(frozen=True)
class Inputs:
    """Where the gate reads the repository side from."""

    lock_path: Path
    brief_path: Path
    root: Path
    tfstate: Path | None = None
    environment: str | None = None  # of the state: None, from its environment tags


def context(
    store: Store, inputs: Inputs, clock: Clock
) -> tuple[ClosureContext, State | None, str | None]:
    """The gate's context, the project's state, and the environment the Terraform state
    (if any) was compared with; UnknownEnvironment (drift_state) when that cannot be told."""
    from infragate.render import drift, source
    from infragate.render.drift_findings import Kind

    day = clock.today
    lock = source.read(inputs.lock_path, inputs.brief_path, day, "nothing to close")
    name = str(lock.document.get("project") or "")
    problems = tuple(f"{c.name}: {c.detail}" for c in lock.failed)
    findings: tuple[str, ...] | None = None
    baseline, why, judged_in = None, None, None
    if lock.intact:
        report = drift.compare(
            inputs.root, inputs.lock_path, inputs.brief_path, day, inputs.tfstate,
            inputs.environment,
        )  # fmt: skip
        findings = tuple(
            f"{f.kind} {f.address or f.path}" + (f":{f.line}" if f.line else "")
            for f in report.findings
            if f.kind != Kind.unverified  # already in lock_problems
        )
        judged_in = report.environment
        try:
            baseline = lock.baseline()
        except InfragateError as exc:
            why = exc.render()
    else:
        why = "the lock file is damaged"
    ctx, state = in_store(store, name, lock.document, problems, findings, baseline, why, day)
    return ctx, state, judged_in


def in_store(
    store: Store,
    name: str,
    lock: dict[str, Any],
    lock_problems: tuple[str, ...],
    drift: tuple[str, ...] | None,
    baseline: Baseline | None,
    baseline_problem: str | None,
    day: date,
) -> tuple[ClosureContext, State]:
    """The context, completed with what the store holds of `name`: its latest baseline,
    trail, evidence, open change requests and actual cost; and the project's state."""
    with store.read() as conn:
        project = repo.find_project(conn, name)
        if project is None:
            raise Refused(f"{name} is not in the store ({store.location}); nothing to close")
        latest = repo.latest_baseline(conn, project)
        events = repo.events(conn, project)
        changes = [c for c in crs.changes(conn, project) if c.status in ("proposed", "approved")]
        actual = actual_cost(conn, name, int(lock.get("version") or 0))
    ctx = ClosureContext(
        project=name,
        lock=lock,
        lock_problems=lock_problems,
        store_version=latest.version if latest else None,
        drift=drift,
        baseline=baseline,
        baseline_problem=baseline_problem,
        events=tuple(events),
        evidence=tuple(from_events(events)),
        open_changes=tuple(OpenChange(c.number, c.status, c.requested_by) for c in changes),
        today=day,
        actual_monthly_usd=actual.monthly_usd,
        actual_period=actual.period,
        actual_unjudged=actual.why,
        cost_tolerance_pct=load_catalog().threshold("cost_variance_pct"),
    )
    return ctx, project.state


def check(store: Store, inputs: Inputs, clock: Clock) -> ClosureReport:
    ctx, state, _ = context(store, inputs, clock)
    return evaluate(ctx, state=str(state) if state else None)


def _state_judged(tfstate: Path | None, environment: str | None) -> dict[str, Any]:
    """The Terraform state drift was judged on, for the trail: its name, SHA-256 and the
    environment it was compared with."""
    if tfstate is None:
        return {}
    digest = hashlib.sha256(tfstate.read_bytes()).hexdigest()
    return {"tfstate": {"file": tfstate.name, "sha256": digest, "environment": environment}}


def close(store: Store, inputs: Inputs, clock: Clock, email: str) -> ClosureReport:
    """Evaluate and, when nothing fails, move delivered -> maintenance, signed by the lock's
    infra owner. A failing report is returned unchanged (the caller refuses with it)."""
    ctx, state, judged_in = context(store, inputs, clock)
    owners = (ctx.lock.get("brief") or {}).get("owners") or ()
    infra = [o for o in owners if str(Role.infra_owner) in o.get("roles", ())]
    if not any(str(o["email"]).lower() == email.lower() for o in infra):
        holders = ", ".join(f"{o['name']} <{o['email']}>" for o in infra) or "nobody"
        raise Refused(f"a project is closed by the lock's infra_owner: {holders}")
    report = evaluate(ctx, state=str(state) if state else None)
    if report.blocked:
        return report
    judged = _state_judged(inputs.tfstate, judged_in)
    with store.write() as conn:
        project = repo.lock_project(conn, ctx.project, clock.at, clock.actor)
        latest = repo.latest_baseline(conn, project)
        if latest is None or latest.version != ctx.version:
            raise Refused("the store's baseline moved while closing; run 'infragate close' again")
        if project.state is not State.delivered:
            raise Refused(
                f"{ctx.project} is {project.state}, not delivered: "
                + (
                    "it is already handed over"
                    if project.state is State.maintenance
                    else "only a delivered baseline is closed"
                )
            )
        repo.append_event(
            conn,
            project,
            clock.at,
            email,
            CLOSED_EVENT_KIND,
            {
                "baseline_version": ctx.version,
                "baseline_sha256": latest.sha256,
                "results": {r.rule.id: str(r.verdict) for r in report.results},
                **judged,
            },
        )
        move(conn, project, State.maintenance, clock, f"baseline v{ctx.version} closed by {email}")
    return ClosureReport(report.project, report.version, str(State.maintenance), report.results)
