"""What a change request changes: the design diff and the monthly cost delta.

Works on designs as JSON data (what baselines store), so a baseline frozen by an
older infragate can still be compared with a new design.
"""

from __future__ import annotations

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


def diff_designs(before: dict[str, Any], after: dict[str, Any]) -> DesignDiff:
    changes: list[Change] = []

    envs_a = {e["name"]: e for e in before.get("environments", [])}
    envs_b = {e["name"]: e for e in after.get("environments", [])}
    for name in sorted(envs_a.keys() | envs_b.keys()):
        a, b = envs_a.get(name), envs_b.get(name)
        delta = _usd(b and b["monthly_usd"]) - _usd(a and a["monthly_usd"])
        if a is None and b is not None:
            changes.append(Change("environment", name, "added", b["schedule_description"], delta))
        elif b is None and a is not None:
            changes.append(Change("environment", name, "removed", a["schedule_description"], delta))
        elif a is not None and b is not None and a["schedule"] != b["schedule"]:
            changes.append(
                Change("environment", name, "changed", f"{a['schedule']} → {b['schedule']}", delta)
            )

    comps_a = {f"{c['environment']}/{c['id']}": c for c in before.get("components", [])}
    comps_b = {f"{c['environment']}/{c['id']}": c for c in after.get("components", [])}
    for key in sorted(comps_a.keys() | comps_b.keys()):
        a, b = comps_a.get(key), comps_b.get(key)
        delta = _usd(b and b["monthly_usd"]) - _usd(a and a["monthly_usd"])
        if a is None and b is not None:
            changes.append(Change("component", key, "added", f"{b['title']}: {_shape(b)}", delta))
        elif b is None and a is not None:
            changes.append(Change("component", key, "removed", f"{a['title']}: {_shape(a)}", delta))
        elif a is not None and b is not None and any(a.get(k) != b.get(k) for k in _SHAPE):
            changes.append(Change("component", key, "changed", f"{_shape(a)} → {_shape(b)}", delta))

    dec_a = {d["topic"]: d for d in before.get("decisions", [])}
    dec_b = {d["topic"]: d for d in after.get("decisions", [])}
    for topic in sorted(dec_a.keys() | dec_b.keys()):
        a, b = dec_a.get(topic), dec_b.get(topic)
        if a is None and b is not None:
            changes.append(Change("decision", topic, "added", b["choice"]))
        elif b is None and a is not None:
            changes.append(Change("decision", topic, "removed", a["choice"]))
        elif a is not None and b is not None and a["choice"] != b["choice"]:
            changes.append(Change("decision", topic, "changed", f"{a['choice']} → {b['choice']}"))

    ver_a = {v["subject"]: v for v in before.get("verdicts", [])}
    ver_b = {v["subject"]: v for v in after.get("verdicts", [])}
    for subject in sorted(ver_a.keys() | ver_b.keys()):
        a, b = ver_a.get(subject), ver_b.get(subject)
        if a is not None and b is not None:
            if (a["verdict"], a["applied"]) != (b["verdict"], b["applied"]):
                changes.append(
                    Change(
                        "verdict",
                        subject,
                        "changed",
                        f"{a['verdict']}{'' if a['applied'] else ' (not applied)'} → "
                        f"{b['verdict']}{'' if b['applied'] else ' (not applied)'}",
                    )
                )
        elif b is not None:
            changes.append(Change("verdict", subject, "added", b["verdict"]))
        elif a is not None:
            changes.append(Change("verdict", subject, "removed", a["verdict"]))

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
