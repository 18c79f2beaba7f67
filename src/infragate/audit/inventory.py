"""The as-is architecture: what the repository runs on, builds with, deploys with, watches with.

Every fact names the file (and line, where one line shows it) that it was inferred from.
"""

from __future__ import annotations

import posixpath
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from infragate.audit.ci import Workflow, workflows
from infragate.audit.model import Fact
from infragate.audit.repo import Repo

CATEGORIES = (
    "language",
    "runtime",
    "framework",
    "datastore",
    "container",
    "orchestration",
    "ci",
    "iac",
    "monitoring",
    "error-tracking",
    "logging",
    "backup",
    "health",
    "deploy-script",
)

LANGUAGES = {
    ".ts": "TypeScript",
    ".tsx": "TypeScript",
    ".js": "JavaScript",
    ".jsx": "JavaScript",
    ".mjs": "JavaScript",
    ".py": "Python",
    ".go": "Go",
    ".java": "Java",
    ".kt": "Kotlin",
    ".rb": "Ruby",
    ".php": "PHP",
    ".rs": "Rust",
    ".cs": "C#",
    ".sh": "Shell",
    ".tf": "HCL (Terraform)",
}
SOURCE_SUFFIXES = (
    ".ts",
    ".tsx",
    ".js",
    ".jsx",
    ".mjs",
    ".py",
    ".go",
    ".java",
    ".kt",
    ".rb",
    ".php",
)

RUNTIME_MANIFESTS = {
    "package.json": "node",
    "pyproject.toml": "python",
    "requirements.txt": "python",
    "Pipfile": "python",
    "go.mod": "go",
    "Gemfile": "ruby",
    "pom.xml": "java",
    "build.gradle": "java",
    "composer.json": "php",
    "Cargo.toml": "rust",
}

# dependency name -> (category, what it is)
PACKAGES: dict[str, tuple[str, str]] = {
    "next": ("framework", "Next.js"),
    "react": ("framework", "React"),
    "express": ("framework", "Express"),
    "@nestjs/core": ("framework", "NestJS"),
    "fastify": ("framework", "Fastify"),
    "vue": ("framework", "Vue"),
    "nuxt": ("framework", "Nuxt"),
    "@sveltejs/kit": ("framework", "SvelteKit"),
    "django": ("framework", "Django"),
    "flask": ("framework", "Flask"),
    "fastapi": ("framework", "FastAPI"),
    "streamlit": ("framework", "Streamlit"),
    "prisma": ("framework", "Prisma ORM"),
    "@prisma/client": ("framework", "Prisma ORM"),
    "sqlalchemy": ("framework", "SQLAlchemy"),
    "pg": ("datastore", "postgres"),
    "psycopg2": ("datastore", "postgres"),
    "psycopg2-binary": ("datastore", "postgres"),
    "psycopg": ("datastore", "postgres"),
    "asyncpg": ("datastore", "postgres"),
    "mysql2": ("datastore", "mysql"),
    "mongoose": ("datastore", "mongodb"),
    "mongodb": ("datastore", "mongodb"),
    "redis": ("datastore", "redis"),
    "ioredis": ("datastore", "redis"),
    "better-sqlite3": ("datastore", "sqlite"),
    "sqlite3": ("datastore", "sqlite"),
    "snowflake-connector-python": ("datastore", "snowflake"),
    "@sentry/nextjs": ("error-tracking", "Sentry"),
    "@sentry/node": ("error-tracking", "Sentry"),
    "@sentry/react": ("error-tracking", "Sentry"),
    "sentry-sdk": ("error-tracking", "Sentry"),
    "prom-client": ("monitoring", "Prometheus client"),
    "prometheus-client": ("monitoring", "Prometheus client"),
    "prometheus_client": ("monitoring", "Prometheus client"),
    "dd-trace": ("monitoring", "Datadog APM"),
    "ddtrace": ("monitoring", "Datadog APM"),
    "newrelic": ("monitoring", "New Relic APM"),
    "@opentelemetry/api": ("monitoring", "OpenTelemetry"),
    "opentelemetry-api": ("monitoring", "OpenTelemetry"),
    "winston": ("logging", "winston"),
    "pino": ("logging", "pino"),
    "structlog": ("logging", "structlog"),
}

CONNECTION = re.compile(
    r"\b(postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis|rediss|sqlite)://|\bfile:\./?[\w./-]*\.(?:db|sqlite)\b",
    re.I,
)
PRISMA_PROVIDER = re.compile(r'^\s*provider\s*=\s*"(\w+)"')
COMPOSE_ENGINES = ("postgres", "mysql", "mariadb", "mongo", "redis", "memcached", "rabbitmq")
TF_RESOURCE = re.compile(r'^\s*resource\s+"(\w+)"\s+"([\w-]+)"', re.M)
TF_DB_ENGINE = re.compile(r'^\s*engine\s*=\s*"([\w-]+)"', re.M)
HEALTH_ROUTE_FILE = re.compile(
    r"(^|/)(pages|app|src/pages|src/app|routes|api)(/.*)?/(health|healthz|healthcheck|ready|readyz|livez|status)(/route)?\.(ts|tsx|js|jsx|mjs|py|go|rb)$"
)
HEALTH_ROUTE = re.compile(
    r"""(?:get|route|api_view|path|HandleFunc|Get|add_api_route)\w*\s*\(\s*["'`]/(?:api/)?(?:health|healthz|healthcheck|readyz|livez|ready)\b"""
)
TEST_FILE = re.compile(r"(^|/)(tests?|__tests__|spec)/|(^|/)test_[^/]*$|\.(test|spec)\.\w+$")
HEALTH_NEEDLES = ("/health", "/ready", "/livez", "/api/health")
METRICS_FILES = ("prometheus.yml", "prometheus.yaml", "datadog.yaml", "newrelic.js", "newrelic.yml")
LOG_FILE = re.compile(r"(/var/log/[\w./${}-]+|[\w./-]+\.log)\b")
LOG_SHIPPERS = re.compile(
    r"amazon-cloudwatch-agent|cloudwatch-agent|datadog-agent|fluent-?bit|fluentd|vector\b|promtail|filebeat|logtail|papertrail",
    re.I,
)
BACKUP_COMMAND = re.compile(
    r"pg_dump|pg_basebackup|mysqldump|mongodump|sqlite3\s+\S+\s+['\"]?\.backup|litestream|restic|borg\s+create|aws\s+backup|wal-g",
    re.I,
)
DEPLOY_COMMAND = re.compile(
    r"\b(pm2\s+(start|restart|reload)|systemctl\s+(restart|reload|enable)|rsync\s|scp\s|ssh\s+\S+@|kubectl\s+apply|docker\s+compose\s+up|git\s+pull)",
    re.I,
)


@dataclass
class Inventory:
    facts: list[Fact] = field(default_factory=list)
    workflows: list[Workflow] = field(default_factory=list)

    def add(self, category: str, name: str, file: str | None = None, line: int | None = None,
            detail: str = "") -> None:  # fmt: skip
        self.facts.append(Fact(category, name, file, line, detail))

    def of(self, category: str) -> list[Fact]:
        return [f for f in self.facts if f.category == category]

    def names(self, category: str) -> set[str]:
        return {f.name for f in self.facts if f.category == category}

    def has(self, category: str, name: str | None = None) -> bool:
        return any(f.category == category and (name is None or f.name == name) for f in self.facts)

    def first(self, category: str, name: str | None = None) -> Fact | None:
        return next(
            (f for f in self.facts if f.category == category and (name is None or f.name == name)),
            None,
        )

    def sorted_facts(self) -> list[Fact]:
        order = {c: i for i, c in enumerate(CATEGORIES)}
        unique = {(f.category, f.name, f.file, f.line, f.detail): f for f in self.facts}
        return sorted(
            unique.values(),
            key=lambda f: (order.get(f.category, 99), f.name, f.file or "", f.line or 0),
        )


def build_inventory(repo: Repo) -> Inventory:
    inv = Inventory()
    _languages(repo, inv)
    _manifests(repo, inv)
    _datastores(repo, inv)
    _containers(repo, inv)
    _ci(repo, inv)
    _iac(repo, inv)
    _operations(repo, inv)
    return inv


def _languages(repo: Repo, inv: Inventory) -> None:
    counts = Counter(
        LANGUAGES[ext] for p in repo.paths if (ext := posixpath.splitext(p)[1]) in LANGUAGES
    )
    for name, count in counts.most_common():
        inv.add("language", name, detail=f"{count} file{'s' if count != 1 else ''}")


def _pyproject_requirements(text: str) -> list[str]:
    """Package names a pyproject.toml depends on: PEP 621 (with extras) and Poetry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    project = data.get("project", {})
    specs: list[str] = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        specs.extend(extra)
    poetry = data.get("tool", {}).get("poetry", {})
    names = [n for n in poetry.get("dependencies", {}) if n != "python"]
    for group in poetry.get("group", {}).values():
        names.extend(group.get("dependencies", {}))
    for spec in specs:
        if isinstance(spec, str) and (match := re.match(r"\s*([A-Za-z0-9_.-]+)", spec)):
            names.append(match.group(1))
    return names


def _dependencies(repo: Repo, path: str) -> Iterable[tuple[str, int | None]]:
    base = posixpath.basename(path)
    if base == "package.json":
        data = repo.json(path)
        if isinstance(data, dict):
            for section in ("dependencies", "devDependencies"):
                deps = data.get(section)
                if isinstance(deps, dict):
                    for name in deps:
                        yield name, repo.line_of(path, f'"{name}"')
    elif base == "pyproject.toml":
        for name in _pyproject_requirements(repo.text(path)):
            yield name.lower(), repo.line_of(path, name)
    elif base in ("requirements.txt", "Pipfile"):
        for number, line in enumerate(repo.lines(path), 1):
            match = re.match(r'^\s*"?([A-Za-z0-9_.-]+)', line)
            if match and not line.lstrip().startswith(("#", "[")):
                yield match.group(1).lower(), number


def _manifests(repo: Repo, inv: Inventory) -> None:
    # The repository's own manifests first, then those of sub-projects.
    for path in sorted(repo.named(*RUNTIME_MANIFESTS), key=lambda p: (p.count("/"), p)):
        if "/node_modules/" in path:
            continue
        runtime = RUNTIME_MANIFESTS[posixpath.basename(path)]
        detail = ""
        if runtime == "node":
            data = repo.json(path)
            engines = data.get("engines") if isinstance(data, dict) else None
            if isinstance(engines, dict) and isinstance(engines.get("node"), str):
                detail = f"node {engines['node']}"
        inv.add("runtime", runtime, path, detail=detail)
        for dep, line in _dependencies(repo, path):
            known = PACKAGES.get(dep)
            if known is None and ("prometheus" in dep or "opentelemetry" in dep):
                known = ("monitoring", "Prometheus" if "prometheus" in dep else "OpenTelemetry")
            if known:
                inv.add(known[0], known[1], path, line, detail=f"dependency '{dep}'")


def _datastores(repo: Repo, inv: Inventory) -> None:
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
        services = _compose_services(repo, path)
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


def _compose_services(repo: Repo, path: str) -> dict[str, dict[str, Any]]:
    data, _ = repo.yaml_map(path)
    services = data.get("services")
    if not isinstance(services, dict):
        return {}
    return {str(k): v for k, v in services.items() if isinstance(v, dict)}


def _containers(repo: Repo, inv: Inventory) -> None:
    for path in repo.dockerfiles():
        base = next((ln for ln in repo.lines(path) if ln.upper().startswith("FROM ")), "")
        inv.add("container", "Dockerfile", path, detail=base[5:].strip())
        for number, line in enumerate(repo.lines(path), 1):
            if line.strip().upper().startswith("HEALTHCHECK"):
                inv.add("health", "Dockerfile HEALTHCHECK", path, number)
    for path in repo.compose_files():
        services = _compose_services(repo, path)
        inv.add("orchestration", "Docker Compose", path, detail=", ".join(services))
        for name, service in services.items():
            if "healthcheck" in service:
                inv.add("health", "compose healthcheck", path, detail=f"service '{name}'")
    for path in repo.named("Chart.yaml"):
        inv.add("orchestration", "Helm", path)
    for path in _k8s_manifests(repo):
        inv.add("orchestration", "Kubernetes", path)
        if re.search(r"(liveness|readiness)Probe", repo.text(path)):
            inv.add("health", "Kubernetes probe", path, repo.line_of(path, "Probe"))


def _k8s_manifests(repo: Repo) -> list[str]:
    out = []
    for path in repo.named("*.yaml", "*.yml"):
        text = repo.text(path)
        if (
            "apiVersion:" in text
            and "\nkind:" in "\n" + text
            and not path.startswith(".github/")
            and "Chart.yaml" not in path
        ):
            out.append(path)
    return out


def _ci(repo: Repo, inv: Inventory) -> None:
    inv.workflows = workflows(repo)
    for wf in inv.workflows:
        jobs = ", ".join(f"{j.id} ({'/'.join(sorted(j.kinds)) or 'other'})" for j in wf.jobs)
        inv.add("ci", wf.system, wf.path, detail=jobs)
    for path in repo.glob(".circleci/config.yml", "Jenkinsfile", "bitbucket-pipelines.yml",
                          "azure-pipelines.yml", ".travis.yml"):  # fmt: skip
        inv.add("ci", path.split("/")[0].lstrip(".").split(".")[0], path)


def _iac(repo: Repo, inv: Inventory) -> None:
    tf = repo.terraform()
    if tf:
        inv.add("iac", "Terraform", tf[0], detail=f"{len(tf)} .tf files")
    for path in repo.named("Pulumi.yaml", "Pulumi.yml"):
        inv.add("iac", "Pulumi", path)
    for path in repo.named("cdk.json"):
        inv.add("iac", "AWS CDK", path)
    for path in repo.named("serverless.yml", "serverless.yaml"):
        inv.add("iac", "Serverless Framework", path)
    for path in repo.named("*.yaml", "*.yml", "*.json", "*.template"):
        if "AWSTemplateFormatVersion" in repo.text(path):
            inv.add("iac", "CloudFormation", path)
    for path in repo.named("*.yml", "*.yaml"):
        text = repo.text(path)
        if re.search(r"^-\s+hosts:", text, re.M) and ("tasks:" in text or "roles:" in text):
            inv.add("iac", "Ansible", path)
    manifests = _k8s_manifests(repo)
    if manifests:
        inv.add("iac", "Kubernetes manifests (kubectl)", manifests[0],
                detail=f"{len(manifests)} manifest files")  # fmt: skip


def _operations(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("sentry.*.config.ts", "sentry.*.config.js", "sentry.properties"):
        inv.add("error-tracking", "Sentry", path)
    for path in repo.named(*METRICS_FILES):
        inv.add("monitoring", posixpath.basename(path).split(".")[0].title(), path)
    for path in repo.named("*.json"):
        if path.startswith("grafana/") or "/grafana/" in path or "dashboards" in path:
            inv.add("monitoring", "Grafana dashboard", path)
    for path in _k8s_manifests(repo):
        for number, _ in repo.grep(path, re.compile(r"prometheus\.io/scrape")):
            inv.add("monitoring", "Prometheus scraping", path, number)
        for number, match in repo.grep(path, BACKUP_COMMAND):
            inv.add("backup", "backup command", path, number, detail=match.group(0))
    for path in sorted(repo.paths):
        if "backup" in posixpath.basename(path).lower() and not path.endswith(".md"):
            inv.add("backup", "backup job", path)
    for path in sorted(repo.paths):
        if HEALTH_ROUTE_FILE.search(path):
            inv.add("health", "health endpoint", path)
    for path in (p for p in repo.texts if p.endswith(SOURCE_SUFFIXES)):
        if "/node_modules/" in path or TEST_FILE.search(path):
            continue  # a test that calls /health is not the endpoint
        for number, _ in repo.grep(path, HEALTH_ROUTE, HEALTH_NEEDLES):
            inv.add("health", "health endpoint", path, number)
    scripts = repo.shell_scripts()
    for path in scripts:
        base = posixpath.basename(path).lower()
        for number, match in repo.grep(path, LOG_FILE):
            if match.group(1).startswith("/var/log") or ">>" in repo.lines(path)[number - 1]:
                inv.add("logging", "local log files", path, number, detail=match.group(1))
        for number, match in repo.grep(path, LOG_SHIPPERS):
            inv.add("logging", "log shipping", path, number, detail=match.group(0))
        for number, match in repo.grep(path, BACKUP_COMMAND):
            inv.add("backup", "backup command", path, number, detail=match.group(0))
        if "deploy" in base or "bootstrap" in base or "provision" in base:
            inv.add("deploy-script", base, path)
        else:
            for number, match in repo.grep(path, DEPLOY_COMMAND):
                inv.add("deploy-script", base, path, number, detail=match.group(0))
                break
    for path in repo.terraform():
        for number, _ in repo.grep(
            path, re.compile(r"aws_backup_plan|backup_retention_period\s*=\s*[1-9]")
        ):
            inv.add("backup", "managed backups (Terraform)", path, number)
        for number, _ in repo.grep(
            path, re.compile(r"aws_cloudwatch_metric_alarm|aws_cloudwatch_dashboard")
        ):
            inv.add("monitoring", "CloudWatch alarms", path, number)
