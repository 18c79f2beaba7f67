"""The requests pages' data, kept until the store changes (page_cache.py): the queue, and a
project's page with its diagrams and its owners' roles, each derived once per generation of
the store and day, whichever worker or person asks first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.portal import requests_models as m
from infragate.portal import requests_view
from infragate.portal.diagrams import Diagram, diagrams
from infragate.portal.security.roles import owner_roles
from infragate.portal.state import Portal
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


def moment(portal: Portal) -> Moment:
    with portal.store.read() as conn:
        return Moment(generation(conn), datetime.now(UTC).date())


def queue(portal: Portal, at: Moment) -> m.RequestQueue:
    def make() -> m.RequestQueue:
        return requests_view.request_queue(portal.store, load_catalog(), at.today)

    found: m.RequestQueue = portal.kept.get(("queue", at), make)
    return found


def queue_json(portal: Portal, at: Moment) -> bytes:
    found: bytes = portal.kept.get(
        ("queue.json", at), lambda: queue(portal, at).model_dump_json().encode()
    )
    return found


def project(portal: Portal, name: str, at: Moment) -> ProjectView:
    """Raises requests_view.NoSuchProject (never kept: the project may be made next)."""

    def make() -> ProjectView:
        page = requests_view.project_page(portal.store, load_catalog(), name, at.today)
        version = page.standing.latest_version or 0
        pictures = diagrams(page.design, name, version) if page.design else []
        with portal.store.read() as conn:
            owners = owner_roles(conn, name)
        return ProjectView(page, pictures, owners)

    found: ProjectView = portal.kept.get(("project", name, at), make)
    return found


def project_json(portal: Portal, name: str, at: Moment) -> bytes:
    found: bytes = portal.kept.get(
        ("project.json", name, at),
        lambda: project(portal, name, at).page.model_dump_json().encode(),
    )
    return found
