"""The application's environment in AWS, per environment: what the ECS task definitions
set (plain values, as HCL expressions) and what ECS injects from Secrets Manager.

Names follow the contract (render/contract): the database URL goes in the variable the
application reads it from, built from the database module's outputs, without a password:
drivers read PGPASSWORD (the secret RDS manages, injected by ECS) and PGSSLMODE=require,
since RDS for PostgreSQL forces TLS (rds.force_ssl defaults to 1 from version 15).

Outputs of modules this reads (their names are the interface with modules/postgres,
redis, object_storage and queue): address, database_name, username,
master_user_secret_arn; primary_endpoint; bucket; url.
"""

from __future__ import annotations

import json

from infragate.render.context import Baseline, Environment
from infragate.render.contract.model import (
    BUCKET,
    PGPASSWORD,
    PGSSLMODE,
    QUEUE,
    REDIS,
)

POSTGRES_PORT = 5432


def _literal(value: str) -> str:
    return json.dumps(value).replace("${", "$${").replace("%{", "%%{")


def aws_environment(b: Baseline, env: Environment) -> list[tuple[str, str]]:
    """(name, HCL expression) of every plain variable the application's tasks get in `env`
    beyond PORT, SERVICE and ENVIRONMENT, sorted by name."""
    assert b.app is not None
    out: dict[str, str] = {}
    databases, caches = env.of_kind("postgres"), env.of_kind("redis")
    buckets, queues = env.of_kind("object_storage"), env.of_kind("queue")
    if databases and b.app.database_env:
        db = f"module.{databases[0].id}"
        out[b.app.database_env] = (
            f'"{b.app.database_scheme}://${{{db}.username}}@${{{db}.address}}:'
            f'{POSTGRES_PORT}/${{{db}.database_name}}"'
        )
        out[PGSSLMODE] = '"require"'
    if caches and not env.is_preview:
        out[REDIS] = f'"rediss://${{module.{caches[0].id}.primary_endpoint}}:6379"'
    if buckets:
        out[BUCKET] = f"module.{buckets[0].id}.bucket"
    if queues:
        out[QUEUE] = f"module.{queues[0].id}.url"
    for variable in b.app.variables:
        if variable.value is not None and variable.name not in out:
            out[variable.name] = _literal(variable.value)
    return sorted(out.items())


def aws_secrets(b: Baseline, env: Environment) -> list[tuple[str, str]]:
    """(name, HCL expression of a Secrets Manager reference) ECS resolves at task start."""
    databases = env.of_kind("postgres")
    if not databases or b.app is None or not b.app.database_env:
        return []
    return [(PGPASSWORD, f'"${{module.{databases[0].id}.master_user_secret_arn}}:password::"')]
