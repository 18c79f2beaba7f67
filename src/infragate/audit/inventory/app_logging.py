"""Where the application itself writes its logs, when that is a file on the host: Rails'
production logger, Laravel's log channels, logback/log4j file appenders, Spring Boot's
logging.file, and a deploy script that starts the app with `nohup ... > file`.

Each finding is a fact in category "logging" named "local log files" (what AUD008 reads).
"""

from __future__ import annotations

import posixpath
import re

from infragate.audit import lazyre
from infragate.audit.inventory.model import Inventory
from infragate.audit.paths import PathClass, excludes, of
from infragate.audit.repo import Repo

LOCAL = "local log files"
NOT_APP = of(PathClass.TEST_DIR, PathClass.TEST_DATA, PathClass.EXAMPLE, PathClass.VENDORED)

# Rails writes to log/<env>.log unless production.rb replaces the logger: the generated
# production.rb of Rails 5 to 7.0 does so only when RAILS_LOG_TO_STDOUT is set (railties
# template, rails/rails PR #23734, 2016); from Rails 7.1 new applications log to STDOUT
# unconditionally (rails/rails PR #47138, "Log to stdout in production by default", merged
# 2023-01-25; read 2026-11-29). The framework's own default is still the file, so what counts
# is what production.rb says.
RAILS_LOGGER = lazyre.compile(r"^\s*config\.logger\s*=(.*)")
RAILS_STDOUT_GUARD = lazyre.compile(r"^\s*(if|unless)\b.*RAILS_LOG_TO_STDOUT")
RAILS_LOG_LEVEL = lazyre.compile(r"^\s*config\.log_level\b")
STDOUT_GEMS = lazyre.compile(r"""^\s*gem\s+['"](rails_12factor|rails_stdout_logging)['"]""", re.M)
SETS_RAILS_STDOUT = lazyre.compile(r"RAILS_LOG_TO_STDOUT['\"]?\s*(=>|[=:])\s*['\"]?(?!false|0\b)\S")

# Laravel's file drivers write storage/logs/laravel.log (laravel.com/docs/11.x/logging,
# "Available Channel Drivers", read 2026-11-29).
LARAVEL_FILE_DRIVERS = ("single", "daily")
LARAVEL_DEFAULT = lazyre.compile(r"""['"]default['"]\s*=>\s*env\(\s*['"]LOG_CHANNEL['"]\s*,\s*['"](\w+)['"]""")  # fmt: skip
LARAVEL_APP_LOG = lazyre.compile(
    r"""['"]log['"]\s*=>\s*env\(\s*['"]APP_LOG['"]\s*,\s*['"](\w+)['"]"""
)
LARAVEL_STACK_ENV = lazyre.compile(r"""env\(\s*['"]LOG_STACK['"]\s*,\s*['"]([\w,]+)['"]""")
ENV_SETTING = lazyre.compile(r"^\s*(?:ENV\s+|-\s+)?[\"']?(LOG_CHANNEL|LOG_STACK|APP_LOG)[\"']?\s*[=:]\s*[\"']?([\w,]+)")  # fmt: skip

# logback, log4j 2 and log4j 1 appenders that write files.
JAVA_FILE_APPENDER = lazyre.compile(
    r"""class\s*=\s*["'][\w.]*?(RollingFileAppender|FileAppender)["']|"""
    r"""<(RollingFile|RollingRandomAccessFile|File)\b|"""
    r"""^\s*log4j\.appender\.\w+\s*=\s*[\w.]*(DailyRollingFileAppender|RollingFileAppender|FileAppender)\s*$""",
    re.M,  # a ^ inside: Repo.grep's whole-text pre-check needs it
)
SPRING_LOG_FILE = lazyre.compile(r"^\s*logging\.file(\.name|\.path)?\s*[=:]\s*\S")

NOHUP_TO_FILE = lazyre.compile(r"\bnohup\b.*?(?<![0-9&])(?:1)?>>?\s*(?!&|/dev/)([^\s&;|]+)")


def app_logging(repo: Repo, inv: Inventory) -> None:
    _rails(repo, inv)
    _laravel(repo, inv)
    _java(repo, inv)
    _nohup(repo, inv)


def _rails(repo: Repo, inv: Inventory) -> None:
    for path in repo.glob("config/environments/production.rb", "*/config/environments/production.rb"):  # fmt: skip
        if excludes(path, NOT_APP):
            continue
        root = path.removesuffix("config/environments/production.rb")
        if STDOUT_GEMS.search(repo.text(f"{root}Gemfile")):
            continue  # rails_12factor / rails_stdout_logging send the logger to STDOUT
        guard: int | None = None
        replaced = False
        for number, line in enumerate(repo.lines(path), 1):
            if RAILS_STDOUT_GUARD.match(line):
                guard = number
            elif (match := RAILS_LOGGER.match(line)) and guard is None:
                # An unconditional logger: a file only if it names one.
                target = match.group(1)
                replaced = not re.search(r"File|['\"][^'\"]*\.log['\"]|log/", target)
        if replaced:
            continue
        if guard is not None and _sets_rails_stdout(repo, path):
            continue
        at_line = guard or next(
            (n for n, ln in enumerate(repo.lines(path), 1) if RAILS_LOG_LEVEL.match(ln)), None
        )
        why = "unless RAILS_LOG_TO_STDOUT is set, and nothing sets it" if guard else "the default"
        inv.add("logging", LOCAL, path, at_line, detail=f"{root}log/production.log ({why})")


def _sets_rails_stdout(repo: Repo, production_rb: str) -> bool:
    for path, text in repo.texts.items():
        if (
            path == production_rb
            or path.endswith((".md", ".rst", ".txt"))
            or excludes(path, NOT_APP)
        ):
            continue
        if "RAILS_LOG_TO_STDOUT" in text and SETS_RAILS_STDOUT.search(text):
            return True
    return False


def _laravel(repo: Repo, inv: Inventory) -> None:
    for artisan in sorted(p for p in repo.paths if posixpath.basename(p) == "artisan"):
        root = posixpath.dirname(artisan)
        if excludes(artisan, NOT_APP):
            continue
        env = _laravel_env(repo, [posixpath.join(root, ".env.production"), posixpath.join(root, ".env"), posixpath.join(root, ".env.example")],
                           [*repo.dockerfiles(), *repo.compose_files()])  # fmt: skip
        logging_php = posixpath.join(root, "config/logging.php")
        if logging_php in repo.texts:
            text = repo.text(logging_php)
            default = LARAVEL_DEFAULT.search(text)
            channel, where = env.get("LOG_CHANNEL") or (
                (default.group(1), (logging_php, repo.line_of(logging_php, default.group(0))))
                if default
                else ("stack", (logging_php, None))
            )
            files = _file_channels(text, channel, env)
        else:
            app_php = posixpath.join(root, "config/app.php")
            legacy = LARAVEL_APP_LOG.search(repo.text(app_php))
            if legacy is None:
                continue
            channel, where = env.get("APP_LOG") or (
                legacy.group(1),
                (app_php, repo.line_of(app_php, legacy.group(0))),
            )
            files = [channel] if channel in LARAVEL_FILE_DRIVERS else []
        if files:
            inv.add("logging", LOCAL, where[0], where[1],
                    detail=f"{posixpath.join(root, 'storage/logs/laravel.log')} (channel '{channel}': {', '.join(files)})")  # fmt: skip


def _laravel_env(repo: Repo, env_files: list[str], others: list[str]) -> dict[str, tuple[str, tuple[str, int | None]]]:  # fmt: skip
    """LOG_CHANNEL / LOG_STACK / APP_LOG as deployed: a container's setting, then the
    production env file, then .env, then the example the server's .env is copied from."""
    found: dict[str, tuple[str, tuple[str, int | None]]] = {}
    for path in [*others, *env_files]:
        for number, line in enumerate(repo.lines(path), 1):
            if match := ENV_SETTING.match(line):
                found.setdefault(match.group(1), (match.group(2), (path, number)))
    return found


def _channel_block(text: str, name: str) -> str:
    start = re.search(rf"""['"]{re.escape(name)}['"]\s*=>\s*\[""", text)
    if not start:
        return ""
    end = re.search(r"^\s*\],?\s*$", text[start.end() :], re.M)
    return text[start.end() : start.end() + (end.start() if end else 600)]


def _file_channels(
    text: str, channel: str, env: dict[str, tuple[str, tuple[str, int | None]]], depth: int = 0
) -> list[str]:
    """The channels with a file driver that `channel` ends up writing to."""
    block = _channel_block(text, channel)
    driver_match = re.search(r"""['"]driver['"]\s*=>\s*['"](\w+)['"]""", block)
    driver = driver_match.group(1) if driver_match else channel
    if driver in LARAVEL_FILE_DRIVERS:
        return [channel]
    if driver != "stack" or depth > 2:
        return []
    if LARAVEL_STACK_ENV.search(block):
        default = LARAVEL_STACK_ENV.search(block)
        names = env["LOG_STACK"][0] if "LOG_STACK" in env else default.group(1) if default else ""
    else:
        listed = re.search(r"""['"]channels['"]\s*=>\s*\[([^\]]*)\]""", block)
        names = ",".join(re.findall(r"['\"](\w+)['\"]", listed.group(1))) if listed else ""
    out: list[str] = []
    for name in filter(None, names.split(",")):
        out.extend(_file_channels(text, name.strip(), env, depth + 1))
    return out


def _java(repo: Repo, inv: Inventory) -> None:
    configs = repo.named("logback*.xml", "log4j2*.xml", "log4j.properties", "log4j.xml")
    for path in configs:
        if "src/test/" in path or excludes(path, NOT_APP):
            continue
        for number, match in repo.grep(path, JAVA_FILE_APPENDER, ("File",)):
            what = next(g for g in match.groups() if g)
            inv.add("logging", LOCAL, path, number, detail=f"{what} appender")
            break
    for path in repo.named("application*.properties", "application*.yml", "application*.yaml"):
        if "src/test/" in path or excludes(path, NOT_APP):
            continue
        for number, _ in repo.grep(path, SPRING_LOG_FILE, ("logging.file",)):
            inv.add("logging", LOCAL, path, number, detail="Spring Boot logging.file")
            break


def _nohup(repo: Repo, inv: Inventory) -> None:
    for path in repo.shell_scripts():
        if excludes(path, NOT_APP):
            continue
        for number, match in repo.grep(path, NOHUP_TO_FILE, ("nohup",)):
            inv.add("logging", LOCAL, path, number, detail=f"nohup output to {match.group(1)}")
