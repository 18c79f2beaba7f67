"""Sections 11 to 15 of the pack: access and secrets, risks and what was deferred, the
change history, the glossary, and how to verify the pack."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from infragate.evidence.model import Evidence, EvidenceKind
from infragate.handover.adr import needed_when
from infragate.handover.document import Block, Bullets, Code, Para, Sub, Table
from infragate.handover.recorded import access_rows, latest, provenance, summary
from infragate.lifecycle.chain import Event

MANIFEST = "manifest.json"


def _rows(value: Any) -> list[dict[str, Any]]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def access(doc: dict[str, Any], evidence: Sequence[Evidence]) -> tuple[Block, ...]:
    out: list[Block] = []
    acc = latest(evidence, EvidenceKind.access)
    if acc is None:
        out.append(
            Sub(
                "access-holders",
                "Who holds access",
                (
                    Para(
                        "No access evidence recorded: nobody has shown who holds access to the cloud account, the repository and the secrets (at least two people should)."
                    ),
                ),
            )
        )
    else:
        rows = access_rows(acc)
        blocks: list[Block] = [Table(("Access to", "Held by"), rows)] if rows else []
        blocks.append(Para(f"From access evidence {provenance(acc)}. {summary(acc)}."))
        out.append(Sub("access-holders", "Who holds access", tuple(blocks)))
    derived = [
        "Database master password: in AWS Secrets Manager, managed and rotated by RDS "
        "(`manage_master_user_password`); the application connects with IAM authentication, no password."
        if any(c["kind"] == "postgres" for c in doc["design"]["components"])
        else "",
        "Deploy credentials: none stored; GitHub Actions assumes an AWS role through OIDC.",
        "Terraform state: in the S3 bucket named by the repository variable `TF_STATE_BUCKET`.",
    ]
    app = (doc["brief"].get("workload") or {}).get("app") or {}
    secret_vars = [
        v["name"] for v in app.get("env") or [] if isinstance(v, dict) and v.get("secret")
    ]
    if secret_vars:
        derived.append(
            "Application secrets named in the brief: "
            + ", ".join(f"`{n}`" for n in secret_vars)
            + "."
        )
    sec = latest(evidence, EvidenceKind.secrets)
    blocks2: list[Block] = [Bullets(tuple(d for d in derived if d))]
    if sec is None:
        blocks2.append(
            Para(
                "No secrets inventory recorded (`infragate evidence add secrets`): the list above is what the baseline itself implies."
            )
        )
    else:
        items = _rows(sec.facts.get("secrets"))
        if items:
            blocks2.append(
                Table(
                    ("Secret", "Where it is stored", "Rotation"),
                    tuple(
                        (
                            f"`{i.get('name', '?')}`",
                            str(i.get("stored") or i.get("where") or i.get("store") or "?"),
                            str(i.get("rotation", "not stated")),
                        )
                        for i in items
                    ),
                )
            )
        blocks2.append(
            Para(
                f"Secrets inventory {provenance(sec)} (names and places only, never a value). {summary(sec, ('secrets',))}."
            )
        )
    out.append(Sub("secrets", "Where the secrets live", tuple(blocks2)))
    return tuple(out)


def risks(doc: dict[str, Any], evidence: Sequence[Evidence]) -> tuple[Block, ...]:
    verdicts = doc["design"].get("verdicts") or []
    deferred = [v for v in verdicts if v["verdict"] == "over_engineering" and not v["applied"]]
    out: list[Block] = []
    out.append(
        Sub(
            "deferred",
            "What was deferred, and when it becomes needed",
            (
                Table(
                    ("Deferred", "Why", "Becomes needed", "Would add USD/month"),
                    tuple(
                        (
                            f"{v['subject']} ({v['rule']})",
                            v["reason"],
                            needed_when(v),
                            str(v["monthly_usd_delta"]),
                        )
                        for v in deferred
                    ),
                )
                if deferred
                else Para("Nothing was deferred: every right-sizing rule applied what it judged."),
            ),
        )
    )
    waivers = doc.get("waivers") or []
    out.append(
        Sub(
            "waivers",
            "Waivers",
            (
                Table(
                    ("Blocker", "Why waived", "By", "Expires"),
                    tuple(
                        (
                            w["key"],
                            w["reason"],
                            f"{w['approver_name']} ({w['approver_email']})",
                            w["expires_on"],
                        )
                        for w in waivers
                    ),
                )
                if waivers
                else Para("No waivers: the baseline froze with no blocker open."),
            ),
        )
    )
    known = []
    for b in doc.get("blockers") or []:
        known.append(f"Blocker {b['key']}: {b['reason']}.")
    for k in doc["design"].get("capacity") or []:
        if not k["ok"]:
            known.append(
                f"Capacity of {k['environment']}/{k['component']} falls short: {k['formula']}."
            )
    kinds = {c["kind"] for c in doc["design"]["components"]}
    for kind, what, applies in (
        (EvidenceKind.restore_test, "no restore test recorded", "postgres" in kinds),
        (EvidenceKind.alert_test, "no alert test recorded", "metrics" in kinds),
        (EvidenceKind.access, "nobody recorded who holds access", True),
        (EvidenceKind.secrets, "no secrets inventory recorded", True),
    ):
        if applies and latest(evidence, kind) is None:
            known.append(f"Operations: {what}.")
    out.append(
        Sub(
            "known-risks",
            "Known risks",
            (
                Bullets(tuple(known))
                if known
                else Para("None recorded: no blocker, capacity shortfall or missing evidence."),
            ),
        )
    )
    return tuple(out)


def _usd(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def changes(events: Sequence[Event]) -> tuple[Block, ...]:
    proposed = {e.payload["number"]: e for e in events if e.kind == "change.proposed"}
    rows: list[tuple[str, ...]] = []
    before: Decimal | None = None
    for e in events:
        if e.kind != "baseline.frozen":
            continue
        p = e.payload
        cost = _usd(p.get("monthly_usd"))
        delta = "first baseline" if before is None else f"{cost - before:+.2f} USD"
        number = p.get("change_request")
        change = proposed.get(number) if number else None
        why = (
            f"change request #{number} by {change.payload.get('requested_by')}: {change.payload.get('reason')}"
            if change
            else "first freeze"
            if before is None
            else "re-frozen"
        )
        rows.append((f"v{p['version']}", e.at[:10], e.actor, why, f"{cost:.2f} USD", delta))
        before = cost
    open_or_closed = [
        f"Change request #{n} ({e.payload.get('reason')}) by {e.payload.get('requested_by')}: delta {e.payload.get('delta_monthly_usd')} USD a month, not frozen."
        for n, e in proposed.items()
        if not any(
            x.kind == "baseline.frozen" and x.payload.get("change_request") == n for x in events
        )
    ]
    out: list[Block] = [
        Table(
            (
                "Baseline",
                "Frozen",
                "By",
                "Why",
                "Monthly cost frame",
                "Change since the one before",
            ),
            tuple(rows),
        )
        if rows
        else Para("The trail holds no frozen baseline.")
    ]
    if open_or_closed:
        out.append(Bullets(tuple(open_or_closed)))
    return tuple(out)


GLOSSARY = (
    (
        "Baseline",
        "A frozen, approved design with a version number and a sha256; the only source of the infrastructure code.",
    ),
    (
        "Lock file",
        "`infra/baseline.lock.json`: the baseline with its hash, which CI verifies offline.",
    ),
    (
        "Trail",
        "The hash-chained log of everything that happened to the project: approvals, freezes, waivers, evidence.",
    ),
    (
        "Change request",
        "The only way to change a frozen baseline: a design diff and a cost delta, approved like the first.",
    ),
    ("Waiver", "A named person letting a blocker pass until a date, for a stated reason."),
    (
        "Maturity",
        "prototype, mvp, production or scale: it decides which environments exist and what is over- or under-engineering.",
    ),
    (
        "Right-sizing verdict",
        "A rule's judgement: applied, deferred as over-engineering, or required as under-engineering.",
    ),
    (
        "Cost frame",
        "What the design should cost a month, per environment and component, with its assumptions.",
    ),
    (
        "RTO / RPO",
        "Recovery time objective (how long a restore may take) / recovery point objective (how much data may be lost).",
    ),
    (
        "Multi-AZ",
        "A standby copy in a second availability zone (data centre) that takes over if the first fails.",
    ),
    (
        "Evidence",
        "A record in the trail that something was shown to work: a deploy, a restore test, an alert test, who holds access, where secrets live.",
    ),
    (
        "ECS, Fargate, RDS, ElastiCache, ALB",
        "AWS's container service, its serverless compute, managed PostgreSQL, managed Redis, and the load balancer.",
    ),
)


def glossary() -> tuple[Block, ...]:
    return (Table(("Term", "Meaning"), GLOSSARY),)


def verify(doc: dict[str, Any], sha256: str) -> tuple[Block, ...]:
    return (
        Para(
            f"Every file of this pack is listed with its sha256 in `{MANIFEST}`; check them with:"
        ),
        Code("infragate verify --handover <pack directory>", "sh"),
        Para(
            "It names any file edited, missing or added since the pack was made. The pack "
            f"describes baseline v{doc['version']} with sha256 `{sha256}`: `infragate verify` "
            "checks that `infra/baseline.lock.json` still carries it, and `infragate verify "
            "--log` checks the trail's hash chain. The pack is generated: change the baseline, "
            "then run `infragate handover` again; never edit the pack by hand."
        ),
    )
