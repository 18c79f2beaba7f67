import re
from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder
from infragate.audit.shell import commands

RM_RF = re.compile(
    r"^(?:sudo\s+)?rm\s+(?:-\w*[rR]\w*f\w*|-\w*f\w*[rR]\w*|-[rR]\s+-f|-f\s+-[rR])\s+(.+)$"
)
SAFE_TARGET = re.compile(r"^[\"']?(/tmp/|\$\{?(TMP|TEMP|tmp|temp)\w*|\./?\.cache|\.?/?tmp/)")
DESTRUCTIVE = re.compile(
    r"\bDROP\s+(DATABASE|SCHEMA|TABLE)\b|\bgit\s+reset\s+--hard\b|\bgit\s+clean\s+-\w*f|"
    r"\bdocker\s+system\s+prune\b.*-a|\bmkfs(\.\w+)?\s|\bdd\s+.*\bof=/dev/|\bprisma\s+migrate\s+reset\b",
    re.I,
)


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for path in repo.shell_scripts():
        for cmd in commands(repo.text(path)):
            rm = RM_RF.match(cmd.text)
            if rm:
                targets = [t for t in rm.group(1).split() if not SAFE_TARGET.match(t)]
                if targets:
                    yield Hit(path, cmd.line, f"deletes recursively: rm -rf {' '.join(targets)}")
                continue
            match = DESTRUCTIVE.search(cmd.text)
            if match:
                yield Hit(path, cmd.line, f"destructive step: {match.group(0).strip()}")


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
