"""Freezing an approved design as baseline vN and writing its lock file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection

from infragate.brief.loader import LoadedBrief
from infragate.brief.model import Brief
from infragate.canonical import digest
from infragate.errors import Refused, UsageError
from infragate.files import WriteError, write_atomic
from infragate.lifecycle import baseline as bl
from infragate.lifecycle import policy
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.candidate import move, refuse_blockers
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.signing import Signature
from infragate.lifecycle.states import HAS_BASELINE, State
from infragate.store import change_requests as crs
from infragate.store import repository as repo
from infragate.store.engine import Store


@dataclass(frozen=True)
class FreezeResult:
    project: str
    version: int
    sha256: str
    lock_path: Path
    rewritten: bool  # the baseline existed; only its lock file was written again
    document: dict[str, Any]


LockState = Literal["current", "missing", "stale"]


def lock_state(lock_path: Path, expected: str) -> LockState:
    """Whether the lock file in the repository is `expected` (the latest baseline's lock
    text, `expected_lock`), byte for byte."""
    from infragate.lifecycle.lockfile import read_lock_text

    if lock_path.is_dir():  # no lock file there (and freeze says how to put one back)
        return "missing"
    try:  # a pipe, a device or a link out of the project is refused as bad input
        text = read_lock_text(lock_path)
    except FileNotFoundError:
        return "missing"
    return "current" if text == expected else "stale"


def expected_lock(conn: Connection, project: repo.ProjectRow, latest: repo.BaselineRow) -> str:
    """The lock file of `latest`, with the signatures of the approvals it froze."""
    document = latest.document
    change = document.get("change_request") or {}
    signatures = repo.signatures_for(
        conn, project, str(document["design_sha256"]), change.get("number")
    )
    return bl.lock_text(document, signatures)


def freeze(
    store: Store, loaded: LoadedBrief, clock: Clock, lock_path: Path, rewrite_lock: bool = False
) -> FreezeResult:
    name = loaded.brief.project.name or "unnamed"
    with store.write() as conn:
        project = repo.find_project(conn, name)
        if project is None:
            raise Refused(f"{name} has no design under approval; run 'infragate approve' first")
        project = repo.lock_project(conn, name, clock.at, clock.actor)
        latest = repo.latest_baseline(conn, project)
        if project.state in HAS_BASELINE and latest is not None:
            expected = expected_lock(conn, project, latest)
            state = lock_state(lock_path, expected)
            if rewrite_lock and state != "current":
                write_lock(lock_path, expected, latest.version)
                return FreezeResult(
                    name, latest.version, latest.sha256, lock_path, True, latest.document
                )
            hint = (
                ""
                if state == "current"
                else "; rewrite it from the store with 'infragate freeze --rewrite-lock'"
            )
            raise Refused(
                f"nothing to freeze: {name} is frozen as baseline v{latest.version} "
                f"(by {latest.frozen_by} at {latest.frozen_at}); {lock_path} is {state}{hint}. "
                "To change the baseline: edit the brief, then 'infragate change propose'"
            )
        if rewrite_lock:
            raise Refused(f"{name} has no frozen baseline whose lock file could be rewritten")
        document, signatures = _freeze_locked(conn, project, latest, loaded, clock)
    # After the commit, never before: a lock file must not name a baseline the store
    # lacks. A crash here leaves the store frozen and the old lock file; 'status' and
    # 'freeze' say so, and 'freeze --rewrite-lock' writes it from the store.
    version, sha256 = document["version"], digest(document)
    write_lock(lock_path, bl.lock_text(document, signatures), version)
    return FreezeResult(name, version, sha256, lock_path, False, document)


def _freeze_locked(
    conn: Connection,
    project: repo.ProjectRow,
    latest: repo.BaselineRow | None,
    loaded: LoadedBrief,
    clock: Clock,
) -> tuple[dict[str, Any], list[Signature]]:
    """Freeze the approved design of `project` (locked, with no baseline of this design
    yet) as the next baseline: (its document, the signatures its lock file carries)."""
    name = project.name
    if project.state is State.retired:
        raise Refused(f"{name} is retired; nothing is frozen any more")
    if project.state is not State.approved:
        raise Refused(
            f"{name} is {project.state}, not approved; 'infragate status' shows who must "
            "approve what"
        )
    change = crs.change_with_status(conn, project, "approved")
    sha = change.design_sha256 if change else project.design_sha256
    assert sha is not None
    record = repo.design(conn, project, sha)
    assert record is not None
    if bl.brief_digest(loaded.brief) != digest(record.brief):
        raise Refused(
            f"{loaded.path} changed since the design was approved; approvals are for the "
            "brief as it was. Restore it, or record the new design with 'infragate approve' "
            "(before the first freeze) or 'infragate change propose' (after)"
        )
    number = change.number if change else None
    approvals = repo.approvals_for(conn, project, sha, number)
    signatures = repo.signatures_for(conn, project, sha, number)
    unsigned = sorted(
        {f"{a.role} {a.email}" for a in approvals} - {f"{s.role} {s.email}" for s in signatures}
    )
    if unsigned:
        raise Refused(
            "cannot freeze: approvals recorded before approvals were signed: "
            + ", ".join(unsigned)
            + ". A lock without signatures does not verify; approve again with --key "
            "after the design changes, or propose the change again"
        )
    frozen_brief = Brief.model_validate(record.brief)
    problems = policy.problems(
        frozen_brief, approvals, sha, change.requested_by if change else None
    )
    if problems:
        raise Refused("cannot freeze: " + "; ".join(problems))
    blockers = [wv.Blocker(b["key"], b["reason"]) for b in record.blockers]
    all_waivers = repo.waivers(conn, project)
    refuse_blockers(wv.unwaived(blockers, all_waivers, clock.today), "cannot freeze")
    live = wv.active(all_waivers, clock.today)
    used = [live[k] for k in sorted({b.key for b in blockers})]
    version = (latest.version + 1) if latest else 1
    document = bl.build(
        project=name,
        version=version,
        previous=(latest.version, latest.sha256) if latest else None,
        frozen_at=clock.at,
        frozen_by=clock.actor,
        brief=record.brief,
        design=record.design,
        approvals=approvals,
        waivers=used,
        blockers=blockers,
        change=bl.ChangeRef(change.number, change.requested_by, change.reason) if change else None,
    )
    sha256 = digest(document)
    repo.add_baseline(conn, project, version, sha256, document, clock.at, clock.actor)
    repo.append_event(
        conn,
        project,
        clock.at,
        clock.actor,
        "baseline.frozen",
        {
            "version": version,
            "sha256": sha256,
            "design_sha256": sha,
            "monthly_usd": document["monthly_usd"],
            "change_request": number,
        },
    )
    if change:
        crs.set_change_status(conn, project, change.number, "frozen", clock.at, clock.actor)
    move(conn, project, State.frozen, clock, f"baseline v{version} frozen")
    return document, signatures


@dataclass(frozen=True)
class StoredFreeze:
    project: str
    version: int
    sha256: str
    document: dict[str, Any]
    lock_text: str


def freeze_in_store(store: Store, loaded: LoadedBrief, clock: Clock) -> StoredFreeze:
    """Freeze as `freeze` does, with no lock file on disk: for a project kept in the store
    (the portal), whose lock file is downloaded from the store. Two freezes at once make
    one baseline: the project row is locked first, and the second finds it frozen."""
    name = loaded.brief.project.name or "unnamed"
    with store.write() as conn:
        if repo.find_project(conn, name) is None:
            raise Refused(f"{name} has no design under approval; approve it first")
        project = repo.lock_project(conn, name, clock.at, clock.actor)
        latest = repo.latest_baseline(conn, project)
        if project.state in HAS_BASELINE and latest is not None:
            raise Refused(
                f"nothing to freeze: {name} is frozen as baseline v{latest.version} "
                f"(by {latest.frozen_by} at {latest.frozen_at}). To change the baseline, "
                "change the brief and propose the change"
            )
        document, signatures = _freeze_locked(conn, project, latest, loaded, clock)
    sha256 = digest(document)
    return StoredFreeze(
        name, document["version"], sha256, document, bl.lock_text(document, signatures)
    )


def write_lock(lock_path: Path, text: str, version: int) -> None:
    """Write the lock file; when it cannot be, say that the baseline is safe in the store
    and how to write its lock file again."""
    try:
        write_atomic(lock_path, text)
    except (WriteError, OSError) as exc:
        reason = exc.reason if isinstance(exc, WriteError) else exc.strerror or str(exc)
        raise UsageError(
            f"baseline v{version} is frozen in the store, but its lock file {lock_path} could "
            f"not be written ({reason}). Fix that (a folder in its place, "
            "permissions, a full disk), then run 'infragate freeze --rewrite-lock' to write it "
            "from the store"
        ) from None


# change requests -----------------------------------------------------------------------
