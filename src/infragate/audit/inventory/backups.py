"""Backups, recognised by what does the backing up: a dump or snapshot command, a backup
tool, a managed backup policy. Never by a file name: `backup_codes.html.erb` backs up nothing."""

from __future__ import annotations

import posixpath
import re

from infragate.audit import lazyre
from infragate.audit.inventory.model import Inventory
from infragate.audit.inventory.storefacts import dev_or_test_path
from infragate.audit.repo import Repo

BACKUP_COMMAND = lazyre.compile(
    r"\b(pg_dump(?:all)?|pg_basebackup|mysqldump|mariadb-dump|mariadb-backup|mariabackup|xtrabackup|mongodump|wal-g|walg|pgbackrest|"
    r"litestream|restic\s+backup|borg\s+create|barman|velero\s+backup|"
    r"aws\s+rds\s+create-db(?:-cluster)?-snapshot|aws\s+ec2\s+create-snapshot|aws\s+backup\s+start-backup-job|"
    r"aws\s+dynamodb\s+create-backup|gcloud\s+sql\s+backups\s+create|sqlite3\s+\S+\s+['\"]?\.backup)",
    re.I,
)
# Substrings every BACKUP_COMMAND match contains one of: a file without them is not searched.
BACKUP_NEEDLES = (
    "dump",
    "backup",
    "snapshot",
    "wal-g",
    "litestream",
    "borg",
    "barman",
    "pgbackrest",
)
# Images that back a database up on a schedule (Docker Hub, read 2026-11-29).
BACKUP_IMAGES = lazyre.compile(
    r"postgres-backup|mysql-backup|mongodb-backup|litestream|wal-g|restic|pgbackrest|db-backup|backup-local",
    re.I,
)
# Managed backups in Terraform: a backup plan, retention >= 1 day, snapshot lifecycle
# policies, Cloud SQL's backup_configuration, DynamoDB point-in-time recovery.
TF_BACKUP = lazyre.compile(
    r'resource\s+"(aws_backup_plan|aws_dlm_lifecycle_policy|aws_db_snapshot|aws_ebs_snapshot|'
    r'google_compute_resource_policy)"'
    r"|\bbackup_retention_period\s*=\s*([1-9]\d*)\b"
    r"|\b(backup_configuration|point_in_time_recovery)\s*\{[^}]*\benabled\s*=\s*true",
    re.S,
)
# RDS, Aurora and DocumentDB keep automated backups for 1 day when no retention is given
# (CreateDBInstance/CreateDBCluster "Default: 1"; RDS User Guide, "Backup retention period",
# read 2026-11-29); only an explicit 0 turns them off, and clusters cannot take 0.
MANAGED_DB = lazyre.compile(
    r'resource\s+"(aws_db_instance|aws_rds_cluster|aws_docdb_cluster)"'
    r'|source\s*=\s*"(terraform-aws-modules/rds(?:-aurora)?/aws)"'
)
RETENTION_OFF = lazyre.compile(r"\bbackup_retention_period\s*=\s*0\b")
SCHEDULE_FILES = ("crontab", "*.cron", "Procfile", "Makefile", "*.service", "*.timer")


def backups(repo: Repo, inv: Inventory) -> None:
    # YAML only where a command runs on a schedule or a host: Kubernetes (Cron)Jobs, compose
    # services, Ansible plays; not every values file and manifest of a large tree.
    scheduled = [
        p for p in repo.named("*.yaml", "*.yml")
        if any(n in repo.text(p) for n in ("CronJob", "kind: Job", "hosts:"))
    ]  # fmt: skip
    files = sorted({*repo.shell_scripts(), *repo.ci_files(), *repo.named(*SCHEDULE_FILES),
                    *repo.compose_files(), *repo.dockerfiles(), *scheduled})  # fmt: skip
    ci = set(repo.ci_files())  # a scheduled workflow is where a backup job often runs
    for path in files:
        if "/node_modules/" in path or (dev_or_test_path(path) and path not in ci):
            continue
        for number, match in repo.grep(path, BACKUP_COMMAND, BACKUP_NEEDLES):
            line = repo.lines(path)[number - 1].lstrip()
            if line.startswith("#"):
                continue  # a comment that mentions pg_dump runs nothing
            inv.add("backup", "backup command", path, number, detail=match.group(0))
    for path in repo.compose_files():
        for number, match in repo.grep(
            path, BACKUP_IMAGES, ("backup", "litestream", "wal-g", "restic")
        ):
            if "image:" in repo.lines(path)[number - 1]:
                inv.add("backup", "backup service", path, number, detail=match.group(0))
    for path in repo.terraform():
        text = repo.text(path)
        if not any(n in text for n in ("backup", "snapshot", "point_in_time", "aws_db_instance",
                                       "aws_rds_cluster", "aws_docdb_cluster", "/rds")):  # fmt: skip
            continue
        for match in TF_BACKUP.finditer(text):
            at = text.count("\n", 0, match.start()) + 1
            what = match.group(1) or (
                f"backup_retention_period = {match.group(2)}" if match.group(2) else match.group(3)
            )
            inv.add("backup", "managed backups (Terraform)", path, at, detail=what)
        for match in MANAGED_DB.finditer(text):
            end = text.find("\n}", match.end())
            if RETENTION_OFF.search(text, match.end(), end if end > 0 else len(text)):
                continue
            at = text.count("\n", 0, match.start()) + 1
            inv.add("backup", "managed backups (Terraform)", path, at,
                    detail=f"{match.group(1) or match.group(2)}: automated backups, 1 day by default")  # fmt: skip
    for path in repo.named("*.yaml", "*.yml", "*.json", "*.template"):
        if posixpath.basename(path) == "package.json":
            continue
        for number, match in repo.grep(path, re.compile(r"AWS::Backup::BackupPlan|BackupRetentionPeriod:\s*[1-9]"),
                                       ("AWS::Backup", "BackupRetentionPeriod")):  # fmt: skip
            inv.add(
                "backup", "managed backups (CloudFormation)", path, number, detail=match.group(0)
            )
