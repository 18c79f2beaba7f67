"""Rendered Terraform read back with python-hcl2, with its quoting undone.

python-hcl2 (8.x) keeps the quotes of block labels and string values (`"\"web\""`) and
marks blocks with `__is_block__`; these helpers hand out plain labels and values.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import hcl2


def parse(text: str) -> dict[str, Any]:
    data: dict[str, Any] = hcl2.loads(text)
    return data


def unquote(value: Any) -> Any:
    """A quoted string value as the string it denotes (escapes undone); other values,
    expressions (`${var.x}`) among them, as they are."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            text: str = json.loads(value)
        except ValueError:
            return value[1:-1]
        return text
    return value


def blocks(doc: dict[str, Any], kind: str) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Each `kind` block of a parsed file as (labels, body), e.g. (("aws_db_instance", "this"), {...})."""
    for entry in doc.get(kind) or []:
        yield from _walk(entry, ())


def _walk(
    node: dict[str, Any], labels: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    for key, value in node.items():
        if not isinstance(value, dict):
            continue
        path = (*labels, unquote(key))
        if value.get("__is_block__"):
            yield path, value
        else:
            yield from _walk(value, path)
