import re
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.inventory.deploy import is_local_script, units
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder
from infragate.audit.shell import script

RM_RF = lazyre.compile(
    r"^(?:sudo\s+)?rm\s+(?:-\w*[rR]\w*f\w*|-\w*f\w*[rR]\w*|-[rR]\s+-f|-f\s+-[rR])\s+(.+)$"
)
# Scratch and output folders a script rebuilds on every run: deleting them is the point.
SAFE_TARGET = lazyre.compile(
    r"^[\"']?(/tmp/|\$\{?(TMP|TEMP|tmp|temp)\w*|\./?\.cache|\.?/?tmp/|"
    r"\$\{?\w*(GENERATED|BUILD|DIST|CACHE|OUT|TMP|TEMP|SCRATCH)\w*\}?[\"']?$)",
    re.I,
)
# Matched against a command's own words (never against an echo, a comment or a heredoc).
DESTRUCTIVE = lazyre.compile(
    r"^(?:sudo\s+(?:-\S+\s+)*)?(?:"
    r"git\s+reset\s+--hard\b|git\s+clean\s+-\w*f|"
    r"docker\s+system\s+prune\b.*(?:-a\b|--all)|"
    r"(?:docker\s+compose|docker-compose)\b.*\bdown\b.*(?:\s-v\b|--volumes|--rmi\s+all)|"
    r"docker\s+volume\s+(?:rm|prune)\b|"
    r"docker\s+rm\s+-\w*f\w*\s+[\w-]*(?:mysql|postgres|mariadb|mongo|redis|db)\b|"
    r"terraform\b[^\n;&|]*\sdestroy\b[^\n]*-auto-approve|"
    r"(?:npx\s+|yarn\s+|pnpm\s+(?:exec\s+)?)?prisma\s+migrate\s+reset\b|"
    r"(?:npx\s+)?prisma\s+db\s+push\b.*--(?:force-reset|accept-data-loss)|"
    r"pm2\s+(?:delete|kill)\s+all\b|pm2\s+kill\b|"
    r"(?:bundle\s+exec\s+)?(?:rails|rake)\s+db:(?:drop|reset)\b|php\s+artisan\s+migrate:fresh\b|"
    r"python3?\s+\S*manage\.py\s+flush\b|mkfs(?:\.\w+)?\s|dd\s+.*\bof=/dev/|"
    r"(?:psql|mysql|sqlite3)\b.*\b(?:DROP\s+(?:DATABASE|SCHEMA|TABLE)|TRUNCATE)\b)",
    re.I,
)
NEEDLES = ("rm ", "destroy", "reset", "clean", "prune", "down", "volume", "prisma", "pm2", "db:", "migrate:",
           "flush", "mkfs", "dd ", "DROP", "TRUNCATE", "drop", "seed")  # fmt: skip
SEED_RUN = lazyre.compile(
    r"\bprisma\s+db\s+seed\b|\b(?:npm|pnpm|yarn)\s+(?:run\s+)?[\w:]*seed\b|\bdb:seed\b|manage\.py\s+loaddata"
)
# A seed that empties tables before it fills them: run on each deploy, it wipes production.
DELETE_ALL = lazyre.compile(
    r"\.deleteMany\(\s*(?:\{\s*\})?\s*\)|\bTRUNCATE\b|\bDELETE\s+FROM\s+\w+\s*;|"
    r"\.objects\.all\(\)\.delete\(\)|\.destroy_all\b|\.truncate\(",
    re.I,
)


TEARDOWN = lazyre.compile(r"destroy|teardown|tear-down|cleanup|clean-up|decommission", re.I)


def _seed_wipes(repo: Repo) -> tuple[str, int] | None:
    for path in repo.named("seed.ts", "seed.js", "seed.mjs", "seed.py", "seeds.rb", "seed.sql"):
        found = next(repo.grep(path, DELETE_ALL), None)
        if found is not None:
            return path, found[0]
    return None


def _judge(repo: Repo, text: str) -> str | None:
    rm = RM_RF.match(text)
    if rm:
        targets = [t for t in rm.group(1).split() if not SAFE_TARGET.match(t)]
        return f"deletes recursively: rm -rf {' '.join(targets)}" if targets else None
    match = DESTRUCTIVE.search(text)
    if match:
        return f"destructive step: {match.group(0).strip()}"
    if SEED_RUN.search(text) and (wipes := _seed_wipes(repo)) is not None:
        return f"runs a seed that deletes every row ({wipes[0]}:{wipes[1]}) on each deploy"
    return None


def _locate(repo: Repo, path: str, start: int, text: str) -> int:
    for number, line in enumerate(repo.lines(path)[start - 1 :], start):
        if text in line:
            return number
    return start


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for path in repo.shell_scripts():
        text = repo.text(path)
        if is_local_script(path) or not any(n in text for n in NEEDLES):
            continue
        for cmd in script(repo, path):
            found = _judge(repo, cmd.text)
            if found:
                yield Hit(path, cmd.line, found)
    # Deploy logic outside scripts: Makefile targets, package.json scripts, deploying CI jobs.
    for unit in units(repo, inventory.workflows):
        if unit.kind not in ("make", "npm", "workflow", "procfile") or unit.line is None:
            continue
        if TEARDOWN.search(unit.name):
            continue  # a workflow or target that exists to tear down: destroying is its job
        for line in unit.body.splitlines():
            for part in re.split(r"\s*(?:&&|;|\|\|)\s*", line.strip()):
                found = _judge(repo, part)
                if found:
                    yield Hit(
                        unit.file,
                        _locate(repo, unit.file, unit.line, part),
                        f"{unit.name}: {found}",
                    )
                    break


RULE = AuditRule(
    id="AUD014",
    slug="script-destructive-step",
    title="Setup and deploy scripts do not destroy what the running service uses",
    rationale=(
        "A script that claims to be idempotent but deletes state (rm -rf node_modules, a hard "
        "git reset, a dropped table) makes every rerun slow and breaks the running service "
        "while it rebuilds (seed audit 004, line 667)."
    ),
    impact="Downtime on every run; lost data or local changes when the path is not what was meant.",
    fix="Build into a new directory and switch a symlink, or use 'npm ci' in a fresh release folder.",
    severity=ladder(Severity.low, Severity.medium, Severity.high, Severity.high),
    check=check,
)
