from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.ci import RELEASE
from infragate.audit.inventory import Inventory
from infragate.audit.inventory.deploy import DEPLOY_COMMAND, expand
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder

# Hosting that builds and deploys every push by itself, through its git integration.
GIT_DEPLOYED = ("vercel.json", "netlify.toml", "render.yaml", "amplify.yml", ".platform.app.yaml")
CALLS = lazyre.compile(r"\b(?:make|npm\s+run|pnpm\s+run|yarn)\s|\.sh\b")


def _delivers(repo: Repo, inventory: Inventory) -> bool:
    for wf in inventory.workflows:
        if wf.has("deploy") or wf.has("release"):
            return True
        for job in wf.jobs:
            for step in job.steps:
                # `make ship`, `npm run release`, `./scripts/publish.sh`: what they call delivers.
                if step.run and CALLS.search(step.run):
                    called = expand(repo, step.run, step.cwd)
                    if called != step.run and (
                        DEPLOY_COMMAND.search(called) or RELEASE.search(called)
                    ):
                        return True
    return bool(repo.glob(*GIT_DEPLOYED))


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    """Once for the repository: delivery anywhere in its CI (or its hosting) is delivery."""
    pipelines = inventory.workflows
    kinds = sorted({k for wf in pipelines for job in wf.jobs for k in job.kinds})
    # CI that only scans or labels (CodeQL, stale bots) builds nothing there is to deliver.
    if not {"test", "build", "lint"} & set(kinds) or _delivers(repo, inventory):
        return
    first = pipelines[0]
    line = repo.line_of(first.path, "jobs:") or 1
    others = f" (nor in {len(pipelines) - 1} other workflows)" if len(pipelines) > 1 else ""
    yield Hit(
        first.path,
        line,
        f"CI runs {', '.join(kinds)} but no job deploys or publishes a release{others}",
    )


RULE = AuditRule(
    id="AUD005",
    slug="ci-without-cd",
    title="The CI pipeline also delivers: deploys, or publishes a release artefact",
    rationale=(
        "A pipeline that tests but never deploys leaves the release to a person at a terminal: "
        "the tested artefact is not the deployed one, and there is no automated rollback."
    ),
    impact="Manual, unrepeatable releases; what runs in production was never through CI.",
    fix="Add a deploy job after the tests: push the image to a registry (GHCR/ECR) and roll it out.",
    severity=ladder(Severity.low, Severity.medium, Severity.medium, Severity.high),
    check=check,
    needed_from=M,
    defer_reason="a prototype with one developer can deploy by hand; automate once releases are regular",
)
