"""Rendering a page: the template, the signed-in person and the CSRF token every form and
htmx request repeats; and a page kept until the store changes (page_cache.py), whose
title and main part are rendered once and shared, in the frame of the person asking."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response
from markupsafe import Markup, escape

from infragate.portal.page_cache import CSRF_SLOT, Viewer
from infragate.portal.security.principal import identify
from infragate.portal.security.sessions import csrf_token
from infragate.portal.state import portal_of

FRAME = "kept.html.j2"  # base.html.j2 around a kept title and main


def is_htmx(request: Request) -> bool:
    """Whether htmx sent the request (for a fragment), not the browser itself."""
    return request.headers.get("HX-Request") == "true"


def page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("user", identify(request))
    context["csrf_token"] = csrf_token(request)
    return portal_of(request).templates.TemplateResponse(
        request, template, context, status_code=status
    )


@dataclass(frozen=True)
class _Parts:
    title: str
    main: str


async def kept_page(
    request: Request,
    template: str,
    key: Hashable,
    viewer: Viewer,
    context: Callable[[], dict[str, Any]],
) -> Response:
    """`template`'s title and main blocks for `key` (which names the store's generation)
    as `viewer` sees them, rendered from `context()` only the first time. In the kept
    blocks `user` is the Viewer, so a person's name cannot end up in someone else's page."""
    portal = portal_of(request)

    def render() -> _Parts:
        kept = portal.templates.env.get_template(template)
        ctx = kept.new_context({**context(), "user": viewer, "csrf_token": CSRF_SLOT})
        return _Parts("".join(kept.blocks["title"](ctx)), "".join(kept.blocks["main"](ctx)))

    parts: _Parts = await portal.kept.get_async(("page", template, key, viewer), render)
    token = csrf_token(request)
    main = parts.main.replace(CSRF_SLOT, str(escape(token)))
    return portal.templates.TemplateResponse(
        request,
        FRAME,
        {
            "user": identify(request),
            "csrf_token": token,
            "title": Markup(parts.title),
            "main": Markup(main),
        },
    )
