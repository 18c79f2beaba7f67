"""Requesting a new project: its brief kept as written and its design recorded for
approval, the way `approve` records a design (candidate.record_design).

The portal's intake submits through here. A request names a new project: one that exists
past draft belongs to someone already, and is changed from its own page, not replaced."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from infragate.brief.loader import LoadedBrief
from infragate.brief.model import Role
from infragate.catalog.model import Catalog
from infragate.errors import Refused
from infragate.lifecycle import hosted, policy
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.candidate import candidate, record_design, refuse_blockers
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.store import repository as repo
from infragate.store.engine import Store

REQUESTED = "project.requested"


@dataclass(frozen=True)
class RequestResult:
    project: str
    state: State
    design_sha256: str
    monthly_usd: str
    awaiting: list[tuple[Role, list[str]]]  # each role still to approve, and who can


def taken(name: str, state: State) -> str:
    return (
        f"a project named {name} already exists ({state}); give the new project another "
        "name, or change this one from its own page"
    )


def state_if_taken(store: Store, name: str) -> State | None:
    """The state of the project of this name when a request for it would be refused."""
    with store.read() as conn:
        project = repo.find_project(conn, name)
    return project.state if project is not None and project.state is not State.draft else None


def request(
    store: Store,
    loaded: LoadedBrief,
    catalog: Catalog,
    clock: Clock,
    brief_text: str,
    template: str | None,
) -> RequestResult:
    """Record the brief (its text as written) and the design it yields, for approval."""
    cand = candidate(loaded, catalog)
    with store.write() as conn:
        project = repo.lock_project(conn, cand.name, clock.at, clock.actor)
        if project.state is not State.draft:
            raise Refused(taken(cand.name, project.state))
        refuse_blockers(
            wv.unwaived(cand.blockers, repo.waivers(conn, project), clock.today),
            "nothing can be requested",
        )
        repo.append_event(
            conn,
            project,
            clock.at,
            clock.actor,
            REQUESTED,
            {
                "template": template,
                "design_sha256": cand.sha256,
                "brief_sha256": hashlib.sha256(brief_text.encode()).hexdigest(),
                "brief_yaml": brief_text,
            },
        )
        project, _ = record_design(conn, project, cand, clock)
    # the portal's copy of the brief, which its approvals and downloads read (hosted.py)
    hosted.keep_brief(store, brief_text, clock, cand.name)
    awaiting = [
        (role, policy.who_can_approve(cand.brief, role))
        for role in policy.missing_roles(cand.brief, [])
    ]
    return RequestResult(
        cand.name, project.state, cand.sha256, str(cand.design["cost"]["monthly_usd"]), awaiting
    )


@dataclass(frozen=True)
class Requested:
    """A project's request as recorded: the brief as written, who asked, when, from what."""

    project: str
    brief_yaml: str
    requested_by: str
    at: str
    template: str | None


def requested(store: Store, name: str) -> Requested | None:
    """The project's latest request, for the brief's download; None without one."""
    with store.read() as conn:
        project = repo.find_project(conn, name)
        events = repo.events(conn, project) if project else []
    found = [e for e in events if e.kind == REQUESTED]
    if not found:
        return None
    last = found[-1]
    template = last.payload.get("template")
    return Requested(
        name,
        str(last.payload["brief_yaml"]),
        last.actor,
        last.at,
        str(template) if template else None,
    )
