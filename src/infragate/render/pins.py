"""Pins that a bot may bump: the `FROM` lines of the Dockerfile, the `image:` lines of
docker-compose.yml and the `uses:` lines (actions pinned to commits, with the version in a
comment) of the pipeline.

Dependabot (.github/dependabot.yml, rendered) opens pull requests that move these pins to
newer tags and digests. Two rules make such a bump neither drift nor a reason to refuse:

- the stamp's content hash covers each file with its pins normalised to the image's name
  (tag and digest dropped), so a bumped file still matches its stamp (stamp.py);
- `render` reads the pins back from the repository's copy of the file, when infragate
  rendered it for the same project, and keeps them where the image is the same (same
  name, same position): re-rendering never undoes a merged bump (engine.py).

A pin that names another image (python -> node) is a change of the file like any other.
"""

from __future__ import annotations

import re

# path -> the line pattern whose group "ref" is an image reference
_PIN_LINES = {
    "Dockerfile": re.compile(r"^(?P<head>FROM\s+(?:--platform=\S+\s+)?)(?P<ref>\S+)(?P<tail>.*)$"),
    "docker-compose.yml": re.compile(r"^(?P<head>\s+image:\s+)(?P<ref>\S+)(?P<tail>.*)$"),
    ".github/workflows/deploy.yml": re.compile(
        r"^(?P<head>\s*(?:-\s+)?uses:\s+)(?P<ref>\S+)(?P<tail>.*)$"
    ),
}
_COMMENT = re.compile(r"\s+#.*$")
# Files whose pins `render` reads back from the repository.
FILES = tuple(_PIN_LINES)


def image_name(ref: str) -> str:
    """`python:3.12-slim@sha256:…` -> `python` (a registry's port stays: `host:5000/app`)."""
    name = ref.split("@", 1)[0]
    head, _, last = name.rpartition("/")
    last = last.split(":", 1)[0]
    return f"{head}/{last}" if head else last


def _pins(path: str, text: str) -> list[tuple[int, re.Match[str]]]:
    pattern = _PIN_LINES.get(path)
    if pattern is None:
        return []
    found = []
    for index, line in enumerate(text.split("\n")):
        match = pattern.match(line)
        # the build stage of our own image (`image: <project>:dev`) is not a pin
        if match and ":dev" not in match["ref"] and not match["ref"].startswith("${"):
            found.append((index, match))
    return found


def normalise(path: str, text: str) -> str:
    """`text` with every pin reduced to its image's name: what the stamp hashes."""
    pins = _pins(path, text)
    if not pins:
        return text
    lines = text.split("\n")
    for index, match in pins:
        tail = _COMMENT.sub("", match["tail"])  # Dependabot rewrites a version comment too
        lines[index] = f"{match['head']}{image_name(match['ref'])}{tail}"
    return "\n".join(lines)


def adopt(path: str, rendered: str, existing: str | None) -> str:
    """`rendered` with the pins of `existing` where they name the same image, in order."""
    if existing is None:
        return rendered
    theirs = [m for _, m in _pins(path, existing)]
    ours = _pins(path, rendered)
    names = [image_name(m["ref"]) for m in theirs]
    if not theirs or names != [image_name(m["ref"]) for _, m in ours]:
        return rendered  # another set of images: the render's own pins apply
    lines = rendered.split("\n")
    for (index, match), their in zip(ours, theirs, strict=True):
        comment = _COMMENT.search(their["tail"])
        tail = _COMMENT.sub("", match["tail"]) + (comment.group(0) if comment else "")
        lines[index] = f"{match['head']}{their['ref']}{tail}"
    return "\n".join(lines)
