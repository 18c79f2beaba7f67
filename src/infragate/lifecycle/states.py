"""The states a project moves through, and which moves exist.

Each move is guarded by a gate in `service`; this module only says which moves are
conceivable, so that a bug can never skip a state.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    draft = "draft"  # a brief exists; no design has been recorded for approval
    designed = "designed"  # a design passed its gate and awaits approvals
    approved = "approved"  # every required role approved the design (or a change request)
    frozen = "frozen"  # a baseline exists; execution may start from it
    delivered = "delivered"  # artifacts rendered from the baseline are in place
    maintenance = "maintenance"  # handed over; changes go through change requests
    retired = "retired"


NEXT: dict[State, frozenset[State]] = {
    State.draft: frozenset({State.designed}),
    # a changed design voids approvals: designed -> designed records the new one
    State.designed: frozenset({State.designed, State.approved}),
    State.approved: frozenset({State.designed, State.frozen}),
    # an approved change request moves a frozen project back to approved until it is frozen
    State.frozen: frozenset({State.approved, State.delivered, State.retired}),
    State.delivered: frozenset({State.approved, State.maintenance, State.retired}),
    State.maintenance: frozenset({State.approved, State.retired}),
    State.retired: frozenset(),
}

HAS_BASELINE = frozenset({State.frozen, State.delivered, State.maintenance})


def can_move(current: State, target: State) -> bool:
    return target in NEXT[current]
