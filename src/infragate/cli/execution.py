"""Execution from the frozen baseline: render and drift."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from infragate.cli.common import (
    BRIEF_DEFAULT,
    BriefArg,
    LockOpt,
    OutputOpt,
    SignersOpt,
    as_json,
    clock_for,
    emit,
    lock_path_for,
    make_console,
)
from infragate.report.safe_text import shown

OutDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--out", help="Folder to write into (default: the project root, the folder above infra/)."
    ),
]


def _project_root(lock_path: Path, out: Path | None) -> Path:
    """The folder above infra/, where the lock file lives; anything else needs --out."""
    from infragate.errors import UsageError

    if out is not None:
        return out
    folder = lock_path.absolute().parent  # a link is judged by where it is (lockfile.py)
    if folder.name != "infra":
        raise UsageError(
            f"cannot tell the project's root from {lock_path}: the lock file is not in an "
            "infra/ folder. Pass --out (render) or --root (drift) with the project's root."
        )
    return folder.parent


def render(
    brief: BriefArg = BRIEF_DEFAULT,
    lock: LockOpt = None,
    out: OutDirOpt = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Print a unified diff of what would change; exit 1 if render would refuse.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(help="Overwrite files edited by hand (each is kept as <name>.hand-edited)."),
    ] = False,
    allowed_signers: SignersOpt = None,
) -> None:
    """Render the infrastructure code of the frozen baseline (refused unless it verifies)."""
    from infragate.render import engine, journal, output, source, tfprice

    lock_path = lock_path_for(brief, lock)
    baseline = source.load(lock_path, brief, clock_for().today, allowed_signers)
    root = _project_root(lock_path, out)
    if dry_run:
        note = journal.pending(root)
        if note:
            make_console(stderr=True).print(f"note: {shown(note)}")
    else:
        recovered = journal.recover(root)
        if recovered:
            make_console(stderr=True).print(shown(recovered.describe()))
    files = engine.render(baseline)
    tfprice.check_cost_frame(files, baseline)
    changes = output.plan(root, files, baseline.project)
    counts = {a: sum(1 for c in changes if c.action is a) for a in output.Action}
    if dry_run:
        diff = output.diff(changes)
        sys.stdout.write(diff)
        conflicts = [c for c in changes if c.conflict]
        for c in conflicts:
            make_console(stderr=True).print(
                f"{shown(c.path)}: {shown(c.action)}; 'infragate render' refuses it without --force"
            )
        if not diff:
            make_console(stderr=True).print(f"nothing would change in {shown(root)}")
        if conflicts and not force:
            raise typer.Exit(1)  # what the real render would do: CI can gate on it
        return
    label = f"{baseline.project} v{baseline.version} ({baseline.sha256[:12]})"
    backups = output.apply(root, changes, force, label)
    console = make_console()
    changed = len(changes) - counts[output.Action.unchanged]
    console.print(
        f"rendered {shown(baseline.project)} baseline v{baseline.version} into {shown(root)}: "
        f"{changed} changed ({counts[output.Action.create]} new, "
        f"{counts[output.Action.update]} updated, {counts[output.Action.remove]} removed, "
        f"{len(backups)} replaced by --force), "
        f"{counts[output.Action.unchanged]} unchanged"
    )
    for path, backup in backups.items():
        console.print(f"  {shown(path)}: your version is kept as {shown(backup)}")


class DriftFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    sarif = "sarif"


def drift(
    brief: BriefArg = BRIEF_DEFAULT,
    lock: LockOpt = None,
    root: Annotated[
        Path | None,
        typer.Option(help="Repository to compare (default: the folder above infra/)."),
    ] = None,
    tfstate: Annotated[
        Path | None,
        typer.Option(
            "--tfstate", help="A Terraform state (JSON, read offline) to compare as well."
        ),
    ] = None,
    environment: Annotated[
        str | None,
        typer.Option(help="Environment of the state (default: from its 'environment' tags)."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            "-x",
            help="Leave out paths, gitignore-style (repeatable), e.g. 'scripts/dev/'.",
        ),
    ] = None,
    format: Annotated[DriftFormat, typer.Option("--format", "-f")] = DriftFormat.text,
    output: OutputOpt = None,
) -> None:
    """Compare the repository (and a Terraform state) with the baseline; exit 1 on drift."""
    from infragate.render.drift import compare
    from infragate.report import drift_formats as fmt

    lock_path = lock_path_for(brief, lock)
    report = compare(
        _project_root(lock_path, root),
        lock_path,
        brief,
        clock_for().today,
        tfstate,
        environment,
        exclude or (),
    )
    if format is DriftFormat.text and output is None:
        fmt.print_drift(make_console(), report)
    elif format is DriftFormat.json:
        emit(as_json(fmt.drift_data(report)), output)
    elif format is DriftFormat.sarif:
        emit(as_json(fmt.drift_sarif(report)), output)
    else:
        emit(fmt.drift_markdown(report), output)
    if report.drifted:
        raise typer.Exit(1)
