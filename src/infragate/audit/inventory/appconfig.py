"""Datastores named by the application's own framework configuration: Django DATABASES,
Rails database.yml, Laravel DB_CONNECTION, Spring datasource URLs, the Node ORMs' settings.

Each reader opens a file only when a cheap substring test says it is relevant."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict

from infragate.audit import lazyre
from infragate.audit.inventory.model import Inventory
from infragate.audit.inventory.storefacts import add_store
from infragate.audit.repo import Repo

DJANGO_ENGINE = lazyre.compile(r"django(?:\.contrib\.gis)?\.db\.backends\.(\w+)")
ENV_LOOKUP = lazyre.compile(r"environ|getenv|\benv\(|config\(")
PROD_SETTINGS = lazyre.compile(
    r"^(prod|production|live|deploy|deployment)\.py$|_prod(uction)?\.py$"
)
RAILS_SECTION = lazyre.compile(r"^([\w-]+):\s*(?:&(\w+))?\s*$")
RAILS_ADAPTER = lazyre.compile(r"^\s+adapter:\s*(.+?)\s*$")
RAILS_MERGE = lazyre.compile(r"^\s+<<:\s*\*(\w+)")
ADAPTER_WORD = lazyre.compile(r"(postgresql|postgis|mysql2|trilogy|sqlite3|sqlserver|oracle)")
DB_ENV = lazyre.compile(r"^\s*(?:export\s+)?(?:DB_CONNECTION|DATABASE_TYPE|DB_TYPE|DB_DIALECT|DB_CLIENT)"
                    r"\s*=\s*['\"]?(\w+)", re.M)  # fmt: skip
LARAVEL_DEFAULT = lazyre.compile(
    r"""['"]default['"]\s*=>\s*env\(\s*['"]DB_CONNECTION['"]\s*,\s*['"](\w+)"""
)
JDBC = lazyre.compile(
    r"jdbc:(postgresql|mysql|mariadb|h2|hsqldb|derby|sqlserver|oracle|sqlite)(:mem:)?"
)
SPRING_PROFILE = lazyre.compile(r"^application-([\w-]+)\.(properties|ya?ml)$")
# Node ORMs: (files worth reading, the line that names the engine).
ORM_ENGINE = (
    ("typeorm", lazyre.compile(r"""\btype\s*:\s*['"](postgres|mysql|mariadb|sqlite|better-sqlite3|mongodb|mssql|cockroachdb)['"]""")),
    ("sequelize", lazyre.compile(r"""['"]?dialect['"]?\s*:\s*['"](postgres|mysql|mariadb|sqlite|mssql)['"]""")),
    ("knex", lazyre.compile(r"""\bclient\s*:\s*['"](pg|postgres|postgresql|mysql2?|sqlite3|better-sqlite3|mssql)['"]""")),
    ("drizzle", lazyre.compile(r"""\bdialect\s*:\s*['"](postgresql|mysql|sqlite|turso)['"]""")),
)  # fmt: skip
ORM_FILES = ("ormconfig.*", "knexfile.*", "drizzle.config.*", "data-source.ts", "config.json")
ORM_PATH_WORDS = ("database", "db", "orm", "typeorm", "sequelize", "knex", "drizzle")
ENV_SECTION = lazyre.compile(
    r"""^\s*['"]?(development|dev|test|testing|local|production|staging)['"]?\s*:"""
)


def application_config(repo: Repo, inv: Inventory) -> None:
    _django(repo, inv)
    _rails(repo, inv)
    _env_vars(repo, inv)
    _laravel(repo, inv)
    _spring(repo, inv)
    _node_orms(repo, inv)


def _django(repo: Repo, inv: Inventory) -> None:
    # settings file -> [(line, engine, read from the environment)]
    found: dict[str, list[tuple[int, str, bool]]] = {}
    for path in repo.named("*.py"):
        text = repo.text(path)
        if "django.db.backends" not in text and "django.contrib.gis.db.backends" not in text:
            continue
        # An engine beside a DATABASE_URL reader (dj-database-url, django-environ) is the
        # fallback when the variable is unset: production sets it.
        url_first = any(n in text for n in ("dj_database_url", "DATABASE_URL", "env.db("))
        for number, match in repo.grep(path, DJANGO_ENGINE):
            line = repo.lines(path)[number - 1]
            if line.lstrip().startswith("#") or _in_docstring(repo.lines(path), number):
                continue  # a commented-out or quoted-out block configures nothing
            from_env = url_first or bool(ENV_LOOKUP.search(line))
            found.setdefault(path, []).append((number, match.group(1), from_env))
    # A production settings module that names its own engine overrides the base it imports.
    overridden = {
        posixpath.dirname(p) for p in found if PROD_SETTINGS.search(posixpath.basename(p))
    }
    for path, engines in found.items():
        several = len({e for _, e, _ in engines}) > 1  # chosen at run time, e.g. by os.getenv
        base_only = posixpath.dirname(path) in overridden and not PROD_SETTINGS.search(
            posixpath.basename(path)
        )
        for number, engine, from_env in engines:
            add_store(inv, engine, path, number, "Django DATABASES ENGINE",
                      default=several or from_env or base_only)  # fmt: skip


def _in_docstring(lines: list[str], number: int) -> bool:
    """Whether 1-based line `number` lies inside a triple-quoted string."""
    before = "\n".join(lines[: number - 1])
    return before.count("'''") % 2 == 1 or before.count('"""') % 2 == 1


def _rails(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("database.yml"):
        sections: dict[str, list[tuple[int, str]]] = defaultdict(list)  # section -> adapters
        merges: dict[str, list[str]] = defaultdict(list)
        anchors: dict[str, str] = {}
        section = ""
        for number, line in enumerate(repo.lines(path), 1):
            if m := RAILS_SECTION.match(line):
                section = m.group(1)
                if m.group(2):
                    anchors[m.group(2)] = section
            elif section and (m := RAILS_ADAPTER.match(line)):
                sections[section].append((number, m.group(1)))
            elif section and (m := RAILS_MERGE.match(line)):
                merges[section].append(m.group(1))
        for name in ("production", "development", "test"):
            adapters = list(sections.get(name, []))
            for anchor in merges.get(name, []):
                adapters += sections.get(anchors.get(anchor, ""), [])
            for number, value in adapters[:1] if name != "production" else adapters:
                word = ADAPTER_WORD.search(value)
                if word:
                    add_store(inv, word.group(1), path, number, f"Rails database.yml {name}",
                              dev=name != "production", default="<%" in value)  # fmt: skip


def _env_vars(repo: Repo, inv: Inventory) -> None:
    for path in repo.named(".env*", "*.env", "env-example*"):
        for match in DB_ENV.finditer(repo.text(path)):
            number = repo.text(path).count("\n", 0, match.start()) + 1
            add_store(inv, match.group(1), path, number, "DB_CONNECTION/DATABASE_TYPE setting")


def _laravel(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("database.php"):
        for number, match in repo.grep(path, LARAVEL_DEFAULT, ("DB_CONNECTION",)):
            add_store(
                inv, match.group(1), path, number, "Laravel config/database.php", default=True
            )


def _spring(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("application*.properties", "application*.yml", "application*.yaml",
                           "bootstrap*.yml"):  # fmt: skip
        base = posixpath.basename(path)
        profile = SPRING_PROFILE.match(base)
        dev = "/src/test/" in f"/{path}" or bool(
            profile and re.search(r"^(dev|test|local|ci|it|e2e)", profile.group(1))
        )
        for number, match in repo.grep(path, JDBC, ("jdbc:",)):
            line = repo.lines(path)[number - 1]
            # `${DB_URL:jdbc:mysql://localhost/app}`: a fallback for a developer's machine.
            local = "${" in line and re.match(
                r"[:/]*(localhost|127\.0\.0\.1)\b", line[match.end() :]
            )
            add_store(inv, match.group(1), path, number, "Spring datasource URL",
                      dev=dev or bool(match.group(2) or local), default="${" in line)  # fmt: skip


def _node_orms(repo: Repo, inv: Inventory) -> None:
    candidates = set(repo.named(*ORM_FILES)) | {
        p for p in repo.named("*.ts", "*.js", "*.mjs", "*.cjs")
        if "/node_modules/" not in p and any(w in p.lower() for w in ORM_PATH_WORDS)
    }  # fmt: skip
    for path in sorted(candidates):
        # Sequelize's config/config.json names no library: its file name does.
        about = f"{repo.text(path).lower()} {path.lower()}"
        if posixpath.basename(path) == "config.json":
            about += " sequelize"
        for needle, pattern in ORM_ENGINE:
            if needle not in about:
                continue
            for number, match in repo.grep(path, pattern):
                section = _env_section(repo.lines(path), number)
                add_store(inv, match.group(1), path, number, f"{needle} configuration",
                          dev=section in ("development", "dev", "test", "testing", "local"))  # fmt: skip


def _env_section(lines: list[str], number: int) -> str | None:
    """The nearest environment key above a line (knexfile, Sequelize config.json)."""
    for line in reversed(lines[: number - 1]):
        if m := ENV_SECTION.match(line):
            return m.group(1)
    return None
