"""Closure: evidence that the infrastructure runs (evidence add, evidence list), the
closure gate (check --stage closure) and the hand-over to maintenance (close)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from infragate.cli.common import (
    BRIEF_DEFAULT,
    ActorOpt,
    LockOpt,
    TextOrJson,
    as_json,
    checked_email,
    clock_for,
    emit,
    lock_path_for,
    make_console,
)
from infragate.evidence.model import EvidenceKind

BriefOpt = Annotated[Path, typer.Option("--brief", help="Path of the brief.")]
RootOpt = Annotated[
    Path | None,
    typer.Option(help="Repository to compare for drift (default: the folder above infra/)."),
]
StateOpt = Annotated[
    Path | None,
    typer.Option("--tfstate", help="A Terraform state (JSON) of production, for drift."),
]
EnvironmentOpt = Annotated[
    str | None,
    typer.Option(
        "--environment",
        help="Environment of the --tfstate state (default: from its 'environment' tags).",
    ),
]


def evidence_add(
    kind: Annotated[
        EvidenceKind,
        typer.Argument(
            metavar="KIND", help="deploy | restore-test | alert-test | access | secrets"
        ),
    ],
    actor: ActorOpt,
    file: Annotated[Path, typer.Option("--file", help="The record (JSON or YAML) that shows it.")],
    url: Annotated[
        str | None, typer.Option("--url", help="Where more is shown (a CI run, a ticket).")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="A line for the trail.")] = "",
    brief: BriefOpt = BRIEF_DEFAULT,
) -> None:
    """Record who showed what, and when, against the baseline in force; exit 2 on a bad file."""
    from infragate.brief.loader import load_brief
    from infragate.evidence.reading import read_evidence_file
    from infragate.evidence.record import add_evidence
    from infragate.store.engine import open_store

    clock = clock_for(checked_email(actor))
    evidence_file = read_evidence_file(file, str(kind))
    name = load_brief(brief).brief.project.name or "unnamed"
    done = add_evidence(open_store(), name, clock, kind, evidence_file, url, note)
    e = done.evidence
    console = make_console()
    console.print(
        f"recorded: {e.kind} evidence #{done.seq} of {name} baseline v{e.baseline_version} by "
        f"{e.recorded_by} (file {e.file_name}, sha256 {str(e.file_sha256)[:12]})"
    )
    if done.delivered:
        console.print(f"{name} is delivered: baseline v{e.baseline_version} runs in production")


def evidence_list(
    brief: BriefOpt = BRIEF_DEFAULT,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Every piece of evidence recorded for the project, in trail order."""
    from infragate.brief.loader import load_brief
    from infragate.evidence.record import list_evidence
    from infragate.store.engine import open_store

    name = load_brief(brief).brief.project.name or "unnamed"
    records = list_evidence(open_store(), name)
    if format is TextOrJson.json:
        emit(
            as_json(
                [
                    {**e.payload(), "recorded_by": e.recorded_by, "recorded_at": e.recorded_at}
                    for e in records
                ]
            ),
            None,
        )
        return
    from rich.table import Table

    table = Table(title=f"Evidence of {name}", title_justify="left")
    for col in ("Kind", "Baseline", "By", "At", "File", "Shows"):
        table.add_column(col)
    for e in records:
        table.add_row(
            str(e.kind),
            f"v{e.baseline_version}",
            e.recorded_by,
            e.recorded_at[:19],
            f"{e.file_name} {str(e.file_sha256)[:12]}" if e.file_name else "-",
            _shows(e.facts),
        )
    console = make_console()
    console.print(table if records else f"no evidence is recorded for {name}")


def _shows(facts: Any) -> str:
    keys = (
        "environment",
        "version",
        "duration_seconds",
        "met_rto",
        "alarm",
        "received_by",
        "people",
        "count",
    )
    return ", ".join(f"{k}={facts[k]}" for k in keys if facts.get(k) is not None)


def _inputs(
    brief: Path,
    lock: Path | None,
    root: Path | None,
    tfstate: Path | None,
    environment: str | None = None,
) -> Any:
    from infragate.cli.execution import _project_root
    from infragate.closure.service import Inputs
    from infragate.errors import UsageError

    if environment is not None and tfstate is None:
        raise UsageError(
            f"--environment {environment}: names the environment of a Terraform state; "
            "give the state with --tfstate too, or leave --environment out"
        )
    lock_path = lock_path_for(brief, lock)
    return Inputs(lock_path, brief, _project_root(lock_path, root), tfstate, environment)


def _print(report: Any, format: TextOrJson, output: Path | None) -> None:
    if format is TextOrJson.json:
        emit(as_json(report.as_dict()), output)
        return
    from infragate.report.closure import closure_text

    emit(closure_text(report), output)


def check_closure(brief: Path, lock: Path | None, format: TextOrJson, output: Path | None) -> None:
    """`infragate check --stage closure`: the closure gate, without closing."""
    from infragate.closure.service import check
    from infragate.store.engine import open_store

    report = check(open_store(), _inputs(brief, lock, None, None), clock_for())
    _print(report, format, output)
    if report.blocked:
        raise typer.Exit(1)


def close(
    actor: ActorOpt,
    brief: BriefOpt = BRIEF_DEFAULT,
    lock: LockOpt = None,
    root: RootOpt = None,
    tfstate: StateOpt = None,
    environment: EnvironmentOpt = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Hand the delivered baseline over to maintenance once every closure rule passes
    (only the lock's infra owner); exit 1 naming each failing rule and who can act, exit 2
    when the state's environment is not the baseline's or cannot be told (--environment)."""
    from infragate.closure.service import close as do_close
    from infragate.store.engine import open_store

    clock = clock_for(checked_email(actor))
    report = do_close(open_store(), _inputs(brief, lock, root, tfstate, environment), clock, actor)
    _print(report, format, None)
    if report.blocked:
        raise typer.Exit(1)
    if format is TextOrJson.text:
        make_console().print(
            f"closed: {report.project} baseline v{report.version} is in maintenance; changes "
            "now go through 'infragate change propose' (a new delivery and a new closure)"
        )
