import re
from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.inventory.deploy import units
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder

# A person's machine reaching a server: the entry point of a hand-run deployment.
PM2_DEPLOY = re.compile(r"^\s*['\"]?deploy['\"]?\s*:\s*\{", re.M)
REMOTE = re.compile(r"\b(ssh|scp|rsync)\s+[^|;&]*@|\bssh\s+\S+\s+['\"]", re.I)


def _run_by_ci(ci_text: str, what: str) -> bool:
    """Whether a CI file names this script (by path) or this make target / npm script."""
    if what.startswith(("make ", "npm run ")):
        name = what.split()[-1]
        return bool(
            re.search(
                rf"\b(?:make|npm\s+run|yarn|pnpm)\s+(?:\S+=\S*\s+)*{re.escape(name)}\b", ci_text
            )
        )
    return what in ci_text or what.rsplit("/", 1)[-1] in ci_text.replace("./", "")


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    if any(wf.has("deploy") for wf in inventory.workflows):
        return
    # Jenkins, Travis, CircleCI...: the files are read as text; one that runs a script or a
    # target by name automates it.
    ci_text = "\n".join(repo.text(p) for p in repo.ci_files())
    seen: set[str] = set()
    # Makefile targets and package.json scripts that reach a server are hand-run deploys too.
    for unit in units(repo):
        if unit.kind in ("make", "npm") and _run_by_ci(ci_text, unit.name):
            continue
        if unit.kind in ("make", "npm") and (reach := REMOTE.search(unit.body)) is not None:
            seen.add(unit.file)
            yield Hit(
                unit.file, unit.line, f"'{unit.name}' deploys by hand: {reach.group(0).strip()}"
            )
    # A PM2 ecosystem file's deploy section: `pm2 deploy production` from a laptop, over ssh.
    for unit in units(repo):
        if unit.kind == "pm2" and (section := PM2_DEPLOY.search(unit.body)) is not None:
            seen.add(unit.file)
            line = unit.body.count("\n", 0, section.start()) + 1
            yield Hit(unit.file, line, "deploys by hand with 'pm2 deploy' over ssh")
    for fact in inventory.of("deploy-script"):
        if fact.file is None or fact.file in seen or _run_by_ci(ci_text, fact.file):
            continue
        seen.add(fact.file)
        remote = next(repo.grep(fact.file, REMOTE), None)
        if remote is not None:
            yield Hit(fact.file, remote[0], "deploys by hand over ssh from a person's machine")
        elif fact.file.rsplit("/", 1)[-1].lower().startswith("deploy"):
            yield Hit(fact.file, None, "deployment is a script run by hand")


RULE = AuditRule(
    id="AUD006",
    slug="manual-deploy",
    title="Deployment is automated, not a script someone runs on a server",
    rationale=(
        "A deploy script run by hand (e.g. ssh user@host 'bash bootstrap.sh') depends on who runs "
        "it, from where, with which local changes; it leaves no record and has no rollback."
    ),
    impact="Releases prone to human error, no audit trail, no automated rollback.",
    fix="Run the deployment from the CI pipeline (a deploy job with an environment and approvals).",
    severity=ladder(Severity.low, Severity.medium, Severity.high, Severity.high),
    check=check,
    needed_from=M,
    defer_reason="a prototype deployed by its author from a script is an accepted shortcut",
)
