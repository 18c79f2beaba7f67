"""Recording evidence and handover packs in the trail, and reading them back.

A record is an `evidence.added` event (hash-chained like every other), written in the
same transaction as the file it names (stored by SHA-256). The first `deploy` of a
baseline to production moves the project frozen -> delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from infragate.errors import Refused, UsageError
from infragate.evidence.kinds import VALIDATORS, BaselineFacts
from infragate.evidence.model import (
    EVENT_KIND,
    HANDOVER_EVENT_KIND,
    Evidence,
    EvidenceKind,
    from_events,
)
from infragate.evidence.reading import EvidenceFile
from infragate.evidence.secretscan import secret_values
from infragate.lifecycle.candidate import move
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.store import evidence_files
from infragate.store import repository as repo
from infragate.store.engine import Store

PRODUCTION = "prod"
HANDOVER_FORMATS = frozenset({"html", "markdown", "json"})


@dataclass(frozen=True)
class Recorded:
    evidence: Evidence
    seq: int
    delivered: bool  # this record moved the project frozen -> delivered


def baseline_facts(document: dict[str, Any]) -> BaselineFacts:
    brief, design = document.get("brief") or {}, document.get("design") or {}
    rto = (brief.get("availability") or {}).get("rto_minutes")
    return BaselineFacts(
        version=int(document["version"]),
        environments=tuple(str(e["name"]) for e in design.get("environments") or ()),
        rto_minutes=int(rto) if rto is not None else None,
    )


def delivers(b: BaselineFacts, environment: str | None) -> bool:
    """A deploy to production delivers (any deploy, where a baseline has no `prod`)."""
    return environment == PRODUCTION or PRODUCTION not in b.environments


def _current(conn: Connection, name: str, what: str) -> tuple[repo.ProjectRow, repo.BaselineRow]:
    project = repo.find_project(conn, name)
    latest = repo.latest_baseline(conn, project) if project else None
    if project is None or latest is None:
        raise Refused(
            f"{name} has no frozen baseline: {what} is recorded against one. Approve and "
            "freeze the design first ('infragate status' says who acts)"
        )
    if project.state is State.retired:
        raise Refused(f"{name} is retired; nothing more is recorded against it")
    return project, latest


def add_evidence(
    store: Store,
    name: str,
    clock: Clock,
    kind: EvidenceKind,
    file: EvidenceFile,
    url: str | None = None,
    note: str = "",
) -> Recorded:
    """Validate and record one piece of evidence against the baseline in force."""
    leaked = secret_values(file)
    if leaked:
        raise leaked
    with store.read() as conn:
        _, latest = _current(conn, name, f"{kind} evidence")
    facts_of = baseline_facts(latest.document)
    facts = VALIDATORS[kind](file, facts_of)
    with store.write() as conn:
        repo.lock_project(conn, name, clock.at, clock.actor)
        project, now_latest = _current(conn, name, f"{kind} evidence")
        if now_latest.version != latest.version:
            raise Refused(
                f"baseline v{now_latest.version} was frozen while the file was read; run again"
            )
        evidence = Evidence(
            kind=kind,
            baseline_version=latest.version,
            recorded_by=clock.actor,
            recorded_at=clock.at,
            note=note.strip(),
            url=url,
            file_name=file.path.name,
            file_sha256=file.sha256,
            facts=facts,
        )
        evidence_files.put_evidence_file(conn, project, file.sha256, file.content, clock.at)
        event = repo.append_event(
            conn, project, clock.at, clock.actor, EVENT_KIND, evidence.payload()
        )
        delivered = (
            kind is EvidenceKind.deploy
            and project.state is State.frozen
            and bool(facts.get("healthy"))
            and delivers(facts_of, facts.get("environment"))
        )
        if delivered:
            move(
                conn,
                project,
                State.delivered,
                clock,
                f"baseline v{latest.version} deployed to {facts.get('environment')} "
                f"({facts.get('version')}), health check green",
            )
        return Recorded(Evidence.from_event(event), event.seq, delivered)


def record_handover(
    store: Store,
    project: str,
    actor: str,
    baseline_version: int,
    manifest_sha256: str,
    fmt: str,
    at: datetime | None = None,
) -> int | None:
    """Record that a handover pack of `baseline_version` was written (HANDOVER_EVENT_KIND)
    in the formats `fmt` names (comma-separated); returns the event's sequence number, or
    None when the last pack recorded is this same one (a re-run adds nothing to the trail).
    Called by `infragate handover`."""
    unknown = [f for f in fmt.split(",") if f not in HANDOVER_FORMATS]
    if not fmt or unknown:
        raise UsageError(f"handover format '{fmt}' is not made of {sorted(HANDOVER_FORMATS)}")
    if len(manifest_sha256) != 64 or any(ch not in "0123456789abcdef" for ch in manifest_sha256):
        raise UsageError(f"'{manifest_sha256}' is not a SHA-256 in hex")
    clock = Clock(at or datetime.now(UTC), actor)
    with store.write() as conn:
        _current(conn, project, "a handover pack")
        row = repo.lock_project(conn, project, clock.at, clock.actor)
        known = {b.version for b in repo.baselines(conn, row)}
        if baseline_version not in known:
            raise Refused(f"{project} has no baseline v{baseline_version}")
        payload = {
            "baseline_version": baseline_version,
            "manifest_sha256": manifest_sha256,
            "format": fmt,
        }
        last = [e for e in repo.events(conn, row) if e.kind == HANDOVER_EVENT_KIND]
        if last and last[-1].payload == payload:
            return None
        return repo.append_event(conn, row, clock.at, actor, HANDOVER_EVENT_KIND, payload).seq


def list_evidence(store: Store, name: str) -> list[Evidence]:
    with store.read() as conn:
        project = repo.find_project(conn, name)
        return from_events(repo.events(conn, project)) if project else []


def stored_file(store: Store, name: str, sha256: str) -> bytes | None:
    with store.read() as conn:
        project = repo.find_project(conn, name)
        return evidence_files.evidence_file(conn, project, sha256) if project else None
