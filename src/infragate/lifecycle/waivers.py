"""Waivers: the only way past a blocker. Named approver, reason, expiry; they lapse alone.

A blocker is named by a key: a gate rule ID (GATE001), a right-sizing rule ID (RS003),
`capacity` or `budget`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from infragate.brief.model import Brief, Role

# A waiver is a debt with a due date: long enough to plan the fix, short enough that
# someone looks at it again within two quarters.
MAX_WAIVER_DAYS = 180
KEY = re.compile(r"^(GATE\d{3}|RS\d{3}|capacity|budget)$")


@dataclass(frozen=True)
class Blocker:
    key: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "reason": self.reason}


@dataclass(frozen=True)
class Waiver:
    key: str
    approver_email: str
    approver_name: str
    reason: str
    expires_on: str  # ISO date, inclusive
    granted_at: str

    def active_on(self, today: date) -> bool:
        return today <= date.fromisoformat(self.expires_on)

    def as_dict(self) -> dict[str, str]:
        return {
            "key": self.key,
            "approver_email": self.approver_email,
            "approver_name": self.approver_name,
            "reason": self.reason,
            "expires_on": self.expires_on,
            "granted_at": self.granted_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Waiver:
        return cls(
            key=str(data["key"]),
            approver_email=str(data["approver_email"]),
            approver_name=str(data["approver_name"]),
            reason=str(data["reason"]),
            expires_on=str(data["expires_on"]),
            granted_at=str(data["granted_at"]),
        )

    def describe(self) -> str:
        return (
            f"{self.key} waived by {self.approver_name} <{self.approver_email}> "
            f"until {self.expires_on}: {self.reason}"
        )


def blocker_key(text: str) -> str:
    """`RS003 database-managed: ...` -> `RS003`; `budget: ...` -> `budget`."""
    return text.split(" ", 1)[0].rstrip(":")


def waiver_role(key: str) -> Role:
    return Role.budget_owner if key == "budget" else Role.infra_owner


def _not_a_blocker(key: str) -> str | None:
    """Why a rule ID cannot be waived: no such rule, or a rule that never blocks."""
    from infragate.rules.base import Severity
    from infragate.rules.gate import GATE_RULES
    from infragate.rules.rightsizing import SIZING_RULES

    gate = {r.id: r for r in GATE_RULES}
    if key.startswith("GATE"):
        if key not in gate:
            return f"there is no rule {key}; 'infragate rules' lists them"
        if gate[key].severity is not Severity.blocker:
            return (
                f"{key} is a {gate[key].severity.value}, which never blocks; only a blocker "
                "is waived ('infragate check' shows which rules block)"
            )
    if key.startswith("RS") and key not in {r.id for r in SIZING_RULES}:
        return f"there is no rule {key}; 'infragate rules' lists them"
    return None


def refusal(
    brief: Brief, key: str, email: str, reason: str, expires: date, today: date
) -> str | None:
    """Why this waiver may not be granted, or None."""
    if not KEY.match(key):
        return (
            f"'{key}' names no blocker; waive a gate rule (GATE001), a right-sizing rule "
            "(RS003), 'capacity' or 'budget'"
        )
    not_blocker = _not_a_blocker(key)
    if not_blocker:
        return not_blocker
    role = waiver_role(key)
    owner = brief.owner(email)
    holders = ", ".join(f"{o.name} <{o.email}>" for o in brief.owners_with(role)) or "nobody"
    if owner is None or role not in owner.roles:
        return f"a waiver of {key} is granted by the brief's {role}: {holders}"
    if len(reason.strip()) < 10:
        return "give a reason of at least a sentence: it is shown in every later report"
    if expires <= today:
        return f"the expiry {expires.isoformat()} is not in the future"
    if expires > today + timedelta(days=MAX_WAIVER_DAYS):
        return (
            f"a waiver lasts at most {MAX_WAIVER_DAYS} days (until "
            f"{(today + timedelta(days=MAX_WAIVER_DAYS)).isoformat()}); renew it when it lapses"
        )
    return None


def active(waivers: Iterable[Waiver], today: date) -> dict[str, Waiver]:
    """The waiver in force for each key (the one that lasts longest)."""
    found: dict[str, Waiver] = {}
    for w in waivers:
        if w.active_on(today) and (w.key not in found or w.expires_on > found[w.key].expires_on):
            found[w.key] = w
    return found


def unwaived(blockers: Sequence[Blocker], waivers: Iterable[Waiver], today: date) -> list[Blocker]:
    live = active(waivers, today)
    return [b for b in blockers if b.key not in live]


def split_blockers(
    blockers: Sequence[str], live: Mapping[str, Waiver]
) -> tuple[list[str], list[tuple[str, Waiver]]]:
    """Blocker texts of a design: (those still blocking, those waived with their waiver)."""
    open_: list[str] = []
    waived: list[tuple[str, Waiver]] = []
    for text in blockers:
        waiver = live.get(blocker_key(text))
        if waiver is None:
            open_.append(text)
        else:
            waived.append((text, waiver))
    return open_, waived
