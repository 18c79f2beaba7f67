"""What every request of one portal shares: its settings, its store, its templates and the
pages it keeps until the store changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

from infragate.portal.page_cache import PageCache
from infragate.portal.settings import Settings
from infragate.store.engine import Store


@dataclass(frozen=True)
class Portal:
    settings: Settings
    store: Store
    templates: Jinja2Templates
    kept: PageCache[Any] = field(default_factory=PageCache)


def portal_of(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal
