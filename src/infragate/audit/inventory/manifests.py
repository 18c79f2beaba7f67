"""Languages, runtimes and the dependencies their manifests declare."""

from __future__ import annotations

import posixpath
import re
import tomllib
from collections import Counter
from collections.abc import Iterable

from infragate.audit.inventory.model import Inventory
from infragate.audit.repo import Repo

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


def languages(repo: Repo, inv: Inventory) -> None:
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


def manifests(repo: Repo, inv: Inventory) -> None:
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
