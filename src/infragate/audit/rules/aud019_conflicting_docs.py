import posixpath
import re
from collections.abc import Iterator
from itertools import combinations

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, always

# The tool a deployment procedure is built on, as a document tells people to run it.
# (`docker compose up` is left out: documents use it for local development.)
PROCEDURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pulumi", re.compile(r"\bpulumi\s+(up|stack|preview)\b", re.I)),
    ("terraform", re.compile(r"\bterraform\s+(apply|plan|init)\b", re.I)),
    ("kubectl", re.compile(r"\bkubectl\s+(apply|create|set|rollout)\b", re.I)),
    ("helm", re.compile(r"\bhelm\s+(upgrade|install)\b", re.I)),
    ("ssh script", re.compile(r"\bssh\s+\S+@\S+", re.I)),
    ("github actions", re.compile(r"\bgh\s+workflow\s+run\b|\.github/workflows/[\w.-]+", re.I)),
    ("vercel", re.compile(r"\bvercel\s+(--prod|deploy)\b", re.I)),
    ("fly", re.compile(r"\bfly(ctl)?\s+deploy\b", re.I)),
    ("serverless", re.compile(r"\b(serverless|sls)\s+deploy\b", re.I)),
)
DEPLOY_DOC = re.compile(r"deploy|infrastructure|infra|operations|runbook|release", re.I)
# "Never run `kubectl apply` by hand" warns against a procedure; it does not give one.
NEGATED = re.compile(r"\b(do not|don't|never|no longer|instead of|deprecated|avoid)\b", re.I)


def _procedure(repo: Repo, path: str) -> dict[str, int]:
    """The deployment tools a document instructs, with the first line of each."""
    tools: dict[str, int] = {}
    lines = repo.lines(path)
    for name, pattern in PROCEDURES:
        for line, _ in repo.grep(path, pattern):
            if NEGATED.search(lines[line - 1]):
                continue
            tools[name] = line
            break
    return tools


def _related(a: str, b: str) -> bool:
    """Documents of one project: the same folder, or one in a subfolder of the other's
    (README.md and docs/DEPLOYMENT.md); not two projects side by side in a monorepo."""
    da, db = posixpath.dirname(a), posixpath.dirname(b)
    return da == db or da == posixpath.dirname(db) or db == posixpath.dirname(da)


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    docs = [
        p
        for p in repo.docs()
        if p.lower().endswith(".md")
        and DEPLOY_DOC.search(p.rsplit("/", 1)[-1] + "\n" + repo.text(p)[:4000])
    ]
    procedures = {p: tools for p in docs if (tools := _procedure(repo, p))}
    reported: set[str] = set()
    for a, b in combinations(sorted(procedures), 2):
        if not _related(a, b):
            continue
        ta, tb = procedures[a], procedures[b]
        if set(ta) & set(tb) or not (ta and tb):
            continue
        for path, mine, other, theirs in ((a, ta, b, tb), (b, tb, a, ta)):
            if path in reported:
                continue
            reported.add(path)
            tool = min(mine, key=lambda t: mine[t])
            yield Hit(
                path,
                mine[tool],
                f"deploys with {', '.join(sorted(mine))}; {other} says {', '.join(sorted(theirs))}",
            )


RULE = AuditRule(
    id="AUD019",
    slug="conflicting-docs",
    title="One documented deployment procedure",
    rationale=(
        "When two documents describe different ways to deploy, each engineer follows a "
        "different one and the environments drift (seed 001: conflicting IaC documentation)."
    ),
    impact="Developer confusion, inconsistent deployments, onboarding that depends on who you ask.",
    fix="Keep one authoritative deployment guide; delete or link the others to it.",
    severity=always(Severity.medium),
    check=check,
)
