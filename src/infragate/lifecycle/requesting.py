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
from infragate.lifecycle import policy
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
            raise Refused(
                f"a project named {cand.name} already exists ({project.state}); give the new "
                "project another name, or change this one from its own page"
            )
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
    awaiting = [
        (role, policy.who_can_approve(cand.brief, role))
        for role in policy.missing_roles(cand.brief, [])
    ]
    return RequestResult(
        cand.name, project.state, cand.sha256, str(cand.design["cost"]["monthly_usd"]), awaiting
    )


def requested_brief(store: Store, name: str) -> str | None:
    """The brief as the project's request wrote it, for download; None without a request."""
    with store.read() as conn:
        project = repo.find_project(conn, name)
        events = repo.events(conn, project) if project else []
    texts = [str(e.payload["brief_yaml"]) for e in events if e.kind == REQUESTED]
    return texts[-1] if texts else None
