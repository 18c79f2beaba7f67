"""Terraform state, read offline: the managed resources and their attributes.

Two formats are accepted:
- the state file itself (`terraform state pull`, a local `terraform.tfstate`): format
  version 4, `resources[]` with `module`, `type`, `name` and `instances[].attributes`;
- `terraform show -json`: `values.root_module` with `resources[]` and nested
  `child_modules[]`, each resource with `address`, `type`, `name` and `values`.
Source: Terraform's state file (internal, version 4 since Terraform 0.12) and its JSON
output format (https://developer.hashicorp.com/terraform/internals/json-format, read
2026-11-25).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infragate import strictread
from infragate.errors import InputError, Problem

FIX = (
    "pass a state file: 'terraform state pull > state.json' or 'terraform show -json > state.json'"
)
# A state of the few hundred resources one baseline renders is well under 10 MB; a bigger
# file is another project's state, or not a state at all.
MAX_BYTES = 64_000_000
KIND = strictread.Kind("a Terraform state", FIX)


@dataclass(frozen=True)
class Resource:
    module: str  # "" for the root module, else "database" for module.database
    type: str
    name: str
    index: str | int | None
    attributes: dict[str, Any]

    @property
    def address(self) -> str:
        prefix = "".join(f"module.{m}." for m in self.module.split(".")) if self.module else ""
        suffix = "" if self.index is None else f"[{json.dumps(self.index)}]"
        return f"{prefix}{self.type}.{self.name}{suffix}"

    def tag(self, key: str) -> str | None:
        for field in ("tags_all", "tags"):
            tags = self.attributes.get(field)
            if isinstance(tags, dict) and key in tags:
                return str(tags[key])
        return None


def _module_name(path: str | None) -> str:
    """`module.database` → `database`; nested modules keep their full path after the first."""
    if not path:
        return ""
    parts = path.split(".")
    return ".".join(p for i, p in enumerate(parts) if i % 2 == 1)


class _Shape(ValueError):
    """An entry of the state is not shaped as Terraform writes it."""


def _entries(value: Any, where: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Shape(f"{where} is not a list of objects")
    return value


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise _Shape(f"{where}.{key} is missing or not a string")
    return value


def _attributes(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Shape(f"{where} is not an object")
    return dict(value)


def _from_state(data: dict[str, Any]) -> Iterator[Resource]:
    for i, res in enumerate(_entries(data.get("resources"), "resources")):
        where = f"resources[{i}]"
        if res.get("mode") != "managed":
            continue
        module = res.get("module")
        if module is not None and not isinstance(module, str):
            raise _Shape(f"{where}.module is not a string")
        type_, name = _text(res, "type", where), _text(res, "name", where)
        for j, inst in enumerate(_entries(res.get("instances"), f"{where}.instances")):
            yield Resource(
                _module_name(module),
                type_,
                name,
                inst.get("index_key"),
                _attributes(inst.get("attributes"), f"{where}.instances[{j}].attributes"),
            )


def _from_show(module: dict[str, Any], where: str) -> Iterator[Resource]:
    for i, res in enumerate(_entries(module.get("resources"), f"{where}.resources")):
        at = f"{where}.resources[{i}]"
        if res.get("mode") != "managed":
            continue
        type_, name = _text(res, "type", at), _text(res, "name", at)
        address = _text(res, "address", at)
        path = address.rsplit(f"{type_}.", 1)[0].rstrip(".")
        yield Resource(
            _module_name(path),
            type_,
            name,
            res.get("index"),
            _attributes(res.get("values"), f"{at}.values"),
        )
    for i, child in enumerate(_entries(module.get("child_modules"), f"{where}.child_modules")):
        yield from _from_show(child, f"{where}.child_modules[{i}]")


def read(path: Path) -> list[Resource]:
    """The managed resources of a state file, read strictly (`strictread`): at most
    MAX_BYTES, so a huge or endless file is refused instead of filling memory."""
    _, data = strictread.read_json(path, KIND, MAX_BYTES, floats="float")
    try:
        if isinstance(data, dict) and data.get("version") == 4 and "resources" in data:
            return list(_from_state(data))
        if isinstance(data, dict) and isinstance(data.get("values"), dict):
            root = data["values"].get("root_module", {})
            if not isinstance(root, dict):
                raise _Shape("values.root_module is not an object")
            return list(_from_show(root, "values.root_module"))
    except _Shape as exc:
        raise InputError(path, [Problem(f"not a Terraform state: {exc}", FIX)]) from None
    if isinstance(data, dict) and "format_version" in data:
        return []  # `terraform show -json` of an empty state has no `values`
    raise InputError(
        path,
        [
            Problem(
                "not a Terraform state: expected a state file (version 4) or the output "
                "of 'terraform show -json'",
                FIX,
                line=1,
            )
        ],
    )
