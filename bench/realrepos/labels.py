"""The label files: one per repository, pinned to a commit, a label for every slug."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

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
        "express",  # held-out set: Express + TypeScript
    }
)
REQUIRED_KEYS = ("repo", "commit", "stack", "control", "labelled_by", "labelled_on", "labels")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")


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
    # Labelled from the repository before any audit run and kept out of rule fixing: the
    # blind part of the corpus, reported on its own.
    labels: dict[str, Label]
    held_out: bool = False

    @property
    def key(self) -> str:
        return self.repo.replace("/", "__")


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
    held_out = data.get("held_out", False)
    if not isinstance(held_out, bool):
        raise LabelError(f"{path}: held_out: expected true or false, got {held_out!r}")
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
        path=path,
        repo=repo,
        commit=commit,
        stack=stack,
        control=control,
        labels=labels,
        held_out=held_out,
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
