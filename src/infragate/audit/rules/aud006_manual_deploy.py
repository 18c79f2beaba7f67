import re
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.inventory.deploy import STRONG_DEPLOY, units
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder

# A person's machine reaching a server: the entry point of a hand-run deployment.
PM2_DEPLOY = lazyre.compile(r"^\s*['\"]?deploy['\"]?\s*:\s*\{", re.M)
REMOTE = lazyre.compile(r"\b(ssh|scp|rsync)\s+[^|;&]*@|\bssh\s+\S+\s+['\"]", re.I)


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


def _automation_text(repo: Repo) -> str:
    """What runs things without a person: CI files of every system, images, compose files,
    CodeDeploy's appspec; a script or target named there is automated."""
    paths = [*repo.ci_files(), *repo.dockerfiles(), *repo.compose_files(),
             *repo.named("appspec.yml", "appspec.yaml", "Procfile")]  # fmt: skip
    return "\n".join(repo.text(p) for p in paths)


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    ci_deploys = any(wf.has("deploy") for wf in inventory.workflows)
    automated = _automation_text(repo)
    found = units(repo)
    # A script another piece of deploy logic runs (deploy.sh copies bootstrap.sh over and
    # runs it) is reported once, at the entry point a person runs.
    bodies = {u.file: u.body for u in found}
    for unit in found:
        name = unit.file if unit.kind == "script" else unit.name
        if _run_by_ci(automated, name):
            continue
        base = unit.file.rsplit("/", 1)[-1]
        if unit.kind == "script" and any(
            _invokes(b, base) for f, b in bodies.items() if f != unit.file
        ):
            continue
        hit = _manual(unit.kind, unit.name, unit.body, base, ci_deploys)
        if hit is not None:
            offset, evidence = hit
            # Scripts and PM2 files are read whole: the offset is into the file itself.
            yield Hit(unit.file, unit.line if offset is None else offset + 1, evidence)


INVOKER = lazyre.compile(r"\b(?:bash|sh|source|scp|rsync|ssh)\b|\./")


def _invokes(body: str, base: str) -> bool:
    """Whether a script's commands (not its comments) run or ship a file of this name."""
    return any(
        base in line and INVOKER.search(line)
        for line in body.splitlines()
        if not line.lstrip().startswith("#")
    )


def _manual(
    kind: str, name: str, body: str, base: str, ci_deploys: bool
) -> tuple[int | None, str] | None:
    """(line offset in the body or None, evidence) when this deploy logic is run by hand."""
    remote = REMOTE.search(body)
    strong = STRONG_DEPLOY.search(body)
    if kind == "capistrano":
        return None, "deploys by hand with Capistrano ('cap production deploy' from a laptop)"
    if kind == "pm2":
        section = PM2_DEPLOY.search(body)
        if section is None:
            return None
        return body.count("\n", 0, section.start()), "deploys by hand with 'pm2 deploy' over ssh"
    if kind in ("make", "npm"):
        match = remote or strong
        if match is None:
            return None
        return None, f"'{name}' deploys by hand: {match.group(0).strip()}"
    if kind != "script":
        return None
    if remote is not None:
        return body.count(
            "\n", 0, remote.start()
        ), "deploys by hand over ssh from a person's machine"
    if strong is not None:
        at = body.count("\n", 0, strong.start())
        return at, f"deploys by hand from a person's machine: {strong.group(0).strip()}"
    if not ci_deploys and base.lower().startswith("deploy"):
        return None, "deployment is a script run by hand"
    return None


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
