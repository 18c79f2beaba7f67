"""The pack as one self-contained HTML file: its style inline, its diagrams inline SVG
(or their DOT source), no script, nothing fetched from anywhere; printable."""

from __future__ import annotations

import re
from html import escape

from infragate.handover.document import LINK, Block, Bullets, Code, Diagram, Pack, Para, Table

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #1b1f24; max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { border-bottom: 2px solid #d0d7de; padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3, h4 { margin-top: 1.4rem; }
.meta { color: #57606a; }
nav ol { columns: 2; }
table { border-collapse: collapse; margin: 0.6rem 0; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
code { font: 0.85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #f6f8fa; padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: #f6f8fa; padding: 0.7rem; overflow-x: auto; white-space: pre-wrap; }
pre code { background: none; padding: 0; }
figure { margin: 0.8rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #57606a; font-size: 0.85rem; }
.note { border-left: 4px solid #bf8700; padding-left: 0.6rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { break-after: page; }
  h2 { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  table, figure, pre { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _inline(text: str) -> str:
    """Escape, then turn `code` and [text](#anchor) into their elements."""
    out: list[str] = []
    for i, part in enumerate(re.split(r"`([^`]*)`", text)):
        if i % 2:
            out.append(f"<code>{escape(part)}</code>")
            continue
        pos = 0
        for m in LINK.finditer(part):
            out.append(escape(part[pos : m.start()]))
            out.append(f'<a href="#{m.group(2)}">{escape(m.group(1))}</a>')
            pos = m.end()
        out.append(escape(part[pos:]))
    return "".join(out).replace("\n", "<br>")


def _blocks(blocks: tuple[Block, ...], depth: int) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(f"<p>{_inline(b.text)}</p>")
        elif isinstance(b, Bullets):
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Table):
            head = "".join(f"<th>{_inline(h)}</th>" for h in b.header)
            body = "".join(
                "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in b.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif isinstance(b, Code):
            out.append(f"<pre><code>{escape(b.text.rstrip())}</code></pre>")
        elif isinstance(b, Diagram):
            out.append(_diagram(b))
        else:
            level = min(depth, 6)
            out.append(f'<section id="{b.anchor}"><h{level}>{_inline(b.title)}</h{level}>')
            out += _blocks(b.blocks, depth + 1)
            out.append("</section>")
    return out


def _diagram(d: Diagram) -> str:
    if d.svg is not None:
        return (
            f'<figure id="diagram-{d.environment}">{d.svg}'
            f"<figcaption>{escape(d.environment)}: rendered by Graphviz from "
            f"<code>diagrams/{escape(d.environment)}.dot</code></figcaption></figure>"
        )
    return (
        f'<figure id="diagram-{d.environment}"><p class="note">Graphviz (<code>dot</code>) was '
        "not installed when this pack was made, so the diagram is shown as its DOT source; "
        f"render it with <code>dot -Tsvg diagrams/{escape(d.environment)}.dot</code>.</p>"
        f"<pre><code>{escape(d.dot.rstrip())}</code></pre></figure>"
    )


def render(pack: Pack) -> str:
    toc = "".join(f'<li><a href="#{s.anchor}">{escape(s.title)}</a></li>' for s in pack.sections)
    body: list[str] = []
    for s in pack.sections:
        body.append(f'<section id="{s.anchor}"><h2>{s.number}. {escape(s.title)}</h2>')
        body += _blocks(s.blocks, 3)
        body.append("</section>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(pack.title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(pack.title)}</h1>"
        f'<p class="meta">Baseline v{pack.version}, sha256 <code>{pack.sha256}</code></p></header>\n'
        f'<nav id="contents"><h2>Contents</h2><ol>{toc}</ol></nav>\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
