"""One pass over the repository's text files: every detector, the file's place, one finding
per line (the most specific detector wins), low-confidence candidates dropped."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from infragate.audit import lazyre
from infragate.audit.repo import Repo
from infragate.audit.secrets import assignments, lines
from infragate.audit.secrets.formats import DOCUMENTED_EXAMPLE, FORMATS
from infragate.audit.secrets.kubernetes import entry_lines, secret_entries
from infragate.audit.secrets.places import PROD_WORD, Place, place_of

CONFIDENCE = ("low", "medium", "high")
DJANGO_KEY = frozenset({"SECRET_KEY", "django-secret-key"})
FROM_ENVIRONMENT = lazyre.compile(r"^\s*SECRET_KEY\s*=.*(?:environ|getenv|env\()", re.M)
REPORTED = frozenset({"medium", "high"})
# Cheap substring tests that rule most files out before any regex runs.
URL_NEEDLES = ("://", "@tcp(", "@unix(")
KEY_NEEDLE = "PRIVATE KEY"
FRAMEWORK_NEEDLES = ("django-insecure-", "APP_KEY")


@dataclass(frozen=True)
class Candidate:
    file: str
    line: int  # 1-based
    detector: str
    kind: str
    confidence: str  # low | medium | high
    start: int  # the value's span within the line: for tests, never for output
    end: int
    key: str = ""  # the variable it is assigned to, when there is one

    @property
    def rank(self) -> tuple[bool, int, int]:
        # A token format's verdict (including "public by design") outranks a generic one.
        kind = self.detector.split("-")[0]
        return kind in FORMAT_KINDS, CONFIDENCE.index(self.confidence), -PRIORITY.index(kind)


# Most specific first: a token format says more than "a value under a secret name".
PRIORITY = ("aws", "github", "npm", "gitlab", "slack", "stripe", "google", "openai",
            "anthropic", "pypi", "sendgrid", "private", "django", "laravel", "kubernetes",
            "url", "secret")  # fmt: skip
FORMAT_KINDS = frozenset(PRIORITY[:11])


# Substring tests run at memory speed; one alternation regex over the same needles is slower.
ALL_NEEDLES = tuple(sorted({n for f in FORMATS for n in f.needles}))


def _formats(path: str, text: str, repo: Repo) -> Iterator[Candidate]:
    if not any(n in text for n in ALL_NEEDLES):
        return
    for fmt in FORMATS:
        if not any(n in text for n in fmt.needles):
            continue
        for number, match in repo.grep(path, fmt.pattern):
            token = match.group(0)
            if DOCUMENTED_EXAMPLE.search(token) or not fmt.valid(token):
                continue
            level = "low" if fmt.public_when and fmt.public_when.search(match.string) else "high"
            yield Candidate(path, number, fmt.detector, fmt.kind, level, *match.span())


def _lines_with(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """(1-based number, start offset) of each line that contains `needle`, once each."""
    number, counted, last = 1, 0, -1
    position = text.find(needle)
    while position != -1:
        start = text.rfind("\n", 0, position) + 1
        if start != last:
            number += text.count("\n", counted, start)
            counted, last = start, start
            yield number, start
        position = text.find(needle, position + len(needle))


def _line_detectors(repo: Repo, path: str, place: Place) -> Iterator[Candidate]:
    text = repo.text(path)
    if KEY_NEEDLE in text:
        rows = repo.lines(path)
        for number, _ in _lines_with(text, KEY_NEEDLE):
            hit = lines.private_key(rows, number - 1)
            if hit:
                yield Candidate(path, number, hit.detector, hit.kind, hit.confidence, hit.start, hit.end)  # fmt: skip
    # Every credential in a URL or a DSN has an '@'; most URLs have none.
    searches = [("@", lines.url_credential)] if "@" in text and any(n in text for n in URL_NEEDLES) else []  # fmt: skip
    searches += [(n, lines.framework_secret) for n in FRAMEWORK_NEEDLES if n in text]
    for needle, detect in searches:
        for number, start in _lines_with(text, needle):
            end = text.find("\n", start)
            found = detect(text[start:] if end == -1 else text[start:end], place)
            if found:
                yield Candidate(path, number, found.detector, found.kind, found.confidence, found.start, found.end)  # fmt: skip


def _assignments(repo: Repo, path: str, place: Place) -> Iterator[Candidate]:
    text = repo.text(path)
    judged_elsewhere: set[int] | None = None
    for start in assignments.candidate_line_starts(text):
        found = assignments.find(path, text, start, place)
        if found is None:
            continue
        at, hit = found
        line = text.count("\n", 0, at) + 1
        if judged_elsewhere is None:
            yaml_file = path.endswith((".yml", ".yaml"))
            judged_elsewhere = entry_lines(repo, path) if yaml_file else set()
        if line not in judged_elsewhere:
            yield Candidate(path, line, "secret-assignment", f"{hit.key} assigned a literal value",
                            hit.confidence, hit.start, hit.end, hit.key)  # fmt: skip


def _kubernetes(repo: Repo, path: str, place: Place) -> Iterator[Candidate]:
    if not path.endswith((".yml", ".yaml")):
        return
    for entry in secret_entries(repo, path, place):
        row = repo.lines(path)[entry.line - 1]
        start = row.find(entry.value)
        yield Candidate(path, entry.line, "kubernetes-secret", f"Kubernetes Secret value {entry.key}",
                        entry.confidence, start, start + len(entry.value), entry.key)  # fmt: skip


def candidates(repo: Repo, path: str) -> list[Candidate]:
    """Every candidate in one file, low confidence included, before deduplication."""
    place = place_of(path)
    if place is Place.ignored:
        return []
    text = repo.text(path)
    found = [*_formats(path, text, repo), *_line_detectors(repo, path, place)]
    found += [*_kubernetes(repo, path, place), *_assignments(repo, path, place)]
    return [_overridden(repo, c) if {c.key, c.detector} & DJANGO_KEY else c for c in found]


def _overridden(repo: Repo, found: Candidate) -> Candidate:
    """A Django settings module whose production sibling reads SECRET_KEY from the
    environment: production never reads this literal (settings/base.py beside production.py)."""
    folder = posixpath.dirname(found.file)
    for sibling in repo.glob(f"{folder}/*.py" if folder else "*.py"):
        name = posixpath.basename(sibling)
        if posixpath.dirname(sibling) != folder or not PROD_WORD.search(name):
            continue
        if FROM_ENVIRONMENT.search(repo.text(sibling)):
            return replace(found, confidence="low")
    return found


def scan(repo: Repo) -> list[Candidate]:
    """The reported secrets: medium or high confidence, the best candidate per line."""
    best: dict[tuple[str, int], Candidate] = {}
    for path in sorted(repo.texts):
        for candidate in candidates(repo, path):
            where = (candidate.file, candidate.line)
            if where not in best or candidate.rank > best[where].rank:
                best[where] = candidate
    return [c for _, c in sorted(best.items()) if c.confidence in REPORTED]
