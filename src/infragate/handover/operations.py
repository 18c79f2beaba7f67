"""Sections 8 to 10 of the pack: deploying and rolling back, backups and restores, and
monitoring with its runbooks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from infragate.evidence.model import Evidence, EvidenceKind
from infragate.handover.about import environments
from infragate.handover.document import Block, Bullets, Code, Para, Sub, Table
from infragate.handover.recorded import latest, provenance, summary
from infragate.render import alerts as rendered_alerts
from infragate.render.context import Environment, environments_of

SYMBOL = {
    "GreaterThanThreshold": ">",
    "LessThanThreshold": "<",
    "GreaterThanOrEqualToThreshold": ">=",
    "LessThanOrEqualToThreshold": "<=",
}


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
    vm = "vm" in kinds and "container_service" not in kinds
    automatic = (
        "Automatic: when the new version never becomes healthy, the pipeline re-applies the "
        "image that ran before (`terraform apply` with `-var image_tag=<previous tag>`, then "
        "`infra/ops/vm-deploy.sh run <environment> <instance-id> <previous tag>` restarts the "
        "container with it; step 'Roll back to the previous image')."
        if vm
        else "Automatic: when the new version never becomes healthy, the pipeline rolls back to "
        "the image that ran before (`terraform apply` with `-var image_tag=<previous tag>`, job "
        "step 'Roll back to the previous image'); ECS's circuit breaker already returned to the "
        "previous tasks."
    )
    rollback = [
        automatic,
        "By hand, the code: `git revert <commit>` on `main` and push; the pipeline deploys the previous code the normal way.",
        "By hand, an earlier image without a commit: in `infra/terraform/envs/<environment>`, "
        "`terraform plan -var image_tag=<earlier commit> -out=rollback.tfplan` then `terraform apply rollback.tfplan`"
        + (
            "; then `infra/ops/vm-deploy.sh run <environment> <instance-id> <earlier commit>`."
            if vm
            else "."
        ),
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
        sqlite = "sqlite" in ((doc["brief"].get("workload") or {}).get("datastores") or [])
        return (
            Para(
                "The baseline has no managed database. "
                + (
                    "The data is an SQLite file on the instance's volume (`/var/lib/app`, "
                    "mounted at `/data`): nothing backs it up automatically, and it is lost "
                    "with the volume. Copy it off the instance before risky changes; a "
                    "managed database with backups becomes needed with real users (see "
                    "[Risks](#risks))."
                    if sqlite
                    else "There is no database to back up or restore; files in object "
                    "storage are kept by S3's own durability."
                )
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
    return environments_of(doc["design"])


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
        # The alarms depend on the environment alone; the render context (Baseline) also
        # needs the application's contract from the repository, which the pack never reads.
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
