"""Load the bundled catalog (package data) once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from infragate.catalog.model import Catalog, Template
from infragate.errors import CatalogError
from infragate.yamldoc import parse


def _read(name: str) -> tuple[Path, str]:
    ref = resources.files("infragate.catalog") / "data" / name
    return Path(str(ref)), ref.read_text(encoding="utf-8")


@cache
def load_catalog() -> Catalog:
    path, text = _read("catalog.yaml")
    data = parse(path, text).data
    templates: dict[str, Template] = {}
    folder = resources.files("infragate.catalog") / "data" / "templates"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            name = entry.name.removesuffix(".yaml")
            body = parse(Path(str(entry)), entry.read_text(encoding="utf-8")).data
            templates[name] = Template(name=name, **body)
    try:
        return Catalog(**data, templates=templates)
    except ValidationError as exc:
        raise CatalogError(f"the bundled catalog {path} is invalid:\n{exc}") from None
