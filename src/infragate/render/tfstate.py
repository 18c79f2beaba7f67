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

from infragate.errors import InputError, Problem

FIX = (
    "pass a state file: 'terraform state pull > state.json' or 'terraform show -json > state.json'"
)


@dataclass(frozen=True)
class Resource:
    module: str  # "" for the root module, else "database" for module.database
    type: str
    name: str
    index: str | int | None
    attributes: dict[str, Any]

    @property
    def address(self) -> str:
        prefix = f"module.{self.module}." if self.module else ""
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


def _from_state(data: dict[str, Any]) -> Iterator[Resource]:
    for res in data.get("resources") or []:
        if res.get("mode") != "managed":
            continue
        for inst in res.get("instances") or []:
            yield Resource(
                _module_name(res.get("module")),
                str(res["type"]),
                str(res["name"]),
                inst.get("index_key"),
                dict(inst.get("attributes") or {}),
            )


def _from_show(module: dict[str, Any]) -> Iterator[Resource]:
    for res in module.get("resources") or []:
        if res.get("mode") != "managed":
            continue
        address = str(res.get("address", ""))
        path = address.rsplit(f"{res['type']}.", 1)[0].rstrip(".")
        yield Resource(
            _module_name(path),
            str(res["type"]),
            str(res["name"]),
            res.get("index"),
            dict(res.get("values") or {}),
        )
    for child in module.get("child_modules") or []:
        yield from _from_show(child)


def read(path: Path) -> list[Resource]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, [Problem("the state file does not exist", FIX)]) from None
    except UnicodeDecodeError:
        raise InputError(path, [Problem("not a text file", FIX)]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, [Problem(f"not JSON: {exc.msg}", FIX, line=exc.lineno, column=exc.colno)]
        ) from None
    if isinstance(data, dict) and data.get("version") == 4 and "resources" in data:
        return list(_from_state(data))
    if isinstance(data, dict) and isinstance(data.get("values"), dict):
        return list(_from_show(data["values"].get("root_module") or {}))
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
