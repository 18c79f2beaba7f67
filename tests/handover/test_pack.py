"""The handover pack of a real project (examples/shopfront, frozen, changed and frozen
again as v2, with its evidence): what a newcomer finds in it, and how it is written."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from infragate.errors import Refused, UsageError
from infragate.evidence.model import HANDOVER_EVENT_KIND
from infragate.handover import disk
from infragate.handover.pack import PackFormat
from infragate.lifecycle import service
from infragate.store import repository as repo
from infragate.store.engine import Store
from tests.handover.helpers import (
    add_evidence,
    html_sections,
    markdown_sections,
    shopfront_v2,
    snapshot,
    write_pack,
)
from tests.lifecycle_helpers import Project

SECTIONS = [
    "context",
    "owners",
    "constraints",
    "architecture",
    "environments",
    "cost",
    "decisions",
    "deployment",
    "backup",
    "monitoring",
    "access",
    "risks",
    "changes",
    "glossary",
    "verify",
]

# The ten questions a newcomer asks, each with the section that must answer it and
# patterns the answer must match there (the text as a reader sees it: no markup).
QUESTIONS: list[tuple[str, str, list[str]]] = [
    (
        "who owns it and who to call",
        "owners",
        [
            r"Dana Ruiz dana@example\.com infra_owner",
            r"Outage, alarm or restore: call the infra owner, Dana Ruiz",
            r"Cost or budget: the budget owner, Sam Okafor",
        ],
    ),
    (
        "how to deploy",
        "deploy",
        [
            r"Merge to main",
            r"\.github/workflows/deploy\.yml",
            r"deploy in order: staging → prod",
            r"Last recorded deploy: .*version: 3f2a9c1",
        ],
    ),
    (
        "how to roll back",
        "rollback",
        [
            r"git revert <commit>",
            r"-var image_tag=<earlier commit>",
            r"rolls back to the image that ran before",
        ],
    ),
    (
        "how to restore the database, when it was last tested, in how long",
        "backup",
        [
            r"infra/ops/restore\.sh prod --time latest",
            r"Restore last tested on 2026-11-26: it took 42 min 10 s against an RTO of 240 minutes \(met\)",
        ],
    ),
    (
        "what it costs a month, per environment",
        "cost",
        [r"staging {staging} USD", r"prod {prod} USD", r"total {total} USD", r"no bills imported"],
    ),
    (
        "why the database is single-AZ",
        "backup",
        [
            r"The database is single-AZ because of rule RS004: deferred: an availability target of 99\.5 % is within the 99\.5 % a single-AZ instance is committed to"
        ],
    ),
    (
        "what was deferred and when it becomes needed",
        "deferred",
        [
            r"database\.multi_az \(RS004\) .* when the availability target is above 99\.5 %",
            r"environments\.preview \(RS008\) .* at maturity production",
        ],
    ),
    (
        "where the secrets live",
        "secrets",
        [
            r"STRIPE_API_KEY AWS Secrets Manager, shopfront/prod/stripe yearly, by hand",
            r"Database master password: in AWS Secrets Manager",
        ],
    ),
    (
        "which alerts exist and what to do for each",
        "alerts-prod",
        [
            r"shopfront-prod-metrics-http-5xx The application answers with server errors .* roll back the last deploy",
            r"shopfront-prod-metrics-database-free-storage .* Raise allocated storage",
        ],
    ),
    (
        "what changed since v1 and what it cost",
        "changes",
        [
            r"v1 2026-11-25 .* first freeze {v1_total} USD",
            r"v2 2026-11-25 .* change request #1 by cara@example\.com: launch campaign doubles traffic {total} USD \+{delta} USD",
        ],
    ),
]


@pytest.fixture
def shop(tmp_path: Path, store: Store) -> Project:
    return shopfront_v2(tmp_path / "repo", store)


@pytest.fixture
def pack(shop: Project, tmp_path: Path) -> Path:
    out = tmp_path / "pack"
    write_pack(shop, out)
    return out


def verdicts_at_first_freeze(shop: Project) -> int:
    with shop.store.read() as conn:
        project = repo.find_project(conn, "shopfront")
        assert project is not None
        return len(repo.baselines(conn, project)[0].document["design"]["verdicts"])


def cost_figures(shop: Project) -> dict[str, str]:
    """The money the pack must show, read from the frozen baselines themselves, so the
    questions hold whatever the price book says."""
    with shop.store.read() as conn:
        project = repo.find_project(conn, "shopfront")
        assert project is not None
        docs = [b.document for b in repo.baselines(conn, project)]
    v1, v2 = docs[0]["design"]["cost"], docs[-1]["design"]["cost"]
    figures = {env: str(usd) for env, usd in v2["by_environment"].items()}
    delta = Decimal(str(v2["monthly_usd"])) - Decimal(str(v1["monthly_usd"]))
    figures |= {"total": str(v2["monthly_usd"]), "v1_total": str(v1["monthly_usd"])}
    figures["delta"] = f"{delta:.2f}"
    return figures


@pytest.mark.parametrize("page", ["handover.html", "handover.md"])
def test_a_newcomer_finds_the_answers_to_ten_questions_in_the_pack_alone(
    shop: Project, pack: Path, page: str
) -> None:
    text = (pack / page).read_text()
    sections = html_sections(text) if page.endswith(".html") else markdown_sections(text)
    assert [a for a in SECTIONS if a in sections] == SECTIONS
    figures = {k: re.escape(v) for k, v in cost_figures(shop).items()}
    for question, anchor, templates in QUESTIONS:
        for template in templates:
            pattern = template.format(**figures) if "{" in template else template
            assert re.search(pattern, sections[anchor]), (
                f"{page}: {question}: {pattern!r} not in #{anchor}: {sections[anchor][:600]}"
            )


def test_sections_come_in_their_fixed_numbered_order_with_stable_anchors(pack: Path) -> None:
    md = (pack / "handover.md").read_text()
    headings = re.findall(r'<a id="([a-z-]+)"></a>\n\n## (\d+)\. ', md)
    assert headings == [(a, str(i)) for i, a in enumerate(SECTIONS, 1)]
    data = json.loads((pack / "handover.json").read_text())
    assert [(s["number"], s["anchor"]) for s in data["sections"]] == list(enumerate(SECTIONS, 1))
    assert data["baseline_version"] == 2


def test_a_rerun_writes_the_same_bytes_and_records_the_pack_once(
    shop: Project, tmp_path: Path
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    w1 = write_pack(shop, first)
    before = snapshot(first)
    w2 = write_pack(shop, first)
    write_pack(shop, second)
    assert snapshot(first) == before == snapshot(second)
    assert (w1.recorded, w2.recorded) == (True, False)
    assert w1.manifest_sha256 == w2.manifest_sha256
    events = service.trail(shop.store, "shopfront")[0][1]
    handovers = [e.payload for e in events if e.kind == HANDOVER_EVENT_KIND]
    assert handovers == [
        {
            "baseline_version": 2,
            "manifest_sha256": w1.manifest_sha256,
            "format": "html,markdown,json",
        }
    ]


def test_decision_records_are_madr_files_in_trail_order(shop: Project, pack: Path) -> None:
    adrs = sorted(p.name for p in (pack / "docs" / "adr").iterdir())
    # one record per verdict at the first freeze, then the waiver, then the change request
    n = verdicts_at_first_freeze(shop)
    assert len(adrs) == n + 2 and adrs[0] == "0001-compute-containers.md"
    assert adrs[3] == "0004-database-multi-az.md"
    assert adrs[n:] == [f"{n + 1:04d}-waive-budget.md", f"{n + 2:04d}-change-request-1.md"]
    text = (pack / "docs" / "adr" / "0004-database-multi-az.md").read_text()
    for heading in (
        "# 0004. ",
        "## Context and problem statement",
        "## Considered options",
        "## Decision outcome",
        "### Consequences",
    ):
        assert heading in text
    assert "- Status: accepted" in text
    assert re.search(r"include it now \(adds \$\d+\.\d\d a month\)", text), text
    change = (pack / "docs" / "adr" / f"{n + 2:04d}-change-request-1.md").read_text()
    assert "Frozen as baseline v2." in change and f"+{cost_figures(shop)['delta']} USD" in change


def test_a_renewed_waiver_supersedes_the_earlier_record(shop: Project, tmp_path: Path) -> None:
    from datetime import timedelta

    from tests.lifecycle_helpers import START

    service.waive(
        shop.store,
        shop.loaded,
        shop.clock("sam@example.com"),
        "budget",
        "sam@example.com",
        "the campaign runs a month longer than planned",
        START.date() + timedelta(days=120),
    )
    out = tmp_path / "pack"
    write_pack(shop, out)
    n = verdicts_at_first_freeze(shop)
    waiver, renewed = f"{n + 1:04d}", f"{n + 3:04d}"  # the change request comes between
    old = (out / "docs" / "adr" / f"{waiver}-waive-budget.md").read_text()
    assert f"- Status: superseded by {renewed}" in old
    assert (out / "docs" / "adr" / f"{renewed}-waive-budget.md").is_file()
    assert (
        f"{waiver}. Waive blocker budget until 2027-02-23 (superseded)"
        in (out / "handover.md").read_text()
    )


def test_the_pack_refuses_while_the_lock_does_not_verify(shop: Project, tmp_path: Path) -> None:
    shop.lock_path.write_text(
        shop.lock_path.read_text().replace('"peak_rps": "60"', '"peak_rps": "6"')
    )
    out = tmp_path / "pack"
    with pytest.raises(
        Refused, match=r"does not verify \(hash: recorded sha256 .* contents hash to"
    ):
        write_pack(shop, out)
    assert not out.exists()


def test_a_project_missing_from_the_store_is_refused(shop: Project, tmp_path: Path) -> None:
    from infragate.handover.service import generate
    from infragate.store.engine import open_store

    elsewhere = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        with pytest.raises(Refused, match=r"shopfront is not in the store .*needs its trail"):
            generate(
                elsewhere,
                shop.lock_path,
                shop.lock_path.read_text(),
                tmp_path / "pack",
                list(PackFormat),
                shop.clock(),
                dot=None,
            )
    finally:
        elsewhere.close()
    assert not (tmp_path / "pack").exists()


def test_an_edited_file_is_named_by_verify_and_never_overwritten(pack: Path, shop: Project) -> None:
    assert disk.verify(pack).ok
    edited = pack / "docs" / "adr" / "0004-database-multi-az.md"
    edited.write_text(edited.read_text() + "\nWe chose Multi-AZ after all.\n")
    (pack / "diagrams" / "staging.dot").unlink()
    (pack / "notes.txt").write_text("mine")
    check = disk.verify(pack)
    assert (check.edited, check.missing, check.added) == (
        ("docs/adr/0004-database-multi-az.md",),
        ("diagrams/staging.dot",),
        ("notes.txt",),
    )
    with pytest.raises(UsageError, match=r"0004-database-multi-az\.md: edited by hand"):
        write_pack(shop, pack)
    assert "Multi-AZ after all" in edited.read_text()
    write_pack(shop, pack, force=True)
    assert "Multi-AZ after all" not in edited.read_text()
    assert disk.verify(pack).added == ("notes.txt",)


def test_formats_can_be_chosen_and_stale_files_are_removed(shop: Project, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    write_pack(shop, out)
    written = write_pack(shop, out, [PackFormat.markdown])
    assert not (out / "handover.html").exists() and (out / "handover.md").is_file()
    assert written.removed == ("handover.html", "handover.json")
    assert disk.verify(out).ok


def test_evidence_missing_is_said_not_invented(tmp_path: Path, store: Store) -> None:
    shop = shopfront_v2(tmp_path / "repo", store, evidence=False)
    out = tmp_path / "pack"
    write_pack(shop, out)
    sections = markdown_sections((out / "handover.md").read_text())
    assert "Restore tested: never" in sections["backup"]
    assert "Alert tested: never" in sections["monitoring"]
    assert "No deploy is recorded" in sections["deploy"]
    assert "No access evidence recorded" in sections["access"]
    assert "Operations: no restore test recorded." in sections["known-risks"]
    # evidence recorded later shows in the next pack
    add_evidence(shop, *_restore())
    write_pack(shop, out)
    assert "42 min 10 s" in markdown_sections((out / "handover.md").read_text())["backup"]


def _restore() -> tuple:  # type: ignore[type-arg]
    from tests.handover.helpers import EVIDENCE

    kind, actor, facts, note = EVIDENCE[1]
    return kind, actor, facts, note


def test_an_edited_trail_is_refused(shop: Project, tmp_path: Path) -> None:
    from infragate.store import tables as t

    # someone rewrites, in the store, who recorded the restore test
    with shop.store.write() as conn:
        last = conn.execute(t.events.select().order_by(t.events.c.seq.desc())).first()
        assert last is not None
        conn.execute(
            t.events.update()
            .where(t.events.c.seq == last.seq - 3)
            .values(actor="mallory@example.com")
        )
    with pytest.raises(
        Refused, match=r"the trail of shopfront is broken: event #\d+ .* was edited"
    ):
        write_pack(shop, tmp_path / "pack")
    assert not (tmp_path / "pack").exists()
