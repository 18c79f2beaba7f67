"""The pack as one Markdown file (GitHub-flavoured: tables, a Mermaid block per diagram)."""

from __future__ import annotations

from infragate.handover.document import Block, Bullets, Code, Diagram, Pack, Para, Table


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _fence(text: str, lang: str) -> str:
    ticks = "````" if "```" in text else "```"
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}"


def _blocks(blocks: tuple[Block, ...], depth: int) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(b.text)
        elif isinstance(b, Bullets):
            out.append("\n".join(f"- {i}" for i in b.items))
        elif isinstance(b, Table):
            rows = [b.header, tuple("---" for _ in b.header), *b.rows]
            out.append("\n".join("| " + " | ".join(_cell(c) for c in r) + " |" for r in rows))
        elif isinstance(b, Code):
            out.append(_fence(b.text, b.lang))
        elif isinstance(b, Diagram):
            out.append(_fence(b.mermaid, "mermaid"))
            out.append(
                f"The Graphviz source of this diagram is `diagrams/{b.environment}.dot` in the "
                "pack" + (f"; `diagrams/{b.environment}.svg` is its rendering." if b.svg else ".")
            )
        else:
            out.append(f'<a id="{b.anchor}"></a>\n\n{"#" * depth} {b.title}')
            out += _blocks(b.blocks, depth + 1)
    return out


def render(pack: Pack) -> str:
    parts = [f"# {pack.title}", "## Contents"]
    parts.append("\n".join(f"{s.number}. [{s.title}](#{s.anchor})" for s in pack.sections))
    for s in pack.sections:
        parts.append(f'<a id="{s.anchor}"></a>\n\n## {s.number}. {s.title}')
        parts += _blocks(s.blocks, 3)
    return "\n\n".join(parts).rstrip() + "\n"
