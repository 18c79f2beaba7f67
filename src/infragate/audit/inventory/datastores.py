"""Datastores: what the application connects to, and where that is declared."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from infragate.audit.inventory.model import Inventory
from infragate.audit.repo import Repo

CONNECTION = re.compile(
    r"\b(postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis|rediss|sqlite)://|\bfile:\./?[\w./-]*\.(?:db|sqlite)\b",
    re.I,
)
PRISMA_PROVIDER = re.compile(r'^\s*provider\s*=\s*"(\w+)"')
COMPOSE_ENGINES = ("postgres", "mysql", "mariadb", "mongo", "redis", "memcached", "rabbitmq")
TF_RESOURCE = re.compile(r'^\s*resource\s+"(\w+)"\s+"([\w-]+)"', re.M)
TF_DB_ENGINE = re.compile(r'^\s*engine\s*=\s*"([\w-]+)"', re.M)


def datastores(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("*.prisma"):
        in_datasource = False
        for number, line in enumerate(repo.lines(path), 1):
            if line.strip().startswith("datasource"):
                in_datasource = True
            elif in_datasource and (m := PRISMA_PROVIDER.match(line)):
                engine = {"postgresql": "postgres", "sqlserver": "sqlserver"}.get(m[1], m[1])
                inv.add("datastore", engine, path, number, detail=f'Prisma provider "{m[1]}"')
                in_datasource = False
    for path in [*repo.named(".env*", "*.env"), *repo.named("*.ts", "*.js", "*.py")]:
        if "/node_modules/" in path or posixpath.basename(path).startswith("sentry"):
            continue
        for number, match in repo.grep(path, CONNECTION, ("://", "file:")):
            if ":memory:" in repo.lines(path)[number - 1]:
                continue  # an in-memory database: tests, not production
            scheme = (match.group(1) or "sqlite").lower()
            engine = {"postgresql": "postgres", "rediss": "redis", "mongodb+srv": "mongodb"}.get(
                scheme, scheme
            )
            inv.add("datastore", engine, path, number, detail="connection string")
    for path in repo.compose_files():
        services = compose_services(repo, path)
        for name, service in services.items():
            image = str(service.get("image") or "")
            for engine in COMPOSE_ENGINES:
                if image.split("/")[-1].startswith(engine):
                    inv.add("datastore", {"mongo": "mongodb"}.get(engine, engine), path,
                            repo.line_of(path, image), detail=f"compose service '{name}'")  # fmt: skip
    for path in repo.terraform():
        text = repo.text(path)
        for match in TF_RESOURCE.finditer(text):
            kind = match.group(1)
            at = text.count("\n", 0, match.start()) + 1
            if kind in ("aws_db_instance", "aws_rds_cluster"):
                found = TF_DB_ENGINE.search(text, match.end(), match.end() + 2000)
                engine = found.group(1) if found else "rds"
                inv.add("datastore", {"postgresql": "postgres", "aurora-postgresql": "postgres"}.get(engine, engine),
                        path, at, detail=f"Terraform {kind}")  # fmt: skip
            elif kind.startswith("aws_elasticache"):
                inv.add("datastore", "redis", path, at, detail=f"Terraform {kind}")


def compose_services(repo: Repo, path: str) -> dict[str, dict[str, Any]]:
    data, _ = repo.yaml_map(path)
    services = data.get("services")
    if not isinstance(services, dict):
        return {}
    return {str(k): v for k, v in services.items() if isinstance(v, dict)}
