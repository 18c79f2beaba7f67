"""The requests pages' data, kept until the store changes (page_cache.py): the queue, and a
project's page with its diagrams and its owners' roles, each derived once per generation of
the store and day, whichever worker or person asks first.

The pages that read them are coroutines: a kept page costs one small query (the store's
generation) and a lookup, which the event loop does at once; handing that to a worker
thread and back cost more than the rest of the request. Deriving runs in a thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from fastapi import Request

from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.portal import requests_models as m
from infragate.portal import requests_view
from infragate.portal.diagrams import Diagram, diagrams
from infragate.portal.security.roles import owner_roles
from infragate.portal.state import Portal, portal_of
from infragate.store.generation import Generation, generation


@dataclass(frozen=True)
class Moment:
    """What kept data is named by: the store as it is and the day (waivers expire)."""

    store: Generation
    today: date


@dataclass(frozen=True)
class ProjectView:
    page: m.ProjectPage
    diagrams: list[Diagram]
    owners: dict[str, frozenset[Role]]  # lower-cased email -> roles in the brief in force

    def roles_of(self, email: str) -> frozenset[Role]:
        return self.owners.get(email.lower(), frozenset())


def moment(request: Request) -> Moment:
    """The store's generation as the request's person was identified (the same round
    trip: security/principal.py), else asked now."""
    known: Generation | None = getattr(request.state, "generation", None)
    portal = portal_of(request)
    return Moment(known or portal.store.glance(generation), datetime.now(UTC).date())


def queue(portal: Portal, at: Moment) -> m.RequestQueue:
    def make() -> m.RequestQueue:
        return requests_view.request_queue(portal.store, load_catalog(), at.today)

    found: m.RequestQueue = portal.kept.get(("queue", at), make)
    return found


async def queue_json(portal: Portal, at: Moment) -> bytes:
    found: bytes = await portal.kept.get_async(
        ("queue.json", at), lambda: queue(portal, at).model_dump_json().encode()
    )
    return found


def _project(portal: Portal, name: str, at: Moment) -> Callable[[], ProjectView]:
    def make() -> ProjectView:
        page = requests_view.project_page(portal.store, load_catalog(), name, at.today)
        version = page.standing.latest_version or 0
        pictures = diagrams(page.design, name, version) if page.design else []
        with portal.store.read() as conn:
            owners = owner_roles(conn, name)
        return ProjectView(page, pictures, owners)

    return make


async def project(portal: Portal, name: str, at: Moment) -> ProjectView:
    """Raises requests_view.NoSuchProject (never kept: the project may be made next)."""
    found: ProjectView = await portal.kept.get_async(
        ("project", name, at), _project(portal, name, at)
    )
    return found


def project_now(portal: Portal, name: str, at: Moment) -> ProjectView:
    """`project` for a route that runs in a worker thread."""
    found: ProjectView = portal.kept.get(("project", name, at), _project(portal, name, at))
    return found


async def project_json(portal: Portal, name: str, at: Moment) -> bytes:
    view = await project(portal, name, at)
    found: bytes = await portal.kept.get_async(
        ("project.json", name, at), lambda: view.page.model_dump_json().encode()
    )
    return found
