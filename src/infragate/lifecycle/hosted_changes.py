"""Changing a project kept in the store (hosted.py) after its first freeze.

`preview` says what a proposed brief would change (the design diff and monthly cost delta
that `infragate change propose` prints, what blocks it, which open change it would
supersede) without writing anything. `propose_kept` opens the change request with the
CLI's own proposal (`changes.propose_in`) and keeps the proposed brief in the same
transaction, so a refused proposal leaves the stored brief as it was, and approvers sign
the brief the change request was made from. `reject_kept` rejects it and keeps the frozen
baseline's brief again, in the same transaction: with no repository to revert, a rejected
proposal must not stay the brief the next change starts from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from infragate.canonical import digest
from infragate.catalog.model import Catalog
from infragate.errors import Refused
from infragate.lifecycle import baseline as bl
from infragate.lifecycle import changes, hosted
from infragate.lifecycle import waivers as wv
from infragate.lifecycle.candidate import candidate
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.diff import DesignDiff, diff_designs
from infragate.store import change_requests as crs
from infragate.store import project_documents as docs
from infragate.store import repository as repo
from infragate.store.engine import Store


@dataclass(frozen=True)
class ChangePreview:
    project: str
    base_version: int
    diff: DesignDiff
    blockers: list[wv.Blocker]  # no waiver covers them today: the proposal is refused
    waived: list[tuple[wv.Blocker, wv.Waiver]]
    supersedes: int | None  # the change request still awaiting approval it would replace
    refusal: str | None  # why it cannot be proposed, blockers aside


def preview(store: Store, name: str, text: str, catalog: Catalog, today: date) -> ChangePreview:
    """What proposing `text` as the brief of `name` would do now. InputError (located) for
    a brief that is not valid; Refused when it names another project, when no design can
    be made from it or when the project has no frozen baseline to change."""
    cand = candidate(hosted.checked_brief(text, name), catalog)
    with store.read() as conn:
        project = repo.find_project(conn, name)
        latest = repo.latest_baseline(conn, project) if project else None
        if project is None or latest is None:
            raise Refused(
                f"{name} has no frozen baseline yet: before the first freeze its design is "
                "approved on its page, and a changed brief is requested again"
            )
        refusal = changes.proposal_refusal(conn, project, cand)
        live = wv.active(repo.waivers(conn, project), today)
        pending = crs.change_with_status(conn, project, "proposed")
    return ChangePreview(
        project=name,
        base_version=latest.version,
        diff=diff_designs(latest.document["design"], cand.design),
        blockers=[b for b in cand.blockers if b.key not in live],
        waived=[(b, live[b.key]) for b in cand.blockers if b.key in live],
        supersedes=pending.number if pending else None,
        refusal=refusal,
    )


def propose_kept(
    store: Store, name: str, text: str, catalog: Catalog, clock: Clock, reason: str
) -> changes.ProposalResult:
    """Propose `text` as the new brief of `name`, requested by `clock.actor`, and keep it
    as the project's brief; the trail has `change.proposed` and `document.stored`."""
    cand = candidate(hosted.checked_brief(text, name), catalog)
    with store.write() as conn:
        result = changes.propose_in(conn, cand, clock, clock.actor, reason)
        hosted.keep_in(conn, name, hosted.BRIEF, text, clock)
    return result


def reject_kept(store: Store, name: str, clock: Clock, reason: str, number: int) -> int:
    """Reject change request `number` and keep the latest baseline's brief text again (the
    newest stored version that parses to it): a `change.rejected` and a `document.stored`
    in the trail, or neither."""
    loaded = hosted.loaded_brief(store, name)
    with store.write() as conn:
        rejected = changes.reject_in(conn, loaded, clock, clock.actor, reason, number)
        project = repo.find_project(conn, name)
        assert project is not None
        frozen = repo.latest_baseline(conn, project)
        assert frozen is not None  # a change request is opened against a baseline
        wanted = frozen.document["brief_sha256"]
        for stored in docs.documents(conn, project, hosted.BRIEF):
            if digest(bl.brief_data(hosted.checked_brief(stored.text, name).brief)) == wanted:
                hosted.keep_in(conn, name, hosted.BRIEF, stored.text, clock)
                break
    return rejected
