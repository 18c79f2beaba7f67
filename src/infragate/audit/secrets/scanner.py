"""One pass over the repository's text files: every detector, the file's place, one finding
per line (the most specific detector wins), low-confidence candidates dropped."""

from __future__ import annotations

from collections.abc import Iterator
import posixpath
import re
from dataclasses import dataclass, replace

from infragate.audit.repo import Repo
from infragate.audit.secrets import assignments, lines
from infragate.audit.secrets.formats import DOCUMENTED_EXAMPLE, FORMATS
from infragate.audit.secrets.kubernetes import entry_lines, secret_entries
from infragate.audit.secrets.places import PROD_WORD, Place, place_of

CONFIDENCE = ("low", "medium", "high")
FROM_ENVIRONMENT = re.compile(r"^\s*SECRET_KEY\s*=.*(?:environ|getenv|env\()", re.M)
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


def _formats(path: str, text: str, repo: Repo) -> Iterator[Candidate]:
    for fmt in FORMATS:
        if not any(n in text for n in fmt.needles):
            continue
        for number, match in repo.grep(path, fmt.pattern):
            token = match.group(0)
            if DOCUMENTED_EXAMPLE.search(token) or not fmt.valid(token):
                continue
            level = "low" if fmt.public_when and fmt.public_when.search(match.string) else "high"
            yield Candidate(path, number, fmt.detector, fmt.kind, level, *match.span())


def _line_detectors(path: str, text: str, place: Place, rows: list[str]) -> Iterator[Candidate]:
    if KEY_NEEDLE in text:
        for index, row in enumerate(rows):
            if KEY_NEEDLE in row:
                hit = lines.private_key(rows, index)
                if hit:
                    yield Candidate(path, index + 1, hit.detector, hit.kind, hit.confidence, hit.start, hit.end)  # fmt: skip
    for needles, detect in ((URL_NEEDLES, lines.url_credential), (FRAMEWORK_NEEDLES, lines.framework_secret)):  # fmt: skip
        if not any(n in text for n in needles):
            continue
        for index, row in enumerate(rows):
            if any(n in row for n in needles):
                found = detect(row, place)
                if found:
                    yield Candidate(path, index + 1, found.detector, found.kind, found.confidence, found.start, found.end)  # fmt: skip


def _assignments(repo: Repo, path: str, place: Place) -> Iterator[Candidate]:
    text, rows = repo.text(path), repo.lines(path)
    judged_elsewhere = entry_lines(repo, path) if path.endswith((".yml", ".yaml")) else set()
    for index in assignments.iter_candidate_lines(text.lower()):
        found = assignments.find(path, rows, index, place)
        if found and found[0] + 1 not in judged_elsewhere:
            at, hit = found
            yield Candidate(path, at + 1, "secret-assignment", f"{hit.key} assigned a literal value",
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
    rows = repo.lines(path)
    found = [*_formats(path, text, repo), *_line_detectors(path, text, place, rows)]
    found += [*_kubernetes(repo, path, place), *_assignments(repo, path, place)]
    return [_overridden(repo, c) if c.key == "SECRET_KEY" else c for c in found]


def _overridden(repo: Repo, found: Candidate) -> Candidate:
    """A Django settings module whose production sibling reads SECRET_KEY from the
    environment: production never reads this literal (settings/base.py beside production.py)."""
    folder = posixpath.dirname(found.file)
    for sibling in repo.texts:
        if posixpath.dirname(sibling) != folder or not sibling.endswith(".py"):
            continue
        if PROD_WORD.search(posixpath.basename(sibling)) and FROM_ENVIRONMENT.search(
            repo.text(sibling)
        ):
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
