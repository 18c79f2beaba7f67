"""Drift: where the repository, or the deployed infrastructure, differs from the baseline.

Files: every file the baseline renders must be there, stamped by this baseline and
unedited; every other infrastructure file (Terraform, Dockerfiles, compose files, CI
workflows, shell scripts) is drift too, because no baseline produced it.
State: given a Terraform state, what drift_state.py checks.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from infragate.audit.repo import Repo
from infragate.audit.walker import walk
from infragate.render import source, stamp, tfstate
from infragate.render.context import Baseline
from infragate.render.drift_findings import Finding, Kind, Report
from infragate.render.drift_state import check_state, pick_environment
from infragate.render.engine import render
from infragate.render.output import Action, classify, is_backup, read_existing

# files ---------------------------------------------------------------------------------


def _first_changed_line(expected: str, actual: str) -> int | None:
    """The line of the file `actual` (a stamped file) where it first departs from `expected`."""
    _, want = stamp.read(expected)
    _, have = stamp.read(actual)
    stamp_line = stamp.line_number(actual)
    matcher = difflib.SequenceMatcher(None, want.splitlines(), have.splitlines(), autojunk=False)
    for tag, _i1, _i2, j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            line = j1 + 1  # in the file without its stamp line
            return line if line < stamp_line else line + 1
    return None


def _infrastructure_files(repo: Repo) -> set[str]:
    found = {
        *repo.terraform(),
        *repo.dockerfiles(),
        *repo.compose_files(),
        *repo.ci_files(),
        *repo.shell_scripts(),
        *repo.named(".dockerignore", ".env.example"),
    }
    return {p for p in found if not is_backup(p)}


def _file_finding(
    path: str, action: Action, actual: str | None, want: str, baseline: Baseline
) -> Finding:
    """What `render` would do to a rendered file (output.classify), said as drift."""
    here = baseline.ref
    if actual is None:
        return Finding(Kind.missing, path, f"rendered by {here} but not in the repository")
    if action is Action.edited:
        return Finding(
            Kind.edited,
            path,
            "changed after 'infragate render' (its content no longer matches the hash in its "
            "stamp)",
            _first_changed_line(want, actual),
        )
    found, _ = stamp.read(actual)
    if found is None:
        return Finding(Kind.unstamped, path, f"carries no infragate stamp; {here} renders it", 1)
    if found.baseline_sha256 != baseline.sha256:  # another baseline, or another project's
        return Finding(
            Kind.stale,
            path,
            f"stamped by {found.project}/v{found.version} ({found.baseline_sha256[:12]}), "
            f"not by {here} ({baseline.sha256[:12]})",
            1,
        )
    return Finding(
        Kind.outdated,
        path,
        f"stamped by {here} but differs from what it renders now",
        _first_changed_line(want, actual),
    )


def check_files(
    root: Path, baseline: Baseline, expected: Mapping[str, str], exclude: Sequence[str] = ()
) -> tuple[int, list[Finding]]:
    findings: list[Finding] = []
    here = baseline.ref
    # Rendered files are read where they must be, whatever .gitignore or --exclude say;
    # the walk below only looks for infrastructure files nobody rendered.
    for path, want in expected.items():
        actual = read_existing(root / path)
        action = classify(path, actual, want, baseline.project)
        if action is not Action.unchanged:
            findings.append(_file_finding(path, action, actual, want, baseline))
    missing = [f for f in findings if f.kind is Kind.missing]
    unstamped = [f for f in findings if f.kind is Kind.unstamped]
    if len(missing) > 1 and len(missing) + len(unstamped) == len(expected):
        # No rendered file is here at all: one finding for the missing ones, not one each.
        findings = [
            Finding(
                Kind.missing,
                ".",
                f"{len(missing)} of the {len(expected)} files {here} renders are not in the "
                "repository and none is stamped: the baseline was never rendered here",
            ),
            *unstamped,
        ]
    walked = walk(root, exclude=exclude)
    repo = Repo(texts=walked.texts, paths=frozenset(walked.paths), dirs=frozenset(walked.dirs))
    for path in sorted(_infrastructure_files(repo) - set(expected)):
        found, _ = stamp.read(repo.texts.get(path, ""))
        if found is not None:
            findings.append(
                Finding(
                    Kind.stale,
                    path,
                    f"rendered by {found.project}/v{found.version}; {here} no longer renders it",
                    1,
                )
            )
        else:
            findings.append(Finding(Kind.unknown_file, path, "no baseline produced this file"))
    return len(expected), findings


# state ---------------------------------------------------------------------------------


# the whole comparison ------------------------------------------------------------------


def compare(
    root: Path,
    lock_path: Path,
    brief_path: Path,
    today: date,
    state_path: Path | None = None,
    environment: str | None = None,
    exclude: Sequence[str] = (),
) -> Report:
    """`exclude`: gitignore-style patterns of files that are not infrastructure drift
    (developer scripts, test fixtures)."""
    lock = source.read(lock_path, brief_path, today, "no baseline to compare with")
    rel_lock = posixpath.relpath(lock_path.resolve(), root.resolve())
    findings = [Finding(Kind.unverified, rel_lock, f"{c.name}: {c.detail}") for c in lock.failed]
    if not lock.intact:
        # A forged or damaged baseline says nothing about what the repository should hold.
        version = lock.document.get("version")
        return Report(
            str(lock.document.get("project", "?")),
            version if isinstance(version, int) else 0,
            lock.sha256,
            str(root),
            0,
            findings=findings,
        )
    baseline, sha = lock.baseline(), lock.sha256
    expected = render(baseline)
    checked, file_findings = check_files(root, baseline, expected, exclude)
    findings.extend(file_findings)
    report = Report(baseline.project, baseline.version, sha, str(root), checked)
    if state_path is None:
        return replace(report, findings=findings)
    resources = tfstate.read(state_path)
    env = pick_environment(baseline, resources, environment, state_path)
    findings.extend(check_state(str(state_path), resources, env, expected))
    return replace(
        report,
        state=str(state_path),
        environment=env.name,
        resources_checked=len(resources),
        findings=findings,
    )
