"""Infracost interop: its usage file from the cost frame, and its breakdown against it."""

from __future__ import annotations

from decimal import InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import typer

from infragate.cli.common import (
    BRIEF_DEFAULT,
    BriefArg,
    LockOpt,
    OutputOpt,
    TextOrJson,
    as_json,
    emit,
    lock_path_for,
)

EnvOpt = Annotated[
    str | None,
    typer.Option("--environment", "-e", help="Which environment's root (default: the only one)."),
]


def _lock_document(brief: Path, lock: Path | None) -> tuple[str, dict[str, Any]]:
    """(sha256, baseline document) of the lock file: read, not verified (`verify` does)."""
    from infragate.errors import InputError, Problem
    from infragate.lifecycle.baseline import LockFormatError, parse_lock

    path = lock_path_for(brief, lock)
    try:
        return parse_lock(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        fix = "freeze a baseline first (infragate freeze), or pass --lock FILE"
        raise InputError(path, [Problem("no such lock file", fix)]) from None
    except LockFormatError as exc:
        raise InputError(path, [Problem(str(exc), "restore the lock file")]) from None


def costs_infracost_usage(
    brief: BriefArg = BRIEF_DEFAULT,
    lock: LockOpt = None,
    environment: EnvOpt = None,
    output: OutputOpt = None,
) -> None:
    """Write an Infracost usage file (infracost-usage.yml) for one environment's Terraform
    root from the baseline's cost frame: requests, stored GB, egress, logs."""
    from infragate.costs import infracost_usage as usage
    from infragate.errors import InputError, Problem
    from infragate.render.context import usage_of
    from infragate.render.source import RESTORE

    _, document = _lock_document(brief, lock)
    # the frame's own figures: no render context, so no application contract is needed
    frozen, design = document["brief"], document["design"]
    env = usage.chosen_environment(design, environment)
    try:
        requests = usage_of(frozen, design).monthly_requests
        items = usage.entries(design, env, frozen["cloud"]["region"], requests)
        text = usage.usage_yaml(document["project"], int(document["version"]), env, items)
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
        problem = Problem(f"the baseline lacks what the usage file needs ({exc!r})", RESTORE)
        raise InputError(lock_path_for(brief, lock), [problem]) from None
    emit(text, output)


def costs_compare_infracost(
    breakdown: Annotated[Path, typer.Argument(help="JSON of 'infracost breakdown --format json'.")],
    brief: Annotated[
        Path, typer.Option("--brief", help="The brief beside the default lock file.")
    ] = BRIEF_DEFAULT,
    lock: LockOpt = None,
    tolerance: Annotated[
        str, typer.Option("--tolerance", help="Allowed difference in percent.")
    ] = "5",
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
    output: OutputOpt = None,
) -> None:
    """Compare Infracost's breakdown of the rendered Terraform with the cost frame, per
    component and in total. Exit 0 when every one is within the tolerance, 1 when some
    differ by more, 2 on bad input."""
    from decimal import Decimal, InvalidOperation

    from infragate.costs import infracost_compare as ic
    from infragate.errors import UsageError

    try:
        tol = Decimal(tolerance.strip().rstrip("%").strip())
    except InvalidOperation:
        tol = Decimal(-1)
    if not tol.is_finite() or tol < 0:
        raise UsageError(f"--tolerance {tolerance!r}: expected a percentage of 0 or more")
    _, document = _lock_document(brief, lock)
    design = document["design"]
    known = [e["name"] for e in design["environments"]]
    read = ic.read_breakdown(breakdown, known, ic.bootstrap_environment(design))
    result = ic.compare(design, read, tol)
    if format is TextOrJson.json:
        emit(as_json(ic.comparison_data(result)), output)
    else:
        emit(ic.comparison_text(result), output)
    if result.beyond:
        raise typer.Exit(1)
