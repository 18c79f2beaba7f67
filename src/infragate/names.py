"""The names that become paths, Terraform identifiers and tags, and what each may contain.

A name read from a file reaches a folder (`infra/terraform/envs/<environment>/`), a
Terraform label (`module "<component>"`), a resource name (`<project>-<env>-<component>`)
or a tag value. A lock file whose hashes were recomputed after an edit is self-consistent,
so its names are checked again here, against the same patterns as the brief's, before any
of them is used: `../../outside` never reaches path building.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# The brief's project name: short, lowercase, usable in every AWS resource name.
SLUG = r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$"
# Environments and the design's components: the brief's alphabet plus '_' (data_transfer).
IDENTIFIER = r"^[a-z][a-z0-9_-]{0,38}[a-z0-9]$"
TAG_MAX = 256
# AWS tag values: Unicode letters and digits, spaces and + - = . _ : / @ (AWS Tagging Best
# Practices, "Tag naming limits and requirements", read 2026-12-06).
TAG_PUNCTUATION = frozenset(" +-=._:/@")


def tag_value_problem(value: str) -> str | None:
    """Why `value` cannot be a tag value, or None."""
    if len(value) > TAG_MAX:
        return f"is {len(value)} characters long; a tag value holds at most {TAG_MAX}"
    bad = sorted({ch for ch in value if not (ch.isalnum() or ch in TAG_PUNCTUATION)})
    if bad:
        shown = ", ".join(repr(ch) for ch in bad[:5])
        return (
            f"contains {shown}; it becomes an AWS tag value, which holds letters, digits, "
            "spaces and + - = . _ : / @ only"
        )
    return None


def checked_tag_value(value: str) -> str:
    """A pydantic validator: a text that infragate writes into every resource's tags."""
    problem = tag_value_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _named(document: dict[str, Any]) -> Iterator[tuple[str, Any, str]]:
    """(field, value, pattern) of every name of a baseline document that reaches a path,
    an identifier or a resource name."""
    brief = document.get("brief")
    project = brief.get("project") if isinstance(brief, dict) else None
    if isinstance(project, dict):
        yield "brief.project.name", project.get("name"), SLUG
    yield "project", document.get("project"), SLUG
    design = document.get("design")
    if not isinstance(design, dict):
        return
    for i, env in enumerate(_items(design.get("environments"))):
        yield f"design.environments[{i}].name", env.get("name"), IDENTIFIER
    for i, comp in enumerate(_items(design.get("components"))):
        for key in ("environment", "id", "kind"):
            yield f"design.components[{i}].{key}", comp.get(key), IDENTIFIER


def _items(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def bad_names(document: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(field, value, problem) for each name of a baseline document that may not be used."""
    out = []
    for where, value, pattern in _named(document):
        if not isinstance(value, str) or not re.match(pattern, value):
            out.append((where, value, f"{value!r} is not a name infragate uses ({pattern})"))
    brief = document.get("brief")
    project = brief.get("project") if isinstance(brief, dict) else None
    for key in ("team", "cost_center"):
        value = project.get(key) if isinstance(project, dict) else None
        if value is None:
            continue
        problem = "is not text" if not isinstance(value, str) else tag_value_problem(value)
        if problem is not None:
            out.append((f"brief.project.{key}", value, f"{value!r} {problem}"))
    return out
