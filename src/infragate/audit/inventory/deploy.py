"""Where deploy logic lives and where logs go: deploy scripts, Makefile targets, package.json
scripts, Procfiles, PM2 ecosystem files, systemd units, the steps of deploying CI jobs, and
what the commands they run call in turn; local log files and log shipping."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from infragate.audit import lazyre
from infragate.audit.ci import Workflow
from infragate.audit.inventory.model import Inventory
from infragate.audit.paths import PathClass, classes, excludes, of
from infragate.audit.repo import Repo

DEPLOY_COMMAND = lazyre.compile(
    r"\b(pm2\s+(start|restart|reload|deploy)|systemctl\s+(restart|reload|enable)|rsync\s|scp\s|"
    r"ssh\s+\S+@|kubectl\s+(apply|set\s+image|rollout)|helm\s+(upgrade|install)|"
    r"docker[\s-]compose\s+(?:-f\s+\S+\s+)*up|git\s+pull|fly\s+deploy|vercel\b.*--prod|"
    r"serverless\s+deploy|sls\s+deploy|terraform\b[^\n;&|]*\sapply\b|pulumi\s+up|cap\s+\w+\s+deploy|"
    r"sam\s+deploy|aws\s+ecs\s+update-service|aws\s+lambda\s+update-function-code|eb\s+deploy|"
    r"gcloud\s+[\w\s-]*\bdeploy\b|cdk\s+deploy|aws\s+cloudformation\s+deploy|"
    r"artisan\s+migrate\s*--force|composer\s+install\b[^\n]*--no-dev)",
    re.I,
)
# Commands that change what runs in production by themselves (not restarting a local process).
STRONG_DEPLOY = lazyre.compile(
    r"\b(kubectl\s+(?:-n\s+\S+\s+)?(?:apply|set\s+image|rollout\s+restart)|helm\s+upgrade|fly\s+deploy|"
    r"vercel\b.*--prod|(?:serverless|sls|sam|eb|cdk)\s+deploy|terraform\b[^\n;&|]*\sapply\b|"
    r"pulumi\s+up|aws\s+ecs\s+update-service|aws\s+lambda\s+update-function-code|"
    r"aws\s+cloudformation\s+deploy|gcloud\s+[\w\s-]*\bdeploy\b|cap\s+\w+\s+deploy|"
    r"artisan\s+migrate\s*--force)",
    re.I,
)
DEPLOY_NAME = lazyre.compile(r"(?:^|[:/_.-])(deploy|provision|bootstrap)", re.I)
# A make target or npm script named so (`make bootstrap` and `npm run release` are more often
# a developer's setup and a library's publication).
TARGET_NAME = lazyre.compile(r"(?:^|[:/_.-])(deploy|provision|rollout)", re.I)
MAKE_TARGET = lazyre.compile(r"^([A-Za-z0-9_.%/-]+(?:\s+[A-Za-z0-9_.%/-]+)*)\s*:(?!=)")
INVOKE = lazyre.compile(
    r"(?:^|[\s;&|(])(?:make\s+(?:-C\s+(\S+)\s+)?(?:\w+=\S*\s+)*([\w.:/-]+)|(?:npm|pnpm)\s+run\s+([\w:.-]+)|"
    r"yarn\s+(?:run\s+)?([\w:.-]+)|(?:bash|sh|source|\.)\s+['\"]?((?:\./)?[\w./-]+\.sh)|"
    r"(\./[\w./-]+\.sh))"
)
LOG_FILE = lazyre.compile(r"(/var/log/[\w./${}-]+|[\w./-]+\.log)\b")
LOG_SHIPPERS = lazyre.compile(
    r"amazon-cloudwatch-agent|cloudwatch-agent|datadog-agent|fluent-?bit|fluentd|vector\b|promtail|filebeat|logtail|papertrail",
    re.I,
)
# Application code that writes its log to a file on the host.
FILE_LOGGING = lazyre.compile(
    r"\b(?:logging\.(?:handlers\.)?)?(RotatingFileHandler|TimedRotatingFileHandler|WatchedFileHandler|FileHandler)\s*\(|"
    r"logging\.(basicConfig)\([^)]*\bfilename\s*=|"
    r"\btransports\.(File)\s*\(|winston-(daily-rotate-file)|pino\.(destination)\s*\(\s*['\"`/\w]|"
    r"target\s*:\s*['\"](pino/file)['\"]"
)
# Substrings one of which a file must hold for FILE_LOGGING to be worth a search.
FILE_LOGGING_NEEDLES = ("FileHandler", "basicConfig", "transports.File", "daily-rotate",
                        "pino.destination", "pino/file")  # fmt: skip
PM2_LOG = lazyre.compile(
    r"""^\s*['"]?(log_file|out_file|error_file|log)['"]?\s*:\s*['"]([^'"]+)['"]"""
)
TESTS = of(PathClass.TEST_DIR, PathClass.TEST_VARIANT)


@dataclass(frozen=True)
class Unit:
    """One place deploy logic lives, with the text of the commands it runs."""

    kind: str  # script | make | npm | procfile | pm2 | systemd | workflow
    name: str
    file: str
    line: int | None
    body: str


def is_local_script(path: str) -> bool:
    """A developer's or the tests' script (their sudo is not a deploy step); one named for
    deploying is not (deploy-test.sh)."""
    return PathClass.DEV_WORD in classes(path) and not DEPLOY_NAME.search(posixpath.basename(path))


def make_targets(repo: Repo, path: str) -> dict[str, tuple[int, str]]:
    """Each target of a Makefile: (its line, its recipe)."""
    targets: dict[str, tuple[int, str]] = {}
    current: list[str] = []
    for number, line in enumerate(repo.lines(path), 1):
        if line.startswith("\t"):
            for name in current:
                at, body = targets[name]
                targets[name] = (at, body + line[1:] + "\n")
            continue
        match = MAKE_TARGET.match(line)
        if match and not line.lstrip().startswith("#"):
            current = [n for n in match.group(1).split() if not n.startswith(".")]
            for name in current:
                targets.setdefault(name, (number, ""))
        elif line.strip() and not line.lstrip().startswith("#"):
            current = []
    return targets


def npm_scripts(repo: Repo, path: str) -> dict[str, tuple[int | None, str]]:
    data = repo.json(path)
    scripts = data.get("scripts") if isinstance(data, dict) else None
    if not isinstance(scripts, dict):
        return {}
    return {
        str(name): (repo.line_of(path, f'"{name}"'), str(body))
        for name, body in scripts.items()
        if isinstance(body, str)
    }


def expand(repo: Repo, text: str, cwd: str = "", depth: int = 2) -> str:
    """The text plus what it calls: a make target's recipe, an npm script, a shell script."""
    if depth == 0:
        return text
    parts = [text]
    for match in INVOKE.finditer(text):
        make_dir, target, npm, yarn, sourced, dotted = match.groups()
        called = ""
        if target:
            makefile = posixpath.join(cwd, make_dir or "", "Makefile").lstrip("/")
            called = make_targets(repo, posixpath.normpath(makefile)).get(target, (0, ""))[1]
        elif npm or yarn:
            manifest = posixpath.normpath(posixpath.join(cwd, "package.json"))
            called = npm_scripts(repo, manifest).get(npm or yarn, (0, ""))[1]
        elif sourced or dotted:
            called = repo.text(posixpath.normpath(posixpath.join(cwd, sourced or dotted)))
        if called:
            parts.append(expand(repo, called.replace("migrate deploy", ""), cwd, depth - 1))
    return "\n".join(parts)


# In a Makefile or package.json these start a developer's local stack or update a checkout.
LOCAL_COMMAND = lazyre.compile(r"^(?:docker[\s-]compose\s+(?:-f\s+\S+\s+)*up|git\s+pull)", re.I)


def _deploys(name: str, body: str, names: lazyre.AnyPattern = TARGET_NAME) -> bool:
    body = body.replace("migrate deploy", "")  # prisma migrate deploy is a migration
    if names.search(name):
        return True
    found = DEPLOY_COMMAND.search(body)
    if found is not None and names is TARGET_NAME and LOCAL_COMMAND.match(found.group(0)):
        found = next(
            (m for m in DEPLOY_COMMAND.finditer(body) if not LOCAL_COMMAND.match(m.group(0))), None
        )
    return found is not None


def units(repo: Repo, workflows: list[Workflow] | None = None) -> list[Unit]:
    """Every place deploy logic lives (found once per audit), and with `workflows` the run
    steps of their deploying jobs too."""
    if "deploy:units" not in repo.memo:
        repo.memo["deploy:units"] = _units(repo)
    found: list[Unit] = list(repo.memo["deploy:units"])
    for wf in workflows or []:
        for job in wf.jobs:
            if "deploy" in job.kinds:
                found.extend(
                    Unit("workflow", f"{wf.path} {job.id}", wf.path, step.line, step.run)
                    for step in job.steps
                    if step.run
                )
    return found


def _units(repo: Repo) -> list[Unit]:
    found: list[Unit] = []
    for path in repo.shell_scripts():
        base = posixpath.basename(path)
        if is_local_script(path):
            continue
        text = repo.text(path)
        if _deploys(base, text, DEPLOY_NAME):
            match = DEPLOY_COMMAND.search(text)
            line = (
                text.count("\n", 0, match.start()) + 1
                if match and not DEPLOY_NAME.search(base)
                else None
            )
            found.append(Unit("script", base, path, line, text))
    for path in repo.named("Makefile", "makefile", "GNUmakefile", "*.mk"):
        for name, (line, recipe) in make_targets(repo, path).items():
            if recipe and _deploys(name, recipe):
                found.append(Unit("make", f"make {name}", path, line, recipe))
    for path in repo.named("package.json"):
        for name, (line, body) in npm_scripts(repo, path).items():
            if _deploys(name, body):
                found.append(Unit("npm", f"npm run {name}", path, line, body))
    # Capistrano: `cap production deploy`, run from a developer's machine unless CI runs it.
    for path in repo.glob("Capfile", "*/Capfile"):
        recipe = posixpath.join(posixpath.dirname(path), "config/deploy.rb")
        where = recipe if recipe in repo.texts else path
        found.append(Unit("capistrano", "cap deploy", where, 1, repo.text(where)))
    for path in repo.named("Procfile"):
        for number, line_text in enumerate(repo.lines(path), 1):
            if line_text.startswith("release:"):
                found.append(Unit("procfile", "Procfile release", path, number, line_text[8:]))
    for path in repo.named(
        "ecosystem.config.js", "ecosystem.config.cjs", "ecosystem.json", "ecosystem.config.json"
    ):
        found.append(Unit("pm2", "PM2 ecosystem", path, None, repo.text(path)))
    for path in repo.named("*.service"):
        if "[Service]" in repo.text(path):
            found.append(Unit("systemd", posixpath.basename(path), path, None, repo.text(path)))
    return found


def deploy_logic(repo: Repo, inv: Inventory) -> None:
    for unit in units(repo):
        if unit.kind == "script":
            inv.add("deploy-script", unit.name, unit.file, unit.line)
        else:
            inv.add("deploy-script", unit.name, unit.file, unit.line, detail=unit.kind)


def logging(repo: Repo, inv: Inventory) -> None:
    for path in repo.shell_scripts():
        if is_local_script(path):
            continue  # a test or CI container's log file is not production's
        for number, match in repo.grep(path, LOG_FILE):
            if match.group(1).startswith("/var/log") or ">>" in repo.lines(path)[number - 1]:
                inv.add("logging", "local log files", path, number, detail=match.group(1))
        for number, match in repo.grep(path, LOG_SHIPPERS):
            inv.add("logging", "log shipping", path, number, detail=match.group(0))
    for path in repo.named("*.py", "*.js", "*.ts", "*.mjs", "*.cjs"):
        if excludes(path, TESTS):
            continue
        for number, match in repo.grep(path, FILE_LOGGING, FILE_LOGGING_NEEDLES):
            what = next(g for g in match.groups() if g)
            inv.add("logging", "local log files", path, number, detail=what)
    for path in repo.named(
        "ecosystem.config.js", "ecosystem.config.cjs", "ecosystem.json", "ecosystem.config.json"
    ):
        for number, line in enumerate(repo.lines(path), 1):
            pm2 = PM2_LOG.match(line)
            if pm2 and pm2.group(2) not in ("/dev/null", "/dev/stdout", "/dev/stderr"):
                inv.add(
                    "logging",
                    "local log files",
                    path,
                    number,
                    detail=f"PM2 {pm2.group(1)}: {pm2.group(2)}",
                )


def vendored(repo: Repo, inv: Inventory) -> None:
    for path, why in sorted(repo.vendored.items()):
        inv.add("vendored", path, path, detail=why)
