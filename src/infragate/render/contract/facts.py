"""What the application's own code says: the routes it declares, the environment variables
it reads, the database URL scheme its driver expects. Plain text scanning of the files the
audit's walker read; tests, infrastructure and vendored code do not count."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from infragate.audit.paths import PathClass, excludes, of
from infragate.audit.repo import Repo

SOURCE_SUFFIXES = (".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".go", ".rb", ".php",
                   ".java", ".kt", ".cs")  # fmt: skip
# Code that is not the running application: tests and their data, examples, vendored code,
# documentation, tooling beside the app (scripts/, infra/, migrations/) and CI configuration.
NOT_APP = of(PathClass.TEST_DIR, PathClass.TEST_DATA, PathClass.EXAMPLE, PathClass.VENDORED,
             PathClass.DOCS, PathClass.SUPPORT, PathClass.CI, PathClass.TEST_NAME)  # fmt: skip

# How each language reads an environment variable.
_ENV_READS = [
    re.compile(r"""os\.environ(?:\.get)?\s*[\[(]\s*["']([A-Z_][A-Z0-9_]*)["']"""),
    re.compile(r"""os\.getenv\(\s*["']([A-Z_][A-Z0-9_]*)["']"""),
    re.compile(r"""process\.env\.([A-Z_][A-Z0-9_]*)\b"""),
    re.compile(r"""process\.env\[\s*["']([A-Z_][A-Z0-9_]*)["']\s*\]"""),
    re.compile(r"""\bENV(?:\.fetch\(\s*|\[\s*)["']([A-Z_][A-Z0-9_]*)["']"""),
    re.compile(r"""\b(?:getenv|env)\(\s*["']([A-Z_][A-Z0-9_]*)["']"""),
    re.compile(r"""\$_(?:ENV|SERVER)\[\s*["']([A-Z_][A-Z0-9_]*)["']"""),
    re.compile(r"""os\.(?:Getenv|LookupEnv)\(\s*"([A-Z_][A-Z0-9_]*)\""""),
    re.compile(r"""System\.getenv\(\s*"([A-Z_][A-Z0-9_]*)\""""),
    re.compile(r"""Environment\.GetEnvironmentVariable\(\s*"([A-Z_][A-Z0-9_]*)\""""),
]
# pydantic-settings: a BaseSettings class reads one variable per field (case-insensitive,
# after its env_prefix).
_SETTINGS_CLASS = re.compile(r"^class\s+\w+\(\s*(?:pydantic_settings\.)?BaseSettings\s*\):")
_SETTINGS_FIELD = re.compile(r"^\s{4}([a-z_][a-z0-9_]*)\s*:\s*[^=]+")
_ENV_PREFIX = re.compile(r"""env_prefix\s*=\s*["']([A-Za-z0-9_]*)["']""")
# Prisma reads its connection string with env("...") in schema.prisma.
_PRISMA_ENV = re.compile(r"""url\s*=\s*env\(\s*"([A-Z_][A-Z0-9_]*)"\s*\)""")

# How frameworks declare an HTTP route (GET), by language.
_ROUTES = [
    # FastAPI / Starlette / Flask / Quart decorators, and Express / Fastify / Koa calls
    re.compile(r"""\.(?:get|route|api_route|head)\(\s*["'](/[^"'\s]*)["']"""),
    # Django urls.py
    re.compile(r"""\b(?:re_)?path\(\s*r?["']\^?([A-Za-z0-9_./-]*?)\$?["']"""),
    # Go net/http, chi, gin, echo
    re.compile(r"""\b(?:HandleFunc|Handle|GET|Get)\(\s*"(/[^"\s]*)\""""),
    # Rails routes.rb
    re.compile(r"""^\s*get\s+["'](/?[A-Za-z0-9_./-]+)["']"""),
    # Spring
    re.compile(r"""@(?:GetMapping|RequestMapping)\(\s*(?:value\s*=\s*|path\s*=\s*)?"(/[^"]*)\""""),
    # Laravel
    re.compile(r"""Route::get\(\s*["'](/?[^"']*)["']"""),
]
_DB_SCHEME = re.compile(r"""["'](postgres(?:ql)?(?:\+[a-z0-9]+)?)://""")


def app_files(repo: Repo) -> Iterator[str]:
    """The application's own source files, in path order."""
    for path in sorted(repo.texts):
        if path.endswith(SOURCE_SUFFIXES) and not excludes(path, NOT_APP):
            yield path


def _where(path: str, line: int) -> str:
    return f"{path}:{line}"


def env_reads(repo: Repo) -> dict[str, str]:
    """Variable -> where the application first reads it."""
    found: dict[str, str] = {}
    for path in app_files(repo):
        lines = repo.lines(path)
        prefix, in_settings = "", False
        for number, line in enumerate(lines, 1):
            for pattern in _ENV_READS:
                for match in pattern.finditer(line):
                    found.setdefault(match.group(1), _where(path, number))
            if path.endswith(".py"):
                if _SETTINGS_CLASS.match(line):
                    in_settings, prefix = True, ""
                    block = "\n".join(lines[number : number + 40])
                    if m := _ENV_PREFIX.search(block):
                        prefix = m.group(1).upper()
                    continue
                if in_settings and line and not line.startswith((" ", "\t")):
                    in_settings = False
                field_match = _SETTINGS_FIELD.match(line) if in_settings else None
                if field_match and field_match.group(1) != "model_config":
                    found.setdefault(prefix + field_match.group(1).upper(), _where(path, number))
    for path in repo.named("schema.prisma"):
        for number, match in repo.grep(path, _PRISMA_ENV):
            found.setdefault(match.group(1), _where(path, number))
    return dict(sorted(found.items()))


def routes(repo: Repo) -> dict[str, str]:
    """GET routes the application declares -> where; Next.js file routes included."""
    found: dict[str, str] = {}
    for path in [*app_files(repo), *repo.glob("config/routes.rb")]:
        for number, line in enumerate(repo.lines(path), 1):
            for pattern in _ROUTES:
                for match in pattern.finditer(line):
                    route = match.group(1)
                    route = route if route.startswith("/") else "/" + route
                    found.setdefault(route.rstrip("/") or "/", _where(path, number))
    for path in repo.texts:
        if route := _next_route(path):
            found.setdefault(route, _where(path, 1))
    return dict(sorted(found.items()))


def _next_route(path: str) -> str | None:
    """The URL a Next.js pages/ or app/ router file serves."""
    for base in ("src/", ""):
        if path.startswith(base + "pages/api/"):
            stem = posixpath.splitext(path.removeprefix(base + "pages"))[0]
            return stem.removesuffix("/index")
        if path.startswith(base + "app/") and re.search(r"/route\.(ts|js|mjs)$", path):
            return "/" + posixpath.dirname(path.removeprefix(base + "app/")) or "/"
    return None


def database_scheme(repo: Repo) -> tuple[str, str] | None:
    """The PostgreSQL URL scheme the code writes (postgresql+asyncpg, ...), and where."""
    for path in app_files(repo):
        for number, match in repo.grep(path, _DB_SCHEME, needles=("postgres",)):
            return match.group(1), _where(path, number)
    return None
