"""Lifecycle operations: the pure rules of this package applied to the store.

One module per operation (approvals, freezing, changes, ending, reading); this module is
the door the CLI, the portal and the tests go through.
"""

from __future__ import annotations

from infragate.lifecycle.approvals import ApprovalResult, approve
from infragate.lifecycle.candidate import Candidate, candidate
from infragate.lifecycle.changes import (
    ChangeApprovalResult,
    ProposalResult,
    approve_change,
    propose,
    reject_change,
)
from infragate.lifecycle.ending import retire, waive
from infragate.lifecycle.freezing import FreezeResult, LockState, freeze, lock_state
from infragate.lifecycle.reading import (
    Status,
    StoreProblem,
    check_against_store,
    history,
    status,
    trail,
    verify_store,
    waivers_in_force,
)
from infragate.lifecycle.requesting import Requested, RequestResult, request, requested

__all__ = [
    "ApprovalResult",
    "Candidate",
    "ChangeApprovalResult",
    "FreezeResult",
    "LockState",
    "ProposalResult",
    "RequestResult",
    "Requested",
    "Status",
    "StoreProblem",
    "approve",
    "approve_change",
    "candidate",
    "check_against_store",
    "freeze",
    "history",
    "lock_state",
    "propose",
    "reject_change",
    "request",
    "requested",
    "retire",
    "status",
    "trail",
    "verify_store",
    "waive",
    "waivers_in_force",
]
