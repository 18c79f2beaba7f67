"""The catalog page: every template's monthly cost at each maturity tier and what each tier
adds (`infragate catalog --costs`); its JSON twin is /api/catalog."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from infragate.catalog.loader import load_catalog
from infragate.portal.catalog_view import CatalogCosts, catalog_costs
from infragate.portal.security.accounts import User
from infragate.portal.security.principal import signed_in
from infragate.portal.security.sessions import csrf_checked
from infragate.portal.web import page

router = APIRouter(dependencies=[Depends(csrf_checked)])
Person = Annotated[User, Depends(signed_in)]


@lru_cache(maxsize=4)
def _costs(version: str) -> CatalogCosts:
    """The table depends only on the bundled catalog and price books: priced once per
    catalog version and process."""
    catalog = load_catalog()
    assert catalog.version == version
    return catalog_costs(catalog)


def costs_now() -> CatalogCosts:
    return _costs(load_catalog().version)


@router.get("/catalog", include_in_schema=False)
def catalog_page(request: Request, user: Person) -> Response:
    return page(request, "catalog.html.j2", costs=costs_now())


@router.get("/api/catalog", response_model=CatalogCosts)
def api_catalog(user: Person) -> CatalogCosts:
    return costs_now()
