"""Evidence, closure, the handover pack and drift for the portal: each a call of the core
the CLI calls (`evidence add`, `check --stage closure`, `close`, `handover`, `drift`),
given what the CLI reads from a repository: for a project kept in the store, the
repository laid out from the store (hosted_repository); for one kept in a repository,
what the store alone can judge (closure/stored.py), and plainly what it cannot.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from infragate.closure import service as closure
from infragate.closure.gate import ClosureReport
from infragate.closure.model import Verdict
from infragate.closure.stored import REPOSITORY_RULES, check_stored
from infragate.errors import InputError, Refused
from infragate.evidence.model import EvidenceKind
from infragate.evidence.reading import evidence_from_bytes
from infragate.evidence.record import add_evidence, stored_file
from infragate.handover.diagram import dot_program
from infragate.handover.pack import PackFormat
from infragate.handover.service import generate
from infragate.lifecycle import service
from infragate.lifecycle.baseline import LOCK_FILE, parse_lock
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.portal import closure_models as m
from infragate.portal.downloads import Download, zip_bytes
from infragate.portal.hosted_repository import (
    NOT_CHECKED,
    Layout,
    hosted_repository,
    is_hosted,
)
from infragate.portal.requests_view import evidence_of
from infragate.render import drift
from infragate.render.context import PRODUCTION, deploy_rank
from infragate.store import repository as repo
from infragate.store.engine import Store

PACK_FOLDER = "infra/handover"  # where `infragate handover` writes it: the zip's folder


def _inputs(layout: Layout) -> closure.Inputs:
    return closure.Inputs(layout.lock, layout.brief, layout.root)


def _state(store: Store, name: str) -> State:
    with store.read() as conn:
        project = repo.find_project(conn, name)
    if project is None:
        raise Refused(f"no project {name!r} in the store")
    return project.state


def _environments(store: Store, name: str) -> list[str]:
    """The environments of `name`'s latest baseline, in deploy order."""
    found = service.stored_lock(store, name)
    if found is None:
        return []
    try:
        _, document = parse_lock(found[1])
    except InputError:  # a damaged lock: the checklist says so; nothing to choose from
        return []
    listed = (document.get("design") or {}).get("environments") or ()
    return sorted({str(e.get("name")) for e in listed if isinstance(e, dict)}, key=deploy_rank)


def _view(store: Store, name: str, report: ClosureReport | None, hosted: bool) -> m.ClosureView:
    state = _state(store, name)
    environments = _environments(store, name) if report else []
    checks = [m.ClosureCheck(**r.as_dict()) for r in report.results] if report else []
    not_checked = [NOT_CHECKED] if hosted and report else []
    if not hosted and report:
        not_checked = [f"{rule}: {why}" for rule, why in REPOSITORY_RULES.items()]
        not_checked.append("closing: 'infragate close' in the repository, by its infra owner")
    blocked = bool(report and report.blocked)
    return m.ClosureView(
        project=name,
        state=state,
        hosted=hosted,
        baseline_version=report.version if report else None,
        blocked=blocked,
        closable=hosted and report is not None and not blocked and state is State.delivered,
        checks=checks,
        not_checked=not_checked,
        environments=environments,
        default_environment=PRODUCTION if PRODUCTION in environments else None,
    )


def closure_view(store: Store, name: str, clock: Clock) -> m.ClosureView:
    """The closure checklist of the latest baseline (empty while nothing is frozen)."""
    hosted = is_hosted(store, name)
    if service.stored_lock(store, name) is None:
        return _view(store, name, None, hosted)
    if not hosted:
        return _view(store, name, check_stored(store, name, clock), hosted)
    try:
        with hosted_repository(store, name, clock.today) as layout:
            report = closure.check(store, _inputs(layout), clock)
    except Refused as exc:
        # The files cannot be rendered yet (say, the brief lacks the app's contract): the
        # checklist is still what the store can judge, and the page says what stops the rest.
        shown = _view(store, name, check_stored(store, name, clock), hosted)
        why = exc.render().splitlines()[0]
        return shown.model_copy(update={"closable": False, "not_checked": [why]})
    return _view(store, name, report, hosted)


def close(
    store: Store,
    name: str,
    clock: Clock,
    state: tuple[str, bytes] | None = None,
    environment: str | None = None,
) -> m.ClosureView:
    """`infragate close [--tfstate F [--environment E]]` by `clock.actor`: delivered ->
    maintenance when nothing fails, the uploaded state (its name, its bytes), if any,
    compared with the baseline's `environment` (None: the one its tags name) as drift (the
    view says what fails otherwise, and nothing changes); InputError naming the upload when
    it is not a Terraform state, UnknownEnvironment when its environment cannot be told."""
    if not is_hosted(store, name):
        raise Refused(
            f"{name} is kept in a repository: its infra owner closes it there with "
            "'infragate close', where the gate compares the repository with the baseline"
        )
    with hosted_repository(store, name, clock.today) as layout:
        path = _upload(layout, *state) if state else None
        with _named_as_uploaded(path):
            inputs = closure.Inputs(layout.lock, layout.brief, layout.root, path, environment)
            report = closure.close(store, inputs, clock, clock.actor)
    return _view(store, name, report, True)


def _upload(layout: Layout, filename: str, raw: bytes) -> Path:
    """The uploaded state, written beside the laid-out repository under its own name."""
    shown = Path(filename).name
    path = layout.scratch / (shown if shown not in ("", ".", "..") else "terraform.tfstate")
    path.write_bytes(raw)
    return path


@contextmanager
def _named_as_uploaded(path: Path | None) -> Iterator[None]:
    """An InputError about the uploaded file names it as uploaded, not by a server folder."""
    try:
        yield
    except InputError as exc:
        if path is None or exc.path != path:
            raise
        raise InputError(Path(path.name), exc.problems) from None


def failing(view: m.ClosureView) -> str:
    return "; ".join(f"{c.id} {c.reason}" for c in view.checks if c.status == Verdict.failed)


def record_evidence(
    store: Store,
    name: str,
    clock: Clock,
    kind: EvidenceKind,
    filename: str,
    raw: bytes,
    url: str | None,
    note: str,
) -> m.EvidenceRecorded:
    """`infragate evidence add KIND --file F`, the file uploaded: InputError (naming the
    file, its line and what to do) when it is not a valid record or holds a secret."""
    done = add_evidence(
        store, name, clock, kind, evidence_from_bytes(filename, raw, str(kind)), url, note
    )
    e = done.evidence
    return m.EvidenceRecorded(
        **evidence_of(e).model_dump(),
        project=name,
        seq=done.seq,
        facts=dict(e.facts),
        delivered=done.delivered,
    )


def evidence_file(store: Store, name: str, sha256: str) -> Download | None:
    """A stored evidence file under the name it was recorded with; None if unknown."""
    content = stored_file(store, name, sha256)
    if content is None:
        return None
    with store.read() as conn:
        project = repo.find_project(conn, name)
        events = repo.events(conn, project) if project else []
    names = [
        str(e.payload.get("file_name"))
        for e in events
        if e.kind == "evidence.added" and e.payload.get("file_sha256") == sha256
    ]
    filename = Path(names[-1] if names else f"{sha256[:12]}.txt").name
    return Download(filename, "application/octet-stream", content)


def handover_zip(store: Store, name: str, clock: Clock) -> Download:
    """`infragate handover` (all three formats) into a temporary folder, recorded in the
    trail as the CLI records it, and the pack as a zip under infra/handover/."""
    found = service.stored_lock(store, name)
    if found is None:
        raise Refused(f"{name} has no frozen baseline: a handover pack describes one")
    lock_path = Path(name) / "infra" / LOCK_FILE  # named in messages only
    with tempfile.TemporaryDirectory(prefix="infragate-handover-") as folder:
        written = generate(
            store, lock_path, found[1], Path(folder), list(PackFormat), clock, False, dot_program()
        )
        files = {f"{PACK_FOLDER}/{p}": (Path(folder) / p).read_text() for p in written.files}
    return Download(f"{name}-v{written.version}-handover.zip", "application/zip", zip_bytes(files))


def drift_view(
    store: Store, name: str, today: date, filename: str, raw: bytes, environment: str | None
) -> m.DriftView:
    """`infragate drift --tfstate F` on the project laid out from the store, the state
    uploaded: InputError naming the upload when it is not a Terraform state."""
    if not is_hosted(store, name):
        raise Refused(
            f"{name} is kept in a repository: run 'infragate drift --tfstate STATE' there, "
            "where the repository's files are compared too"
        )
    with hosted_repository(store, name, today) as layout:
        state = _upload(layout, filename, raw)
        with _named_as_uploaded(state):
            report = drift.compare(
                layout.root, layout.lock, layout.brief, today, state, environment or None
            )
    shown = state.name
    findings = [
        m.DriftFinding(
            kind=str(f.kind),
            title=f.title,
            path=shown if f.path == str(state) else f.path,
            address=f.address,
            line=f.line,
            message=f.message.replace(str(state), shown),
            fix=f.fix,
        )
        for f in report.findings
    ]
    return m.DriftView(
        project=name,
        baseline_version=report.version,
        baseline_sha256=report.sha256,
        state_file=shown,
        environment=report.environment,
        resources_checked=report.resources_checked,
        files_checked=report.files_checked,
        drifted=report.drifted,
        findings=findings,
        not_checked=[NOT_CHECKED],
    )
