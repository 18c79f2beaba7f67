"""The rendered operations scripts (infra/ops/*.sh) and the database module they work with.

Every script of every example goes through shellcheck (the real one). The scripts are then
run for real with bash, with stand-ins for `aws` and `psql` first on PATH
(tests/render/fake_cli.py): no AWS account is reachable from the tests, so the process
boundary is where the double sits. What is asserted is what the scripts decide: their
arguments to the AWS CLI (the live instance's parameter group, Multi-AZ setting, subnet
group, security groups and storage passed to the restore), the JSON they write, and that
nothing destructive happens by default.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.render.fake_cli import FakeTools
from tests.render.rendered_examples import Example, render_examples, run, tool
from tests.render_helpers import EXAMPLES

LIVE = "ceo-dashboard-prod-database"
TARGET = f"{LIVE}-restore-test"
SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!db-restored"
# describe-db-instances of the live instance: class, subnet group, parameter group, Multi-AZ,
# storage type, GB, IOPS, throughput, IAM authentication, deletion protection (text output).
LIVE_SETTINGS = "db.t4g.small\tceo-subnets\tceo-params\tTrue\tgp3\t50\t3000\t125\tTrue\tTrue\n"


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Example]:
    return render_examples(tmp_path_factory)


@pytest.mark.parametrize("name", EXAMPLES)
def test_scripts_pass_shellcheck(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    scripts = [example.root / p for p in example.files if p.endswith(".sh")]
    assert scripts, "every example renders an operations script"
    for script in scripts:
        text = script.read_text()
        assert text.startswith("#!/usr/bin/env bash\n"), script
        assert "\nset -euo pipefail\n" in text, script
        run([tool("shellcheck"), script])


@pytest.mark.parametrize("name", EXAMPLES)
def test_ops_scripts_follow_the_baseline(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    b = example.baseline
    rds = [
        (e, c)
        for e in b.environments
        if not e.is_preview
        for c in e.of_kind("postgres") + e.of_kind("mysql")
    ]
    databases = [(e, c) for e, c in rds if c.kind == "postgres"]
    assert ("infra/ops/backup.sh" in example.files) == bool(rds)
    # restore.sh checks the restored rows with psql: not rendered for MySQL (backup.sh says so)
    assert ("infra/ops/restore.sh" in example.files) == bool(databases)
    if rds and not databases:
        assert "not rendered for MySQL" in example.files["infra/ops/backup.sh"]
    ecs = any(e.of_kind("container_service") for e in b.environments)
    assert ("infra/ops/ecs-rollout.sh" in example.files) == ecs
    bootstrap = any(
        e.of_kind("container_service") and (e.of_kind("postgres") or e.of_kind("mysql"))
        for e in b.environments
    )
    assert ("infra/ops/db-bootstrap.sh" in example.files) == bootstrap
    previews = [e for e in b.environments if e.is_preview]
    assert ("infra/ops/expired-previews.sh" in example.files) == bool(previews)
    for preview in previews:
        assert (
            f"readonly ttl_hours={preview.ttl_hours}\n"
            in example.files["infra/ops/expired-previews.sh"]
        )
    for env, db in databases:
        days = db.setting("backup_retention_days")
        backup = example.files["infra/ops/backup.sh"]
        assert f"instance={b.name(env.name, db.id)}" in backup
        assert f"retention_days={days}" in backup
        restore = example.files["infra/ops/restore.sh"]
        # RDS restores to a point in time whenever automated backups are kept; the design's
        # point_in_time_recovery only says whether that is promised (an RPO).
        assert f"point_in_time={'true' if int(days) >= 1 else 'false'}" in restore
        assert f"address=module.{db.id}.aws_db_instance.this\n" in restore
        if db.setting("point_in_time_recovery") != "yes" and int(days) >= 1:
            assert "not promised by the design" in backup and "not guaranteed" in restore
        rto = b.rto_minutes or "''"
        assert f"readonly rto_minutes={rto}\n" in restore


# -- restore.sh ----------------------------------------------------------------------------


def _restore_tools(tmp_path: Path, *, target_exists: bool = False) -> FakeTools:
    fake = FakeTools(tmp_path)
    q = r"--output text --query DBInstances\[0\]\."
    if target_exists:
        fake.answer(
            "aws", rf"--db-instance-identifier {TARGET} {q}TagList", "2026-11-29T10:00:00Z\n"
        )
        fake.answer(
            "aws", rf"rds describe-db-instances --region \S+ --db-instance-identifier {TARGET}$"
        )
    else:
        fake.answer(
            "aws",
            rf"rds describe-db-instances --region \S+ --db-instance-identifier {TARGET}$",
            code=254,
        )
    fake.answer("aws", rf"--db-instance-identifier {LIVE} {q}\[DBInstanceClass", LIVE_SETTINGS)
    fake.answer("aws", rf"--db-instance-identifier {LIVE} {q}VpcSecurityGroups", "sg-111\tsg-222\n")
    fake.answer("aws", rf"--db-instance-identifier {LIVE} {q}BackupRetentionPeriod", "14\n")
    fake.answer(
        "aws", rf"--db-instance-identifier {TARGET} {q}MasterUserSecret", "None\n", SECRET + "\n"
    )
    fake.answer(
        "aws",
        rf"--db-instance-identifier {TARGET} {q}\[Endpoint",
        "restored.internal\t5432\tapp\tdbadmin\n",
    )
    fake.answer(
        "aws", "secretsmanager get-secret-value", '{"username":"dbadmin","password":"s3cret"}\n'
    )
    fake.answer("psql", "sslmode=require", "42\n")
    return fake


def _restore(examples: dict[str, Example], fake: FakeTools, tmp_path: Path, *args: str) -> Any:
    root = examples["ceo-dashboard"].root
    evidence = tmp_path / "evidence.json"
    done = fake.run(
        root / "infra/ops/restore.sh", "prod", *args, "--target", TARGET,
        "--evidence", str(evidence), cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(evidence.read_text()), done.stdout


def test_restore_copies_the_live_settings_relinks_the_secret_and_times_itself(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    fake = _restore_tools(tmp_path)
    evidence, out = _restore(examples, fake, tmp_path, "--snapshot", "rds:nightly")
    [restore] = fake.called("rds", "restore-db-instance-from-db-snapshot")
    assert restore.value("--db-instance-identifier") == TARGET
    assert restore.value("--db-snapshot-identifier") == "rds:nightly"
    assert restore.value("--db-parameter-group-name") == "ceo-params"
    assert restore.value("--db-subnet-group-name") == "ceo-subnets"
    assert restore.values("--vpc-security-group-ids") == ["sg-111", "sg-222"]
    assert restore.value("--db-instance-class") == "db.t4g.small"
    assert restore.value("--storage-type") == "gp3"
    assert restore.value("--allocated-storage") == "50"
    assert "--iops" not in restore.args, "gp3 below 400 GB takes no IOPS of its own"
    for flag in ("--multi-az", "--enable-iam-database-authentication", "--deletion-protection"):
        assert flag in restore.args, flag
    assert "--no-publicly-accessible" in restore.args
    assert f"Key=restore_started_at,Value={evidence['started_at']}" in restore.args
    # The managed secret is linked to the copy, and the live instance is never modified.
    [modify] = fake.called("rds", "modify-db-instance")
    assert modify.value("--db-instance-identifier") == TARGET
    assert "--manage-master-user-password" in modify.args
    assert modify.value("--backup-retention-period") == "14"
    assert not [c for c in fake.calls("aws") if "delete" in c.line]
    [secret] = fake.called("secretsmanager", "get-secret-value")
    assert secret.value("--secret-id") == SECRET
    [psql] = fake.calls("psql")
    assert "host=restored.internal port=5432 dbname=app user=dbadmin sslmode=require" in psql.args
    assert psql.pgpassword == "s3cret"
    assert evidence["kind"] == "restore-test"
    assert evidence["snapshot"] == "rds:nightly" and evidence["restore_time"] is None
    assert (evidence["source_instance"], evidence["target_instance"]) == (LIVE, TARGET)
    assert evidence["rows_verified"] == 42 and evidence["verified"] is True
    assert evidence["rto_minutes"] == 1440
    assert 0 <= evidence["duration_seconds"] < 60
    assert evidence["met"] is True
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", evidence["ended_at"])
    assert f"terraform import 'module.database.aws_db_instance.this' {LIVE}" in out


def test_restore_to_a_point_in_time_without_verifying_is_not_met(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    fake = _restore_tools(tmp_path)
    fake.rules["aws"].insert(
        0,
        (
            rf"--db-instance-identifier {LIVE} .*\[DBInstanceClass",
            [LIVE_SETTINGS.replace("\tTrue\tgp3", "\tFalse\tgp3")],
            0,
        ),
    )
    fake._save()
    evidence, _ = _restore(examples, fake, tmp_path, "--time", "latest", "--no-verify")
    [restore] = fake.called("rds", "restore-db-instance-to-point-in-time")
    assert restore.value("--source-db-instance-identifier") == LIVE
    assert "--use-latest-restorable-time" in restore.args
    assert "--no-multi-az" in restore.args and "--multi-az" not in restore.args
    assert restore.value("--db-parameter-group-name") == "ceo-params"
    assert fake.calls("psql") == []
    assert evidence["restore_time"] == "latest" and evidence["snapshot"] is None
    assert evidence["rows_verified"] is None and evidence["met"] is False


def test_restore_resumes_an_instance_it_started(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    fake = _restore_tools(tmp_path, target_exists=True)
    evidence, out = _restore(examples, fake, tmp_path, "--snapshot", "rds:nightly")
    assert not fake.called("rds", "restore-db-instance-from-db-snapshot")
    assert evidence["started_at"] == "2026-11-29T10:00:00Z", "the first run's start is kept"
    assert "resuming" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--snapshot", "s", "--time", "latest"], "not both"),
        (["--snapshot", "s", "--target", LIVE], "must be a new instance"),
        (["--time", "yesterday"], "not a UTC time"),
        (["--snapshot", "s", "--target", "Bad_Name"], "not a valid RDS instance identifier"),
        (["--bogus", "x"], "unknown argument"),
    ],
)
def test_restore_refuses_bad_arguments_before_calling_aws(
    examples: dict[str, Example], tmp_path: Path, args: list[str], message: str
) -> None:
    fake = FakeTools(tmp_path)
    done = fake.run(
        examples["ceo-dashboard"].root / "infra/ops/restore.sh", "prod", *args, cwd=tmp_path
    )
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert fake.calls() == []


def test_restore_refuses_point_in_time_without_automated_backups(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    text = (examples["ceo-dashboard"].root / "infra/ops/restore.sh").read_text()
    script = tmp_path / "restore.sh"
    script.write_text(text.replace("point_in_time=true", "point_in_time=false"))
    fake = FakeTools(tmp_path)
    done = fake.run(script, "prod", "--time", "latest", cwd=tmp_path)
    assert done.returncode == 2 and "no point-in-time restore" in done.stderr
    assert fake.calls() == []


# -- backup.sh -----------------------------------------------------------------------------

OLD = f"{LIVE}-predeploy-20200101-000000\t2020-01-01T00:00:00.000Z\n"
OTHER = "hand-made-snapshot\t2020-01-01T00:00:00.000Z\n"


def _backup_tools(tmp_path: Path) -> FakeTools:
    fake = FakeTools(tmp_path)
    fake.answer("aws", "rds create-db-snapshot", "creating\n")
    fake.answer("aws", "rds describe-db-snapshots", OLD + OTHER)
    return fake


def test_backup_snapshots_and_deletes_nothing_by_default(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    fake = _backup_tools(tmp_path)
    evidence = tmp_path / "backup.json"
    script = examples["ceo-dashboard"].root / "infra/ops/backup.sh"
    done = fake.run(script, "--evidence", str(evidence), "prod", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [create] = fake.called("rds", "create-db-snapshot")
    assert create.value("--db-instance-identifier") == LIVE
    snapshot = create.value("--db-snapshot-identifier")
    assert re.fullmatch(rf"{LIVE}-predeploy-\d{{8}}-\d{{6}}", snapshot)
    [wait] = fake.called("rds", "wait", "db-snapshot-available")
    assert wait.value("--db-snapshot-identifier") == snapshot
    assert not fake.called("rds", "delete-db-snapshot")
    written = json.loads(evidence.read_text())
    assert written["kind"] == "backup" and written["snapshot"] == snapshot
    assert written["source_instance"] == LIVE and written["duration_seconds"] >= 0


def test_backup_prunes_only_its_own_expired_snapshots_when_asked(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    fake = _backup_tools(tmp_path)
    script = examples["ceo-dashboard"].root / "infra/ops/backup.sh"
    done = fake.run(script, "--prune-only", "prod", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not fake.called("rds", "create-db-snapshot")
    deleted = [
        c.value("--db-snapshot-identifier") for c in fake.called("rds", "delete-db-snapshot")
    ]
    assert deleted == [f"{LIVE}-predeploy-20200101-000000"]
    assert fake.run(script, "preview", cwd=tmp_path).returncode == 2


# -- ecs-rollout.sh, db-bootstrap.sh, expired-previews.sh -----------------------------------

TD = "arn:aws:ecs:eu-west-1:111122223333:task-definition/ceo-dashboard-prod-web"


def _rollout(
    examples: dict[str, Example], tmp_path: Path, primary: str, state: str, tag: str
) -> Any:
    fake = FakeTools(tmp_path)
    fake.answer("aws", r"--query services\[0\]\.taskDefinition ", f"{primary}\n")
    fake.answer("aws", r"--task-definition ceo-dashboard-prod-web --query", f"{TD}:8\n")
    fake.answer("aws", rf"--task-definition {TD}:8 --query", f"1234.dkr.ecr/ceo-dashboard:{tag}\n")
    fake.answer(
        "aws",
        r"services\[0\]\.deployments",
        f"PRIMARY\t{primary}\t{state}\tdone\nACTIVE\t{TD}:8\tFAILED\tcircuit breaker\n",
    )
    script = examples["ceo-dashboard"].root / "infra/ops/ecs-rollout.sh"
    return fake, fake.run(script, "ceo-cluster", "abc123", "ceo-dashboard-prod-web", cwd=tmp_path)


def test_rollout_is_green_only_when_the_new_task_definition_completed(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    fake, done = _rollout(examples, tmp_path / "ok", f"{TD}:8", "COMPLETED", "abc123")
    assert done.returncode == 0, done.stderr
    [wait] = fake.called("ecs", "wait", "services-stable")
    assert wait.value("--cluster") == "ceo-cluster"
    _, done = _rollout(examples, tmp_path / "back", f"{TD}:7", "COMPLETED", "abc123")
    assert (
        done.returncode == 1 and "rolled back" in done.stderr and "circuit breaker" in done.stderr
    )
    _, done = _rollout(examples, tmp_path / "busy", f"{TD}:8", "IN_PROGRESS", "abc123")
    assert done.returncode == 1 and "IN_PROGRESS, not COMPLETED" in done.stderr
    _, done = _rollout(examples, tmp_path / "stale", f"{TD}:8", "COMPLETED", "old999")
    assert done.returncode == 1 and "not tag abc123" in done.stderr


def test_db_bootstrap_runs_the_task_in_the_app_network(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    settings = {
        "cluster_arn": "arn:cluster",
        "task_definition_arn": "arn:td/boot:1",
        "subnet_ids": ["subnet-1", "subnet-2"],
        "security_group_ids": ["sg-app"],
        "assign_public_ip": False,
        "marker": "/ceo-dashboard/bootstrap/ceo-dashboard-prod-database",
    }
    script = examples["ceo-dashboard"].root / "infra/ops/db-bootstrap.sh"
    for code, expected in (("0", 0), ("1", 1)):
        fake = FakeTools(tmp_path / code)
        fake.answer("aws", "ecs run-task", "arn:task/1\n")
        fake.answer("aws", "ecs describe-tasks", f"{code}\tEssential container exited\n")
        done = fake.run(script, json.dumps(settings), cwd=tmp_path)
        assert done.returncode == expected, done.stderr
        [run_task] = fake.called("ecs", "run-task")
        assert run_task.value("--task-definition") == "arn:td/boot:1"
        assert run_task.value("--launch-type") == "FARGATE"
        assert json.loads(run_task.value("--network-configuration")) == {
            "awsvpcConfiguration": {
                "subnets": ["subnet-1", "subnet-2"],
                "securityGroups": ["sg-app"],
                "assignPublicIp": "DISABLED",
            }
        }
        [wait] = fake.called("ecs", "wait", "tasks-stopped")
        assert wait.value("--tasks") == "arn:task/1"
        # The marker that lets the services start is written only once the user exists.
        marked = fake.called("ssm", "put-parameter")
        if expected == 0:
            [put] = marked
            assert put.value("--name") == settings["marker"]
            assert "--overwrite" in put.args
        else:
            assert marked == []
    assert FakeTools(tmp_path / "null").run(script, "null", cwd=tmp_path).returncode == 2


def test_expired_previews_lists_the_previews_past_their_ttl(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    example = examples["enterprise-launch"]
    ttl = example.baseline.environment("preview").ttl_hours
    assert ttl
    prefix = f"{example.baseline.project}/preview"
    fake = FakeTools(tmp_path)
    fake.answer(
        "aws",
        "s3api list-objects-v2",
        f"{prefix}/pr-7/terraform.tfstate\t2026-11-20T10:00:00+00:00\n"
        f"{prefix}/pr-8/terraform.tfstate\t2026-11-29T13:59:00+00:00\n"
        f"{prefix}/pr-9/terraform.tfstate.tflock\t2026-11-01T00:00:00+00:00\n",
    )
    script = example.root / "infra/ops/expired-previews.sh"
    env = {"TF_STATE_BUCKET": "state-bucket"}
    done = fake.run(script, "--now", "2026-11-29T14:00:00Z", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["pr-7"]
    [listing] = fake.called("s3api", "list-objects-v2")
    assert listing.value("--bucket") == "state-bucket"
    assert listing.value("--prefix") == f"{prefix}/pr-"
    assert fake.run(script, cwd=tmp_path).returncode == 2, "TF_STATE_BUCKET is required"


# -- the database module and the documents -----------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_app_connects_as_its_own_user_never_with_the_master_secret(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    module = example.files.get("infra/terraform/modules/postgres/main.tf")
    if module is None:
        assert "postgres" not in example.kinds()
        return
    assert "iam_database_authentication_enabled = true" in module
    assert 'actions   = ["rds-db:connect"]' in module
    assert "dbuser:%s/%s" in module and "aws_db_instance.this.resource_id" in module
    assert "GRANT rds_iam TO ${var.app_username};" in module
    assert "manage_master_user_password = true" in module
    for path, text in example.files.items():
        if path.startswith("infra/terraform/envs/") and path.endswith("/main.tf"):
            env = example.baseline.environment(path.split("/")[3])
            # The master secret reaches no service: only the bootstrap task reads it.
            assert "master_user_secret_arn" not in text, path
            if env.of_kind("postgres") and env.of_kind("container_service"):
                assert "connect_role_arns = {" in text and "bootstrap = {" in text, path


@pytest.mark.parametrize("name", EXAMPLES)
def test_health_contract_requires_the_deployed_version(
    examples: dict[str, Example], name: str
) -> None:
    health = examples[name].files["infra/ops/health.md"]
    assert "`APP_VERSION`" in health and '"version"' in health
    alerts = examples[name].files["infra/ops/alerts.md"]
    assert "## What the pipeline reports" in alerts and "was rolled back" in alerts
