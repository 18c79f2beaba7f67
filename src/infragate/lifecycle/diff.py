"""What a change request changes: the design diff and the monthly cost delta.

Works on designs as JSON data (what baselines store), so a baseline frozen by an
older infragate can still be compared with a new design.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

_SHAPE = ("kind", "size", "count", "vcpu", "memory_gb", "storage_gb", "multi_az", "settings")


@dataclass(frozen=True)
class Change:
    what: str  # "component" | "environment" | "decision" | "verdict"
    key: str
    change: str  # "added" | "removed" | "changed"
    detail: str
    monthly_usd_delta: Decimal | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "key": self.key,
            "change": self.change,
            "detail": self.detail,
            "monthly_usd_delta": None
            if self.monthly_usd_delta is None
            else f"{self.monthly_usd_delta:.2f}",
        }


@dataclass(frozen=True)
class DesignDiff:
    changes: list[Change] = field(default_factory=list)
    before_usd: Decimal = Decimal(0)
    after_usd: Decimal = Decimal(0)
    by_environment: dict[str, Decimal] = field(default_factory=dict)

    @property
    def delta_usd(self) -> Decimal:
        return self.after_usd - self.before_usd

    @property
    def empty(self) -> bool:
        return not self.changes and self.delta_usd == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "before_monthly_usd": f"{self.before_usd:.2f}",
            "after_monthly_usd": f"{self.after_usd:.2f}",
            "delta_monthly_usd": f"{self.delta_usd:.2f}",
            "delta_by_environment": {k: f"{v:.2f}" for k, v in self.by_environment.items()},
            "changes": [c.as_dict() for c in self.changes],
        }


def _usd(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def _shape(component: dict[str, Any]) -> str:
    size = component.get("size")
    count = component.get("count", 1)
    text = f"{count} × {size}" if size else component.get("kind", "")
    if component.get("storage_gb") is not None:
        text += f", {component['storage_gb']} GB"
    if component.get("multi_az"):
        text += ", Multi-AZ"
    return str(text)


@dataclass(frozen=True)
class _Section:
    """How one list of the design is compared: its items' key, what tells two items apart,
    how to name an item, and whether its items carry a monthly cost."""

    what: str
    field: str
    key: Callable[[dict[str, Any]], str]
    state: Callable[[dict[str, Any]], Any]  # differs when the item changed
    label: Callable[[dict[str, Any]], str]  # shown for a change: before → after
    whole: Callable[[dict[str, Any]], str]  # shown for an item added or removed
    priced: bool = False


def _verdict_label(v: dict[str, Any]) -> str:
    return f"{v['verdict']}{'' if v['applied'] else ' (not applied)'}"


_SECTIONS = (
    _Section(
        "environment", "environments", lambda e: e["name"], lambda e: e["schedule"],
        lambda e: e["schedule"], lambda e: e["schedule_description"], priced=True,
    ),
    # A component changes with its shape, and with its usage-priced cost (logs, transfer,
    # load balancer capacity) even at the same size, so the lines add up to the delta.
    _Section(
        "component", "components", lambda c: f"{c['environment']}/{c['id']}",
        lambda c: [*(c.get(k) for k in _SHAPE), c["monthly_usd"]],
        lambda c: f"{_shape(c)} at ${_usd(c['monthly_usd']):,.2f}",
        lambda c: f"{c['title']}: {_shape(c)}",
        priced=True,
    ),
    _Section(
        "decision", "decisions", lambda d: d["topic"], lambda d: d["choice"],
        lambda d: d["choice"], lambda d: d["choice"],
    ),
    _Section(
        "verdict", "verdicts", lambda v: v["subject"], lambda v: (v["verdict"], v["applied"]),
        _verdict_label, lambda v: v["verdict"],
    ),
)  # fmt: skip


def _section_changes(
    section: _Section, before: dict[str, Any], after: dict[str, Any]
) -> list[Change]:
    items_a = {section.key(x): x for x in before.get(section.field, [])}
    items_b = {section.key(x): x for x in after.get(section.field, [])}
    changes = []
    for key in sorted(items_a.keys() | items_b.keys()):
        a, b = items_a.get(key), items_b.get(key)
        delta = None
        if section.priced:
            delta = _usd(b and b["monthly_usd"]) - _usd(a and a["monthly_usd"])
        if a is None and b is not None:
            changes.append(Change(section.what, key, "added", section.whole(b), delta))
        elif b is None and a is not None:
            changes.append(Change(section.what, key, "removed", section.whole(a), delta))
        elif a is not None and b is not None and section.state(a) != section.state(b):
            detail = f"{section.label(a)} → {section.label(b)}"
            changes.append(Change(section.what, key, "changed", detail, delta))
    return changes


def diff_designs(before: dict[str, Any], after: dict[str, Any]) -> DesignDiff:
    changes = [c for section in _SECTIONS for c in _section_changes(section, before, after)]
    by_env_a = before.get("cost", {}).get("by_environment", {})
    by_env_b = after.get("cost", {}).get("by_environment", {})
    by_environment = {
        name: _usd(by_env_b.get(name)) - _usd(by_env_a.get(name))
        for name in sorted(by_env_a.keys() | by_env_b.keys())
    }
    return DesignDiff(
        changes=changes,
        before_usd=_usd(before.get("cost", {}).get("monthly_usd")),
        after_usd=_usd(after.get("cost", {}).get("monthly_usd")),
        by_environment=by_environment,
    )
