"""The pack as a pure function: (lock document, trail events, evidence) → files.

`files` returns every file of the pack as path → text: the HTML, Markdown and JSON pages
asked for, one decision record per file under docs/adr/, the diagrams' DOT (and SVG
when `svg` renders them), and `manifest.json` with every other file's sha256. The
handover's own events are left out of what the pack reads, so writing a pack and writing
it again gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any

from infragate.costs.importing import EVENT_KIND as COSTS_EVENT
from infragate.evidence.model import EVENT_KIND, HANDOVER_EVENT_KIND, Evidence, EvidenceKind
from infragate.handover import about, adr, html, markdown, operations, recorded, upkeep
from infragate.handover.document import Diagram, Pack, Section, Sub, as_data
from infragate.lifecycle.chain import Event

MANIFEST = upkeep.MANIFEST
MANIFEST_SCHEMA = "infragate.handover-manifest/v1"


class PackFormat(StrEnum):
    html = "html"
    markdown = "markdown"
    json = "json"


PAGE = {
    PackFormat.html: "handover.html",
    PackFormat.markdown: "handover.md",
    PackFormat.json: "handover.json",
}


def _plain(events: Iterable[Event]) -> list[Event]:
    return [e for e in events if e.kind not in (HANDOVER_EVENT_KIND, EVENT_KIND)]


def build(
    doc: dict[str, Any],
    sha256: str,
    events: Sequence[Event],
    evidence: Sequence[Evidence],
    svg: Callable[[str], str | None],
) -> tuple[Pack, list[adr.Record]]:
    """The pack's sections in their fixed order, and its decision records."""
    trail = _plain(events)
    current = [e for e in evidence if e.baseline_version <= doc["version"]]
    records = adr.records(doc, trail)
    acc = recorded.latest(current, EvidenceKind.access)
    access_line = [f"{what}: {who}" for what, who in recorded.access_rows(acc)] if acc else []
    parts: list[tuple[str, str, tuple[Any, ...]]] = [
        ("context", "Context and goals", about.context(doc)),
        ("owners", "Owners and who to call", about.owners(doc, access_line)),
        ("constraints", "Constraints and compliance", about.constraints(doc)),
        ("architecture", "Architecture", about.architecture(doc, svg)),
        ("environments", "Environments and components", about.env_sections(doc)),
        ("cost", "Cost", about.cost(doc, [e for e in trail if e.kind == COSTS_EVENT])),
        ("decisions", "Decision records", about.decisions(doc, records)),
        ("deployment", "Deployment and rollback", operations.deployment(doc, current)),
        ("backup", "Backup and restore", operations.backup(doc, current)),
        ("monitoring", "Monitoring, alerts and runbooks", operations.monitoring(doc, current)),
        ("access", "Access and secrets", upkeep.access(doc, current)),
        ("risks", "Risks, waivers and what was deferred", upkeep.risks(doc, current)),
        ("changes", "Change history", upkeep.changes(trail)),
        ("glossary", "Glossary", upkeep.glossary()),
        ("verify", "How to verify this pack", upkeep.verify(doc, sha256)),
    ]
    sections = tuple(
        Section(i, anchor, title, blocks) for i, (anchor, title, blocks) in enumerate(parts, 1)
    )
    title = f"{doc['project']}: infrastructure handover (baseline v{doc['version']})"
    return Pack(doc["project"], int(doc["version"]), sha256, title, sections), records


def _diagrams(pack: Pack) -> list[Diagram]:
    arch = next(s for s in pack.sections if s.anchor == "architecture")
    return [
        b
        for sub in arch.blocks
        if isinstance(sub, Sub)
        for b in sub.blocks
        if isinstance(b, Diagram)
    ]


def digest_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def files(
    doc: dict[str, Any],
    sha256: str,
    events: Sequence[Event],
    evidence: Sequence[Evidence],
    formats: Sequence[PackFormat],
    svg: Callable[[str], str | None],
) -> dict[str, str]:
    pack, records = build(doc, sha256, events, evidence, svg)
    out: dict[str, str] = {}
    for fmt in PackFormat:
        if fmt not in formats:
            continue
        if fmt is PackFormat.html:
            out[PAGE[fmt]] = html.render(pack)
        elif fmt is PackFormat.markdown:
            out[PAGE[fmt]] = markdown.render(pack)
        else:
            out[PAGE[fmt]] = json.dumps(as_data(pack), indent=2, ensure_ascii=False) + "\n"
    for r in records:
        out[r.path] = adr.to_markdown(r)
    for d in _diagrams(pack):
        out[f"diagrams/{d.environment}.dot"] = d.dot
        if d.svg is not None:
            out[f"diagrams/{d.environment}.svg"] = d.svg
    out[MANIFEST] = manifest_text(doc, sha256, formats, out)
    return dict(sorted(out.items()))


def manifest_text(
    doc: dict[str, Any], sha256: str, formats: Sequence[PackFormat], pack_files: dict[str, str]
) -> str:
    data = {
        "schema": MANIFEST_SCHEMA,
        "about": "Written by 'infragate handover'. 'infragate verify --handover DIR' checks "
        "every file against these hashes. Do not edit the pack: regenerate it.",
        "project": doc["project"],
        "baseline_version": doc["version"],
        "baseline_sha256": sha256,
        "formats": [f.value for f in PackFormat if f in formats],
        "files": {p: digest_text(t) for p, t in sorted(pack_files.items()) if p != MANIFEST},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
