"""Recall and precision of `infragate audit` on hand-labelled real repositories (issue 10).

    .venv/bin/python bench/real_repos.py [--only OWNER/NAME ...] [--rebuild] [--json FILE]
                                         [--labels DIR] [--mirrors DIR] [--cli PATH]

The corpus is bench/real_repos/<owner>__<name>.yaml: one file per public repository, pinned
to a commit, with a label for every audit slug below (present or absent, file:line evidence
when present, and why). The labels were written by reading each repository (tree,
Dockerfiles, compose files, workflows, scripts, settings, docs) BEFORE looking at the audit's
output, judged as an infrastructure auditor would with issue 10's classes as the definition of
right; a label changed after the audit disagreed says why in its `notes`. Controls
(`control: true`) are mature, well-kept projects.

The repositories themselves are never committed. They come from the mirrors that the search
tool's `fetch github:owner/name` writes under /work/.mirror/<owner>+<name>/ (a bare git
directory somewhere below it). Each one is materialised at its pinned commit with
`git archive` into build/real_repos/<owner>__<name>/ (reused while the marker
build/real_repos/<owner>__<name>.commit names the same commit; --rebuild re-extracts; a
snapshot with missing objects is extracted blob by blob and says how many were missing). A
repo whose mirror is missing is listed, skipped and counted as skipped in the totals; an audit
that crashes is listed and its repo left out of the figures.

For each repository the script runs `infragate audit DIR --format json --fail-on never`,
keeps the findings whose slug is one of SLUGS (linter findings such as shellcheck's are
ignored), and compares kinds, not instances: for each (repo, slug) the audit reported it or
not, the label says present or not. It prints per-slug and total recall and precision, every
false positive (with the audit's evidence) and false negative (with the label's evidence),
the true positives whose evidence shares no file with the label's ("right kind, other
place": e.g. a placeholder flagged while the real secret elsewhere was missed), and for each
control its critical findings (and whether the label agrees) and the exit code of
`infragate audit --fail-on high`.

Targets (issue 10): recall >= 0.9, precision >= 0.9, and no critical finding on a control
that its maintainers would reject. A report, not a test: exits 0, or 2 on bad label files
or bad usage.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
LABELS_DIR = ROOT / "bench" / "real_repos"
BUILD_DIR = ROOT / "build" / "real_repos"
MIRRORS_DIR = Path("/work/.mirror")
DEFAULT_CLI = ROOT / ".venv" / "bin" / "infragate"
AUDIT_TIMEOUT_S = 600

SLUGS: tuple[str, ...] = (
    "no-container-image",
    "no-local-orchestration",
    "sqlite-in-production",
    "no-ci",
    "ci-without-cd",
    "manual-deploy",
    "ci-sleep-wait",
    "local-file-logging",
    "no-health-endpoint",
    "no-backup",
    "no-metrics",
    "script-syntax-error",
    "script-unguarded-exit",
    "script-destructive-step",
    "script-requires-root",
    "missing-file-reference",
    "undefined-variable",
    "conflicting-workflows",
    "conflicting-docs",
    "mixed-iac-tools",
    "untagged-resources",
    "secret-in-repository",
    "env-file-committed",
    "shallow-health-check",
)
STACKS = frozenset(
    {
        "django",
        "rails",
        "laravel",
        "spring",
        "go",
        "nextjs-prisma",
        "nestjs",
        "fastapi",
        "serverless-terraform",
    }
)
REQUIRED_KEYS = ("repo", "commit", "stack", "control", "labelled_by", "labelled_on", "labels")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
TARGET_RECALL = 0.9
TARGET_PRECISION = 0.9
# Kinds whose evidence names where the defect is; for these a kind-level true positive whose
# evidence shares no file with the label's is listed as "right kind, other place". The others
# report an absence (no Dockerfile, no CI, ...) and have no place to compare.
ABSENCE_KINDS = frozenset(
    {"no-container-image", "no-local-orchestration", "no-ci", "no-health-endpoint", "no-metrics"}
)


class LabelError(Exception):
    """A label file that does not follow the format; the message names the file."""


@dataclass(frozen=True)
class Label:
    present: bool
    evidence: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class RepoLabels:
    path: Path
    repo: str
    commit: str
    stack: str
    control: bool
    labels: dict[str, Label]

    @property
    def key(self) -> str:
        return self.repo.replace("/", "__")


@dataclass
class Reported:
    """What the audit said about one slug in one repository."""

    severity: str
    decisions: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)


@dataclass
class RepoResult:
    labels: RepoLabels
    reported: dict[str, Reported] = field(default_factory=dict)
    error: str | None = None
    fail_on_high_rc: int | None = None
    files_scanned: int = 0


# --- labels ---------------------------------------------------------------------------


def _label(path: Path, slug: str, raw: object) -> Label:
    where = f"{path}: labels.{slug}"
    if not isinstance(raw, dict):
        raise LabelError(f"{where}: expected a mapping with present/evidence/why")
    present = raw.get("present")
    if not isinstance(present, bool):
        raise LabelError(f"{where}.present: expected true or false, got {present!r}")
    evidence_raw = raw.get("evidence", [])
    if evidence_raw is None:
        evidence_raw = []
    if not isinstance(evidence_raw, list) or not all(isinstance(e, str) for e in evidence_raw):
        raise LabelError(f"{where}.evidence: expected a list of 'path:line' strings")
    if present and not evidence_raw:
        raise LabelError(f"{where}.evidence: a present label needs file:line evidence")
    why = raw.get("why")
    if not isinstance(why, str) or not why.strip():
        raise LabelError(f"{where}.why: a short reason is required")
    return Label(present=present, evidence=tuple(evidence_raw), why=why)


def load_label_file(path: Path) -> RepoLabels:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LabelError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise LabelError(f"{path}: expected a mapping at the top level")
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise LabelError(f"{path}: missing keys: {', '.join(missing)}")
    repo, commit, stack, control = data["repo"], data["commit"], data["stack"], data["control"]
    if not isinstance(repo, str) or not REPO_RE.match(repo):
        raise LabelError(f"{path}: repo: expected 'owner/name', got {repo!r}")
    if path.name != f"{repo.replace('/', '__')}.yaml":
        raise LabelError(f"{path}: file name must be {repo.replace('/', '__')}.yaml")
    if not isinstance(commit, str) or not COMMIT_RE.match(commit):
        raise LabelError(f"{path}: commit: expected 40 lowercase hex digits, got {commit!r}")
    if stack not in STACKS:
        raise LabelError(f"{path}: stack: {stack!r} is not one of {', '.join(sorted(STACKS))}")
    if not isinstance(control, bool):
        raise LabelError(f"{path}: control: expected true or false, got {control!r}")
    raw_labels = data["labels"]
    if not isinstance(raw_labels, dict):
        raise LabelError(f"{path}: labels: expected a mapping of slug -> label")
    absent = [s for s in SLUGS if s not in raw_labels]
    if absent:
        raise LabelError(f"{path}: labels: missing slugs: {', '.join(absent)}")
    unknown = sorted(str(s) for s in raw_labels if s not in SLUGS)
    if unknown:
        raise LabelError(f"{path}: labels: unknown slugs: {', '.join(unknown)}")
    labels = {slug: _label(path, slug, raw_labels[slug]) for slug in SLUGS}
    return RepoLabels(
        path=path, repo=repo, commit=commit, stack=stack, control=control, labels=labels
    )


def load_labels(directory: Path) -> tuple[list[RepoLabels], list[str]]:
    corpus: list[RepoLabels] = []
    errors: list[str] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            corpus.append(load_label_file(path))
        except LabelError as exc:
            errors.append(str(exc))
    return corpus, errors


# --- mirrors and materialisation ------------------------------------------------------


def _is_git_dir(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir()


def find_git_dir(mirrors: Path, repo: str) -> Path | None:
    """The git directory under mirrors/<owner>+<name>/ (bare, or a .git a few levels down)."""
    base = mirrors / repo.replace("/", "+")
    if not base.is_dir():
        return None
    queue: list[tuple[Path, int]] = [(base, 0)]
    while queue:
        current, depth = queue.pop(0)
        if _is_git_dir(current):
            return current
        if depth >= 3:
            continue
        try:
            children = sorted(p for p in current.iterdir() if p.is_dir() and not p.is_symlink())
        except OSError:
            continue
        # a work tree's .git first, then everything else breadth-first
        children.sort(key=lambda p: p.name != ".git")
        queue.extend((child, depth + 1) for child in children)
    return None


def _git(
    git_dir: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


def _extract_archive(git_dir: Path, commit: str, dest: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tar_path = Path(tmp) / "tree.tar"
        proc = _git(git_dir, "archive", "--format=tar", "-o", str(tar_path), commit)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip())
        with tarfile.open(tar_path) as tar:
            tar.extractall(dest, filter="tar")


def _extract_blobwise(git_dir: Path, commit: str, dest: Path) -> list[str]:
    """Fallback for snapshots with missing objects: write every blob that is there."""
    listing = _git(git_dir, "ls-tree", "-r", "-z", "--full-tree", commit)
    if listing.returncode != 0:
        raise RuntimeError(listing.stderr.decode("utf-8", "replace").strip())
    entries: list[tuple[str, str, str]] = []
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind == "blob":
            entries.append((mode, sha, raw_path.decode("utf-8", "surrogateescape")))
    batch = _git(
        git_dir, "cat-file", "--batch", stdin="".join(f"{e[1]}\n" for e in entries).encode()
    )
    out = batch.stdout
    pos = 0
    missing: list[str] = []
    for mode, _sha, rel in entries:
        eol = out.index(b"\n", pos)
        header = out[pos:eol].decode()
        pos = eol + 1
        if header.endswith(" missing"):
            missing.append(rel)
            continue
        size = int(header.split()[2])
        content = out[pos : pos + size]
        pos += size + 1
        target = dest / rel
        if not target.resolve().is_relative_to(dest.resolve()):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            target.symlink_to(content.decode("utf-8", "surrogateescape"))
        else:
            target.write_bytes(content)
            if mode == "100755":
                target.chmod(0o755)
    return missing


def materialise(
    labels: RepoLabels, mirrors: Path, build: Path, rebuild: bool
) -> tuple[Path | None, str]:
    """(directory, note); directory is None when the repository cannot be had."""
    dest = build / labels.key
    marker = build / f"{labels.key}.commit"
    if (
        not rebuild
        and dest.is_dir()
        and marker.is_file()
        and marker.read_text(encoding="utf-8").strip() == labels.commit
    ):
        return dest, "cached"
    git_dir = find_git_dir(mirrors, labels.repo)
    if git_dir is None:
        return None, "mirror missing"
    if _git(git_dir, "cat-file", "-e", f"{labels.commit}^{{commit}}").returncode != 0:
        return None, f"commit {labels.commit[:12]} not in the mirror at {git_dir}"
    if dest.exists():
        shutil.rmtree(dest)
    marker.unlink(missing_ok=True)
    dest.mkdir(parents=True)
    note = "extracted"
    try:
        _extract_archive(git_dir, labels.commit, dest)
    except (RuntimeError, tarfile.TarError, OSError) as exc:
        shutil.rmtree(dest)
        dest.mkdir(parents=True)
        try:
            missing = _extract_blobwise(git_dir, labels.commit, dest)
        except (RuntimeError, ValueError, OSError) as inner:
            shutil.rmtree(dest, ignore_errors=True)
            return None, f"cannot extract: {exc}; {inner}"
        note = f"extracted blob by blob ({len(missing)} missing objects in the snapshot)"
    marker.write_text(labels.commit + "\n", encoding="utf-8")
    return dest, note


# --- the audit ------------------------------------------------------------------------

SEVERITY_ORDER = ("info", "low", "medium", "high", "critical")


def _rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else -1


def run_audit(cli: Path, directory: Path, fail_on: str) -> tuple[int, dict[str, Any] | None, str]:
    try:
        proc = subprocess.run(
            [str(cli), "audit", str(directory), "--format", "json", "--fail-on", fail_on],
            capture_output=True,
            text=True,
            timeout=AUDIT_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return -1, None, f"timed out after {AUDIT_TIMEOUT_S} s"
    if proc.returncode not in (0, 1):
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return proc.returncode, None, f"exit {proc.returncode}: {' | '.join(tail)}"
    try:
        return proc.returncode, json.loads(proc.stdout), ""
    except json.JSONDecodeError as exc:
        return proc.returncode, None, f"output is not JSON: {exc}"


def reported_slugs(report: dict[str, Any]) -> dict[str, Reported]:
    found: dict[str, Reported] = {}
    for finding in report.get("findings", []):
        slug = finding.get("slug")
        if slug not in SLUGS:
            continue
        severity = str(finding.get("severity", ""))
        entry = found.setdefault(slug, Reported(severity=severity))
        if _rank(severity) > _rank(entry.severity):
            entry.severity = severity
        decision = (finding.get("judgement") or {}).get("decision")
        if decision:
            entry.decisions.add(str(decision))
        where = f"{finding.get('file')}:{finding.get('line')}" if finding.get("file") else "-"
        text = str(finding.get("evidence") or "").replace("\n", " ")
        entry.evidence.append(f"{where} {text}".strip())
    return found


# --- scoring --------------------------------------------------------------------------


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


def _fmt(value: float | None) -> str:
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


# --- report ---------------------------------------------------------------------------


def _short(items: Sequence[str], limit: int = 3, width: int = 160) -> str:
    shown = [i if len(i) <= width else i[: width - 1] + "…" for i in items[:limit]]
    more = f" (+{len(items) - limit} more)" if len(items) > limit else ""
    return "; ".join(shown) + more


def print_report(
    results: list[RepoResult],
    skipped: list[tuple[RepoLabels, str]],
    per_slug: dict[str, Counts],
    fps: list[Miss],
    fns: list[Miss],
    elsewhere: list[Elsewhere],
) -> None:
    audited = [r for r in results if r.error is None]
    failed = [r for r in results if r.error is not None]
    print(
        f"Corpus: {len(results) + len(skipped)} repositories; audited {len(audited)}, "
        f"skipped {len(skipped)} (no mirror or no commit), audit failed on {len(failed)}"
    )
    for labels, why in skipped:
        print(
            f"  skipped {labels.repo}: {why}; bring it in with the search tool's "
            f"`fetch github:{labels.repo}`"
        )
    for r in failed:
        print(f"  audit failed on {r.labels.repo}: {r.error}")
    for r in audited:
        kind = "control" if r.labels.control else "app"
        print(
            f"  {r.labels.repo:<45} {r.labels.stack:<20} {kind:<8} {r.labels.commit[:12]} "
            f"{r.files_scanned} files"
        )

    print("\nPer slug (kind level: one (repo, slug) pair counts once)")
    print(f"  {'slug':<26} {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3}  recall  precision")
    for slug in SLUGS:
        c = per_slug[slug]
        print(
            f"  {slug:<26} {c.tp:>3} {c.fp:>3} {c.fn:>3} {c.tn:>3}  "
            f"{_fmt(c.recall):>6}  {_fmt(c.precision):>9}"
        )
    t = total(per_slug)
    print(
        f"  {'TOTAL':<26} {t.tp:>3} {t.fp:>3} {t.fn:>3} {t.tn:>3}  "
        f"{_fmt(t.recall):>6}  {_fmt(t.precision):>9}"
    )
    ok_r = t.recall is not None and t.recall >= TARGET_RECALL
    ok_p = t.precision is not None and t.precision >= TARGET_PRECISION
    print(
        f"  targets: recall >= {TARGET_RECALL} {'met' if ok_r else 'NOT met'}, "
        f"precision >= {TARGET_PRECISION} {'met' if ok_p else 'NOT met'}"
    )

    print(f"\nFalse positives ({len(fps)}): reported, labelled absent")
    for m in fps:
        print(f"  {m.repo}  {m.slug} [{m.severity}]: audit: {_short(m.evidence)}")
        print(f"      label: {m.why}")
    print(f"\nFalse negatives ({len(fns)}): labelled present, not reported")
    for m in fns:
        print(f"  {m.repo}  {m.slug}: label: {', '.join(m.evidence)} — {m.why}")

    print(
        f"\nRight kind, other place ({len(elsewhere)}): counted as true positives, but the "
        "audit's evidence shares no file with the label's"
    )
    for e in elsewhere:
        print(f"  {e.repo}  {e.slug}: audit: {_short(e.audit)}")
        print(f"      label: {', '.join(e.label)}")

    other_place = {(e.repo, e.slug) for e in elsewhere}
    controls = [r for r in audited if r.labels.control]
    print(f"\nControls ({len(controls)}): critical findings and `--fail-on high`")
    for r in controls:
        crit = {s: rep for s, rep in r.reported.items() if rep.severity == "critical"}
        print(
            f"  {r.labels.repo}: exit {r.fail_on_high_rc} with --fail-on high; "
            f"{len(crit)} critical kind(s)"
        )
        for slug, rep in sorted(crit.items()):
            if not r.labels.labels[slug].present:
                agrees = "label: ABSENT"
            elif (r.labels.repo, slug) in other_place:
                agrees = "label: present, but elsewhere"
            else:
                agrees = "label: present"
            print(
                f"    {slug} ({', '.join(sorted(rep.decisions)) or '-'}; {agrees}): "
                f"{_short(rep.evidence, 2)}"
            )


def figures(
    results: list[RepoResult],
    skipped: list[tuple[RepoLabels, str]],
    per_slug: dict[str, Counts],
    fps: list[Miss],
    fns: list[Miss],
    elsewhere: list[Elsewhere],
) -> dict[str, Any]:
    def counts(c: Counts) -> dict[str, Any]:
        return {
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
            "tn": c.tn,
            "recall": c.recall,
            "precision": c.precision,
        }

    def miss(m: Miss) -> dict[str, Any]:
        return {
            "repo": m.repo,
            "slug": m.slug,
            "severity": m.severity or None,
            "evidence": list(m.evidence),
            "label_why": m.why,
        }

    return {
        "targets": {"recall": TARGET_RECALL, "precision": TARGET_PRECISION},
        "total": counts(total(per_slug)),
        "per_slug": {slug: counts(c) for slug, c in per_slug.items()},
        "false_positives": [miss(m) for m in fps],
        "false_negatives": [miss(m) for m in fns],
        "right_kind_other_place": [
            {"repo": e.repo, "slug": e.slug, "audit": list(e.audit), "label": list(e.label)}
            for e in elsewhere
        ],
        "repos": [
            {
                "repo": r.labels.repo,
                "commit": r.labels.commit,
                "stack": r.labels.stack,
                "control": r.labels.control,
                "error": r.error,
                "files_scanned": r.files_scanned,
                "fail_on_high_exit": r.fail_on_high_rc,
                "reported": {
                    slug: {
                        "severity": rep.severity,
                        "decisions": sorted(rep.decisions),
                        "evidence": rep.evidence,
                        "label_present": r.labels.labels[slug].present,
                    }
                    for slug, rep in sorted(r.reported.items())
                },
            }
            for r in results
        ],
        "skipped": [{"repo": lab.repo, "reason": why} for lab, why in skipped],
    }


def audit_source() -> str:
    """Which infragate was measured: the checkout's commit, and whether src/ has changes."""
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if not head:
        return "unknown (not a git checkout)"
    return f"{head}{' with uncommitted changes in src/' if dirty else ''}"


# --- main -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="OWNER/NAME",
        help="restrict to these repositories (repeatable)",
    )
    parser.add_argument("--rebuild", action="store_true", help="re-extract every repository")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--labels", type=Path, default=LABELS_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--mirrors",
        type=Path,
        default=MIRRORS_DIR,
        help=f"where fetched mirrors live (default {MIRRORS_DIR})",
    )
    parser.add_argument("--build", type=Path, default=BUILD_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--cli",
        type=Path,
        default=DEFAULT_CLI,
        help="the infragate executable (default .venv/bin/infragate)",
    )
    args = parser.parse_args(argv)

    corpus, errors = load_labels(args.labels)
    if errors:
        for error in errors:
            print(f"bad label file: {error}", file=sys.stderr)
        return 2
    if not corpus:
        print(f"no label files in {args.labels}", file=sys.stderr)
        return 2
    if args.only:
        known = {c.repo for c in corpus}
        unknown = [o for o in args.only if o not in known]
        if unknown:
            print(f"--only: no label file for {', '.join(unknown)}", file=sys.stderr)
            return 2
        corpus = [c for c in corpus if c.repo in set(args.only)]
    if not args.cli.exists():
        print(f"{args.cli} not found: run `make demo` first", file=sys.stderr)
        return 2

    args.build.mkdir(parents=True, exist_ok=True)
    results: list[RepoResult] = []
    skipped: list[tuple[RepoLabels, str]] = []
    for labels in corpus:
        directory, note = materialise(labels, args.mirrors, args.build, args.rebuild)
        if directory is None:
            skipped.append((labels, note))
            continue
        print(f"auditing {labels.repo} ({note})", file=sys.stderr)
        result = RepoResult(labels=labels)
        _rc, report, error = run_audit(args.cli, directory, "never")
        if report is None:
            result.error = error
        else:
            result.reported = reported_slugs(report)
            result.files_scanned = int(report.get("files_scanned", 0))
            if labels.control:
                rc, _report, error = run_audit(args.cli, directory, "high")
                result.fail_on_high_rc = rc
                if error:
                    result.error = f"--fail-on high: {error}"
        results.append(result)

    per_slug, fps, fns, elsewhere = score(results)
    source = audit_source()
    print(f"infragate measured: {source}")
    print_report(results, skipped, per_slug, fps, fns, elsewhere)
    if args.json:
        data = figures(results, skipped, per_slug, fps, fns, elsewhere)
        data["infragate"] = source
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
