"""Lifecycle operations: the pure rules of this package applied to the store.

One module per operation (approvals, freezing, changes, ending, reading); this module is
the door the CLI, the portal and the tests go through.
"""

from __future__ import annotations

from infragate.lifecycle.approvals import (
    ApprovalResult,
    Statement,
    approval_statement,
    approve,
    approve_signed,
)
from infragate.lifecycle.candidate import Candidate, candidate
from infragate.lifecycle.changes import (
    ChangeApprovalResult,
    ProposalResult,
    approve_change,
    approve_change_signed,
    change_statement,
    propose,
    reject_change,
)
from infragate.lifecycle.ending import retire, waive
from infragate.lifecycle.freezing import (
    FreezeResult,
    LockState,
    StoredFreeze,
    freeze,
    freeze_in_store,
    lock_state,
)
from infragate.lifecycle.reading import (
    Status,
    StoreProblem,
    check_against_store,
    history,
    status,
    stored_lock,
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
    "Statement",
    "Status",
    "StoreProblem",
    "StoredFreeze",
    "approval_statement",
    "approve",
    "approve_change",
    "approve_change_signed",
    "approve_signed",
    "candidate",
    "change_statement",
    "check_against_store",
    "freeze",
    "freeze_in_store",
    "history",
    "lock_state",
    "propose",
    "reject_change",
    "request",
    "requested",
    "retire",
    "status",
    "stored_lock",
    "trail",
    "verify_store",
    "waive",
    "waivers_in_force",
]
