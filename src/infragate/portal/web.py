"""Rendering a page: the template, the signed-in person and the CSRF token every form and
htmx request repeats."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response

from infragate.portal.security.principal import identify
from infragate.portal.security.sessions import csrf_token
from infragate.portal.state import portal_of


def page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("user", identify(request))
    context["csrf_token"] = csrf_token(request)
    return portal_of(request).templates.TemplateResponse(
        request, template, context, status_code=status
    )
