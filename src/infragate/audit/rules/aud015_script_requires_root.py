import re
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.ci import remote_script
from infragate.audit.inventory import Inventory
from infragate.audit.inventory.deploy import is_local_script, units
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import PR, AuditRule, ladder
from infragate.audit.shell import script

ROOT_CHECK = lazyre.compile(
    r"^(?!\s*#).*(\$\{?EUID\}?|\$\(id\s+-u\)|`id\s+-u`|\$\{?UID\}?)\D*(-ne|!=|-eq|==)\s*['\"]?0"
)
# Logging in to the server as root: the deploy itself runs as root there.
AS_ROOT = lazyre.compile(r"^(?!\s*#).*\b(?:ssh|scp|rsync)\b[^\n#]*?\sroot@[\w.-]")


SSH_STRING = lazyre.compile(r"\bssh\b[^\n'\"]*(['\"])(.*?)\1", re.S)


def _ssh_strings(run: str) -> str:
    return "\n".join(m.group(2) for m in SSH_STRING.finditer(run))


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    reported: set[str] = set()
    for unit in units(repo, inventory.workflows):
        if unit.kind in ("make", "npm", "workflow", "script") and unit.file not in reported:
            found = next(repo.grep(unit.file, AS_ROOT, ("root@",)), None)
            if found is not None:
                reported.add(unit.file)
                yield Hit(unit.file, found[0], "deploys as root: logs in to the server as root@")
    # The server-side commands a deploying job sends over ssh: their sudo runs there.
    for wf in inventory.workflows:
        if wf.path in reported:
            continue
        for job in wf.jobs:
            remote_sudo = next(
                (
                    (s, line)
                    for s in job.steps
                    if "deploy" in job.kinds
                    for line in (remote_script(s) or _ssh_strings(s.run)).splitlines()
                    if re.search(r"(?:^|[;&|]\s*|\|\s*)sudo\s", line.strip())
                ),
                None,
            )
            if remote_sudo is not None and wf.path not in reported:
                reported.add(wf.path)
                step, text = remote_sudo
                at = repo.line_of_from(wf.path, step.line, text.strip())
                yield Hit(
                    wf.path, at, "deploys with sudo on the server (in the commands sent over ssh)"
                )
    for path in repo.shell_scripts():
        if path in reported or is_local_script(path):
            continue  # sudo in a developer's or the tests' script is not a deploy step
        # The script's own root check says it most plainly; else its first sudo.
        found = next(repo.grep(path, ROOT_CHECK), None)
        if found is not None:
            yield Hit(path, found[0], "requires root: checks that it runs as root")
            continue
        if "sudo" not in repo.text(path):
            continue
        # A command run with sudo, not the word in a message or a comment.
        sudo = next((c for c in script(repo, path) if c.words[0] == "sudo"), None)
        if sudo is not None:
            yield Hit(path, sudo.line, "requires root: runs commands with sudo")


RULE = AuditRule(
    id="AUD015",
    slug="script-requires-root",
    title="Routine deploys do not need root on the server",
    rationale=(
        "A script that needs sudo for every run gives whoever deploys full control of the host; "
        "fine for first-time setup, wrong for routine maintenance (seed audit 004)."
    ),
    impact="Every deployer holds root; a mistake or a compromised key affects the whole host.",
    fix="Split one-time provisioning (root) from deploys run as an unprivileged service user.",
    severity=ladder(Severity.info, Severity.low, Severity.medium, Severity.medium),
    check=check,
    needed_from=PR,
    defer_reason="a single-operator host set up once may be administered as root until a team deploys to it",
)
