"""The application's environment in AWS, per environment: what the ECS task definitions
set (plain values, as HCL expressions) and what ECS injects at start from SSM Parameter
Store (the application's own secrets,
`workload.app.env` entries with `secret: true`: SecureString parameters
/<project>/<environment>/<NAME> that the team creates; standard parameters cost nothing,
and a missing one stops the task from starting, loudly, instead of running without it).

Names follow the contract (render/contract): the database URL goes in the variable the
application reads it from, built from the database module's outputs, without a password:
the application connects as its own user with RDS IAM database authentication (a token from
`generate-db-auth-token`, valid 15 minutes, is the password; modules/postgres says why), so
no password is stored, injected or rotated under it, and the master user's secret, which RDS
rotates every 7 days, is read only by the bootstrap task. PGSSLMODE=require, since RDS for
PostgreSQL forces TLS (rds.force_ssl defaults to 1 from version 15). With personal data the
cache requires an AUTH token, so REDIS_URL (with the token) is a Secrets Manager secret ECS
injects, never a plain variable.

Outputs of modules this reads (their names are the interface with modules/postgres,
redis, object_storage and queue): address, database_name, username,
primary_endpoint, url_secret_arn; bucket; url.
"""

from __future__ import annotations

import json

from infragate.render.context import Baseline, Environment
from infragate.render.contract.model import (
    BUCKET,
    PGSSLMODE,
    QUEUE,
    REDIS,
)

POSTGRES_PORT = 5432
MYSQL_PORT = 3306


def _literal(value: str) -> str:
    return json.dumps(value).replace("${", "$${").replace("%{", "%%{")


def aws_environment(b: Baseline, env: Environment) -> list[tuple[str, str]]:
    """(name, HCL expression) of every plain variable the application's tasks get in `env`
    beyond PORT, SERVICE and ENVIRONMENT, sorted by name."""
    assert b.app is not None
    out: dict[str, str] = {}
    databases = env.of_kind("postgres") + env.of_kind("mysql")
    caches = env.of_kind("redis")
    buckets, queues = env.of_kind("object_storage"), env.of_kind("queue")
    if databases and b.app.database_env:
        db = f"module.{databases[0].id}"
        mysql = databases[0].kind == "mysql"
        port = MYSQL_PORT if mysql else POSTGRES_PORT
        out[b.app.database_env] = (
            f'"{b.app.database_scheme}://${{{db}.username}}@${{{db}.address}}:'
            f'{port}/${{{db}.database_name}}"'
        )
        if not mysql:  # MySQL drivers take TLS from the URL or their options, not libpq's
            out[PGSSLMODE] = '"require"'
    # with personal data the cache has an AUTH token: REDIS_URL comes from Secrets Manager
    if caches and not env.is_preview and not b.personal_data:
        out[REDIS] = f'"rediss://${{module.{caches[0].id}.primary_endpoint}}:6379"'
    if buckets:
        out[BUCKET] = f"module.{buckets[0].id}.bucket"
    if queues:
        out[QUEUE] = f"module.{queues[0].id}.url"
    for variable in b.app.variables:
        if variable.value is not None and not variable.secret and variable.name not in out:
            out[variable.name] = _literal(variable.value)
    return sorted(out.items())


def parameter_name(b: Baseline, env: Environment, variable: str) -> str:
    """The SSM parameter an application secret is read from in `env`."""
    return f"/{b.project}/{env.name}/{variable}"


def parameter_arns(b: Baseline, env: Environment) -> list[tuple[str, str]]:
    """(variable, HCL expression of its SSM parameter's ARN), sorted by variable."""
    if b.app is None:
        return []
    account = "${data.aws_caller_identity.current.account_id}"
    return [
        (v.name, f'"arn:aws:ssm:{b.region}:{account}:parameter{parameter_name(b, env, v.name)}"')
        for v in b.app.variables
        if v.secret
    ]


def secret_arns(b: Baseline, env: Environment) -> list[tuple[str, str]]:
    """(variable, HCL expression of the Secrets Manager secret's ARN) of the secrets the
    rendered infrastructure makes itself: with personal data, the cache's URL carries its
    AUTH token (modules/redis), so it is a secret and never a plain variable."""
    caches = env.of_kind("redis")
    if b.app is None or not caches or env.is_preview or not b.personal_data:
        return []
    return [(REDIS, f"module.{caches[0].id}.url_secret_arn")]


def aws_secrets(b: Baseline, env: Environment) -> list[tuple[str, str]]:
    """(name, HCL expression of a Secrets Manager or SSM reference) ECS resolves at task
    start, sorted by name."""
    if b.app is None:
        return []
    return sorted(parameter_arns(b, env) + secret_arns(b, env))
