"""Evidence, closure and drift as data: the pydantic models the JSON twins under /api return
(and the OpenAPI document describes), each the shape of what the CLI prints as JSON
(`evidence list`, `check --stage closure -f json`, `drift -f json`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from infragate.lifecycle.states import State
from infragate.portal.requests_models import Evidence


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceRecorded(Evidence):
    """The evidence as the project page lists it, and what recording it did."""

    project: str
    seq: int = Field(description="The evidence.added event's number in the trail.")
    facts: dict[str, Any] = Field(description="What the file showed, as the validator read it.")
    delivered: bool = Field(description="This deploy moved the project frozen -> delivered.")


class ClosureCheck(_Out):
    id: str = Field(description="The closure rule: CLOSE001 ... CLOSE011.")
    slug: str
    title: str
    status: str = Field(description="pass, fail or cannot-judge (reported, not blocking).")
    reason: str
    who_can_act: list[str] = Field(description="'role: Name <email>', from the lock's owners.")
    fix: str


class ClosureView(_Out):
    project: str
    state: State
    hosted: bool = Field(description="The store keeps its brief: the portal runs the gate.")
    baseline_version: int | None = Field(description="The baseline judged; None: none frozen.")
    blocked: bool = Field(description="A rule fails: the project cannot be closed.")
    closable: bool = Field(
        description="Nothing fails, the project is delivered and the portal may close it "
        "(its brief is in the store): the lock's infra owner closes."
    )
    checks: list[ClosureCheck]
    not_checked: list[str] = Field(
        description="What the portal could not check, and where it can be checked."
    )
    environments: list[str] = Field(
        description="The baseline's environments, in deploy order: a Terraform state sent "
        "to close is compared with one of them (the form field `environment`)."
    )
    default_environment: str | None = Field(
        description="The environment the close form offers first: production's."
    )


class DriftFinding(_Out):
    kind: str = Field(description="resource-changed, resource-unknown, missing, ...")
    title: str
    path: str = Field(description="A rendered file, or the uploaded state's name.")
    address: str | None = Field(description="The resource's address in the state.")
    line: int | None
    message: str
    fix: str


class DriftView(_Out):
    project: str
    baseline_version: int
    baseline_sha256: str
    state_file: str = Field(description="The uploaded state's name.")
    environment: str | None = Field(description="The environment the state was compared with.")
    resources_checked: int
    files_checked: int
    drifted: bool
    findings: list[DriftFinding]
    not_checked: list[str] = Field(
        description="What the portal could not check, and where it can be checked."
    )
