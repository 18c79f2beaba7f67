"""A shopfront carried to baseline v2 by a change request, with its evidence in the trail,
and ways to read a written pack the way a newcomer would: section by section."""

from __future__ import annotations

from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from infragate.brief.model import Role
from infragate.evidence.model import EVENT_KIND, Evidence, EvidenceKind
from infragate.handover.pack import PackFormat
from infragate.handover.service import Written, generate
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.store import repository as repo
from infragate.store.engine import Store
from tests.helpers import ROOT
from tests.lifecycle_helpers import START, Project

DANA, SAM, CARA = "dana@example.com", "sam@example.com", "cara@example.com"
SHOPFRONT = ROOT / "examples" / "shopfront" / "infra" / "brief.yaml"
LEAD = f"  - {{name: Cara Lead, email: {CARA}, roles: [tech_lead]}}\n"

RESTORE = {
    "kind": "restore-test",
    "environment": "prod",
    "source_instance": "shopfront-prod-database",
    "target_instance": "shopfront-prod-database-restore-20261126",
    "snapshot": "rds:shopfront-prod-database-2026-11-26-03-10",
    "restore_time": None,
    "started_at": "2026-11-26T10:00:00Z",
    "ended_at": "2026-11-26T10:42:10Z",
    "duration_seconds": 2530,
    "verified": True,
    "rows_verified": 18234,
    "rto_minutes": 240,
    "met": True,
}
EVIDENCE: list[tuple[EvidenceKind, str, dict[str, Any], str]] = [
    (EvidenceKind.deploy, CARA, {"version": "3f2a9c1", "environment": "prod", "health": "ok"}, ""),
    (EvidenceKind.restore_test, DANA, RESTORE, "quarterly restore drill"),
    (
        EvidenceKind.alert_test,
        DANA,
        {"alarm": "shopfront-prod-metrics-http-5xx", "reached": SAM, "environment": "prod"},
        "fired by a load test; Sam acknowledged in 4 minutes",
    ),
    (
        EvidenceKind.access,
        DANA,
        {"cloud_account": [DANA, SAM], "repository": [DANA, CARA], "secrets": [DANA, SAM]},
        "",
    ),
    (
        EvidenceKind.secrets,
        DANA,
        {
            "secrets": [
                {
                    "name": "STRIPE_API_KEY",
                    "stored": "AWS Secrets Manager, shopfront/prod/stripe",
                    "rotation": "yearly, by hand",
                },
                {
                    "name": "database master password",
                    "stored": "AWS Secrets Manager (managed by RDS)",
                    "rotation": "automatic, every 7 days",
                },
            ]
        },
        "",
    ),
]


def append(
    store: Store, project: str, at: datetime, actor: str, kind: str, payload: dict[str, Any]
) -> None:
    """Append an event to the trail the way the lifecycle does."""
    with store.write() as conn:
        row = repo.lock_project(conn, project, at.isoformat(), actor)
        repo.append_event(conn, row, at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), actor, kind, payload)


def add_evidence(
    p: Project,
    kind: EvidenceKind,
    actor: str,
    facts: dict[str, Any],
    note: str = "",
    version: int = 2,
) -> None:
    p.minutes += 1
    at = START + timedelta(days=1, minutes=p.minutes)
    record = Evidence(kind, version, actor, "", note=note, facts=facts)
    append(p.store, "shopfront", at, actor, EVENT_KIND, record.payload())


def shopfront_v2(root: Path, store: Store, evidence: bool = True) -> Project:
    """examples/shopfront frozen as v1, a budget waiver, change request #1 frozen as v2."""
    p = Project(root, store)
    text = SHOPFRONT.read_text()
    owners_end = text.index("maturity:")
    p.brief_path.write_text(text[:owners_end] + LEAD + text[owners_end:])
    p.approve(Role.infra_owner, DANA)
    p.approve(Role.budget_owner, SAM)
    p.freeze()
    p.edit_brief("peak_rps: 15", "peak_rps: 60")
    service.waive(
        p.store,
        p.loaded,
        p.clock(SAM),
        "budget",
        SAM,
        "the campaign budget covers the extra month of traffic",
        START.date() + timedelta(days=90),
    )
    p.propose(CARA, "launch campaign doubles traffic")
    p.approve_change(Role.infra_owner, DANA)
    p.approve_change(Role.budget_owner, SAM)
    p.freeze()
    if evidence:
        for kind, actor, facts, note in EVIDENCE:
            add_evidence(p, kind, actor, facts, note)
    return p


def write_pack(
    p: Project,
    out: Path,
    formats: list[PackFormat] | None = None,
    dot: str | None = "/usr/bin/dot",
    force: bool = False,
) -> Written:
    clock = Clock(START + timedelta(days=3), DANA)
    return generate(
        p.store,
        p.lock_path,
        p.lock_path.read_text(),
        out,
        formats or list(PackFormat),
        clock,
        force,
        dot,
    )


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        f.relative_to(directory).as_posix(): f.read_bytes()
        for f in sorted(directory.rglob("*"))
        if f.is_file()
    }


class _Sections(HTMLParser):
    """Text of every element with an id, nested ones included in their parents."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if tag in ("br", "meta"):
            self.handle_data("\n")
            return
        self.open.append((tag, ident))
        if ident:
            self.text.setdefault(ident, [])

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, _ = self.open.pop()
            if name == tag:
                break
        if tag in ("p", "li", "tr", "td", "th", "h2", "h3", "h4"):
            self.handle_data(" ")

    def handle_data(self, data: str) -> None:
        for _, ident in self.open:
            if ident:
                self.text[ident].append(data)


def html_sections(html: str) -> dict[str, str]:
    parser = _Sections()
    parser.feed(html)
    return {k: " ".join("".join(v).split()) for k, v in parser.text.items()}


def markdown_sections(md: str) -> dict[str, str]:
    """Text under each `<a id=...>` anchor up to the next anchor of the same or a higher
    level (its heading's level); marks (`, |) dropped."""
    out: dict[str, str] = {}
    lines = md.splitlines()
    anchors = [
        (i, line[len('<a id="') : -len('"></a>')])
        for i, line in enumerate(lines)
        if line.startswith('<a id="')
    ]
    for n, (i, anchor) in enumerate(anchors):
        level = len(lines[i + 2].split(" ")[0])  # the heading two lines below: ##, ###
        end = len(lines)
        for j, _ in anchors[n + 1 :]:
            if len(lines[j + 2].split(" ")[0]) <= level:
                end = j
                break
        text = "\n".join(lines[i + 2 : end]).replace("`", "").replace("|", " ")
        out[anchor] = " ".join(text.split())
    return out
