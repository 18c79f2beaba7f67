"""Sections 8 to 15 of the pack: deploying and rolling back, backups and restores,
monitoring, access and secrets, risks, change history, glossary, and how to verify."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from infragate.evidence.model import Evidence, EvidenceKind
from infragate.handover.about import environments
from infragate.handover.adr import needed_when
from infragate.handover.document import Block, Bullets, Code, Para, Sub, Table
from infragate.lifecycle.chain import Event
from infragate.render import alerts as rendered_alerts
from infragate.render.context import Environment, _component

MANIFEST = "manifest.json"
SYMBOL = {
    "GreaterThanThreshold": ">",
    "LessThanThreshold": "<",
    "GreaterThanOrEqualToThreshold": ">=",
    "LessThanOrEqualToThreshold": "<=",
}


def latest(evidence: Sequence[Evidence], kind: EvidenceKind) -> Evidence | None:
    found = [e for e in evidence if e.kind is kind]
    return found[-1] if found else None


def provenance(e: Evidence) -> str:
    return f"recorded {e.recorded_at[:16].replace('T', ' ')} UTC by {e.recorded_by} against baseline v{e.baseline_version}"


def summary(e: Evidence, skip: Sequence[str] = ()) -> str:
    parts = [
        f"{k}: {v}"
        for k, v in sorted(e.facts.items())
        if k not in skip and not isinstance(v, list | dict)
    ]
    extra = [f"note: {e.note}"] if e.note else []
    if e.url:
        extra.append(f"link: `{e.url}`")
    if e.file_sha256:
        extra.append(f"file `{e.file_name}` (sha256 {e.file_sha256[:12]})")
    return "; ".join(parts + extra) or "no details"


def _health(doc: dict[str, Any]) -> str:
    app = (doc["brief"].get("workload") or {}).get("app") or {}
    return str(app.get("health_path") or "/health")


def deployment(doc: dict[str, Any], evidence: Sequence[Evidence]) -> tuple[Block, ...]:
    envs = [e["name"] for e in environments(doc) if e["name"] != "preview"]
    kinds = {c["kind"] for c in doc["design"]["components"]}
    has_db = "postgres" in kinds
    steps = [
        "`infragate verify` checks the lock file (hash, approvals, waivers, brief) before anything is applied;",
        "lint and test, then build the image and scan it (fixable HIGH or CRITICAL vulnerabilities fail the run);",
        f"plan each environment, then deploy in order: {' → '.join(envs) or 'no lasting environment'};",
    ]
    if has_db:
        steps.append(
            "before deploying an environment whose database exists, take a snapshot: `infra/ops/backup.sh --prune <environment>`;"
        )
    steps.append(
        f"a deploy is green only when `GET {_health(doc)}` reports the commit that was deployed "
        "(field `version`; `infra/ops/health.md` describes the contract)."
    )
    if "preview" in {e["name"] for e in environments(doc)}:
        steps.append(
            "Each pull request gets a preview environment, destroyed when it closes or its time to live ends."
        )
    rollback = [
        "Automatic: when the new version never becomes healthy, the pipeline rolls back to the "
        "image that ran before (`terraform apply` with `-var image_tag=<previous tag>`, job step "
        "'Roll back to the previous image'); ECS's circuit breaker already returned to the previous tasks.",
        "By hand, the code: `git revert <commit>` on `main` and push; the pipeline deploys the previous code the normal way.",
        "By hand, an earlier image without a commit: in `infra/terraform/envs/<environment>`, "
        "`terraform plan -var image_tag=<earlier commit> -out=rollback.tfplan` then `terraform apply rollback.tfplan`.",
    ]
    if has_db:
        rollback.append(
            "The database is not rolled back by a deploy: if a release damaged data, restore the "
            "pre-deploy snapshot into a new instance (see [Backup and restore](#backup))."
        )
    last = latest(evidence, EvidenceKind.deploy)
    shown = (
        Para(f"Last recorded deploy: {summary(last)} ({provenance(last)}).")
        if last
        else Para(
            "No deploy is recorded as evidence yet: the pipeline records one with "
            "`infragate evidence add deploy` after a green health check."
        )
    )
    return (
        Sub(
            "deploy",
            "How to deploy",
            (
                Para("Merge to `main`; the pipeline `.github/workflows/deploy.yml` does the rest:"),
                Bullets(tuple(steps)),
                shown,
            ),
        ),
        Sub("rollback", "How to roll back", (Bullets(tuple(rollback)),)),
    )


def backup(doc: dict[str, Any], evidence: Sequence[Evidence]) -> tuple[Block, ...]:
    avail = doc["brief"].get("availability") or {}
    dbs = [
        c
        for c in doc["design"]["components"]
        if c["kind"] == "postgres" and c["environment"] != "preview"
    ]
    if not dbs:
        return (
            Para(
                "The baseline has no managed database, so there is nothing for infragate to back up "
                "or restore; files in object storage are kept by S3's own durability."
            ),
        )
    rows = tuple(
        (
            c["environment"],
            f"`{doc['project']}-{c['environment']}-{c['id']}`".replace("_", "-"),
            _days(c["settings"].get("backup_retention_days")),
            "yes" if c["settings"].get("point_in_time_recovery") == "yes" else "no (not promised)",
            "Multi-AZ" if c.get("multi_az") else "single-AZ",
        )
        for c in dbs
    )
    blocks: list[Block] = [
        Para(
            f"RTO {avail.get('rto_minutes', 'not set')} minutes, RPO {avail.get('rpo_minutes', 'not set')} "
            "minutes. RDS takes automated daily backups; the pipeline adds a snapshot before every deploy."
        ),
        Table(
            ("Environment", "Instance", "Backups kept", "Point-in-time restore", "Availability"),
            rows,
        ),
        Para(why_database_az(doc)),
        Sub(
            "restore",
            "How to restore the database",
            (
                Para(
                    "Always into a new instance; the live one is never touched. From a machine "
                    "that reaches the database's private subnets (a Session Manager session):"
                ),
                Code(
                    "infra/ops/restore.sh prod --time latest            # point in time\n"
                    "infra/ops/restore.sh prod --snapshot <snapshot-id> # a snapshot\n"
                    "aws rds describe-db-snapshots --db-instance-identifier <live instance>",
                    "sh",
                ),
                Para(
                    "It counts the rows of every table of the restored database and writes its "
                    "timing as JSON; record it with `infragate evidence add restore-test --file "
                    "<json>`. It then prints the steps that make the restored instance the one "
                    "Terraform manages: take them through a change request."
                ),
            ),
        ),
    ]
    test = latest(evidence, EvidenceKind.restore_test)
    if test is None:
        blocks.append(
            Para(
                "Restore tested: never (no restore-test evidence recorded). Run one and record it."
            )
        )
    else:
        f = test.facts
        secs = f.get("duration_seconds")
        took = (
            f"{int(secs) // 60} min {int(secs) % 60} s"
            if isinstance(secs, int | float | str) and str(secs).isdigit()
            else "an unrecorded time"
        )
        met = f.get("met_rto", f.get("met"))
        blocks.append(
            Para(
                f"Restore last tested on {str(f.get('ended_at') or test.recorded_at)[:10]}: it took "
                f"{took} against an RTO of {f.get('rto_minutes', avail.get('rto_minutes', '?'))} minutes "
                f"({'met' if met else 'NOT met' if met is False else 'not judged'}); {provenance(test)}. "
                f"Details: {summary(test)}."
            )
        )
    return tuple(blocks)


def _days(value: Any) -> str:
    return "?" if value is None else f"{value} day{'' if str(value) == '1' else 's'}"


def why_database_az(doc: dict[str, Any]) -> str:
    """Why the database is (or is not) Multi-AZ, in the words of the rule that decided."""
    for v in doc["design"].get("verdicts") or []:
        if v["subject"] == "database.multi_az":
            where = "Multi-AZ" if v["applied"] else "single-AZ"
            return f"The database is {where} because of rule {v['rule']}: {v['reason']}."
    return "No right-sizing rule judged the database's Multi-AZ standby."


def env_objects(doc: dict[str, Any]) -> list[Environment]:
    comps = [_component(c) for c in doc["design"]["components"]]
    return [
        Environment(
            name=e["name"],
            schedule=e["schedule"],
            hours_per_month=int(e["hours_per_month"]),
            ttl_hours=e.get("ttl_hours"),
            instances_per_month=e.get("instances_per_month"),
            monthly_usd=Decimal(str(e["monthly_usd"])),
            components=tuple(c for c in comps if c.environment == e["name"]),
        )
        for e in environments(doc)
    ]


def monitoring(doc: dict[str, Any], evidence: Sequence[Evidence]) -> tuple[Block, ...]:
    project = doc["project"]
    out: list[Block] = [
        Para(
            "The same alarms as `infra/ops/alerts.md` and the CloudWatch alarms of "
            "`infra/terraform` (module `metrics`). Alarms notify the environment's SNS topic, "
            "to which the owners' e-mail addresses are subscribed."
        )
    ]
    for env in env_objects(doc):
        found = rendered_alerts.alerts(None, env)  # type: ignore[arg-type]
        if not found:
            why = (
                "previews are short-lived copies"
                if env.is_preview
                else "the baseline prices no `metrics` component here"
            )
            out.append(Sub(f"alerts-{env.name}", env.name, (Para(f"No alarms: {why}."),)))
            continue
        rows = tuple(
            (
                f"`{project}-{env.name}-metrics-{a.id}`".replace("_", "-"),
                a.summary,
                f"`{a.metric}` {SYMBOL.get(a.comparison, a.comparison)} {a.threshold}",
                a.runbook,
            )
            for a in found
        )
        logs = next((c for c in env.components if c.kind == "logs"), None)
        tail = (
            Para(
                f"Logs: CloudWatch Logs `/{project}/{env.name}/<service>`, kept {logs.settings.get('retention_days', '?')} days."
            )
            if logs
            else Para("Logs: not centralised in this environment.")
        )
        out.append(
            Sub(
                f"alerts-{env.name}",
                env.name,
                (Table(("Alarm", "Means", "Condition", "What to do"), rows), tail),
            )
        )
    test = latest(evidence, EvidenceKind.alert_test)
    out.append(
        Para(f"Alert last tested: {summary(test)} ({provenance(test)}).")
        if test
        else Para(
            "Alert tested: never (no alert-test evidence recorded): fire one alarm in a test and record who it reached."
        )
    )
    return tuple(out)


def _rows(value: Any) -> list[dict[str, Any]]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def access_rows(acc: Evidence) -> tuple[tuple[str, str], ...]:
    """(what, who holds access to it) from access evidence: every fact that is a list."""
    return tuple(
        (
            key,
            ", ".join(
                str(x.get("email") or x.get("name") or x) if isinstance(x, dict) else str(x)
                for x in value
            ),
        )
        for key, value in sorted(acc.facts.items())
        if isinstance(value, list)
    )


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
    for kind, what in (
        (EvidenceKind.restore_test, "no restore test recorded"),
        (EvidenceKind.alert_test, "no alert test recorded"),
        (EvidenceKind.access, "nobody recorded who holds access"),
    ):
        if latest(evidence, kind) is None:
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
