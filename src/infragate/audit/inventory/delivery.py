"""Whether the repository ships software others run rather than running a production of its own.

A project that publishes a release artefact (an image, a package, release assets) and
deploys nothing itself hands the database to whoever installs it: its operators choose the
engine and back it up. Only a store the repository provisions itself (Terraform,
Kubernetes, CloudFormation) is then the repository's to back up."""

from __future__ import annotations

from infragate.audit import lazyre
from infragate.audit.ci import KINDS, deploys_by_command
from infragate.audit.inventory.deploy import units
from infragate.audit.inventory.model import Inventory
from infragate.audit.model import Fact
from infragate.audit.repo import Repo

# Steps that upload release assets (GitHub release actions, gh, GoReleaser) or publish a
# package; image pushes are the CI module's "publish" kind.
RELEASE_STEP = lazyre.compile(
    r"softprops/action-gh-release|ncipollo/release-action|gh\s+release\s+(create|upload)|"
    r"goreleaser|svenstaro/upload-release-action|actions/upload-release-asset|"
    r"twine\s+upload|pypa/gh-action-pypi-publish|cargo\s+publish|gem\s+push"
)
PROVISIONED = ("Terraform", "Kubernetes manifest", "CloudFormation")
DEPLOYS = dict(KINDS)["deploy"]
# Folders of files shipped to the people who install the software (a systemd unit, a
# compose example, distribution packages), not the project's own deployment.
PACKAGING = lazyre.compile(
    r"(^|/)(packaging|contrib|dist|debian|rpm|podman|examples?|deploy/examples?)/"
)


def _deploys_itself(repo: Repo) -> bool:
    for unit in units(repo):
        if unit.kind == "systemd" or PACKAGING.search(unit.file or ""):
            continue  # a unit or script shipped to whoever installs the software
        if DEPLOYS.search(unit.body) or unit.kind in ("capistrano", "procfile"):
            return True
    return False


def software_others_run(repo: Repo, inventory: Inventory) -> bool:
    jobs = [job for wf in inventory.workflows for job in wf.jobs]
    if any("deploy" in job.kinds and deploys_by_command(job) for job in jobs):
        return False
    if _deploys_itself(repo):
        return False
    if any("publish" in job.kinds for job in jobs):
        return True
    return any(RELEASE_STEP.search(repo.text(path)) for path in repo.ci_files())


def runs_as_functions(inventory: Inventory) -> bool:
    """The application is deployed as functions (Lambda, Cloud Functions) from a zip or
    source bundle, with no image of its own: the platform provides the runtime."""
    return inventory.has("serverless") and not inventory.has("container")


def provisioned(fact: Fact) -> bool:
    """A datastore the repository creates itself, not one its configuration connects to."""
    return any(fact.detail.startswith(kind) for kind in PROVISIONED)
