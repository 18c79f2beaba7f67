"""When and by whom: the edge supplies both, so the lifecycle operations stay testable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime


@dataclass(frozen=True)
class Clock:
    now: datetime
    actor: str

    @property
    def at(self) -> str:
        return self.now.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")

    @property
    def today(self) -> date:
        return self.now.astimezone(UTC).date()
