"""The pack as plain values: numbered sections of blocks, which the Markdown, HTML and
JSON writers turn into text. Inline text knows two marks, as Markdown writes them:
`code` and [a link](#anchor) to an anchor of the pack itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# An inline link to an anchor of the pack: [text](#anchor).
LINK = re.compile(r"\[([^\]]+)\]\(#([a-z0-9-]+)\)")


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Code:
    text: str
    lang: str = ""


@dataclass(frozen=True)
class Diagram:
    environment: str
    dot: str
    mermaid: str
    svg: str | None  # None: `dot` was not installed when the pack was made


@dataclass(frozen=True)
class Sub:
    """A titled part of a section, with an anchor of its own (an environment, a record)."""

    anchor: str
    title: str
    blocks: tuple[Block, ...]


Block = Para | Bullets | Table | Code | Diagram | Sub


@dataclass(frozen=True)
class Section:
    number: int
    anchor: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Pack:
    project: str
    version: int
    sha256: str
    title: str
    sections: tuple[Section, ...]

    def anchors(self) -> list[str]:
        out: list[str] = []
        for s in self.sections:
            out.append(s.anchor)
            out += _sub_anchors(s.blocks)
        return out


def _sub_anchors(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Sub):
            out.append(b.anchor)
            out += _sub_anchors(b.blocks)
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _block_data(b: Block) -> dict[str, Any]:
    if isinstance(b, Para):
        return {"type": "paragraph", "text": b.text}
    if isinstance(b, Bullets):
        return {"type": "list", "items": list(b.items)}
    if isinstance(b, Table):
        return {"type": "table", "header": list(b.header), "rows": [list(r) for r in b.rows]}
    if isinstance(b, Code):
        return {"type": "code", "lang": b.lang, "text": b.text}
    if isinstance(b, Diagram):
        return {
            "type": "diagram",
            "environment": b.environment,
            "dot": b.dot,
            "mermaid": b.mermaid,
            "svg": b.svg is not None,
        }
    return {
        "type": "part",
        "anchor": b.anchor,
        "title": b.title,
        "blocks": [_block_data(x) for x in b.blocks],
    }


def as_data(pack: Pack) -> dict[str, Any]:
    """The JSON form: the same sections, blocks as typed objects."""
    return {
        "schema": "infragate.handover/v1",
        "project": pack.project,
        "baseline_version": pack.version,
        "baseline_sha256": pack.sha256,
        "title": pack.title,
        "sections": [
            {
                "number": s.number,
                "anchor": s.anchor,
                "title": s.title,
                "blocks": [_block_data(b) for b in s.blocks],
            }
            for s in pack.sections
        ],
    }
