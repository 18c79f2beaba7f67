"""What the change page shows and its JSON twin returns: a proposed brief judged as the
intake judges one (problems pointed at their field and line, the gate, the estimate) and
the change it would make to the frozen baseline (lifecycle.hosted_changes.preview: the
design diff and monthly cost delta of `infragate change propose`, what blocks it).

Also what a person may do about changes and waivers on a project's page (`controls`), and
a waiver refused from either page (`WaiverRefused`), shown beside its blocker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from infragate.brief.model import Role
from infragate.catalog.model import Catalog
from infragate.errors import InfragateError
from infragate.lifecycle import hosted_changes, policy, service
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.diff import DesignDiff
from infragate.lifecycle.states import State
from infragate.portal import requests_models as m
from infragate.portal.intake import Intake, intake_from_text, intake_from_upload
from infragate.portal.intake_view import IntakeView
from infragate.store.engine import Store

# An expiry a month out: long enough to fix most blockers, well inside the 180-day cap.
DEFAULT_WAIVER_DAYS = 30


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DiffLine(_Out):
    what: str = Field(description="component, environment, decision or verdict")
    key: str
    change: str = Field(description="added, removed or changed")
    detail: str
    monthly_usd_delta: str | None


class DiffView(_Out):
    """The design diff as `infragate change show --format json` gives it."""

    before_monthly_usd: str
    after_monthly_usd: str
    delta_monthly_usd: str
    delta_by_environment: dict[str, str]
    changes: list[DiffLine]


class BlockerView(_Out):
    key: str = Field(description="The rule (GATE001, RS003), 'capacity' or 'budget'.")
    reason: str
    waived_by: Role = Field(description="The owner role that may waive it.")


class ChangePreview(_Out):
    """A proposed brief: what is wrong with it, and the change it would make."""

    project: str
    ready: bool = Field(description="It can be proposed as it stands.")
    brief: IntakeView = Field(description="The brief judged as the intake judges one.")
    base_version: int | None = Field(description="The baseline it changes.")
    diff: DiffView | None
    blockers: list[BlockerView] = Field(description="Blockers no waiver covers: each refuses it.")
    waived: list[str] = Field(description="Blockers a waiver in force lets pass.")
    supersedes: int | None = Field(description="The open change request it would replace.")
    refusal: str | None = Field(description="Why it cannot be proposed, blockers aside.")


def diff_view(diff: DesignDiff) -> DiffView:
    return DiffView.model_validate(diff.as_dict())


def from_text(store: Store, catalog: Catalog, name: str, text: str, today: date) -> Intake:
    """The intake of a pasted brief, with the project's waivers in force."""
    waivers = service.waivers_in_force(store, name, today)
    return intake_from_text(text, catalog, waivers=waivers)


def from_upload(
    store: Store, catalog: Catalog, name: str, raw: bytes, filename: str, today: date
) -> Intake:
    waivers = service.waivers_in_force(store, name, today)
    return intake_from_upload(raw, catalog, filename=filename, waivers=waivers)


def preview(
    store: Store, catalog: Catalog, name: str, intake: Intake, today: date
) -> ChangePreview:
    """The change `intake`'s brief would make to `name`'s frozen baseline."""
    named = intake.loaded.brief.project.name if intake.loaded else None
    if intake.loaded is not None and named != name:
        intake = intake.refused(
            f"names the project {named!r}, not {name!r}",
            f"a project keeps its name: write 'name: {name}' under project",
        )
    view = intake.view()
    empty = ChangePreview(
        project=name,
        ready=False,
        brief=view,
        base_version=None,
        diff=None,
        blockers=[],
        waived=[],
        supersedes=None,
        refusal=None,
    )
    if intake.loaded is None or intake.brief_yaml is None or named != name:
        return empty
    try:
        found = hosted_changes.preview(store, name, intake.brief_yaml, catalog, today)
    except InfragateError as exc:  # no design can be made, or nothing frozen to change
        return empty.model_copy(update={"refusal": exc.render()})
    blockers = [
        BlockerView(key=b.key, reason=b.reason, waived_by=wv.waiver_role(b.key))
        for b in found.blockers
    ]
    return ChangePreview(
        project=name,
        ready=not view.problems and found.refusal is None and not blockers,
        brief=view,
        base_version=found.base_version,
        diff=diff_view(found.diff),
        blockers=blockers,
        waived=[w.describe() for _, w in found.waived],
        supersedes=found.supersedes,
        refusal=found.refusal,
    )


@dataclass(frozen=True)
class WaiverRefused:
    """A waiver the portal or the core refused, and what the person typed into its form:
    the project page and the change page's preview show the message in that blocker's
    waiver form, opened again with it (above the blockers when none is that one)."""

    key: str
    message: str
    reason: str
    expires_on: str


class Controls(_Out):
    """What the signed-in person may do about changes and waivers on a project's page."""

    may_propose: bool
    may_reject: bool
    pending: int | None = Field(description="The change request awaiting a decision.")
    waivable: list[str] = Field(description="The blockers shown that they may waive.")
    roles: list[Role]
    today: date
    default_expiry: date
    last_expiry: date


def controls(page: m.ProjectPage, roles: set[Role], today: date) -> Controls:
    acting = page.hosted and page.state is not State.retired
    pending = next((c.number for c in page.change_requests if c.status == "proposed"), None)
    return Controls(
        may_propose=acting and bool(roles) and bool(page.baselines),
        may_reject=acting and pending is not None and bool(roles & {*policy.APPROVING_ROLES}),
        pending=pending,
        waivable=[b.key for b in page.standing.blockers if acting and may_waive(roles, b.key)],
        roles=sorted(roles),
        **expiries(today),
    )


def expiries(today: date) -> dict[str, date]:
    """The bounds a waiver form offers: from today, a month out by default, 180 days at most."""
    return {
        "today": today,
        "default_expiry": today + timedelta(days=DEFAULT_WAIVER_DAYS),
        "last_expiry": today + timedelta(days=wv.MAX_WAIVER_DAYS),
    }


def may_waive(roles: set[Role], key: str) -> bool:
    return wv.waiver_role(key) in roles
