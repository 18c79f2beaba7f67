"""Datastores: what the application connects to, and where that is declared.

A datastore fact's detail says how sure the repository is that production uses it:
- "dev/test only": a dev-container, a test or CI compose file, test settings, a test tree;
- "default when unset": a fallback the environment overrides, or one of several engines
  chosen at run time; production may use another;
- otherwise the repository declares it for the deployed application.
`sqlite-in-production` fires only on the last kind, `no-backup` on anything not dev/test.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from infragate.audit import lazyre
from infragate.audit.inventory import appconfig
from infragate.audit.inventory.model import Inventory
from infragate.audit.inventory.storefacts import (
    DEFAULT,
    DEV_TEST,
    add_store,
    is_dev_or_test,
    production_declared,
)
from infragate.audit.repo import Repo

# The rules ask these of a datastore fact.
__all__ = ["DEFAULT", "DEV_TEST", "datastores", "is_dev_or_test", "production_declared"]

CONNECTION = lazyre.compile(
    r"\b(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|sqlite)(?:\+\w+)?://"
    r"|\bfile:\./?[\w./-]*\.(?:db|sqlite)\b",
    re.I,
)
URL_FILES = ("*.ts", "*.js", "*.mjs", "*.py", "*.go", "*.rb", "*.php", "*.yml", "*.yaml",
             "*.toml", "*.properties")  # fmt: skip
# A database on the developer's own machine: production's runs elsewhere.
LOCAL_HOST = lazyre.compile(r"(?:[^\s'\"/@]*@)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])\b")
URL_NEEDLES = (
    "sql://",
    "postgres",
    "mariadb",
    "mongodb",
    "redis",
    "sqlite",
    "file:",
    "POSTGRES",
    "MYSQL",
)
PRISMA_PROVIDER = lazyre.compile(r'^\s*provider\s*=\s*"(\w+)"')
# Official images by their last path component, e.g. "postgis/postgis:16" -> postgis.
ENGINE_IMAGES = {
    "postgres": "postgres", "postgresql": "postgres", "postgis": "postgres",
    "timescaledb": "postgres", "timescaledb-ha": "postgres", "mysql": "mysql",
    "mysql-server": "mysql", "mariadb": "mariadb", "mongo": "mongodb", "mongodb": "mongodb",
    "mongodb-community-server": "mongodb", "redis": "redis", "redis-stack": "redis",
    "redis-stack-server": "redis", "valkey": "redis", "memcached": "memcached",
    "rabbitmq": "rabbitmq",
}  # fmt: skip
K8S_IMAGE = lazyre.compile(r"^\s*-?\s*image:\s*[\"']?([^\s\"']+)")
CFN_STORE = lazyre.compile(
    r"AWS::(RDS::DBInstance|RDS::DBCluster|DynamoDB::Table|Serverless::SimpleTable)"
)
CFN_ENGINES = {"RDS::DBInstance": "rds", "RDS::DBCluster": "aurora", "DynamoDB::Table": "dynamodb",
               "Serverless::SimpleTable": "dynamodb"}  # fmt: skip
DYNAMODB_SDK = lazyre.compile(
    r"aws-sdk-go(?:-v2)?/service/dynamodb|@aws-sdk/(?:client|lib)-dynamodb|boto3\.(?:resource|client)\(\s*[\"']dynamodb"
)
# Compose helpers for a local stack: a file of only these and datastores runs no app.
DEV_TOOL_IMAGES = ("adminer", "pgadmin", "pgadmin4", "mongo-express", "mailhog", "maildev",
                   "mailpit", "redis-commander", "redisinsight", "localstack", "phpmyadmin")  # fmt: skip
TF_BLOCK = lazyre.compile(
    r'^[ \t]*(resource|module)[ \t]+"([\w-]+)"(?:[ \t]+"([\w-]+)")?[ \t]*\{', re.M
)
TF_ENGINE = lazyre.compile(r'^\s*(?:engine|database_version)\s*=\s*"([\w.-]+)"', re.M)
# Every resource type and module source above contains one of these.
TF_NEEDLES = ("_db_", "rds", "dynamodb", "docdb", "elasticache", "memorydb", "_sql_", "redis",
              "firestore", "postgresql", "mysql", "mssql", "cosmosdb", "sql-db")  # fmt: skip
TF_SOURCE = lazyre.compile(r'^\s*source\s*=\s*"([^"]+)"', re.M)
TF_RESOURCES = {
    "aws_db_instance": "rds", "aws_rds_cluster": "aurora", "aws_dynamodb_table": "dynamodb",
    "aws_docdb_cluster": "mongodb", "aws_elasticache_cluster": "redis",
    "aws_elasticache_replication_group": "redis", "aws_elasticache_serverless_cache": "redis",
    "aws_memorydb_cluster": "redis", "google_sql_database_instance": "cloudsql",
    "google_redis_instance": "redis", "google_firestore_database": "firestore",
    "azurerm_postgresql_flexible_server": "postgres", "azurerm_postgresql_server": "postgres",
    "azurerm_mysql_flexible_server": "mysql", "azurerm_mssql_server": "sqlserver",
    "azurerm_cosmosdb_account": "cosmosdb", "azurerm_redis_cache": "redis",
}  # fmt: skip
# Registry modules that create a database (registry.terraform.io, read 2026-11-29).
TF_MODULES = {
    "terraform-aws-modules/rds/aws": "rds", "terraform-aws-modules/rds-aurora/aws": "aurora",
    "terraform-aws-modules/dynamodb-table/aws": "dynamodb",
    "terraform-aws-modules/elasticache/aws": "redis",
    "GoogleCloudPlatform/sql-db/google": "cloudsql",
}  # fmt: skip


def datastores(repo: Repo, inv: Inventory) -> None:
    _prisma(repo, inv)
    _connection_strings(repo, inv)
    appconfig.application_config(repo, inv)
    _compose(repo, inv)
    _kubernetes(repo, inv)
    _terraform(repo, inv)
    _cloudformation(repo, inv)
    _sdk_clients(repo, inv)


def _prisma(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("*.prisma"):
        in_datasource = False
        for number, line in enumerate(repo.lines(path), 1):
            if line.strip().startswith("datasource"):
                in_datasource = True
            elif in_datasource and (m := PRISMA_PROVIDER.match(line)):
                add_store(inv, m[1], path, number, f'Prisma provider "{m[1]}"')
                in_datasource = False


def _connection_strings(repo: Repo, inv: Inventory) -> None:
    for path in [*repo.named(".env*", "*.env"), *repo.named(*URL_FILES)]:
        if "/node_modules/" in path or posixpath.basename(path).startswith("sentry"):
            continue
        for number, match in repo.grep(path, CONNECTION, URL_NEEDLES):
            line = repo.lines(path)[number - 1]
            if ":memory:" in line or line[: match.start()].endswith("jdbc:"):
                continue  # in-memory (tests), or a JDBC URL the Spring reader takes
            add_store(inv, match.group(1) or "sqlite", path, number, "connection string",
                      dev=bool(LOCAL_HOST.match(line, match.end())))  # fmt: skip


def compose_services(repo: Repo, path: str) -> dict[str, dict[str, Any]]:
    data, _ = repo.yaml_map(path)
    services = data.get("services")
    if not isinstance(services, dict):
        return {}
    return {str(k): v for k, v in services.items() if isinstance(v, dict)}


def _image_stem(service: dict[str, Any]) -> str:
    image = str(service.get("image") or "")
    return image.rsplit("/", 1)[-1].split("@")[0].split(":")[0].lower()


def _compose(repo: Repo, inv: Inventory) -> None:
    for path in repo.compose_files():
        services = compose_services(repo, path)
        # Only datastores and their admin tools, nothing built: the local stack a developer
        # runs next to the app, not a deployment of it.
        local_stack = bool(services) and all(
            "build" not in s
            and (_image_stem(s) in ENGINE_IMAGES or _image_stem(s) in DEV_TOOL_IMAGES)
            for s in services.values()
        )
        for name, service in services.items():
            engine = ENGINE_IMAGES.get(_image_stem(service))
            if engine:
                line = repo.line_of(path, str(service.get("image")))
                add_store(inv, engine, path, line, f"compose service '{name}'", dev=local_stack)


def _terraform(repo: Repo, inv: Inventory) -> None:
    for path in repo.terraform():
        text = repo.text(path)
        if not any(n in text for n in TF_NEEDLES):
            continue
        for match in TF_BLOCK.finditer(text):
            block, kind, _ = match.groups()
            if block == "resource" and kind not in TF_RESOURCES:
                continue
            window = text[match.end() : match.end() + 3000]
            end = window.find("\n}")
            body = window if end < 0 else window[:end]
            if block == "module":
                found = TF_SOURCE.search(body)
                store = TF_MODULES.get(found.group(1).split("?")[0]) if found else None
                how = f"Terraform module {found.group(1)}" if found else ""
            else:
                store, how = TF_RESOURCES[kind], f"Terraform {kind}"
            if store is None:
                continue
            if store in ("rds", "aurora", "cloudsql"):
                engine = TF_ENGINE.search(body)
                store = engine.group(1) if engine else {"aurora": "mysql"}.get(store, store)
            at = text.count("\n", 0, match.start()) + 1
            add_store(inv, store, path, at, how)


def _kubernetes(repo: Repo, inv: Inventory) -> None:
    """A database image run by a Deployment or StatefulSet (what k8s/db.yml files do)."""
    for path in repo.named("*.yaml", "*.yml"):
        text = repo.text(path)
        if "image:" not in text or "kind:" not in text or path in repo.compose_files():
            continue
        if not any(k in text for k in ("kind: Deployment", "kind: StatefulSet", "kind: Pod")):
            continue
        for number, match in repo.grep(path, K8S_IMAGE):
            stem = match.group(1).rsplit("/", 1)[-1].split("@")[0].split(":")[0].lower()
            if engine := ENGINE_IMAGES.get(stem):
                add_store(inv, engine, path, number, "Kubernetes manifest")


def _cloudformation(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("*.yaml", "*.yml", "*.json", "*.template"):
        for number, match in repo.grep(
            path, CFN_STORE, ("AWS::RDS", "AWS::DynamoDB", "SimpleTable")
        ):
            add_store(
                inv, CFN_ENGINES[match.group(1)], path, number, f"CloudFormation {match.group(0)}"
            )


def _sdk_clients(repo: Repo, inv: Inventory) -> None:
    """DynamoDB reached through the AWS SDK: the table may live outside the repository."""
    for path in repo.named("*.go", "*.ts", "*.js", "*.py"):
        if "/node_modules/" in path:
            continue
        for number, match in repo.grep(path, DYNAMODB_SDK, ("dynamodb",)):
            add_store(inv, "dynamodb", path, number, f"AWS SDK client ({match.group(0)})")
            break
