"""Every router of the portal, in one explicit list (registered by app.py)."""

from __future__ import annotations

from fastapi import APIRouter

from infragate.portal.routes import catalog, closure, costs, home, intake, requests, session

ROUTERS: tuple[APIRouter, ...] = (
    session.router,
    home.router,
    catalog.router,
    intake.router,
    requests.router,
    closure.router,
    costs.router,
)
