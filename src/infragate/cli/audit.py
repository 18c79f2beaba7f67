"""Auditing a repository that already exists."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from infragate.cli.common import (
    GateFormat,
    OutputOpt,
    as_json,
    emit,
    make_console,
    refuse_brief_overwrite,
    write_brief,
)
from infragate.report.safe_text import shown


class AuditSeverity(StrEnum):
    info = "info"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"
    never = "never"  # report only: the exit code is 0 whatever is found


def audit(
    path: Annotated[Path, typer.Argument(help="Repository to audit.")] = Path(),
    brief: Annotated[
        Path | None,
        typer.Option(help="Brief to judge against (default: PATH/infra/brief.yaml if present)."),
    ] = None,
    format: Annotated[GateFormat, typer.Option("--format", "-f")] = GateFormat.text,
    fail_on: Annotated[
        AuditSeverity,
        typer.Option(
            help="Exit 1 when a finding needed now is at or above this severity "
            "(info < low < medium < high < critical; 'never' to only report)."
        ),
    ] = AuditSeverity.critical,
    draft_brief: Annotated[
        bool, typer.Option("--draft-brief", help="Write PATH/infra/brief.yaml from the inventory.")
    ] = False,
    force: Annotated[bool, typer.Option(help="With --draft-brief: replace a brief.")] = False,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            "-x",
            help="Leave out paths, gitignore-style (repeatable), e.g. 'tests/fixtures/'.",
        ),
    ] = None,
    output: OutputOpt = None,
) -> None:
    """Audit an existing repository's infrastructure, judged for the product's maturity."""
    from infragate.errors import UsageError

    if not path.is_dir():
        raise UsageError(f"{path}: no such folder; pass the path of a repository to audit")
    if draft_brief:
        from infragate.audit.draft import draft_brief as make_draft
        from infragate.audit.engine import scan
        from infragate.audit.inventory import build_inventory

        target = output or path / "infra" / "brief.yaml"
        refuse_brief_overwrite(target, force)
        repo, _ = scan(path, tools=(), exclude=exclude or ())
        schema_path = write_brief(target, make_draft(repo, build_inventory(repo), path))
        console = make_console()
        console.print(
            f"wrote {shown(target)} and its schema {shown(schema_path)}: inferred values are marked, "
            "the rest is left for you"
        )
        console.print(
            f"next: fill in the commented keys, then run 'infragate check {shown(target)}'"
        )
        return
    from infragate.audit.engine import run_audit
    from infragate.audit.judgement import basis_from_brief
    from infragate.audit.model import Severity
    from infragate.cli.progress import progress

    with progress(f"auditing {path}") as step:
        report = run_audit(
            path, basis_from_brief(brief, path), exclude=exclude or (), progress=step
        )
    if format is GateFormat.text and output is None:
        from infragate.report.audit_text import print_audit

        print_audit(make_console(), report)
    elif format is GateFormat.json:
        from infragate.report.audit_json import audit_data

        emit(as_json(audit_data(report)), output)
    elif format is GateFormat.sarif:
        from infragate.report.audit_sarif import audit_sarif

        emit(as_json(audit_sarif(report)), output)
    else:
        from infragate.report.audit_markdown import audit_markdown

        emit(audit_markdown(report), output)
    if fail_on is not AuditSeverity.never and report.failing(Severity(fail_on.value)):
        raise typer.Exit(1)
