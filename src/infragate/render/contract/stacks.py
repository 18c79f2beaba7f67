"""How the common stacks start, read from the repository: a Procfile first (the
application's own word), then the framework's entry point (FastAPI, Flask, Django, Next.js,
a package.json start script, Go main packages, Rails, Laravel, Spring Boot).

Each finder returns what it is sure of and nothing else; `resolve` refuses for the rest.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from infragate.audit.repo import Repo
from infragate.render.contract.facts import app_files

_PROCFILE_LINE = re.compile(r"^([a-z][a-z0-9_-]*)\s*:\s*(.+?)\s*$")
_PY_INSTANCE = {
    "FastAPI": re.compile(r"^(\w+)\s*=\s*(?:fastapi\.)?FastAPI\("),
    "Flask": re.compile(r"^(\w+)\s*=\s*(?:flask\.)?Flask\("),
}
_PY_FACTORY = re.compile(r"^def (create_app)\(")
_DJANGO_SETTINGS = re.compile(r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']""")
_NEXT_STANDALONE = re.compile(r"""output\s*:\s*["']standalone["']""")
_NODE_LISTEN = re.compile(r"""\.listen\(\s*(\d{4,5})\b""")
_GO_LISTEN = re.compile(r"""(?:ListenAndServe|Run|Start)\(\s*"[\w.]*:(\d{4,5})\"""")
_SPRING_PORT = re.compile(r"^\s*server\.port\s*[=:]\s*(\d{4,5})\s*$", re.M)


@dataclass
class Inferred:
    framework: str | None = None
    commands: dict[str, tuple[list[str], str]] = field(
        default_factory=dict
    )  # service -> (cmd, where)
    port: tuple[int, str] | None = None
    artifacts: tuple[str, ...] | None = None
    health_hint: tuple[str, str] | None = None  # a route the framework serves by itself
    liveness_hint: tuple[str, str] | None = None
    database_env: tuple[str, str] | None = None  # read implicitly by the framework


def _module(path: str) -> str:
    return posixpath.splitext(path)[0].replace("/", ".").removesuffix(".__init__")


def _requirements(repo: Repo) -> str:
    return "\n".join(
        repo.text(p).lower()
        for p in ("requirements.txt", "pyproject.toml", "Pipfile", "poetry.lock", "uv.lock")
    )


def procfile(repo: Repo, found: Inferred) -> None:
    """`web:` / `worker:` lines, run by a shell as Heroku-style platforms do ($PORT)."""
    for number, line in enumerate(repo.lines("Procfile"), 1):
        match = _PROCFILE_LINE.match(line)
        if match and not line.lstrip().startswith("#"):
            service = {"release": ""}.get(match.group(1), match.group(1))
            if service:
                command = ["/bin/sh", "-c", "exec " + match.group(2)]
                found.commands.setdefault(service, (command, f"Procfile:{number}"))


def python(repo: Repo, found: Inferred, port: int) -> None:
    deps = _requirements(repo)
    bind = ["--host", "0.0.0.0", "--port", str(port)]
    for path in app_files(repo):
        if not path.endswith(".py"):
            continue
        for number, line in enumerate(repo.lines(path), 1):
            for framework, pattern in _PY_INSTANCE.items():
                match = pattern.match(line)
                if not match:
                    continue
                target = f"{_module(path)}:{match.group(1)}"
                where = f"{path}:{number}"
                found.framework = framework
                if framework == "FastAPI" and "uvicorn" in deps:
                    found.commands.setdefault("web", (["uvicorn", target, *bind], where))
                elif "gunicorn" in deps:
                    gunicorn = ["gunicorn", "--bind", f"0.0.0.0:{port}", "--access-logfile", "-"]
                    workers = ["--worker-class", "uvicorn.workers.UvicornWorker"]
                    extra = workers if framework == "FastAPI" and "uvicorn" in deps else []
                    found.commands.setdefault("web", ([*gunicorn, *extra, target], where))
                return
            factory = _PY_FACTORY.match(line)
            if factory and "flask" in deps and "gunicorn" in deps:
                found.framework = "Flask"
                target = f"{_module(path)}:create_app()"
                command = ["gunicorn", "--bind", f"0.0.0.0:{port}", "--access-logfile", "-", target]
                found.commands.setdefault("web", (command, f"{path}:{number}"))
                return
    django(repo, found, port, deps)


def django(repo: Repo, found: Inferred, port: int, deps: str) -> None:
    for path in repo.glob("manage.py", "*/manage.py"):
        for number, match in repo.grep(path, _DJANGO_SETTINGS):
            project = match.group(1).rsplit(".", 1)[0]
            base = posixpath.dirname(path)
            where = f"{path}:{number}"
            found.framework = "Django"
            found.database_env = (
                ("DATABASE_URL", "dj-database-url") if "dj-database-url" in deps else None
            )
            wsgi = posixpath.join(base, project.replace(".", "/"), "wsgi.py")
            if "gunicorn" in deps and wsgi in repo.texts:
                chdir = ["--chdir", base] if base else []
                command = [
                    "gunicorn",
                    *chdir,
                    "--bind",
                    f"0.0.0.0:{port}",
                    f"{project}.wsgi:application",
                ]
                found.commands.setdefault("web", (command, where))
            return


def node(repo: Repo, found: Inferred, port: int) -> None:
    package = repo.json("package.json")
    if not isinstance(package, dict):
        return
    deps = {**(package.get("devDependencies") or {}), **(package.get("dependencies") or {})}
    scripts = package.get("scripts") or {}
    if "next" in deps:
        found.framework = "Next.js"
        config = next(iter(repo.glob("next.config.js", "next.config.mjs", "next.config.ts")), None)
        if config and _NEXT_STANDALONE.search(repo.text(config)):
            line = repo.line_of(config, "standalone") or 1
            found.commands.setdefault("web", (["node", "server.js"], f"{config}:{line}"))
            found.artifacts = (
                ".next/standalone:/app/",
                ".next/static:/app/.next/static",
                *(("public:/app/public",) if repo.exists("public") else ()),
            )
        else:
            command = ["node_modules/.bin/next", "start", "--port", str(port)]
            found.commands.setdefault("web", (command, "package.json (next, no standalone output)"))
        found.port = (port, "Next.js reads PORT")
        return
    start = scripts.get("start") if isinstance(scripts, dict) else None
    if isinstance(start, str):
        line = repo.line_of("package.json", '"start"') or 1
        simple = re.fullmatch(r"node\s+([\w./-]+\.(?:js|mjs|cjs))", start.strip())
        command = ["node", simple.group(1)] if simple else ["npm", "start"]
        found.commands.setdefault("web", (command, f"package.json:{line}"))
        found.framework = found.framework or next(
            (name for dep, name in (("express", "Express"), ("fastify", "Fastify"),
                                    ("@nestjs/core", "NestJS")) if dep in deps), None)  # fmt: skip
    for path in app_files(repo):
        for number, match in repo.grep(path, _NODE_LISTEN, needles=(".listen(",)):
            found.port = found.port or (int(match.group(1)), f"{path}:{number}")


def go(repo: Repo, found: Inferred) -> None:
    mains = sorted(
        posixpath.dirname(p)
        for p in app_files(repo)
        if p.endswith(".go") and re.search(r"^package main\b", repo.text(p), re.M)
    )
    module = re.search(r"^module\s+(\S+)", repo.text("go.mod"), re.M)
    root_name = posixpath.basename(module.group(1)) if module else "app"
    names = {(posixpath.basename(d) if d else root_name): d for d in mains}
    for service, main in names.items():
        where = f"{main or '.'}/ (package main)"
        name = "web" if len(names) == 1 else {"server": "web", "api": "web"}.get(service, service)
        found.commands.setdefault(name, ([f"/app/bin/{service}"], where))
    for path in app_files(repo):
        for number, match in repo.grep(path, _GO_LISTEN):
            found.port = found.port or (int(match.group(1)), f"{path}:{number}")
    if mains:
        found.artifacts = ("bin",)


def ruby(repo: Repo, found: Inferred, port: int) -> None:
    if "rails" in repo.text("Gemfile") and repo.exists("config/application.rb"):
        found.framework = "Rails"
        command = ["bin/rails", "server", "--binding", "0.0.0.0", "--port", str(port)]
        found.commands.setdefault("web", (command, "config/application.rb"))
        found.health_hint = ("/up", "Rails 7.1+ serves /up (rails/health#show)")
        found.database_env = ("DATABASE_URL", "Active Record reads DATABASE_URL")


def php(repo: Repo, found: Inferred) -> None:
    if repo.exists("artisan") and "laravel/framework" in repo.text("composer.json"):
        found.framework = "Laravel"
        found.commands.setdefault("web", (["apache2-foreground"], "artisan (Laravel)"))
        found.health_hint = ("/up", "Laravel 11+ serves /up")


def java(repo: Repo, found: Inferred) -> None:
    build = repo.text("pom.xml") + repo.text("build.gradle") + repo.text("build.gradle.kts")
    if "spring-boot" not in build:
        return
    found.framework = "Spring Boot"
    found.commands.setdefault(
        "web",
        (["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"], "pom.xml (spring-boot)"),
    )
    for path in repo.glob(
        "src/main/resources/application.properties", "src/main/resources/application.yml"
    ):
        if match := _SPRING_PORT.search(repo.text(path)):
            found.port = (int(match.group(1)), path)
    if "spring-boot-starter-actuator" in build:
        found.health_hint = ("/actuator/health", "spring-boot-starter-actuator")
        found.liveness_hint = ("/actuator/health/liveness", "spring-boot-starter-actuator")


def static(found: Inferred, port: int) -> None:
    """A static site's server is infragate's own nginx (runtimes.yaml), which serves the
    built files and a health file the Dockerfile writes."""
    found.framework = "nginx"
    found.commands.setdefault("web", (["nginx", "-g", "daemon off;"], "infragate's nginx"))
    found.port = (port, "infragate's nginx")
    found.health_hint = found.liveness_hint = ("/healthz", "a file infragate's nginx serves")


def infer(repo: Repo | None, runtime: str, default_port: int) -> Inferred:
    found = Inferred()
    if runtime == "static":  # nothing of the repository runs: the files are served
        static(found, default_port)
        return found
    if repo is None:
        return found
    procfile(repo, found)
    if runtime == "python":
        python(repo, found, default_port)
    elif runtime == "node":
        node(repo, found, default_port)
    elif runtime == "go":
        go(repo, found)
    elif runtime == "ruby":
        ruby(repo, found, default_port)
    elif runtime == "php":
        php(repo, found)
    elif runtime == "java":
        java(repo, found)
    return found
