from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    pipelines = inventory.workflows
    if not pipelines or any(wf.has("deploy") for wf in pipelines):
        return
    for wf in pipelines:
        kinds = sorted({k for job in wf.jobs for k in job.kinds}) or ["nothing recognised"]
        line = repo.line_of(wf.path, "jobs:") or 1
        yield Hit(wf.path, line, f"CI runs {', '.join(kinds)} but no job deploys")


RULE = AuditRule(
    id="AUD005",
    slug="ci-without-cd",
    title="The CI pipeline also delivers: build, push an image, deploy",
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
