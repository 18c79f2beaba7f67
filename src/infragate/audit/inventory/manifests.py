"""Languages, runtimes and the dependencies their manifests declare."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable

from infragate.audit import lazyre
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
    "build.gradle.kts": "java",
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
    # MongoDB and MySQL drivers (Python, npm, Go, Ruby, Java)
    "pymongo": ("datastore", "mongodb"),
    "motor": ("datastore", "mongodb"),
    "mongoengine": ("datastore", "mongodb"),
    "beanie": ("datastore", "mongodb"),
    "djongo": ("datastore", "mongodb"),
    "mongoid": ("datastore", "mongodb"),
    "go.mongodb.org/mongo-driver": ("datastore", "mongodb"),
    "mysqlclient": ("datastore", "mysql"),
    "pymysql": ("datastore", "mysql"),
    "mysql-connector-python": ("datastore", "mysql"),
    "aiomysql": ("datastore", "mysql"),
    "asyncmy": ("datastore", "mysql"),
    "mysql": ("datastore", "mysql"),
    "mariadb": ("datastore", "mariadb"),
    "github.com/go-sql-driver/mysql": ("datastore", "mysql"),
    "mysql-connector-j": ("datastore", "mysql"),
    "mysql-connector-java": ("datastore", "mysql"),
    "github.com/lib/pq": ("datastore", "postgres"),
    "github.com/jackc/pgx": ("datastore", "postgres"),
    "postgresql": ("datastore", "postgres"),  # the JDBC driver's artifactId
    "github.com/redis/go-redis": ("datastore", "redis"),
    "github.com/go-redis/redis": ("datastore", "redis"),
    "predis/predis": ("datastore", "redis"),
    "github.com/mattn/go-sqlite3": ("datastore", "sqlite"),
    "modernc.org/sqlite": ("datastore", "sqlite"),
    # Back ends outside the JavaScript and Python worlds (Rails, Laravel, Spring Boot, Go
    # routers) are recognised by inventory/frameworks.py, which tells an app from a library.
    "django-prometheus": ("monitoring", "Prometheus client"),
    "skylight": ("monitoring", "Skylight APM"),
    "scout_apm": ("monitoring", "Scout APM"),
    "elastic-apm": ("monitoring", "Elastic APM"),
    "sentry-ruby": ("error-tracking", "Sentry"),
    "sentry/sentry-laravel": ("error-tracking", "Sentry"),
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


GO_REQUIRE = lazyre.compile(r"^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+/[\w./-]+)\s+v\d")
GEM = lazyre.compile(r"""^\s*gem\s+['"]([\w.-]+)['"]""")
JAVA_ARTIFACT = lazyre.compile(
    r"<artifactId>([\w.-]+)</artifactId>|['\"][\w.-]+:([\w.-]+)(?::[^'\"]*)?['\"]"
)
# Frameworks that only render in the browser: a manifest with one of these alone is the
# front end, and a back end's manifest names the application's runtime before it.
FRONTEND = {"React", "Vue"}


def languages(repo: Repo, inv: Inventory) -> None:
    counts = Counter(
        LANGUAGES[ext] for p in repo.paths if (ext := posixpath.splitext(p)[1]) in LANGUAGES
    )
    for name, count in counts.most_common():
        inv.add("language", name, detail=f"{count} file{'s' if count != 1 else ''}")


def _pyproject_requirements(text: str) -> list[str]:
    """Package names a pyproject.toml depends on: PEP 621 (with extras) and Poetry."""
    import tomllib  # only a Python project needs it

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
    elif base == "go.mod":
        for number, line in enumerate(repo.lines(path), 1):
            if "// indirect" in line:
                continue  # a dependency of a dependency: not what the app uses itself
            if match := GO_REQUIRE.match(line):
                yield re.sub(r"/v\d+$", "", match.group(1)), number
    elif base == "Gemfile":
        for number, line in enumerate(repo.lines(path), 1):
            if match := GEM.match(line):
                yield match.group(1).lower(), number
    elif base == "composer.json":
        data = repo.json(path)
        deps = data.get("require") if isinstance(data, dict) else None
        if isinstance(deps, dict):
            for name in deps:
                yield name.lower(), repo.line_of(path, f'"{name}"')
    elif base in ("pom.xml", "build.gradle", "build.gradle.kts"):
        for number, line in enumerate(repo.lines(path), 1):
            if match := JAVA_ARTIFACT.search(line):
                yield (match.group(1) or match.group(2)), number
    elif base in ("requirements.txt", "Pipfile"):
        for number, line in enumerate(repo.lines(path), 1):
            match = re.match(r'^\s*"?([A-Za-z0-9_.-]+)', line)
            if match and not line.lstrip().startswith(("#", "[")):
                yield match.group(1).lower(), number


def _is_tooling(repo: Repo, path: str) -> bool:
    """A package.json that only carries tools (formatters, commit hooks, workspace scripts):
    no runtime dependencies and nothing to start, so it is not the served application."""
    data = repo.json(path)
    if not isinstance(data, dict):
        return False
    scripts = data.get("scripts") if isinstance(data.get("scripts"), dict) else {}
    return (
        not data.get("dependencies")
        and not {"start", "serve"} & set(scripts or {})
        and not (data.get("main") or data.get("bin"))
    )


PIP_INSTALL = lazyre.compile(r"\bpip3?\s+install\s+(.+)")
Manifest = tuple[int, str, str, str, list[tuple[str, tuple[str, str], int | None]]]


def _pip_installed(repo: Repo) -> list[Manifest]:
    """A Python app with no manifest, set up by `pip install fastapi uvicorn` in a script or
    Dockerfile: those packages are its dependencies and the script names its runtime."""
    out: list[Manifest] = []
    for path in [*repo.shell_scripts(), *repo.dockerfiles()]:
        known_deps: list[tuple[str, tuple[str, str], int | None]] = []
        for number, match in repo.grep(path, PIP_INSTALL, ("pip",)):
            for word in match.group(1).split():
                if word.startswith(("-", "/", ".", "$", ">", "2>", "&", "|")):
                    continue  # flags, paths, redirections: not package names
                name = re.split(r"[<>=\[;]", word)[0].lower()
                if name in PACKAGES:
                    known_deps.append((name, PACKAGES[name], number))
        if any(known[0] == "framework" for _, known, _ in known_deps):
            out.append((0, path, "python", "packages installed by pip install", known_deps))
    return out


def manifests(repo: Repo, inv: Inventory) -> None:
    found: list[Manifest] = []
    for path in repo.named(*RUNTIME_MANIFESTS):
        if "/node_modules/" in path:
            continue
        runtime = RUNTIME_MANIFESTS[posixpath.basename(path)]
        detail = ""
        if runtime == "node":
            data = repo.json(path)
            engines = data.get("engines") if isinstance(data, dict) else None
            if isinstance(engines, dict) and isinstance(engines.get("node"), str):
                detail = f"node {engines['node']}"
        known_deps = []
        for dep, line in _dependencies(repo, path):
            known = PACKAGES.get(dep)
            if known is None and ("prometheus" in dep or "opentelemetry" in dep):
                known = ("monitoring", "Prometheus" if "prometheus" in dep else "OpenTelemetry")
            if known:
                known_deps.append((dep, known, line))
        frameworks = {k[1] for _, k, _ in known_deps if k[0] == "framework"}
        # The served application's manifest first: a back end, then a front end, then the
        # rest; a tooling-only package.json last, so it never stands for the runtime.
        if frameworks - FRONTEND:
            rank = 0
        elif frameworks:
            rank = 1
        elif runtime == "node" and _is_tooling(repo, path):
            rank, detail = 3, "tooling only (no runtime dependencies)"
        else:
            rank = 2
        found.append((rank, path, runtime, detail, known_deps))
    if not any(runtime == "python" for _, _, runtime, _, _ in found):
        found.extend(_pip_installed(repo))
    for _, path, runtime, detail, known_deps in sorted(
        found, key=lambda m: (m[0], m[1].count("/"), m[1])
    ):
        inv.add("runtime", runtime, path, detail=detail)
        for dep, known, line in known_deps:
            inv.add(known[0], known[1], path, line, detail=f"dependency '{dep}'")
