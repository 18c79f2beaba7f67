"""What drift reports: the kinds of finding, what each means and what a person does about
it, the findings of one comparison and the report that holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    edited = "edited"
    missing = "missing"
    stale = "stale"
    outdated = "outdated"
    unstamped = "unstamped"
    unknown_file = "unknown-file"
    unverified = "baseline-unverified"
    resource_changed = "resource-changed"
    resource_unknown = "resource-unknown"
    resource_missing = "resource-missing"


# What each kind means and what a person does about it (reports and SARIF rules).
KINDS: dict[Kind, tuple[str, str]] = {
    Kind.edited: (
        "A rendered file was edited by hand",
        "Put the change into the brief and propose it ('infragate change propose'), then "
        "re-render; or discard the edit with 'infragate render --force' (keeps a backup).",
    ),
    Kind.missing: (
        "A file the baseline renders is missing",
        "Run 'infragate render' to write it again.",
    ),
    Kind.stale: (
        "A file was rendered by another baseline",
        "Run 'infragate render' for the current baseline; delete files it no longer renders.",
    ),
    Kind.outdated: (
        "A rendered file differs from what this baseline renders now",
        "infragate's templates changed since it was rendered; run 'infragate render'.",
    ),
    Kind.unstamped: (
        "A file the baseline renders exists but was not written by infragate",
        "Review it, then replace it with 'infragate render --force' (keeps a backup).",
    ),
    Kind.unknown_file: (
        "An infrastructure file no baseline produced",
        "Delete it, or bring what it does into the brief so that the baseline renders it.",
    ),
    Kind.unverified: (
        "The baseline lock file does not verify",
        "Run 'infragate verify' and fix what it reports before trusting any comparison.",
    ),
    Kind.resource_changed: (
        "A deployed resource differs from the baseline",
        "Re-apply the rendered Terraform, or propose the change ('infragate change propose').",
    ),
    Kind.resource_unknown: (
        "A deployed resource that the rendered Terraform does not declare",
        "Import it into the baseline through a change request, or remove it.",
    ),
    Kind.resource_missing: (
        "A resource the baseline sizes is not in the state",
        "Apply the rendered Terraform of this environment.",
    ),
}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    path: str  # a file of the repository, or the state file for resources
    message: str
    line: int | None = None
    address: str | None = None

    @property
    def title(self) -> str:
        return KINDS[self.kind][0]

    @property
    def fix(self) -> str:
        return KINDS[self.kind][1]


@dataclass(frozen=True)
class Report:
    project: str
    version: int
    sha256: str
    root: str
    files_checked: int
    state: str | None = None
    environment: str | None = None
    resources_checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def drifted(self) -> bool:
        return bool(self.findings)
