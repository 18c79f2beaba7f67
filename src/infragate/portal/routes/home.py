"""The start page and who the signed-in person is (its JSON twin: /api/me)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel

from infragate import __version__
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import signed_in
from infragate.portal.security.sessions import csrf_checked
from infragate.portal.state import portal_of
from infragate.portal.web import page

router = APIRouter(dependencies=[Depends(csrf_checked)])
Person = Annotated[User, Depends(signed_in)]


class Me(BaseModel):
    email: str
    name: str
    is_admin: bool
    store: str
    version: str


def me_of(request: Request, user: User) -> Me:
    return Me(
        email=user.email,
        name=user.name,
        is_admin=user.is_admin,
        store=portal_of(request).store.location,
        version=__version__,
    )


@router.get("/", include_in_schema=False)
def home(request: Request, user: Person) -> Response:
    return page(request, "home.html.j2", me=me_of(request, user))


@router.get("/api/me", response_model=Me)
def api_me(request: Request, user: Person) -> Me:
    return me_of(request, user)


@router.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}
