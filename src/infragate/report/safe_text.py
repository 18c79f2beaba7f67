"""The one path user text takes to a terminal: stored values are data, never markup or
terminal commands.

Anything a person, a brief, a lock file, a repository or the store supplies (names,
reasons, paths, messages quoting a file) may hold Rich markup (`[/]`, which made every
later `status` crash) or terminal escape sequences (ANSI CSI, OSC window titles and
hyperlinks, C0/C1 controls that clear the screen or move the cursor). Two layers:

- `shown()` (inside a markup string) and `cell()` (a table cell or any renderable)
  strip control characters and make markup inert, at each place a value is printed;
- every console `make_console()` builds carries `Sanitised`, a render hook that strips
  control characters from whatever text reaches it, so a value a call site forgot can
  still not command the terminal (Rich adds its own styles after the hook).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.markup import escape
from rich.segment import Segment
from rich.text import Text

# An escape sequence (CSI, OSC up to BEL or ST, DCS/SOS/PM/APC up to ST, or ESC and one
# character), or one control character other than newline and tab: C0, DEL, C1.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b.?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]",
    re.DOTALL,
)
# Bidirectional overrides and isolates make text read differently from what it is.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def plain(value: object) -> str:
    """`value` as text without terminal control sequences or characters."""
    return _BIDI.sub("", _CONTROL.sub("", str(value)))


def shown(value: object) -> str:
    """`value` for a Rich markup string: no control characters, and markup inert."""
    return escape(plain(value))


def cell(value: object, style: str = "") -> Text:
    """`value` as a renderable that is never parsed as markup (table cells, titles)."""
    return Text(plain(value), style=style)


class _Clean:
    """A renderable whose text segments lose their control characters."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or not segment.text:
                yield segment
            else:
                yield Segment(plain(segment.text), segment.style)


class Sanitised(RenderHook):
    """A Rich render hook: every renderable printed is cleaned (see the module's doc)."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Clean(r) for r in renderables]


def install(console: Console) -> Console:
    console.push_render_hook(Sanitised())
    return console


def json_safe(text: str) -> str:
    """JSON text with C1 controls (which `ensure_ascii=False` leaves raw, and which some
    terminals obey) written as \\u escapes; C0 ones are escaped by json already."""
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)


def lines(values: Iterable[object]) -> str:
    return ", ".join(shown(v) for v in values)
