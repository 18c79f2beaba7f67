"""The closure context of tests/fixtures/rules/CLOSE*/ cases.

`base: shopfront` is examples/shopfront frozen as v1 by the real lifecycle, with every
piece of evidence (read from tests/fixtures/evidence/ by the real validators), a handover
event of v1, no drift and no open change: a context every closure rule passes. A case's
`patch` then takes one thing away or adds one (keys below), so each fixture states
exactly what it changes.
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from infragate.catalog.loader import load_catalog
from infragate.closure.model import ClosureContext, OpenChange
from infragate.evidence.kinds import VALIDATORS
from infragate.evidence.model import EVENT_KIND, HANDOVER_EVENT_KIND, Evidence, EvidenceKind
from infragate.evidence.reading import read_evidence_file
from infragate.evidence.record import baseline_facts
from infragate.lifecycle.chain import Event, make_event
from infragate.render import source
from infragate.store import repository as repo
from infragate.store.engine import open_store
from tests.helpers import FIXTURES, merge
from tests.render_helpers import TODAY, freeze_example

EVIDENCE = FIXTURES / "evidence"
TODAY_CLOSING = date(2026, 11, 27)  # two days after the freeze, a day after the tests
FILES = {
    EvidenceKind.deploy: "deploy.json",
    EvidenceKind.restore_test: "restore-test.json",
    EvidenceKind.alert_test: "alert-test.yaml",
    EvidenceKind.access: "access.yaml",
    EvidenceKind.secrets: "secrets.yaml",
}
RECORDED_AT = "2026-11-26T12:00:00.000000Z"


def evidence_from_file(
    kind: EvidenceKind, name: str, document: dict[str, Any], version: int, at: str = RECORDED_AT
) -> Evidence:
    f = read_evidence_file(EVIDENCE / name, str(kind))
    facts = VALIDATORS[kind](f, baseline_facts(document))
    return Evidence(kind, version, "dana@example.com", at, "", None, f.path.name, f.sha256, facts)


def _event(project: str, seq: int, kind: str, payload: dict[str, Any]) -> Event:
    return make_event(project, seq, RECORDED_AT, "dana@example.com", kind, payload, "0" * 64)


def shopfront_base(dest: Path) -> ClosureContext:
    lock_path = freeze_example("shopfront", dest)
    lock = source.read(lock_path, lock_path.parent / "brief.yaml", TODAY, "nothing to close")
    store = open_store(f"sqlite:///{dest / '.store' / 'infragate.db'}")
    with store.read() as conn:
        project = repo.find_project(conn, "shopfront")
        assert project is not None
        events = repo.events(conn, project)
    store.engine.dispose()
    document = lock.document
    evidence = [evidence_from_file(k, n, document, 1) for k, n in FILES.items()]
    seq = len(events)
    events += [
        _event("shopfront", seq + i + 1, EVENT_KIND, e.payload()) for i, e in enumerate(evidence)
    ]
    handover = {"baseline_version": 1, "manifest_sha256": "a" * 64, "format": "html"}
    events.append(_event("shopfront", len(events) + 1, HANDOVER_EVENT_KIND, handover))
    return ClosureContext(
        project="shopfront",
        lock=document,
        lock_problems=(),
        store_version=1,
        drift=(),
        baseline=lock.baseline(),
        baseline_problem=None,
        events=tuple(events),
        evidence=tuple(evidence),
        open_changes=(),
        today=TODAY_CLOSING,
        cost_tolerance_pct=load_catalog().threshold("cost_variance_pct"),
    )


def patched(base: ClosureContext, patch: dict[str, Any] | None) -> ClosureContext:
    """Apply a fixture's patch. Keys: today_plus_days, lock_patch (deep-merged into the
    lock document), waivers [{key, expires_in_days}], lock_problems, store_version,
    drift, baseline_problem, open_changes, remove_evidence [kinds], evidence [{kind, file,
    days_ago?, baseline_version?}], handover_versions [versions], actual_monthly_usd, actual_vs_frame [factor, extra],
    actual_period, actual_unjudged, cost_tolerance_pct,
    no_metrics (production's metrics component taken out of the render context)."""
    p = patch or {}
    ctx = base
    today = base.today + timedelta(days=int(p.get("today_plus_days", 0)))
    lock = merge(copy.deepcopy(base.lock), p.get("lock_patch") or {})
    if "waivers" in p:
        lock["waivers"] = [
            {
                "key": w["key"],
                "approver_email": "dana@example.com",
                "approver_name": "Dana Ruiz",
                "reason": "accepted for a fixture",
                "expires_on": (today + timedelta(days=int(w["expires_in_days"]))).isoformat(),
                "granted_at": RECORDED_AT,
            }
            for w in p["waivers"]
        ]
    evidence = [e for e in base.evidence if str(e.kind) not in (p.get("remove_evidence") or ())]
    for item in p.get("evidence") or ():
        kind = EvidenceKind(item["kind"])
        at = datetime(2026, 11, 26, 12, tzinfo=UTC) - timedelta(days=int(item.get("days_ago", 0)))
        added = evidence_from_file(
            kind, item["file"], lock, 1, at.isoformat().replace("+00:00", ".000000Z")
        )
        evidence.append(
            dataclasses.replace(added, baseline_version=int(item.get("baseline_version", 1)))
        )
    events = [e for e in base.events if e.kind != HANDOVER_EVENT_KIND]
    for version in p.get("handover_versions", [1]):
        payload = {"baseline_version": version, "manifest_sha256": "b" * 64, "format": "markdown"}
        events.append(_event("shopfront", len(events) + 1, HANDOVER_EVENT_KIND, payload))
    actual = p.get("actual_monthly_usd")
    if "actual_vs_frame" in p:  # [factor, extra USD]: the frame moves with the price book
        factor, extra = (Decimal(str(x)) for x in p["actual_vs_frame"])
        actual = Decimal(str(lock.get("monthly_usd") or "0")) * factor + extra
    baseline = base.baseline
    if p.get("no_metrics") and baseline is not None:  # production without its metrics
        envs = tuple(
            dataclasses.replace(e, components=tuple(c for c in e.components if c.kind != "metrics"))
            for e in baseline.environments
        )
        baseline = dataclasses.replace(baseline, environments=envs)
    return dataclasses.replace(
        ctx,
        lock=lock,
        today=today,
        lock_problems=tuple(p.get("lock_problems") or ()),
        store_version=p.get("store_version", base.store_version),
        drift=base.drift if "drift" not in p else None if p["drift"] is None else tuple(p["drift"]),
        baseline=None if p.get("baseline_problem") else baseline,
        baseline_problem=p.get("baseline_problem"),
        open_changes=tuple(OpenChange(**c) for c in p.get("open_changes") or ()),
        evidence=tuple(evidence),
        events=tuple(events),
        actual_monthly_usd=Decimal(str(actual)) if actual is not None else None,
        actual_period=p.get("actual_period"),
        actual_unjudged=p.get("actual_unjudged"),
        cost_tolerance_pct=Decimal(str(p.get("cost_tolerance_pct", base.cost_tolerance_pct))),
    )
