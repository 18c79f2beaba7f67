"""The audit trail as a hash chain: each event carries the hash of the one before.

Editing an event changes its hash; deleting one leaves a gap in the sequence and a
broken link; reordering breaks the links. `first_break` names the first bad event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from infragate.canonical import digest

GENESIS = "0" * 64


@dataclass(frozen=True)
class Event:
    project: str
    seq: int
    at: str
    actor: str
    kind: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def summary(self) -> str:
        return f"event #{self.seq} ({self.kind} by {self.actor} at {self.at})"


def event_hash(
    project: str, seq: int, at: str, actor: str, kind: str, payload: dict[str, Any], prev: str
) -> str:
    return digest(
        {
            "project": project,
            "seq": seq,
            "at": at,
            "actor": actor,
            "kind": kind,
            "payload": payload,
            "prev_hash": prev,
        }
    )


def make_event(
    project: str,
    seq: int,
    at: str,
    actor: str,
    kind: str,
    payload: dict[str, Any],
    prev: str,
) -> Event:
    return Event(
        project,
        seq,
        at,
        actor,
        kind,
        payload,
        prev,
        event_hash(project, seq, at, actor, kind, payload, prev),
    )


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    message: str


def first_break(
    events: Iterable[Event], head_seq: int | None = None, head_hash: str | None = None
) -> ChainBreak | None:
    """The first event that is not where the chain says it should be, or None.

    `head_seq`/`head_hash` are what the project row says the last event is; they catch
    events deleted from the end, which no link can.
    """
    prev = GENESIS
    expected = 1
    last: Event | None = None
    for e in events:
        if e.seq != expected:
            return ChainBreak(
                e.seq,
                f"{e.summary()} follows event #{expected - 1}: "
                f"event #{expected} is missing or out of order",
            )
        if e.prev_hash != prev:
            return ChainBreak(
                e.seq,
                f"{e.summary()} does not link to the event before it: events were deleted, "
                "reordered or edited",
            )
        recomputed = event_hash(e.project, e.seq, e.at, e.actor, e.kind, e.payload, e.prev_hash)
        if recomputed != e.hash:
            return ChainBreak(
                e.seq, f"{e.summary()} was edited: its contents no longer match its hash"
            )
        prev = e.hash
        expected += 1
        last = e
    if head_seq is not None and (last.seq if last else 0) != head_seq:
        return ChainBreak(
            (last.seq if last else 0) + 1,
            f"the trail ends at event #{last.seq if last else 0} but the project records "
            f"{head_seq} events: events were deleted from the end",
        )
    if head_hash is not None and last is not None and last.hash != head_hash:
        return ChainBreak(last.seq, f"{last.summary()} is not the last event the project recorded")
    return None
