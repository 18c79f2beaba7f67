import fnmatch
from collections.abc import Iterator
from itertools import combinations

from infragate.audit import lazyre
from infragate.audit.ci import Job, Workflow
from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder

TARGET = lazyre.compile(
    r"(?:deployment|deploy|statefulset|service)/([\w-]+)|helm\s+upgrade\s+(?:--install\s+)?([\w-]+)|"
    r"--service[ =]([\w-]+)|--stack[ =]([\w./-]+)|pulumi\s+stack\s+select\s+([\w./-]+)"
)
PAGES = lazyre.compile(r"actions/deploy-pages|actions-gh-pages|\bgh-deploy\b|\bgh-pages\b")
MANUAL = {"workflow_dispatch", "repository_dispatch"}


def _targets(job: Job) -> set[str]:
    if job.environment:
        return {job.environment.lower()}
    found = {g for s in job.steps for m in TARGET.finditer(s.run) for g in m.groups() if g}
    # Documentation published to GitHub Pages is its own target, not the application.
    if any(PAGES.search(f"{s.uses}\n{s.run}") for s in job.steps):
        found.add("github-pages")
    return found or {"production"}


def _deploys(wf: Workflow) -> dict[str, Job]:
    return {t: job for job in wf.jobs if "deploy" in job.kinds for t in _targets(job)}


def _same_refs(x: str, y: str) -> bool:
    """Two ref filters that some one ref matches (`v*` and `v1.*`; `main` and `*`)."""
    return x == y or fnmatch.fnmatchcase(x, y) or fnmatch.fnmatchcase(y, x)


def _overlap(a: frozenset[str], b: frozenset[str]) -> set[str]:
    """Triggers of both: the same event on the same kind of ref (a tag push never starts a
    workflow that filters on branches only), on refs one name can match."""
    out = set()
    for x in a - MANUAL:
        for y in b - MANUAL:
            ex, _, rx = x.partition(":")
            ey, _, ry = y.partition(":")
            kx, _, px = rx.partition(":")
            ky, _, py = ry.partition(":")
            if ex == ey and kx == ky and (not px or _same_refs(px, py)):
                out.add(x if px != "*" else y)
    return out


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    deploying = [(wf, _deploys(wf)) for wf in inventory.workflows]
    reported: set[tuple[str, int]] = set()
    for (a, da), (b, db) in combinations([d for d in deploying if d[1]], 2):
        triggers = _overlap(a.triggers, b.triggers)
        targets = sorted(set(da) & set(db))
        if not triggers or not targets:
            continue
        on = ", ".join(sorted(triggers))
        for wf, jobs, other in ((a, da, b), (b, db, a)):
            job = jobs[targets[0]]
            if (wf.path, job.line) not in reported:
                reported.add((wf.path, job.line))
                yield Hit(
                    wf.path, job.line, f"deploys '{targets[0]}' on {on}, as {other.path} does"
                )


RULE = AuditRule(
    id="AUD018",
    slug="conflicting-workflows",
    title="One pipeline deploys each target",
    rationale=(
        "Two workflows that deploy the same target on the same trigger race each other: which "
        "build ends up live depends on which finishes last (seed 001: two conflicting workflows)."
    ),
    impact="Inconsistent builds in production; failed or overwritten deployments.",
    fix="Consolidate into one authoritative deployment workflow and delete the other.",
    severity=ladder(Severity.medium, Severity.high, Severity.critical, Severity.critical),
    check=check,
)
