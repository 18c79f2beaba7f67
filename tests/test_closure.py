"""Evidence and closure on the store (SQLite and PostgreSQL): shopfront carried through
approve, freeze, render, deploy, restore and alert tests, access, secrets and a handover
pack closes; take any one piece away and closing fails naming the rule and who can act."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from infragate.brief.loader import load_brief
from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.closure.service import Inputs, close
from infragate.errors import InputError, Refused
from infragate.evidence.model import EvidenceKind, from_events
from infragate.evidence.reading import read_evidence_file
from infragate.evidence.record import add_evidence, list_evidence, record_handover, stored_file
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.states import State
from infragate.render import output, source
from infragate.render.engine import render
from infragate.store.engine import Store
from tests.closure_helpers import EVIDENCE, FILES
from tests.helpers import ROOT
from tests.signing_keys import key_for, write_signers

DANA, SAM = "dana@example.com", "sam@example.com"
START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
RULE_OF = {
    EvidenceKind.deploy: "CLOSE004",
    EvidenceKind.restore_test: "CLOSE006",
    EvidenceKind.alert_test: "CLOSE007",
    EvidenceKind.access: "CLOSE008",
    EvidenceKind.secrets: "CLOSE009",
}


class Shop:
    """examples/shopfront in a repository of its own, on the store under test."""

    def __init__(self, root: Path, store: Store) -> None:
        self.root, self.store, self.minutes = root, store, 0
        self.brief = root / "infra" / "brief.yaml"
        self.lock = root / "infra" / "baseline.lock.json"
        self.brief.parent.mkdir(parents=True)
        shutil.copyfile(ROOT / "examples/shopfront/infra/brief.yaml", self.brief)
        write_signers(self.brief.parent, (DANA, SAM))

    def clock(self, actor: str = DANA) -> Clock:
        self.minutes += 1
        return Clock(START + timedelta(minutes=self.minutes), actor)

    def freeze_and_render(self) -> None:
        catalog, loaded = load_catalog(), load_brief(self.brief)
        service.approve(
            self.store, loaded, catalog, self.clock(), Role.infra_owner, DANA, "", key_for(DANA)
        )
        service.approve(
            self.store, loaded, catalog, self.clock(SAM), Role.budget_owner, SAM, "", key_for(SAM)
        )
        service.freeze(self.store, loaded, self.clock(), self.lock)
        files = render(source.load(self.lock, self.brief, START.date()))
        output.apply(self.root, output.plan(self.root, files, "shopfront"), force=False)

    def add(self, kind: EvidenceKind, name: str | None = None) -> bool:
        f = read_evidence_file(EVIDENCE / (name or FILES[kind]), str(kind))
        return add_evidence(self.store, "shopfront", self.clock(), kind, f).delivered

    def state(self) -> State:
        return service.status(
            self.store, load_brief(self.brief), load_catalog(), START.date(), self.lock
        ).state

    def close(self, email: str = DANA):  # type: ignore[no-untyped-def]
        return close(self.store, Inputs(self.lock, self.brief, self.root), self.clock(email), email)


@pytest.fixture
def shop(tmp_path: Path, store: Store) -> Shop:
    s = Shop(tmp_path / "shopfront", store)
    s.freeze_and_render()
    return s


def test_evidence_delivers_closes_and_a_change_reopens(shop: Shop) -> None:
    assert shop.state() is State.frozen
    assert shop.add(EvidenceKind.deploy, "deploy-staging.json") is False  # not production
    assert shop.state() is State.frozen
    assert shop.add(EvidenceKind.deploy) is True
    assert shop.state() is State.delivered
    assert shop.add(EvidenceKind.deploy) is False  # only the first delivers
    for kind in (EvidenceKind.restore_test, EvidenceKind.alert_test, EvidenceKind.access):
        shop.add(kind)
    shop.add(EvidenceKind.secrets)
    record_handover(shop.store, "shopfront", DANA, 1, "c" * 64, "html", at=START)

    with pytest.raises(Refused, match="closed by the lock's infra_owner: Dana Ruiz"):
        shop.close(SAM)
    report = shop.close()
    assert not report.blocked and report.state == "maintenance"
    assert shop.state() is State.maintenance
    with pytest.raises(Refused, match="already handed over"):
        shop.close()

    records = list_evidence(shop.store, "shopfront")
    assert [str(e.kind) for e in records] == [
        "deploy", "deploy", "deploy", "restore-test", "alert-test", "access", "secrets",
    ]  # fmt: skip
    restore = records[3]
    assert restore.facts["met_rto"] is True and restore.facts["rto_minutes"] == 240
    stored = stored_file(shop.store, "shopfront", str(restore.file_sha256))
    assert stored == (EVIDENCE / "restore-test.json").read_bytes()
    checked, problems = service.verify_store(shop.store)
    assert not problems and checked > 10
    trail = service.trail(shop.store, "shopfront")[0][1]
    closed = [e for e in trail if e.kind == "closure.passed"]
    assert closed and closed[0].actor == DANA and closed[0].payload["baseline_version"] == 1
    assert "tfstate" not in closed[0].payload  # judged on the files alone: no state named
    assert len(from_events(trail)) == 7

    # A change request on a project in maintenance opens a new delivery and a new closure.
    text = shop.brief.read_text()
    shop.brief.write_text(text.replace("users: 2000, peak_rps: 15", "users: 4000, peak_rps: 40"))
    catalog = load_catalog()
    lee = "lee@example.com"
    service.propose(shop.store, load_brief(shop.brief), catalog, shop.clock(lee), lee, "traffic")
    for role, email in ((Role.infra_owner, DANA), (Role.budget_owner, SAM)):
        service.approve_change(
            shop.store,
            load_brief(shop.brief),
            catalog,
            shop.clock(email),
            role,
            email,
            "",
            key_for(email),
        )
    assert shop.state() is State.approved
    service.freeze(shop.store, load_brief(shop.brief), shop.clock(), shop.lock)
    files = render(source.load(shop.lock, shop.brief, START.date()))
    output.apply(shop.root, output.plan(shop.root, files, "shopfront"), force=False)
    assert shop.state() is State.frozen
    report = shop.close()
    failed = {r.rule.id for r in report.failures()}
    assert failed == {"CLOSE004", "CLOSE010"}  # v2 is not deployed, and has no pack
    assert shop.add(EvidenceKind.deploy, "deploy-v2.json") is True
    record_handover(shop.store, "shopfront", DANA, 2, "d" * 64, "markdown", at=START)
    assert not shop.close().blocked and shop.state() is State.maintenance


@pytest.mark.parametrize("missing", [*RULE_OF, "handover"], ids=str)
def test_without_any_one_piece_close_fails_naming_the_rule_and_who(
    shop: Shop, missing: EvidenceKind | str
) -> None:
    for kind in FILES:
        if kind is not missing:
            shop.add(kind)
    if missing != "handover":
        record_handover(shop.store, "shopfront", DANA, 1, "e" * 64, "json", at=START)
    if missing is EvidenceKind.deploy:
        # Never deployed: not delivered, and the gate says which rule and who acts.
        assert shop.state() is State.frozen
    report = shop.close()
    (failure,) = report.failures()
    assert failure.rule.id == RULE_OF.get(missing, "CLOSE010")  # type: ignore[call-overload]
    assert failure.who == ("infra_owner: Dana Ruiz <dana@example.com>",)
    assert shop.state() is not State.maintenance


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        (EvidenceKind.secrets, "secrets-with-value.yaml", [":9: looks like a secret value (GitHub token)", ":11: looks like a secret value"]),
        (EvidenceKind.restore_test, "restore-test-unverified.json", [":7: verified: the restored data was not verified"]),
        (EvidenceKind.access, "deploy.json", ["cloud_account: is missing or empty", "'kind' is not a key"]),
        (EvidenceKind.deploy, "deploy-wrong-version.json", [":9: health.version: the health endpoint reports 'abc'"]),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_their_line_and_nothing_is_stored(
    shop: Shop, kind: EvidenceKind, name: str, expected: list[str]
) -> None:
    before = service.trail(shop.store, "shopfront")[0][1]
    with pytest.raises(InputError) as caught:
        shop.add(kind, name)
    message = caught.value.render()
    for part in expected:
        assert part in message, message
    assert "fix:" in message
    assert service.trail(shop.store, "shopfront")[0][1] == before
