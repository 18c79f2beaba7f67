"""Which tag keys attribute spend to a project, environment, team, cost centre, component
and preview copy.

infragate renders these keys on every resource (render/context.py `Baseline.tags`, and the
component and preview tags of the modules). Providers may rename them on the way to the bill:
AWS puts user-defined tags under `user:` in its FOCUS export. A key map lists, per dimension,
the keys tried in order; the first present wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from infragate.errors import UsageError

DIMENSIONS = ("project", "environment", "team", "cost_center", "component", "preview")
# AWS Data Exports (FOCUS 1.0 with AWS columns): user-defined cost allocation tags appear in
# `Tags` with the prefix `user:` (AWS Data Exports User Guide, "FOCUS 1.0 with AWS columns",
# read 2026-12-07). Plain keys come from other exporters and from infragate's own fixtures.
PROVIDER_PREFIXES = ("", "user:")


@dataclass(frozen=True)
class TagMap:
    keys: Mapping[str, tuple[str, ...]]

    def for_dimension(self, dimension: str) -> tuple[str, ...]:
        return self.keys[dimension]

    def describe(self) -> str:
        return "; ".join(f"{d} <- {', '.join(self.keys[d])}" for d in DIMENSIONS)


def default_map() -> TagMap:
    return TagMap({d: tuple(f"{p}{d}" for p in PROVIDER_PREFIXES) for d in DIMENSIONS})


def with_overrides(overrides: Iterable[str]) -> TagMap:
    """`DIMENSION=KEY` pairs (from `--tag-key`): KEY is tried before the default keys."""
    keys = {d: list(k) for d, k in default_map().keys.items()}
    extra: dict[str, list[str]] = {}
    for item in overrides:
        dimension, sep, key = item.partition("=")
        dimension, key = dimension.strip(), key.strip()
        if not sep or not key or dimension not in keys:
            raise UsageError(
                f"--tag-key {item!r}: expected DIMENSION=KEY with DIMENSION one of "
                f"{', '.join(DIMENSIONS)} (e.g. --tag-key project=user:Project)"
            )
        extra.setdefault(dimension, []).append(key)
    return TagMap(
        {
            d: tuple(extra.get(d, []) + [k for k in keys[d] if k not in extra.get(d, [])])
            for d in DIMENSIONS
        }
    )
