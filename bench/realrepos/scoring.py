"""Kind-level scoring: for each (repository, slug) the audit reported it or not, the label
says present or not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from realrepos.audit_run import RepoResult
from realrepos.labels import SLUGS

TARGET_RECALL = 0.9
TARGET_PRECISION = 0.9
# Kinds whose evidence names where the defect is; for these a kind-level true positive whose
# evidence shares no file with the label's is listed as "right kind, other place". The others
# report an absence (no Dockerfile, no CI, ...) and have no place to compare.
ABSENCE_KINDS = frozenset(
    {"no-container-image", "no-local-orchestration", "no-ci", "no-health-endpoint", "no-metrics"}
)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None


def fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


@dataclass(frozen=True)
class Miss:
    repo: str
    slug: str
    severity: str
    evidence: tuple[str, ...]
    why: str


def _files(evidence: Iterable[str]) -> set[str]:
    """The file part of 'path:line ...' evidence strings."""
    out: set[str] = set()
    for item in evidence:
        head = item.split(" ", 1)[0]
        path = head.rsplit(":", 1)[0] if ":" in head else head
        if path and path != "-":
            out.add(path.removeprefix("./"))
    return out


@dataclass(frozen=True)
class Elsewhere:
    repo: str
    slug: str
    audit: tuple[str, ...]
    label: tuple[str, ...]


def score(
    results: Iterable[RepoResult],
) -> tuple[dict[str, Counts], list[Miss], list[Miss], list[Elsewhere]]:
    per_slug = {slug: Counts() for slug in SLUGS}
    fps: list[Miss] = []
    fns: list[Miss] = []
    elsewhere: list[Elsewhere] = []
    for result in results:
        if result.error is not None:
            continue
        for slug in SLUGS:
            label = result.labels.labels[slug]
            got = result.reported.get(slug)
            counts = per_slug[slug]
            if label.present and got:
                counts.tp += 1
                if slug not in ABSENCE_KINDS and not (
                    _files(got.evidence) & _files(label.evidence)
                ):
                    elsewhere.append(
                        Elsewhere(result.labels.repo, slug, tuple(got.evidence), label.evidence)
                    )
            elif label.present:
                counts.fn += 1
                fns.append(Miss(result.labels.repo, slug, "", label.evidence, label.why))
            elif got:
                counts.fp += 1
                fps.append(
                    Miss(result.labels.repo, slug, got.severity, tuple(got.evidence), label.why)
                )
            else:
                counts.tn += 1
    return per_slug, fps, fns, elsewhere


def total(per_slug: dict[str, Counts]) -> Counts:
    out = Counts()
    for c in per_slug.values():
        out.tp += c.tp
        out.fp += c.fp
        out.fn += c.fn
        out.tn += c.tn
    return out


def by_set(results: list[RepoResult]) -> dict[str, tuple[int, Counts]]:
    """Totals for the tuning set and the held-out set: (repositories audited, counts)."""
    out: dict[str, tuple[int, Counts]] = {}
    for name, held_out in (("tuning", False), ("held out", True)):
        subset = [r for r in results if r.error is None and r.labels.held_out is held_out]
        if subset:
            out[name] = (len(subset), total(score(subset)[0]))
    return out
