"""The first line of every rendered file: which baseline made it, and a hash of itself.

    # infragate:render baseline=shopfront/v1 sha256=<baseline> content=<sha256 of the rest>

The content hash covers the file without its stamp line, so a hand edit anywhere else
changes it; pinned images count by name only (pins.py), so a Dependabot bump of a tag or
digest is not an edit. A file that must start with a shebang carries the stamp on its
second line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from infragate.canonical import sha256_hex
from infragate.render import pins

MARK = "infragate:render"
_PATTERN = re.compile(
    rf"{MARK} baseline=(?P<project>[a-z0-9-]+)/v(?P<version>\d+) "
    r"sha256=(?P<baseline>[0-9a-f]{64}) content=(?P<content>[0-9a-f]{64})"
)
NOTE = "generated; 'infragate drift' reports hand edits"


@dataclass(frozen=True)
class Stamp:
    project: str
    version: int
    baseline_sha256: str
    content_sha256: str


def _comment(path: str, text: str) -> str:
    if path.endswith(".md"):
        return f"<!-- {text} -->"
    return f"# {text}"


def line_number(text: str) -> int:
    """The 1-based line a stamp occupies in a rendered file's text."""
    return 2 if text.startswith("#!") else 1


def stamp(path: str, body: str, project: str, version: int, baseline_sha256: str) -> str:
    """`body` with its stamp line inserted."""
    content = sha256_hex(pins.normalise(path, body))
    line = _comment(
        path,
        f"{MARK} baseline={project}/v{version} sha256={baseline_sha256} content={content} ({NOTE})",
    )
    lines = body.splitlines(keepends=True)
    at = line_number(body) - 1
    return "".join([*lines[:at], line + "\n", *lines[at:]])


def read(text: str) -> tuple[Stamp | None, str]:
    """(the stamp, the text without its stamp line); (None, text) for an unstamped file."""
    lines = text.splitlines(keepends=True)
    for at in range(line_number(text)):
        if at < len(lines):
            found = _PATTERN.search(lines[at])
            if found:
                body = "".join(lines[:at] + lines[at + 1 :])
                return (
                    Stamp(
                        found["project"],
                        int(found["version"]),
                        found["baseline"],
                        found["content"],
                    ),
                    body,
                )
    return None, text


def edited(path: str, text: str) -> bool | None:
    """True if the stamped file at `path` was changed after rendering; None if it carries no
    stamp. Its body is hashed as `stamp` hashed it (pins normalised, so a bumped pin is no
    edit) and as written (stamps from before pins were normalised)."""
    found, body = read(text)
    if found is None:
        return None
    return found.content_sha256 not in {sha256_hex(body), sha256_hex(pins.normalise(path, body))}
