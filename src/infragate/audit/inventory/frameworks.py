"""Served back ends beyond JavaScript and Python (Rails, Sinatra, Laravel, Symfony, Spring Boot,
Go web servers, ASP.NET Core), read from their manifests and, for Go, from the source that uses
them; and the metrics and APM these stacks carry (category "monitoring").

A framework fact already in the inventory (another module may read the same manifest) is not
added twice; a runtime is added only where no manifest named one (Go without go.mod, .NET).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.inventory.model import Inventory
from infragate.audit.paths import PathClass, excludes, of
from infragate.audit.repo import Repo

# The back ends this module recognises, each with the runtime it runs on: each serves HTTP,
# so it is a served application.
BACKEND_RUNTIME = {
    "Rails": "ruby", "Sinatra": "ruby", "Laravel": "php", "Symfony": "php", "Spring Boot": "java",
    "Gin": "go", "Echo": "go", "Chi": "go", "Fiber": "go", "Gorilla mux": "go",
    "Go net/http": "go", "ASP.NET Core": "dotnet",
}  # fmt: skip
SERVED_BACKENDS = frozenset(BACKEND_RUNTIME)

GEM = lazyre.compile(r"""^\s*gem\s+['"]([\w.-]+)['"]""")
LOCKED_RAILS = lazyre.compile(r"^    rails \(([\d.]+)\)")
JAVA_ARTIFACT = lazyre.compile(r"<artifactId>([\w.-]+)</artifactId>|['\"][\w.-]+:([\w.-]+)(?::[^'\"]*)?['\"]")  # fmt: skip
GO_REQUIRE = lazyre.compile(r"^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+/[\w./-]+)\s+v\d")
GO_IMPORT = lazyre.compile(r'^\s*(?:import\s+)?(?:\w+\s+)?"([a-z0-9.-]+\.[a-z]+/[\w./-]+)"')
GO_SERVES = lazyre.compile(
    r"\bListenAndServe(?:TLS)?\(|\bhttp\.Serve(?:TLS)?\(|\bhttp\.Server\s*\{"
)
NOT_APP_SOURCE = of(PathClass.TEST_DIR, PathClass.TEST_DATA, PathClass.EXAMPLE, PathClass.VENDORED,
                    PathClass.TEST_NAME)  # fmt: skip
ASPNET_SDK = lazyre.compile(r'<Project\s+Sdk="Microsoft\.NET\.Sdk\.Web"')

GO_FRAMEWORKS = {
    "github.com/gin-gonic/gin": "Gin",
    "github.com/labstack/echo": "Echo",
    "github.com/go-chi/chi": "Chi",
    "github.com/gofiber/fiber": "Fiber",
    "github.com/gorilla/mux": "Gorilla mux",
}
# Spring Boot 4 renamed spring-boot-starter-web to spring-boot-starter-webmvc (as in
# spring-projects/spring-petclinic's pom.xml at edf4db28, read 2026-11-29).
SPRING_WEB = (
    "spring-boot-starter-web",
    "spring-boot-starter-webmvc",
    "spring-boot-starter-webflux",
    "spring-boot-starter-jersey",
)

# Metrics and APM, per ecosystem: dependency -> what it is. Laravel Telescope is left out on
# purpose: its documentation calls it "a wonderful companion to your local Laravel development
# environment" (laravel.com/docs/11.x/telescope, read 2026-11-29), a debugger, usually in
# require-dev. Laravel Pulse counts: it records slow requests, queries, jobs and the servers'
# CPU, memory and disk in production (laravel.com/docs/11.x/pulse, read 2026-11-29).
RUBY_METRICS = {
    "prometheus_exporter": "Prometheus exporter",
    "prometheus-client": "Prometheus client",
    "skylight": "Skylight APM",
    "newrelic_rpm": "New Relic APM",
    "scout_apm": "Scout APM",
    "ddtrace": "Datadog APM",
    "datadog": "Datadog APM",
    "elastic-apm": "Elastic APM",
    "appsignal": "AppSignal APM",
}
PHP_METRICS = {
    "laravel/pulse": "Laravel Pulse",
    "promphp/prometheus_client_php": "Prometheus client",
    "spatie/laravel-prometheus": "Prometheus client",
    "open-telemetry/sdk": "OpenTelemetry",
    "scoutapp/scout-apm-laravel": "Scout APM",
}
GO_METRICS = {
    "github.com/prometheus/client_golang": "Prometheus client",
    "go.opentelemetry.io/otel": "OpenTelemetry",
    "gopkg.in/DataDog/dd-trace-go.v1": "Datadog APM",
    "github.com/DataDog/dd-trace-go": "Datadog APM",
    "github.com/newrelic/go-agent": "New Relic APM",
}
ACTUATOR_EXPOSES = lazyre.compile(r"exposure\.include\s*[=:]\s*.*(\*|prometheus|metrics)|^\s*include\s*:\s*.*(\*|prometheus|metrics)", re.M)  # fmt: skip
# Sentry performance monitoring (tracing) measures latency per transaction: an APM. A sample
# rate of zero, null or a disabled flag is not tracing.
SENTRY_TRACING = lazyre.compile(
    r"\b(traces_sample_rate|tracesSampleRate|TracesSampleRate|traces_sampler|tracesSampler|"
    r"enable_tracing|enableTracing|EnableTracing)['\"]?\s*(?:=>|[=:])\s*(.+)"
)
TRACING_OFF = lazyre.compile(
    r"^\(?\s*(0(\.0*)?|None|null|nil|False|false)\s*[,)}\]]?\s*(#.*|//.*)?$"
)
SENTRY_SOURCES = ("*.py", "*.ts", "*.tsx", "*.js", "*.mjs", "*.cjs", "*.rb", "*.php", "*.go")


# Python web frameworks as the source uses them: for an app whose manifest is missing (a
# deploy script pip-installs by name) or unreadable (a UTF-16 requirements.txt).
PY_APP = {
    "FastAPI": lazyre.compile(r"^\s*from\s+fastapi\s+import\b.*\bFastAPI\b", re.M),
    "Flask": lazyre.compile(r"^\s*from\s+flask\s+import\b.*\bFlask\b", re.M),
    "Django": lazyre.compile(r"DJANGO_SETTINGS_MODULE", re.M),
}


def frameworks(repo: Repo, inv: Inventory) -> None:
    _python_source(repo, inv)
    _ruby(repo, inv)
    _php(repo, inv)
    _java(repo, inv)
    _go(repo, inv)
    _dotnet(repo, inv)
    _sentry_tracing(repo, inv)


def _add_framework(inv: Inventory, name: str, path: str, line: int | None, detail: str) -> None:
    if not inv.has("framework", name):
        inv.add("framework", name, path, line, detail=detail)


def _ensure_runtime(inv: Inventory, name: str, path: str, detail: str = "") -> None:
    """A runtime for a manifest or source that the manifest reader does not know."""
    if not inv.has("runtime", name):
        inv.add("runtime", name, path, detail=detail)


def _add_monitoring(inv: Inventory, name: str, path: str, line: int | None, detail: str) -> None:
    if not any(f.name == name and f.file == path for f in inv.of("monitoring")):
        inv.add("monitoring", name, path, line, detail=detail)


def _manifests(repo: Repo, *names: str) -> Iterator[str]:
    for path in repo.named(*names):
        if not excludes(path, NOT_APP_SOURCE):
            yield path


def _python_source(repo: Repo, inv: Inventory) -> None:
    if inv.names("framework") & set(PY_APP):
        return  # the manifest named it
    for path in sorted(
        p for p in repo.texts if p.endswith(".py") and not excludes(p, NOT_APP_SOURCE)
    ):
        if posixpath.basename(path).startswith("test_"):
            continue
        for name, pattern in PY_APP.items():
            if name == "Django" and posixpath.basename(path) != "manage.py":
                continue
            if number := next((n for n, _ in repo.grep(path, pattern)), None):
                _add_framework(
                    inv, name, path, number, "imported by the source (no manifest names it)"
                )
                _ensure_runtime(inv, "python", path, "no readable manifest: read from the source")
                return


def _ruby(repo: Repo, inv: Inventory) -> None:
    for path in _manifests(repo, "Gemfile"):
        folder = posixpath.dirname(path)
        gems = {m.group(1): n for n, ln in enumerate(repo.lines(path), 1) if (m := GEM.match(ln))}
        # An engine or library tests against Rails; an application boots it.
        routes = posixpath.join(folder, "config/routes.rb")
        boots = (
            repo.exists(posixpath.join(folder, "config/application.rb"))
            or repo.exists(posixpath.join(folder, "config.ru"))
            or "Rails.application.routes" in repo.text(routes)  # an engine draws Engine.routes
        )
        if "rails" in gems and boots:
            lock = posixpath.join(folder, "Gemfile.lock")
            version = next((m.group(1) for ln in repo.lines(lock) if (m := LOCKED_RAILS.match(ln))), "")  # fmt: skip
            _add_framework(inv, "Rails", path, gems["rails"],
                           f"gem 'rails'{f' {version} (Gemfile.lock)' if version else ''}")  # fmt: skip
        elif "sinatra" in gems and not repo.named("*.gemspec"):
            _add_framework(inv, "Sinatra", path, gems["sinatra"], "gem 'sinatra'")
        for gem, line in gems.items():
            name = RUBY_METRICS.get(gem) or ("Yabeda metrics" if gem.startswith("yabeda") else None)
            if name is None and gem.startswith("opentelemetry-"):
                name = "OpenTelemetry"
            if name:
                _add_monitoring(inv, name, path, line, f"gem '{gem}'")


def _php(repo: Repo, inv: Inventory) -> None:
    for path in _manifests(repo, "composer.json"):
        data = repo.json(path)
        if not isinstance(data, dict) or data.get("type") == "library":
            continue
        require = data.get("require")
        deps = [str(d).lower() for d in require] if isinstance(require, dict) else []
        for dep, name in (("laravel/framework", "Laravel"), ("symfony/framework-bundle", "Symfony")):  # fmt: skip
            if dep in deps:
                _add_framework(inv, name, path, repo.line_of(path, f'"{dep}"'), f"requires '{dep}'")
        for dep in deps:
            if dep in PHP_METRICS:
                _add_monitoring(inv, PHP_METRICS[dep], path, repo.line_of(path, f'"{dep}"'),
                                f"requires '{dep}'")  # fmt: skip


def _java(repo: Repo, inv: Inventory) -> None:
    actuator: tuple[str, int] | None = None
    for path in _manifests(repo, "pom.xml", "build.gradle", "build.gradle.kts"):
        for number, line in enumerate(repo.lines(path), 1):
            if not (match := JAVA_ARTIFACT.search(line)):
                continue
            artifact = match.group(1) or match.group(2)
            if artifact in SPRING_WEB:
                _add_framework(inv, "Spring Boot", path, number, f"dependency '{artifact}'")
                _ensure_runtime(inv, "java", path)
            elif artifact.startswith("micrometer-registry-"):
                registry = artifact.removeprefix("micrometer-registry-")
                _add_monitoring(inv, f"Micrometer ({registry})", path, number,
                                f"dependency '{artifact}'")  # fmt: skip
            elif artifact.startswith("opentelemetry-"):
                _add_monitoring(inv, "OpenTelemetry", path, number, f"dependency '{artifact}'")
            elif artifact == "spring-boot-starter-actuator":
                actuator = (path, number)
    if actuator is None:
        return
    # Actuator alone exposes only /health over HTTP; its metrics need exposing.
    for path in repo.named("application*.properties", "application*.yml", "application*.yaml"):
        if excludes(path, NOT_APP_SOURCE) or "management" not in repo.text(path):
            continue
        for number, _ in repo.grep(path, ACTUATOR_EXPOSES, ("include",)):
            _add_monitoring(inv, "Spring Boot Actuator metrics", path, number,
                            f"actuator ({actuator[0]}:{actuator[1]}) with metrics exposed")  # fmt: skip
            return


def _go(repo: Repo, inv: Inventory) -> None:
    required: dict[str, tuple[str, int]] = {}
    for path in _manifests(repo, "go.mod"):
        for number, line in enumerate(repo.lines(path), 1):
            if (match := GO_REQUIRE.match(line)) and "// indirect" not in line:
                required.setdefault(re.sub(r"/v\d+$", "", match.group(1)), (path, number))
    sources = [p for p in repo.texts if p.endswith(".go") and not excludes(p, NOT_APP_SOURCE)]
    used: dict[str, tuple[str, int]] = {}
    serves: tuple[str, int] | None = None
    for path in sorted(sources):
        for number, line in enumerate(repo.lines(path), 1):
            if (match := GO_IMPORT.match(line)) and "." in match.group(1).split("/")[0]:
                used.setdefault(re.sub(r"/v\d+(?=/|$)", "", match.group(1)), (path, number))
            elif serves is None and GO_SERVES.search(line):
                serves = (path, number)
    found = False
    for module, name in GO_FRAMEWORKS.items():
        if source := _imported(used, module):
            path, number = required.get(module, source)
            _add_framework(inv, name, path, number, f"imports '{module}' ({source[0]})")
            found = True
    if not found and serves is not None:
        _add_framework(inv, "Go net/http", serves[0], serves[1], "starts an HTTP server")
        found = True
    if found and not required:
        where = serves or next(iter(used.values()))
        _ensure_runtime(inv, "go", where[0], "no go.mod: read from the Go source")
    for module, name in GO_METRICS.items():
        # imported by the application itself, not only required by a dependency
        if source := _imported(used, module):
            path, number = required.get(module, source)
            _add_monitoring(inv, name, path, number, f"module '{module}'")


def _imported(used: dict[str, tuple[str, int]], module: str) -> tuple[str, int] | None:
    """Where the first import of a module or one of its packages is."""
    return next((at for path, at in sorted(used.items()) if path == module or path.startswith(module + "/")), None)  # fmt: skip


def _dotnet(repo: Repo, inv: Inventory) -> None:
    for path in _manifests(repo, "*.csproj"):
        for number, _ in repo.grep(path, ASPNET_SDK, ("Sdk.Web",)):
            _add_framework(inv, "ASP.NET Core", path, number, "Microsoft.NET.Sdk.Web project")
            _ensure_runtime(inv, "dotnet", path)


def _sentry_tracing(repo: Repo, inv: Inventory) -> None:
    for path in repo.named(*SENTRY_SOURCES):
        if excludes(path, NOT_APP_SOURCE | {PathClass.TEST_VARIANT}):
            continue
        for number, match in repo.grep(path, SENTRY_TRACING, ("ample", "racing")):
            value = match.group(2).strip()
            if "sentry" not in repo.text(path).lower() or TRACING_OFF.match(value):
                continue
            _add_monitoring(inv, "Sentry performance tracing", path, number, match.group(1))
            return
