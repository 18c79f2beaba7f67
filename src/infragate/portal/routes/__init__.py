"""Every router of the portal, in one explicit list (registered by app.py)."""

from __future__ import annotations

from fastapi import APIRouter

from infragate.portal.routes import home, requests, session

ROUTERS: tuple[APIRouter, ...] = (session.router, home.router, requests.router)
