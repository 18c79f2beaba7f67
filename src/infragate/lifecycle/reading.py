"""Reading the store: status and next steps, history, the trail, and its verification."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from infragate.brief.loader import LoadedBrief
from infragate.brief.model import Brief, Role
from infragate.canonical import digest
from infragate.catalog.model import Catalog
from infragate.lifecycle import policy
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.baseline import LockFormatError, read_lock
from infragate.lifecycle.candidate import candidate
from infragate.lifecycle.chain import ChainBreak, Event, first_break
from infragate.lifecycle.freezing import LockState, expected_lock, lock_state
from infragate.lifecycle.states import State
from infragate.lifecycle.verify import Check, Verification
from infragate.store import change_requests as crs
from infragate.store import repository as repo
from infragate.store.engine import Store


@dataclass(frozen=True)
class StoreProblem:
    project: str
    message: str


def verify_store(store: Store) -> tuple[int, list[StoreProblem]]:
    """(events checked, problems): every chain intact, every baseline as its event says."""
    problems: list[StoreProblem] = []
    checked = 0
    with store.read() as conn:
        for project in repo.all_projects(conn):
            events = repo.events(conn, project)
            checked += len(events)
            broken: ChainBreak | None = first_break(events, project.head_seq, project.head_hash)
            if broken:
                problems.append(StoreProblem(project.name, broken.message))
            frozen = {
                e.payload.get("version"): e.payload.get("sha256")
                for e in events
                if e.kind == "baseline.frozen"
            }
            for b in repo.baselines(conn, project):
                actual = digest(b.document)
                if actual != b.sha256:
                    problems.append(
                        StoreProblem(
                            project.name,
                            f"baseline v{b.version} was edited: its contents hash to {actual[:12]}, "
                            f"not the recorded {b.sha256[:12]}",
                        )
                    )
                elif frozen.get(b.version) != b.sha256:
                    problems.append(
                        StoreProblem(
                            project.name,
                            f"baseline v{b.version} ({b.sha256[:12]}) is not the baseline the trail "
                            "recorded as frozen: the row was replaced",
                        )
                    )
    return checked, problems


@dataclass
class Status:
    project: str
    store: str
    state: State
    design_sha256: str
    recorded_sha256: str | None
    approvals: list[policy.Approval]
    missing: list[tuple[Role, list[str]]]
    blockers: list[wv.Blocker]
    waivers: list[tuple[wv.Waiver, bool]]  # (waiver, in force)
    latest: repo.BaselineRow | None
    lock_state: LockState | Literal["none"]  # "none": nothing frozen yet
    change: crs.ChangeRow | None
    next_steps: list[str] = field(default_factory=list)
    design: dict[str, Any] = field(default_factory=dict)  # what the brief yields now


def status(
    store: Store, loaded: LoadedBrief, catalog: Catalog, today: date, lock_path: Path | None
) -> Status:
    """`lock_path` None: the project is kept in the store (the portal), whose lock file is
    written from the store when it is downloaded, so it is current by construction."""
    cand = candidate(loaded, catalog)
    with store.read() as conn:
        project = repo.find_project(conn, cand.name)
        waivers = repo.waivers(conn, project) if project else []
        latest = repo.latest_baseline(conn, project) if project else None
        change = crs.change_with_status(conn, project, "proposed", "approved") if project else None
        # Whose approvals count: the open change request's, else (before the first freeze)
        # those of the brief's design as it is now.
        brief, approvals = cand.brief, []
        if project and change:
            record = repo.design(conn, project, change.design_sha256)
            assert record is not None
            brief = Brief.model_validate(record.brief)
            approvals = repo.approvals_for(conn, project, change.design_sha256, change.number)
        elif project and not latest:
            approvals = repo.approvals_for(conn, project, cand.sha256, None)
        expected = expected_lock(conn, project, latest) if project and latest else None
    live = wv.active(waivers, today)
    requester = change.requested_by if change else None
    report = Status(
        project=cand.name,
        store=store.location,
        state=project.state if project else State.draft,
        design_sha256=cand.sha256,
        recorded_sha256=project.design_sha256 if project else None,
        approvals=approvals,
        missing=[
            (r, policy.who_can_approve(brief, r, requester))
            for r in policy.missing_roles(brief, approvals)
        ],
        blockers=[b for b in cand.blockers if b.key not in live],
        waivers=[(w, w.active_on(today)) for w in waivers],
        latest=latest,
        lock_state=(
            "none"
            if expected is None
            else "current"
            if lock_path is None
            else lock_state(lock_path, expected)
        ),
        change=change,
        design=cand.design,
    )
    report.next_steps = _next_steps(report)
    return report


def _next_steps(s: Status) -> list[str]:
    steps: list[str] = []
    who = "; ".join(f"{role}: {', '.join(names) or 'nobody named'}" for role, names in s.missing)
    if s.blockers:
        steps.append(
            "fix or waive the blockers: "
            + ", ".join(b.key for b in s.blockers)
            + " (infragate waive KEY --as EMAIL --reason TEXT --expires YYYY-MM-DD)"
        )
    if s.latest is None:
        if s.state is State.approved and s.recorded_sha256 == s.design_sha256:
            steps.append("freeze the approved design: infragate freeze")
        elif s.recorded_sha256 and s.recorded_sha256 != s.design_sha256:
            steps.append(
                "the brief changed since the design was recorded: earlier approvals are void; "
                f"approve again ({who})"
            )
        elif not s.blockers:
            steps.append(
                f"approve the design: infragate approve --role ROLE --as EMAIL --key YOUR_SSH_KEY "
                f"({who})"
            )
    else:
        if s.lock_state in ("missing", "stale"):
            steps.append(
                f"the lock file is {s.lock_state}: 'infragate freeze --rewrite-lock' writes it "
                f"from baseline v{s.latest.version}"
            )
        if s.change and s.change.status == "proposed":
            steps.append(
                f"change request #{s.change.number} awaits approval ({who}): "
                "infragate change approve --role ROLE --as EMAIL --key KEY"
            )
        elif s.change and s.change.status == "approved":
            steps.append(f"freeze change request #{s.change.number}: infragate freeze")
        elif s.design_sha256 != s.latest.document["design_sha256"]:
            steps.append(
                "the brief no longer matches the baseline: infragate change propose "
                "--as EMAIL --reason TEXT"
            )
    return steps


def history(store: Store, name: str) -> tuple[list[repo.BaselineRow], list[crs.ChangeRow]]:
    with store.read() as conn:
        project = repo.find_project(conn, name)
        if project is None:
            return [], []
        return repo.baselines(conn, project), crs.changes(conn, project)


def stored_lock(
    store: Store, name: str, version: int | None = None
) -> tuple[repo.BaselineRow, str] | None:
    """A baseline of `name` (the latest unless `version`) and its lock file as `freeze`
    wrote it, with the approvers' signatures; None when there is no such baseline."""
    with store.read() as conn:
        project = repo.find_project(conn, name)
        frozen = repo.baselines(conn, project) if project else []
        found = next((b for b in reversed(frozen) if version in (None, b.version)), None)
        if project is None or found is None:
            return None
        return found, expected_lock(conn, project, found)


def trail(store: Store, name: str | None) -> list[tuple[str, list[Event]]]:
    with store.read() as conn:
        projects = repo.all_projects(conn)
        return [(p.name, repo.events(conn, p)) for p in projects if name is None or p.name == name]


def waivers_in_force(store: Store, name: str, today: date) -> dict[str, wv.Waiver]:
    with store.read() as conn:
        project = repo.find_project(conn, name)
        return wv.active(repo.waivers(conn, project), today) if project else {}


def check_against_store(store: Store, result: Verification, lock_text: str) -> Verification:
    """`result` with one more check: the store froze this very baseline (same project,
    version and sha256). A lock that verifies offline but that the store never froze was
    made elsewhere."""
    try:
        document = read_lock(lock_text).document
    except LockFormatError:
        return result  # the format check already failed
    name = str(document.get("project"))
    version = document.get("version")
    with store.read() as conn:
        project = repo.find_project(conn, name)
        frozen = repo.baselines(conn, project) if project else []
    match = next((b for b in frozen if b.version == version), None)
    if project is None:
        check = Check(
            "store", False, f"{store.location} has no project {name!r}: it never froze this lock"
        )
    elif match is None:
        latest = f"v{frozen[-1].version}" if frozen else "none"
        check = Check(
            "store",
            False,
            f"{store.location} has no baseline v{version} of {name} (latest: {latest}): "
            "the store never froze this lock",
        )
    elif match.sha256 != result.sha256:
        check = Check(
            "store",
            False,
            f"{store.location} froze {name} v{version} as sha256 {match.sha256[:12]}, the lock "
            f"says {str(result.sha256)[:12]}: the lock is not the baseline the store froze; "
            "'infragate freeze --rewrite-lock' writes the store's",
        )
    else:
        check = Check(
            "store", True, f"{store.location} froze this baseline (v{version}, {match.sha256[:12]})"
        )
    return replace(result, checks=(*result.checks, check))
