"""What a piece of evidence is, and how it travels in the trail.

Evidence is an event in the project's hash-chained trail (kind `EVENT_KIND`), its
payload exactly `Evidence.payload()`; any reader rebuilds the records from the trail
alone with `from_events`. A file given as evidence is stored by its SHA-256 and named
here by that hash, never copied into the payload.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from infragate.lifecycle.chain import Event

EVENT_KIND = "evidence.added"
# Recorded by `handover` when it writes a pack: the closure gate looks for one that
# names the baseline in force. Payload: {"baseline_version", "manifest_sha256", "format"}.
HANDOVER_EVENT_KIND = "handover.generated"


class EvidenceKind(StrEnum):
    deploy = "deploy"  # the pipeline deployed a version and its health check passed
    restore_test = "restore-test"  # a restore from backup ran and was verified
    alert_test = "alert-test"  # an alarm fired in a test and reached a person
    access = "access"  # who holds access to the cloud account, repository, secrets
    secrets = "secrets"  # an inventory of secrets by name: where stored, rotation


@dataclass(frozen=True)
class Evidence:
    """One record. `facts` holds the validated content of the kind, for example for
    `restore-test`: snapshot, started_at, ended_at, duration_seconds, verified
    (rows or checksum), rto_minutes, met_rto; never a secret value."""

    kind: EvidenceKind
    baseline_version: int
    recorded_by: str  # e-mail address of the person who recorded it
    recorded_at: str  # ISO 8601 UTC, the trail event's time
    note: str = ""
    url: str | None = None
    file_name: str | None = None
    file_sha256: str | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        """The trail event's payload (the actor and time are the event's own)."""
        return {
            "kind": self.kind.value,
            "baseline_version": self.baseline_version,
            "note": self.note,
            "url": self.url,
            "file_name": self.file_name,
            "file_sha256": self.file_sha256,
            "facts": dict(self.facts),
        }

    @classmethod
    def from_event(cls, event: Event) -> Evidence:
        p = event.payload
        return cls(
            kind=EvidenceKind(p["kind"]),
            baseline_version=int(p["baseline_version"]),
            recorded_by=event.actor,
            recorded_at=event.at,
            note=str(p.get("note") or ""),
            url=p.get("url"),
            file_name=p.get("file_name"),
            file_sha256=p.get("file_sha256"),
            facts=dict(p.get("facts") or {}),
        )


def from_events(events: Iterable[Event]) -> list[Evidence]:
    """Every piece of evidence in a trail, in trail order."""
    return [Evidence.from_event(e) for e in events if e.kind == EVENT_KIND]
