"""Whether the repository ships software others run rather than running a production of its own.

A project that publishes a release artefact (an image, a package, release assets) and
deploys nothing itself hands the database to whoever installs it: its operators choose the
engine and back it up. Only a store the repository provisions itself (Terraform,
Kubernetes, CloudFormation) is then the repository's to back up."""

from __future__ import annotations

import re

from infragate.audit.inventory.model import Inventory
from infragate.audit.model import Fact
from infragate.audit.repo import Repo

# Steps that upload release assets (GitHub release actions, gh, GoReleaser) or publish a
# package; image pushes are the CI module's "publish" kind.
RELEASE_STEP = re.compile(
    r"softprops/action-gh-release|ncipollo/release-action|gh\s+release\s+(create|upload)|"
    r"goreleaser|svenstaro/upload-release-action|actions/upload-release-asset|"
    r"twine\s+upload|pypa/gh-action-pypi-publish|cargo\s+publish|gem\s+push"
)
PROVISIONED = ("Terraform", "Kubernetes manifest", "CloudFormation")


def software_others_run(repo: Repo, inventory: Inventory) -> bool:
    jobs = [job for wf in inventory.workflows for job in wf.jobs]
    if any("deploy" in job.kinds for job in jobs) or inventory.has("deploy-script"):
        return False
    if any("publish" in job.kinds for job in jobs):
        return True
    return any(RELEASE_STEP.search(repo.text(path)) for path in repo.ci_files())


def provisioned(fact: Fact) -> bool:
    """A datastore the repository creates itself, not one its configuration connects to."""
    return any(fact.detail.startswith(kind) for kind in PROVISIONED)
