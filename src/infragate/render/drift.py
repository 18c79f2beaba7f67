"""Drift: where the repository, or the deployed infrastructure, differs from the baseline.

Files: every file the baseline renders must be there, stamped by this baseline and
unedited; every other infrastructure file (Terraform, Dockerfiles, compose files, CI
workflows, shell scripts) is drift too, because no baseline produced it.
State: given a Terraform state, the resources the baseline sizes must match it (type,
size, Multi-AZ, storage, retention), and every managed resource must be one the rendered
Terraform declares.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from infragate.audit.repo import Repo
from infragate.audit.walker import walk
from infragate.errors import UsageError
from infragate.render import hcl, source, stamp, tfstate
from infragate.render.context import ENVS_DIR, Baseline, Component, Environment
from infragate.render.engine import render
from infragate.render.output import Action, classify, is_backup, read_existing
from infragate.render.tfstate import Resource


class Kind(StrEnum):
    edited = "edited"
    missing = "missing"
    stale = "stale"
    outdated = "outdated"
    unstamped = "unstamped"
    unknown_file = "unknown-file"
    unverified = "baseline-unverified"
    resource_changed = "resource-changed"
    resource_unknown = "resource-unknown"
    resource_missing = "resource-missing"


# What each kind means and what a person does about it (reports and SARIF rules).
KINDS: dict[Kind, tuple[str, str]] = {
    Kind.edited: (
        "A rendered file was edited by hand",
        "Put the change into the brief and propose it ('infragate change propose'), then "
        "re-render; or discard the edit with 'infragate render --force' (keeps a backup).",
    ),
    Kind.missing: (
        "A file the baseline renders is missing",
        "Run 'infragate render' to write it again.",
    ),
    Kind.stale: (
        "A file was rendered by another baseline",
        "Run 'infragate render' for the current baseline; delete files it no longer renders.",
    ),
    Kind.outdated: (
        "A rendered file differs from what this baseline renders now",
        "infragate's templates changed since it was rendered; run 'infragate render'.",
    ),
    Kind.unstamped: (
        "A file the baseline renders exists but was not written by infragate",
        "Review it, then replace it with 'infragate render --force' (keeps a backup).",
    ),
    Kind.unknown_file: (
        "An infrastructure file no baseline produced",
        "Delete it, or bring what it does into the brief so that the baseline renders it.",
    ),
    Kind.unverified: (
        "The baseline lock file does not verify",
        "Run 'infragate verify' and fix what it reports before trusting any comparison.",
    ),
    Kind.resource_changed: (
        "A deployed resource differs from the baseline",
        "Re-apply the rendered Terraform, or propose the change ('infragate change propose').",
    ),
    Kind.resource_unknown: (
        "A deployed resource that the rendered Terraform does not declare",
        "Import it into the baseline through a change request, or remove it.",
    ),
    Kind.resource_missing: (
        "A resource the baseline sizes is not in the state",
        "Apply the rendered Terraform of this environment.",
    ),
}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    path: str  # a file of the repository, or the state file for resources
    message: str
    line: int | None = None
    address: str | None = None

    @property
    def title(self) -> str:
        return KINDS[self.kind][0]

    @property
    def fix(self) -> str:
        return KINDS[self.kind][1]


@dataclass(frozen=True)
class Report:
    project: str
    version: int
    sha256: str
    root: str
    files_checked: int
    state: str | None = None
    environment: str | None = None
    resources_checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def drifted(self) -> bool:
        return bool(self.findings)


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


def declared(files: Mapping[str, str], env: str) -> set[tuple[str, str, str]]:
    """(module, type, name) of every managed resource the environment's root declares."""
    texts: dict[str, list[str]] = {}
    for path, text in files.items():
        if path.endswith(".tf"):
            texts.setdefault(posixpath.dirname(path), []).append(stamp.read(text)[1])
    parsed: dict[str, list[dict[str, Any]]] = {}  # a folder is parsed once, when reached
    out: set[tuple[str, str, str]] = set()

    def visit(directory: str, module: str, depth: int) -> None:
        if directory not in parsed:
            parsed[directory] = [hcl.parse(t) for t in texts.get(directory, [])]
        for doc in parsed[directory]:
            for labels, _ in hcl.blocks(doc, "resource"):
                out.add((module, labels[0], labels[1]))
            for labels, body in hcl.blocks(doc, "module"):
                source = str(hcl.unquote(body.get("source", "")))
                if source.startswith(".") and depth < 5:
                    child = posixpath.normpath(posixpath.join(directory, source))
                    visit(child, f"{module}.{labels[0]}" if module else labels[0], depth + 1)

    visit(f"{ENVS_DIR}/{env}", "", 0)
    return out


@dataclass(frozen=True)
class _Expect:
    module: str
    type: str
    attributes: dict[str, Any]  # attribute -> expected value
    name: str | None = None  # one resource of the type (the module has others), or all


def _expectations(env: Environment) -> list[_Expect]:
    out = []
    for c in env.components:
        out.extend(_expect(env, c))
    return out


def _expect(env: Environment, c: Component) -> list[_Expect]:
    if c.kind in ("postgres", "mysql"):
        attrs: dict[str, Any] = {"instance_class": c.size, "multi_az": c.multi_az}
        if c.storage_gb is not None:
            attrs["allocated_storage"] = c.storage_gb
        if "backup_retention_days" in c.settings:
            attrs["backup_retention_period"] = int(c.settings["backup_retention_days"])
        expected = [_Expect(c.id, "aws_db_instance", attrs, "this")]
        if "read_replicas" in c.settings:
            expected.append(_Expect(c.id, "aws_db_instance", {"instance_class": c.size}, "replica"))
        return expected
    if c.kind == "redis":
        return [
            _Expect(
                c.id,
                "aws_elasticache_replication_group",
                {"node_type": c.size, "num_cache_clusters": c.count},
            )
        ]
    if c.kind == "container_service":
        found = [
            _Expect(
                c.id,
                "aws_ecs_task_definition",
                {"cpu": str(c.cpu_units), "memory": str(c.memory_mib)},
            )
        ]
        if "autoscaling" in c.settings:  # the running count moves between these
            bounds = {"min_capacity": int(c.settings["min_tasks"])}
            bounds["max_capacity"] = int(c.settings["max_tasks"])
            found.append(_Expect(c.id, "aws_appautoscaling_target", bounds))
        elif env.schedule == "always_on":  # scheduled scaling moves desired_count elsewhere
            found.append(_Expect(c.id, "aws_ecs_service", {"desired_count": c.count}))
        return found
    if c.kind == "vm":
        return [_Expect(c.id, "aws_instance", {"instance_type": c.size})]
    if c.kind == "nat_gateway":
        return [_Expect("network", "aws_nat_gateway", {})]
    return []


def _same(want: Any, got: Any) -> bool:
    if isinstance(want, bool) or isinstance(got, bool):
        return bool(want) == bool(got)
    return str(want) == str(got)


def state_environment(resources: Iterable[Resource]) -> set[str]:
    return {env for r in resources if (env := r.tag("environment"))}


def check_state(
    state_path: str, resources: list[Resource], env: Environment, files: Mapping[str, str]
) -> list[Finding]:
    findings: list[Finding] = []
    known = declared(files, env.name)
    by_key: dict[tuple[str, str], list[Resource]] = {}
    for r in resources:
        by_key.setdefault((r.module, r.type), []).append(r)
        if (r.module, r.type, r.name) not in known:
            findings.append(
                Finding(
                    Kind.resource_unknown,
                    state_path,
                    f"{r.address} ({r.type}) is in the state but not in the rendered "
                    f"Terraform of {env.name}",
                    address=r.address,
                )
            )
    for want in _expectations(env):
        found = by_key.get((want.module, want.type), [])
        if want.name is not None:
            found = [r for r in found if r.name == want.name]
        named = want.name not in (None, "this")  # the module's main resource goes unnamed
        where = f"module.{want.module}.{want.type}" + (f".{want.name}" if named else "")
        if not found:
            findings.append(
                Finding(
                    Kind.resource_missing,
                    state_path,
                    f"{where}: the baseline has this resource in {env.name}; the state has none",
                    address=where,
                )
            )
            continue
        for r in found:
            diffs = [
                f"{attr} is {r.attributes.get(attr)!r}, the baseline says {value!r}"
                for attr, value in want.attributes.items()
                if not _same(value, r.attributes.get(attr))
            ]
            if diffs:
                findings.append(
                    Finding(
                        Kind.resource_changed,
                        state_path,
                        f"{r.address}: " + "; ".join(diffs),
                        address=r.address,
                    )
                )
    return findings


# the whole comparison ------------------------------------------------------------------


def _pick_environment(
    baseline: Baseline, resources: list[Resource], asked: str | None, state_path: Path
) -> Environment:
    names = [e.name for e in baseline.environments]
    if asked is not None:
        if asked not in names:
            raise UsageError(
                f"--environment {asked}: baseline v{baseline.version} has {', '.join(names)}"
            )
        return baseline.environment(asked)
    tagged = state_environment(resources)
    if len(tagged) == 1 and next(iter(tagged)) in names:
        return baseline.environment(next(iter(tagged)))
    if len(names) == 1:
        return baseline.environments[0]
    seen = ", ".join(sorted(tagged)) or "none"
    raise UsageError(
        f"{state_path}: cannot tell which environment this state belongs to (environment "
        f"tags found: {seen}); pass --environment with one of {', '.join(names)}"
    )


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
    env = _pick_environment(baseline, resources, environment, state_path)
    findings.extend(check_state(str(state_path), resources, env, expected))
    return replace(
        report,
        state=str(state_path),
        environment=env.name,
        resources_checked=len(resources),
        findings=findings,
    )
