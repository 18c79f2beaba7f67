"""restore.sh's AWS half against moto's server (on 127.0.0.1) with the real AWS CLI: a live
instance made with its own parameter group, subnet group, security groups, Multi-AZ, IAM
authentication and deletion protection is restored to its latest restorable time; the copy
carries the live settings and a managed master secret, the password the script reads from
Secrets Manager is that secret's, and the timing JSON says what happened. Only psql stays a
stand-in (moto runs no PostgreSQL): test_ops.py covers the script's other branches."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.render.fake_cli import FakeTools
from tests.render.rendered_examples import Example, render_examples

REGION = "us-east-1"  # examples/ceo-dashboard's
LIVE = "ceo-dashboard-prod-database"
TARGET = f"{LIVE}-restore-moto"
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Example]:
    return render_examples(tmp_path_factory)


def _client(service: str, url: str) -> Any:
    import boto3  # moto[server]'s dependency

    return boto3.client(
        service,
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def _live_instance(url: str) -> dict[str, Any]:
    ec2, rds = _client("ec2", url), _client("rds", url)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"{REGION}{z}")[
            "Subnet"
        ]["SubnetId"]
        for i, z in enumerate("ab")
    ]
    groups = [
        ec2.create_security_group(GroupName=f"db-{i}", Description="database", VpcId=vpc)["GroupId"]
        for i in range(2)
    ]
    rds.create_db_subnet_group(
        DBSubnetGroupName="ceo-subnets", DBSubnetGroupDescription="db", SubnetIds=subnets
    )
    rds.create_db_parameter_group(
        DBParameterGroupName="ceo-params", DBParameterGroupFamily="postgres16", Description="db"
    )
    rds.create_db_instance(
        DBInstanceIdentifier=LIVE,
        DBInstanceClass="db.t4g.small",
        Engine="postgres",
        DBName="app",
        MasterUsername="dbadmin",
        ManageMasterUserPassword=True,
        AllocatedStorage=50,
        StorageType="gp3",
        MultiAZ=True,
        DBSubnetGroupName="ceo-subnets",
        DBParameterGroupName="ceo-params",
        VpcSecurityGroupIds=groups,
        EnableIAMDatabaseAuthentication=True,
        DeletionProtection=True,
        BackupRetentionPeriod=14,
    )
    return {"subnets": subnets, "groups": sorted(groups)}


def _aws_to(url: str, folder: Path) -> Path:
    """The real AWS CLI, every call sent to `url` (the AWS CLI v1 on PyPI ignores
    AWS_ENDPOINT_URL, and only 127.0.0.1 may be reached from the tests)."""
    folder.mkdir()
    wrapper = folder / "aws"
    wrapper.write_text(
        f'#!/bin/sh\nexec "{VENV_BIN / "aws"}" --endpoint-url "{url}" "$@"\n', encoding="utf-8"
    )
    wrapper.chmod(0o755)
    return folder


def _restore(examples: dict[str, Example], fake: FakeTools, url: str, evidence: Path) -> Any:
    aws = evidence.parent / f"{evidence.stem}-aws"
    done = fake.run(
        examples["ceo-dashboard"].root / "infra/ops/restore.sh",
        "prod", "--time", "latest", "--target", TARGET, "--evidence", str(evidence),
        cwd=evidence.parent,
        env={
            # the real AWS CLI (and jq) first, then the psql stand-in
            "PATH": f"{_aws_to(url, aws)}:{fake.bin}:/usr/bin:/bin",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_EC2_METADATA_DISABLED": "true",  # nothing but 127.0.0.1
            "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        },
        # a dozen AWS CLI calls of a few seconds each (the CLI's start-up), and the waiters
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(evidence.read_text(encoding="utf-8")), done.stdout


def test_restore_against_moto_copies_the_live_settings_and_times_itself(
    examples: dict[str, Example], moto: str, tmp_path: Path
) -> None:
    live = _live_instance(moto)
    fake = FakeTools(tmp_path / "tools", tools=("psql",))
    fake.answer("psql", "sslmode=require", "42\n")

    evidence, out = _restore(examples, fake, moto, tmp_path / "restore.json")

    rds = _client("rds", moto)
    (copy,) = rds.describe_db_instances(DBInstanceIdentifier=TARGET)["DBInstances"]
    assert copy["DBInstanceClass"] == "db.t4g.small"
    assert copy["MultiAZ"] is True
    assert [g["DBParameterGroupName"] for g in copy["DBParameterGroups"]] == ["ceo-params"]
    assert copy["DBSubnetGroup"]["DBSubnetGroupName"] == "ceo-subnets"
    assert sorted(g["VpcSecurityGroupId"] for g in copy["VpcSecurityGroups"]) == live["groups"]
    assert copy["IAMDatabaseAuthenticationEnabled"] is True
    assert copy["DeletionProtection"] is True
    tags = {t["Key"]: t["Value"] for t in copy["TagList"]}
    assert tags["purpose"] == "restore" and tags["environment"] == "prod"
    assert tags["restore_started_at"] == evidence["started_at"]
    # the master password is a secret RDS manages, and the one the script logged in with
    secret = copy["MasterUserSecret"]["SecretArn"]
    value = _client("secretsmanager", moto).get_secret_value(SecretId=secret)["SecretString"]
    (psql,) = fake.calls("psql")
    assert psql.pgpassword == json.loads(value)["password"]
    assert f"host={copy['Endpoint']['Address']} " in psql.line
    assert "dbname=app user=dbadmin sslmode=require" in psql.line

    assert evidence["kind"] == "restore-test"
    assert (evidence["environment"], evidence["source_instance"], evidence["target_instance"]) == (
        "prod",
        LIVE,
        TARGET,
    )
    assert (evidence["snapshot"], evidence["restore_time"]) == (None, "latest")
    assert evidence["started_at"] <= evidence["ended_at"]
    assert 0 <= evidence["duration_seconds"] < 120
    assert (evidence["verified"], evidence["rows_verified"]) == (True, 42)
    assert evidence["rto_minutes"] == examples["ceo-dashboard"].baseline.rto_minutes
    assert evidence["met"] is True
    assert f"terraform import 'module.database.aws_db_instance.this' {LIVE}" in out

    # Run again: the copy exists, so it is resumed (not restored twice) and the timing
    # keeps the first run's start.
    again, out = _restore(examples, fake, moto, tmp_path / "again.json")
    assert "resuming" in out
    assert again["started_at"] == evidence["started_at"]
    assert [i["DBInstanceIdentifier"] for i in rds.describe_db_instances()["DBInstances"]].count(
        TARGET
    ) == 1
