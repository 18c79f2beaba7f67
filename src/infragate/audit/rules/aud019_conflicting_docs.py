import posixpath
import re
from collections.abc import Iterator
from itertools import combinations

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, always

# Claims a document makes, by subject: (value, pattern). Two related documents conflict when
# they make claims on one subject and share no value; keywords that merely co-occur do not.
Claims = tuple[tuple[str, lazyre.AnyPattern], ...]
DEPLOY_TOOL: Claims = (
    ("kubectl", lazyre.compile(r"\bkubectl\s+(?:-n\s+\S+\s+)?(apply|create|set|rollout)\b", re.I)),
    ("helm", lazyre.compile(r"\bhelm\s+(upgrade|install)\b", re.I)),
    ("ssh to a server", lazyre.compile(r"\bssh\s+\S+@\S+", re.I)),
    (
        "GitHub Actions",
        lazyre.compile(
            r"\bgh\s+workflow\s+run\b|\.github/workflows/[\w.-]*(?:deploy|release|cd)[\w.-]*", re.I
        ),
    ),
    ("Vercel", lazyre.compile(r"\bvercel\s+(--prod|deploy)\b", re.I)),
    ("Fly.io", lazyre.compile(r"\bfly(ctl)?\s+deploy\b", re.I)),
    ("Serverless Framework", lazyre.compile(r"\b(serverless|sls)\s+deploy\b", re.I)),
    ("Heroku", lazyre.compile(r"\bgit\s+push\s+heroku\b", re.I)),
)
# The platform a document deploys to: a heading or a sentence that says so.
PLATFORMS = ("Vercel", "Netlify", "Heroku", "Render", "Railway", "Fly.io", "Coolify", "Repocloud",
             "DigitalOcean", "Cloud Run", "App Engine", "Elastic Beanstalk", "Amplify")  # fmt: skip
DEPLOY_PLATFORM: Claims = tuple(
    (
        name,
        lazyre.compile(
            rf"(?:^#+\s*(?:deploy\w*|hosting)\b.*|\bdeploy\w*\s+(?:\w+\s+){{0,4}}?(?:on|to|with|via)\s+(?:the\s+)?|^#+\s*(?:option\s+\d+:\s*)?){re.escape(name)}\b",
            re.I,
        ),
    )
    for name in PLATFORMS
)
INFRA_TOOL: Claims = (
    ("Pulumi", lazyre.compile(r"\bpulumi\s+(up|preview)\b", re.I)),
    ("Terraform", lazyre.compile(r"\bterraform\s+(apply|plan)\b", re.I)),
    ("CloudFormation", lazyre.compile(r"\baws\s+cloudformation\s+deploy\b|\bcdk\s+deploy\b", re.I)),
)
DATABASE: Claims = tuple(
    (
        name,
        lazyre.compile(
            rf"\b(?:{words})\b(?=.*\b(?:database|db|datastore)\b)|\b(?:database|db)\b.*\b(?:{words})\b",
            re.I,
        ),
    )
    for name, words in (
        ("PostgreSQL", "postgres(?:ql)?"),
        ("MySQL", "mysql|mariadb"),
        ("MongoDB", "mongo(?:db)?"),
        ("SQLite", "sqlite3?"),
        ("DynamoDB", "dynamodb"),
        ("SQL Server", "sql\\s+server|mssql"),
    )
)
BRANCH = lazyre.compile(
    r"(?:merg(?:e|es|ed|ing)|push(?:es|ed|ing)?)\s+(?:in)?to\s+`?([\w./-]+?)`?(?=[\s,.;:)]|$).*\b(?:deploy|production|release)|"
    r"\b(?:deploy|release)s?\b.*\bfrom\s+(?:the\s+)?`?([\w./-]+)`?\s+branch|"
    r"`?([\w./-]+)`?\s+branch\s+(?:is\s+)?deploy",
    re.I,
)
REGION = lazyre.compile(
    r"\b((?:us|eu|ap|sa|ca|me|af|il|mx)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d)\b"
)
DEPLOY_DOC = lazyre.compile(r"deploy|infrastructure|infra|operations|runbook|release", re.I)
# "Never run `kubectl apply` by hand" warns against a procedure; it does not give one.
NEGATED = lazyre.compile(
    r"\b(do not|don't|never|no longer|instead of|deprecated|avoid|does not|is not)\b", re.I
)
SUBJECTS = (("deploys with", DEPLOY_TOOL), ("deploys to", DEPLOY_PLATFORM),
            ("infrastructure is applied with", INFRA_TOOL),
            ("the database is", DATABASE))  # fmt: skip


def _claims(repo: Repo, path: str) -> dict[str, dict[str, int]]:
    """Subject -> {value: first line claiming it}, for one document."""
    found: dict[str, dict[str, int]] = {}
    for number, line in enumerate(repo.lines(path), 1):
        if NEGATED.search(line):
            continue
        for subject, claims in SUBJECTS:
            for value, pattern in claims:
                if pattern.search(line):
                    found.setdefault(subject, {}).setdefault(value, number)
        branch = BRANCH.search(line)
        if branch:
            value = next(g for g in branch.groups() if g)
            found.setdefault("deploys from branch", {}).setdefault(value, number)
        for region in REGION.findall(line):
            found.setdefault("runs in region", {}).setdefault(region, number)
    return found


def _related(a: str, b: str) -> bool:
    """Documents of one project: the same folder, or one in a subfolder of the other's
    (README.md and docs/DEPLOYMENT.md); not two projects side by side in a monorepo."""
    da, db = posixpath.dirname(a), posixpath.dirname(b)
    return da == db or da == posixpath.dirname(db) or db == posixpath.dirname(da)


def _show(values: dict[str, int]) -> str:
    return ", ".join(sorted(values))


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    docs = [
        p
        for p in repo.docs()
        if p.lower().endswith(".md")
        and DEPLOY_DOC.search(p.rsplit("/", 1)[-1] + "\n" + repo.text(p)[:4000])
    ]
    claims = {p: found for p in docs if (found := _claims(repo, p))}
    reported: set[tuple[str, int]] = set()
    for a, b in combinations(sorted(claims), 2):
        if not _related(a, b):
            continue
        for subject in sorted(set(claims[a]) & set(claims[b])):
            ca, cb = claims[a][subject], claims[b][subject]
            if set(ca) & set(cb):
                continue
            for path, mine, other, theirs in ((a, ca, b, cb), (b, cb, a, ca)):
                line = min(mine.values())
                if (path, line) in reported:
                    continue
                reported.add((path, line))
                yield Hit(
                    path,
                    line,
                    f"{subject} {_show(mine)}; {other}:{min(theirs.values())} says {_show(theirs)}",
                )


RULE = AuditRule(
    id="AUD019",
    slug="conflicting-docs",
    title="Documents agree on how and where the application is deployed",
    rationale=(
        "When two documents describe different ways to deploy, each engineer follows a "
        "different one and the environments drift (seed 001: conflicting IaC documentation)."
    ),
    impact="Developer confusion, inconsistent deployments, onboarding that depends on who you ask.",
    fix="Keep one authoritative deployment guide (tool, branch, region, database); delete or link the others to it.",
    severity=always(Severity.medium),
    check=check,
)
