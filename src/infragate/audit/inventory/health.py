"""Health endpoints, found the way each framework declares a route, and what each handler checks.

A route is found by its framework's own syntax (Django's `path("health/")` has no leading
slash; NestJS and Spring split the path between the class and the method); its handler's
body is read to see whether it touches a datastore (`shallow-health-check` reads that)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.inventory.handlers import braced, called, datastore_call, python_block
from infragate.audit.inventory.model import HealthRoute, Inventory
from infragate.audit.paths import PathClass, excludes, of
from infragate.audit.repo import Repo

WORD = r"(?:api/)?(?:v\d+/)?(?:health(?:z|check|[-_]check)?|readyz?|livez?|liveness|readiness|heartbeat|status)"
# Substrings a file must contain to be read for routes ("ready" alone is in "already").
NEEDLES = ("health", "readyz", "readiness", "livez", "liveness", "heartbeat", "/ready", "status")
ROUTE_FILE = lazyre.compile(
    r"(^|/)(pages|app|src/pages|src/app|routes|api)(/.*)?/(health|healthz|healthcheck|ready|readyz|livez|status|heartbeat)"
    r"(/route|/\+server)?\.(ts|tsx|js|jsx|mjs|py|go|rb)$"
)
TESTS = of(PathClass.TEST_DIR, PathClass.TEST_VARIANT)
PY_DECORATOR = lazyre.compile(
    rf"""^\s*@[\w.]+\.(?:get|route|api_route|head)\(\s*["'](/?{WORD})/?["']"""
)
PY_ADD_ROUTE = lazyre.compile(rf"""add_api_route\(\s*["'](/{WORD})/?["']\s*,\s*([\w.]+)""")
DJANGO_PATH = lazyre.compile(
    rf"""\b(?:re_)?path\(\s*r?["']\^?(/?{WORD})/?\$?["']\s*,\s*(include\(\s*["'][\w.]+["']|[\w.]+(?:\.as_view\(\))?)"""
)
JS_ROUTE = lazyre.compile(rf"""\b\w+\.(?:get|all|head|route)\(\s*['"`](/{WORD})/?['"`]""")
NEST_METHOD = lazyre.compile(rf"""@Get\(\s*['"`](/?{WORD})/?['"`]\s*\)""")
CLASS_PREFIX = lazyre.compile(
    rf"""@(?:Controller|RequestMapping)\(\s*(?:value\s*=\s*|path\s*=\s*)?['"`](/?{WORD})/?['"`]\s*\)"""
)
BARE_METHOD = lazyre.compile(r"""@(?:Get|GetMapping)(?:\(\s*(?:['"`]/?['"`])?\s*\))?\s*$""", re.M)
SPRING_METHOD = lazyre.compile(
    rf"""@(?:GetMapping|RequestMapping)\(\s*(?:value\s*=\s*|path\s*=\s*)?"(/?{WORD})/?"\s*[,)]"""
)
GO_ROUTE = lazyre.compile(
    rf"""\b(?:HandleFunc|Handle|GET|Get|HEAD|Head|Any)\(\s*"(?:GET |HEAD )?(/{WORD})/?"\s*,"""
)
RAILS_ROUTE = lazyre.compile(
    rf"""^\s*get\s+['"](/?(?:up|{WORD}))['"]\s*(?:=>|,\s*to:)\s*['"]([\w/]+)#(\w+)['"]"""
)
LARAVEL_HEALTH = lazyre.compile(r"""\bhealth\s*:\s*['"](/[\w/-]*)['"]""")
LARAVEL_ROUTE = lazyre.compile(rf"""Route::get\(\s*['"](/?{WORD})/?['"]""")
# Terraform route_key "GET /health", path_part "health"; SAM/Serverless `Path: /health`.
GATEWAY_ROUTE = lazyre.compile(
    rf"""(?:route_key\s*=\s*"(?:GET|ANY|HEAD)\s+(/{WORD})/?"|path_part\s*=\s*"({WORD})"|\bpath:\s*['"]?(/{WORD})/?['"]?\s*$)""",
    re.I | re.M,
)
ACTUATOR = "spring-boot-starter-actuator"
# Rails' built-in /up "does not reflect the status of all of your application's
# dependencies, such as the database" (Rails::HealthController API docs, Rails 7.1+, read
# 2026-11-29); Laravel's /up only reports that the app booted unless a DiagnosingHealth
# listener adds checks (Laravel 11 docs, "Health Check", read 2026-11-29).
RAILS_BUILTIN = "rails/health"


def health(repo: Repo, inv: Inventory) -> None:
    seen: set[tuple[str, int | None]] = set()
    for route in _routes(repo):
        if (route.file, route.line) in seen:
            continue
        seen.add((route.file, route.line))
        inv.health_routes.append(route)
        checks = f"checks {route.checks}" if route.checks else "returns a constant"
        inv.add(
            "health", "health endpoint", route.file, route.line, detail=f"{route.how}; {checks}"
        )


def _sources(repo: Repo, *suffixes: str) -> Iterator[str]:
    for path in repo.named(*(f"*{s}" for s in suffixes)):
        if "/node_modules/" in path or "/vendor/" in path or excludes(path, TESTS):
            continue  # a test that calls /health is not the endpoint
        if any(n in repo.text(path) for n in NEEDLES):
            yield path


def _routes(repo: Repo) -> Iterator[HealthRoute]:
    for path in sorted(repo.paths):
        if ROUTE_FILE.search(path) and not excludes(path, TESTS):
            yield HealthRoute(path, None, "route file", datastore_call(repo.text(path)))
    yield from _python(repo)
    yield from _javascript(repo)
    yield from _go(repo)
    yield from _java(repo)
    yield from _rails(repo)
    yield from _laravel(repo)
    yield from _api_gateway(repo)


def _python(repo: Repo) -> Iterator[HealthRoute]:
    for path in _sources(repo, ".py"):
        lines = repo.lines(path)
        for number, match in repo.grep(path, PY_DECORATOR):
            body = python_block(lines, number)
            yield HealthRoute(path, number, f"route '{match.group(1)}'", datastore_call(body))
        for number, match in repo.grep(path, PY_ADD_ROUTE):
            yield HealthRoute(
                path, number, f"route '{match.group(1)}'", _python_view(repo, path, match.group(2))
            )
        for number, match in repo.grep(path, DJANGO_PATH, ("path(",)):
            view = match.group(2)
            checks = "the checks django-health-check runs" if "health_check" in view else None
            if not view.startswith("include"):
                checks = _python_view(repo, path, view.removesuffix(".as_view()"))
            yield HealthRoute(path, number, f"Django URL '{match.group(1)}'", checks)


def _python_view(repo: Repo, urls: str, view: str) -> str | None:
    """What the named view function or class touches; unreadable views count as checking."""
    name = view.rsplit(".", 1)[-1]
    pattern = re.compile(rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(name)}\b")
    folder = posixpath.dirname(urls)
    # The app's views first: a model in the same folder may define a `status` of its own.
    candidates = sorted(
        repo.named("*.py"),
        key=lambda p: (posixpath.dirname(p) != folder, "view" not in posixpath.basename(p), p),
    )
    for path in candidates:
        if name not in repo.text(path):
            continue
        for number, _ in repo.grep(path, pattern):
            return datastore_call(python_block(repo.lines(path), number, decorated=False))
    return f"view {name} (not read)"


def _javascript(repo: Repo) -> Iterator[HealthRoute]:
    for path in _sources(repo, ".ts", ".js", ".mjs", ".cjs"):
        text = repo.text(path)
        for number, match in repo.grep(path, JS_ROUTE):
            start = _offset(text, number) + match.end()
            yield HealthRoute(
                path, number, f"route '{match.group(1)}'", _handler(called(text, start))
            )
        for number, match in repo.grep(path, NEST_METHOD, ("@Get",)):
            yield HealthRoute(path, number, f"@Get('{match.group(1)}')",
                              datastore_call(braced(text, _offset(text, number))))  # fmt: skip
        yield from _prefixed(repo, path, "@Controller")


def _prefixed(repo: Repo, path: str, needle: str) -> Iterator[HealthRoute]:
    """A class-level path (NestJS @Controller('health'), Spring @RequestMapping("/health"))
    with a bare method decorator below it: the handler is that method."""
    text = repo.text(path)
    if needle not in text:
        return
    for number, match in repo.grep(path, CLASS_PREFIX):
        method = BARE_METHOD.search(text, _offset(text, number) + match.end())
        if method:
            at = text.count("\n", 0, method.start()) + 1
            yield HealthRoute(
                path, at, f"{match.group(0)}", datastore_call(braced(text, method.end()))
            )


def _go(repo: Repo) -> Iterator[HealthRoute]:
    for path in _sources(repo, ".go"):
        text = repo.text(path)
        for number, match in repo.grep(path, GO_ROUTE):
            handler = called(text, _offset(text, number) + match.end())
            if re.search(r"\bfunc\b", handler):
                checks = datastore_call(handler)
            else:  # a named handler, often wrapped: http.HandlerFunc(s.healthz)
                name = re.findall(r"\w+", handler)
                checks = _go_func(repo, path, name[-1]) if name else None
            yield HealthRoute(path, number, f"Go handler '{match.group(1)}'", checks)


def _go_func(repo: Repo, path: str, name: str) -> str | None:
    pattern = re.compile(rf"^func\s+(?:\([^)]*\)\s*)?{re.escape(name)}\s*\(", re.M)
    folder = posixpath.dirname(path)
    for other in repo.named("*.go"):
        if posixpath.dirname(other) == folder and (found := pattern.search(repo.text(other))):
            return datastore_call(braced(repo.text(other), found.end()))
    return f"handler {name} (not read)"


def _java(repo: Repo) -> Iterator[HealthRoute]:
    for path in repo.named("pom.xml", "build.gradle", "build.gradle.kts"):
        if (number := repo.line_of(path, ACTUATOR)) is not None:
            # Actuator's DataSourceHealthIndicator checks the database by default (Spring
            # Boot reference, "Auto-configured HealthIndicators", read 2026-11-29).
            yield HealthRoute(path, number, "Spring Boot Actuator /actuator/health",
                              "the datasource (Actuator's health indicators)")  # fmt: skip
    for path in _sources(repo, ".java", ".kt"):
        text = repo.text(path)
        for number, match in repo.grep(path, SPRING_METHOD, ("Mapping",)):
            yield HealthRoute(path, number, f"@GetMapping(\"{match.group(1)}\")",
                              datastore_call(braced(text, _offset(text, number) + match.end())))  # fmt: skip
        yield from _prefixed(repo, path, "@RequestMapping")


def _rails(repo: Repo) -> Iterator[HealthRoute]:
    for path in repo.named("routes.rb"):
        for number, match in repo.grep(path, RAILS_ROUTE, ("get",)):
            controller, action = match.group(2), match.group(3)
            if controller == RAILS_BUILTIN:
                yield HealthRoute(
                    path, number, f"Rails built-in /{match.group(1).lstrip('/')}", None
                )
                continue
            source = f"app/controllers/{controller}_controller.rb"
            text = next((repo.text(p) for p in repo.paths if p.endswith(source)), "")
            checks = datastore_call(text) if text else f"{controller}#{action} (not read)"
            yield HealthRoute(path, number, f"Rails route to {controller}#{action}", checks)


def _laravel(repo: Repo) -> Iterator[HealthRoute]:
    for path in repo.named("app.php"):
        for number, match in repo.grep(path, LARAVEL_HEALTH, ("health",)):
            listens = any("DiagnosingHealth" in repo.text(p) for p in repo.named("*.php"))
            checks = "the DiagnosingHealth listeners" if listens else None
            yield HealthRoute(path, number, f"Laravel health route '{match.group(1)}'", checks)
    for path in _sources(repo, ".php"):
        text = repo.text(path)
        for number, match in repo.grep(path, LARAVEL_ROUTE, ("Route::",)):
            handler = called(text, _offset(text, number) + match.end())
            yield HealthRoute(path, number, f"Laravel route '{match.group(1)}'", _handler(handler))


def _api_gateway(repo: Repo) -> Iterator[HealthRoute]:
    """A health route declared on API Gateway itself (Terraform, SAM): its Lambda is not read."""
    for path in [*repo.terraform(), *repo.named("template.yaml", "template.yml", "serverless.yml")]:
        text = repo.text(path)
        if "route_key" not in text and "path_part" not in text and "ath:" not in text:
            continue  # no API Gateway route is declared here
        for number, match in repo.grep(path, GATEWAY_ROUTE, NEEDLES):
            route = next(g for g in match.groups() if g)
            yield HealthRoute(path, number, f"API Gateway route '{route}'", "its Lambda (not read)")


def _handler(handler: str) -> str | None:
    """An inline handler's datastore call; a handler named elsewhere is not read here."""
    if re.search(r"=>|\bfunction\b|\bfunc\b|\bfn\b", handler):
        return datastore_call(handler)
    return f"handler {handler.strip()[:40]} (not read)" if handler.strip() else None


def _offset(text: str, line: int) -> int:
    """Where 1-based `line` starts in `text`."""
    at = 0
    for _ in range(line - 1):
        at = text.index("\n", at) + 1
    return at
