"""A baseline: a frozen design with everything needed to trust it offline.

The document holds the brief, the design, the catalog and pricing versions, the
approvals and waivers, and a link to the previous baseline. Its sha256 is taken over
its canonical JSON. The lock file `infra/baseline.lock.json` is that document plus
its hash, written with sorted keys so that a new version reads well in a diff.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infragate import __version__
from infragate.brief.model import Brief
from infragate.canonical import digest, pretty_json
from infragate.lifecycle.policy import Approval
from infragate.lifecycle.signing import Signature
from infragate.lifecycle.waivers import Blocker, Waiver

SCHEMA = "infragate.baseline/v1"
LOCK_FILE = "baseline.lock.json"
LOCK_VERSION = 1
LOCK_NOTE = (
    "Frozen infrastructure baseline, written by 'infragate freeze'. Do not edit: "
    "'infragate verify' checks its hash, its approvals and that infra/brief.yaml still "
    "matches it. Change it with 'infragate change propose'."
)


def brief_data(brief: Brief) -> dict[str, Any]:
    data: dict[str, Any] = brief.model_dump(mode="json")
    return data


def brief_digest(brief: Brief) -> str:
    """What a brief means, not how it is written: comments and layout do not count."""
    return digest(brief_data(brief))


@dataclass(frozen=True)
class ChangeRef:
    number: int
    requested_by: str
    reason: str


def build(
    *,
    project: str,
    version: int,
    previous: tuple[int, str] | None,
    frozen_at: str,
    frozen_by: str,
    brief: dict[str, Any],
    design: dict[str, Any],
    approvals: Sequence[Approval],
    waivers: Sequence[Waiver],
    blockers: Sequence[Blocker],
    change: ChangeRef | None,
) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "project": project,
        "version": version,
        "previous": None if previous is None else {"version": previous[0], "sha256": previous[1]},
        "frozen_at": frozen_at,
        "frozen_by": frozen_by,
        "brief": brief,
        "brief_sha256": digest(brief),
        "design": design,
        "design_sha256": digest(design),
        "catalog_version": design["catalog_version"],
        "pricing_as_of": design["pricing_as_of"],
        "monthly_usd": design["cost"]["monthly_usd"],
        "approvals": [a.as_dict() for a in approvals],
        "waivers": [w.as_dict() for w in waivers],
        "blockers": [b.as_dict() for b in blockers],
        "change_request": None
        if change is None
        else {
            "number": change.number,
            "requested_by": change.requested_by,
            "reason": change.reason,
        },
        "infragate_version": __version__,
    }


def lock_text(document: dict[str, Any], signatures: Sequence[Signature] = ()) -> str:
    """The lock file: the document, its hash, and the approvers' signatures. The
    signatures sit beside the document, outside its hash: each one signs the document's
    brief and design hashes, so it attests to the document instead of being part of it."""
    return pretty_json(
        {
            "about": LOCK_NOTE,
            "lock_version": LOCK_VERSION,
            "sha256": digest(document),
            "baseline": document,
            "signatures": [s.as_dict() for s in signatures],
        }
    )


class LockFormatError(ValueError):
    """The lock file is not a baseline lock infragate can read."""


@dataclass(frozen=True)
class ParsedLock:
    sha256: str
    document: dict[str, Any]
    signatures: tuple[Signature, ...]


def parse_lock(text: str) -> tuple[str, dict[str, Any]]:
    """(recorded sha256, baseline document) of a lock file's text."""
    parsed = read_lock(text)
    return parsed.sha256, parsed.document


def read_lock(text: str) -> ParsedLock:
    """The lock file's recorded hash, document and signatures. Read strictly: a key given
    twice, NaN or an oversized number is refused (a reviewer would read one value and the
    machine another)."""
    from infragate import strictread
    from infragate.errors import InputError

    kind = strictread.Kind("a baseline lock file", "restore it")
    try:
        data = strictread.loads(Path(LOCK_FILE), text, kind, floats="refuse")
    except InputError as exc:
        problem = exc.problems[0]
        where = f"line {problem.line}: " if problem.line else ""
        raise LockFormatError(f"{where}{problem.message}") from None
    if not isinstance(data, dict) or data.get("lock_version") != LOCK_VERSION:
        raise LockFormatError(f"not an infragate lock file (lock_version {LOCK_VERSION} expected)")
    sha = data.get("sha256")
    document = data.get("baseline")
    if not isinstance(sha, str) or not isinstance(document, dict):
        raise LockFormatError("the 'sha256' or 'baseline' entry is missing")
    if document.get("schema") != SCHEMA:
        raise LockFormatError(f"the baseline is not {SCHEMA}")
    entries = data.get("signatures", [])
    if not isinstance(entries, list):
        raise LockFormatError("the 'signatures' entry is not a list")
    try:
        signatures = tuple(Signature.from_dict(e) for e in entries)
    except ValueError as exc:
        raise LockFormatError(str(exc)) from None
    return ParsedLock(sha, document, signatures)
