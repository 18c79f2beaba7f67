"""The end of a project's life, and the waivers that let a blocker pass for a while."""

from __future__ import annotations

from datetime import date

from infragate.brief.loader import LoadedBrief
from infragate.brief.model import Role
from infragate.errors import Refused
from infragate.lifecycle import policy
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.candidate import move, owner_name
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State, can_move
from infragate.store import repository as repo
from infragate.store.engine import Store


def retire(store: Store, loaded: LoadedBrief, clock: Clock, email: str, reason: str) -> State:
    """End the project's life: no more approvals, changes or freezes. Returns the old state."""
    brief = loaded.brief
    name = brief.project.name or "unnamed"
    owner = brief.owner(email)
    if owner is None or Role.infra_owner not in owner.roles:
        holders = ", ".join(policy.who_can_approve(brief, Role.infra_owner)) or "nobody"
        raise Refused(f"a project is retired by the brief's infra_owner: {holders}")
    with store.write() as conn:
        project = repo.find_project(conn, name)
        if project is None:
            raise Refused(f"{name} is not in the store ({store.location}); nothing to retire")
        project = repo.lock_project(conn, name, clock.at, clock.actor)
        if not can_move(project.state, State.retired):
            raise Refused(
                f"{name} is {project.state}: only a project with a frozen baseline is retired "
                "(before that, there is nothing running to retire)"
            )
        move(conn, project, State.retired, clock, f"retired by {email}: {reason}")
        return project.state


def waive(
    store: Store,
    loaded: LoadedBrief,
    clock: Clock,
    key: str,
    email: str,
    reason: str,
    expires: date,
) -> wv.Waiver:
    brief = loaded.brief
    name = brief.project.name or "unnamed"
    why = wv.refusal(brief, key, email, reason, expires, clock.today)
    if why:
        raise Refused(f"waiver refused: {why}")
    waiver = wv.Waiver(
        key, email, owner_name(brief, email), reason.strip(), expires.isoformat(), clock.at
    )
    with store.write() as conn:
        project = repo.lock_project(conn, name, clock.at, clock.actor)
        repo.add_waiver(conn, project, waiver)
        repo.append_event(conn, project, clock.at, clock.actor, "waiver.granted", waiver.as_dict())
    return waiver
