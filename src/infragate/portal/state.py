"""What every request of one portal shares: its settings, its store and its templates."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from fastapi.templating import Jinja2Templates

from infragate.portal.settings import Settings
from infragate.store.engine import Store


@dataclass(frozen=True)
class Portal:
    settings: Settings
    store: Store
    templates: Jinja2Templates


def portal_of(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal
