"""Decision records in MADR form: one per right-sizing verdict, waiver and change request,
numbered in the order the trail recorded them, superseded ones kept and marked.

Numbering walks the trail: a waiver at its `waiver.granted` event, a change request at
its `change.proposed` event, and the right-sizing verdicts of the baseline in force at
the first `baseline.frozen` (the trail does not carry designs; the lock's are the ones in
force). Nothing here reads a clock, so a re-run writes the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from infragate.handover.document import slug
from infragate.lifecycle.chain import Event

ADR_DIR = "docs/adr"
VERDICT_LABEL = {
    "approved": "applied",
    "over_engineering": "deferred as over-engineering",
    "under_engineering": "required: under-engineered without it",
}


@dataclass(frozen=True)
class Record:
    number: int
    title: str
    name: str  # the file name's part after the number
    status: str  # accepted | rejected | proposed | superseded by NNNN | lapsed
    date: str
    deciders: str
    source: str  # what in the trail or the lock it comes from
    context: str
    options: tuple[str, ...]
    outcome: str
    consequences: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return f"adr-{self.number:04d}"

    @property
    def path(self) -> str:
        return f"{ADR_DIR}/{self.number:04d}-{self.name}.md"

    @property
    def superseded(self) -> bool:
        return self.status.startswith("superseded")


def needed_when(verdict: dict[str, Any]) -> str:
    """When a deferred feature becomes needed: the maturity named by the verdict, else
    the condition its reason states."""
    if verdict.get("needed_from"):
        return f"at maturity {verdict['needed_from']}"
    m = re.search(r"\(needed ([^)]*)\)", str(verdict.get("reason", "")))
    return (
        f"when the availability target is {m.group(1)}"
        if m
        else "when the condition in its reason no longer holds"
    )


def _verdict(
    v: dict[str, Any], decisions: dict[str, dict[str, Any]], doc: dict[str, Any], at: str
) -> dict[str, Any]:
    d = decisions.get(v["rule"], {})
    applied, kind = bool(v["applied"]), str(v["verdict"])
    delta = v["monthly_usd_delta"]
    consequences = [
        f"Monthly cost: {'+' if applied else 'saves '}{delta} USD"
        + (" (in the cost frame)" if applied else " (not in the cost frame)")
    ]
    if kind == "over_engineering":
        consequences.append(f"Becomes needed {needed_when(v)}; adding it is a change request.")
    if v.get("blocker"):
        consequences.append("A blocker: the baseline froze only with a waiver.")
    return {
        "title": f"{d.get('topic') or v['subject']} ({VERDICT_LABEL.get(kind, kind)})",
        "name": slug(str(v.get("slug") or v["subject"])),
        "status": "accepted",
        "date": at[:10],
        "deciders": ", ".join(f"{a['name']} ({a['role']})" for a in doc.get("approvals", [])),
        "source": f"right-sizing rule {v['rule']} ({v['subject']}), baseline v{doc['version']}",
        "context": d.get("rationale") or v["reason"],
        "options": (str(d.get("choice", "as designed")), *d.get("alternatives", [])),
        "outcome": f"{'Applied' if applied else 'Not applied'}: {v['reason']}.",
        "consequences": tuple(consequences),
    }


def _waiver(e: Event) -> dict[str, Any]:
    p = e.payload
    return {
        "title": f"Waive blocker {p['key']} until {p['expires_on']}",
        "name": f"waive-{slug(str(p['key']))}",
        "status": "accepted",
        "date": e.at[:10],
        "deciders": f"{p.get('approver_name') or e.actor} ({p.get('approver_email') or e.actor})",
        "source": f"trail event #{e.seq} (waiver.granted)",
        "context": f"The design gate is closed by blocker {p['key']}.",
        "options": ("fix the design so the blocker disappears", "waive it for a limited time"),
        "outcome": f"Waived until {p['expires_on']}: {p['reason']}",
        "consequences": (
            f"`infragate verify` fails from the day after {p['expires_on']}: renew the "
            "waiver or fix the design before then.",
        ),
    }


def _change(e: Event, events: Sequence[Event]) -> dict[str, Any]:
    p = e.payload
    number = p["number"]
    status, frozen = "proposed", None
    for later in events:
        if (
            later.seq <= e.seq
            or later.payload.get("number", later.payload.get("change_request")) != number
        ):
            continue
        if later.kind == "change.rejected":
            status = f"rejected by {later.payload.get('by') or later.actor}: {later.payload.get('reason', '')}"
        elif later.kind == "change.superseded":
            status = "superseded"
        elif later.kind == "change.approved":
            status = "accepted"
        elif later.kind == "baseline.frozen":
            status, frozen = "accepted", later.payload.get("version")
    outcome = f"Frozen as baseline v{frozen}." if frozen else f"Not frozen ({status})."
    return {
        "title": f"Change request #{number}: {p['reason']}",
        "name": f"change-request-{number}",
        "status": status,
        "date": e.at[:10],
        "deciders": f"requested by {p.get('requested_by') or e.actor}",
        "source": f"trail event #{e.seq} (change.proposed on baseline v{p.get('base_version')})",
        "context": f"After baseline v{p.get('base_version')}: {p['reason']}.",
        "options": (
            "keep baseline v" + str(p.get("base_version")),
            "change the design as proposed",
        ),
        "outcome": outcome,
        "consequences": (f"Monthly cost delta: {_signed(p.get('delta_monthly_usd'))} USD.",),
        "change": number,
    }


def _signed(value: Any) -> str:
    text = str(value if value is not None else "0.00")
    return text if text.startswith("-") else f"+{text}"


def records(doc: dict[str, Any], events: Sequence[Event]) -> list[Record]:
    design = doc["design"]
    decisions = {
        d["rule"]: d for d in design.get("decisions", []) if d.get("rule", "").startswith("RS")
    }
    raw: list[dict[str, Any]] = []
    verdicts_done = False

    def add_verdicts(at: str) -> None:
        raw.extend(_verdict(v, decisions, doc, at) for v in design.get("verdicts", []))

    for e in events:
        if e.kind == "waiver.granted":
            raw.append({**_waiver(e), "key": e.payload["key"]})
        elif e.kind == "change.proposed":
            raw.append(_change(e, events))
        elif e.kind == "baseline.frozen" and not verdicts_done:
            add_verdicts(e.at)
            verdicts_done = True
    if not verdicts_done:
        add_verdicts(str(doc.get("frozen_at", "")))
    # Mark what a later record replaced: a waiver of the same blocker, or the change request
    # that superseded an open one.
    for i, r in enumerate(raw, start=1):
        r["number"] = i
    for r in raw:
        later = [x for x in raw if x["number"] > r["number"]]
        if "key" in r:
            newer = [x for x in later if x.get("key") == r["key"]]
            if newer:
                r["status"] = f"superseded by {newer[0]['number']:04d}"
        if r.get("status") == "superseded":
            nxt = next((x for x in later if "change" in x), None)
            r["status"] = f"superseded by {nxt['number']:04d}" if nxt else "superseded"
    fields = Record.__dataclass_fields__
    return [Record(**{k: v for k, v in r.items() if k in fields}) for r in raw]


def to_markdown(r: Record) -> str:
    lines = [
        f"# {r.number:04d}. {r.title}",
        "",
        f"- Status: {r.status}",
        f"- Date: {r.date}",
        f"- Deciders: {r.deciders}",
        f"- Source: {r.source}",
        "",
        "## Context and problem statement",
        "",
        r.context,
        "",
        "## Considered options",
        "",
        *[f"- {o}" for o in r.options],
        "",
        "## Decision outcome",
        "",
        r.outcome,
        "",
        "### Consequences",
        "",
        *[f"- {c}" for c in r.consequences],
    ]
    return "\n".join(lines) + "\n"
