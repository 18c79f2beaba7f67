"""Approvals, baselines, waivers and the trail: status, approve, freeze, verify, retire, history, waive, log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from infragate.cli.common import (
    BRIEF_DEFAULT,
    ActorOpt,
    ApproverRole,
    BriefArg,
    KeyOpt,
    LockOpt,
    SignersOpt,
    TextOrJson,
    as_json,
    checked_email,
    checked_reason,
    clock_for,
    emit,
    lock_path_for,
    make_console,
)
from infragate.report.safe_text import shown


def status(
    brief: BriefArg = BRIEF_DEFAULT,
    lock: LockOpt = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Where the project stands, what blocks the next step, and who must act."""
    from infragate.brief.loader import load_brief
    from infragate.catalog.loader import load_catalog
    from infragate.lifecycle.service import status as make_status
    from infragate.store.engine import open_store

    loaded = load_brief(brief)
    report = make_status(
        open_store(), loaded, load_catalog(), clock_for().today, lock_path_for(brief, lock)
    )
    if format is TextOrJson.json:
        from infragate.report.lifecycle_json import status_data

        emit(as_json(status_data(report)), None)
    else:
        from infragate.report.lifecycle import print_status

        print_status(make_console(), report)


def approve(
    role: Annotated[ApproverRole, typer.Option(help="The role you approve as.")],
    actor: ActorOpt,
    brief: BriefArg = BRIEF_DEFAULT,
    comment: Annotated[str, typer.Option(help="Shown in the trail and the baseline.")] = "",
    key: KeyOpt = None,
) -> None:
    """Approve the brief's current design (before the first freeze); exit 1 when refused."""
    from infragate.brief.loader import load_brief
    from infragate.brief.model import Role
    from infragate.catalog.loader import load_catalog
    from infragate.lifecycle.service import approve as record
    from infragate.lifecycle.signing import signing_key
    from infragate.store.engine import open_store

    result = record(
        open_store(),
        load_brief(brief),
        load_catalog(),
        clock_for(checked_email(actor)),
        Role(role.value),
        actor,
        comment,
        signing_key(key),
    )
    console = make_console()
    if result.voided:
        console.print(f"the design changed: {result.voided} earlier approval(s) are void")
    console.print(
        f"recorded: {role.value} approval by {shown(actor)} of design {result.design_sha256[:12]}"
    )
    if result.missing:
        console.print(
            f"{shown(result.project)} is {result.state}; still awaiting: "
            + ", ".join(str(r) for r in result.missing)
        )
    else:
        console.print(f"{shown(result.project)} is approved; next: infragate freeze")


def freeze(
    brief: BriefArg = BRIEF_DEFAULT,
    lock: LockOpt = None,
    actor: Annotated[str | None, typer.Option("--as", help="Who freezes (recorded).")] = None,
    rewrite_lock: Annotated[
        bool,
        typer.Option(help="Only write the lock file again from the latest frozen baseline."),
    ] = False,
) -> None:
    """Freeze the approved design as baseline vN and write the lock file."""
    from infragate.brief.loader import load_brief
    from infragate.lifecycle.service import freeze as do_freeze
    from infragate.store.engine import open_store

    result = do_freeze(
        open_store(), load_brief(brief), clock_for(actor), lock_path_for(brief, lock), rewrite_lock
    )
    if result.rewritten:
        make_console().print(
            f"{shown(result.project)} is frozen as baseline v{result.version}; "
            f"rewrote {shown(result.lock_path)} from it"
        )
        return
    make_console().print(
        f"froze {shown(result.project)} baseline v{result.version} (sha256 {result.sha256}); "
        f"wrote {shown(result.lock_path)}. Commit it: CI runs 'infragate verify' before applying."
    )


def verify(
    lock: LockOpt = None,
    brief: Annotated[
        Path | None,
        typer.Option(help="The brief to compare (default: brief.yaml beside the lock)."),
    ] = None,
    log: Annotated[
        bool, typer.Option("--log", help="Verify the store's audit trail and baselines instead.")
    ] = False,
    handover: Annotated[
        Path | None,
        typer.Option("--handover", help="Verify a handover pack's files against its manifest."),
    ] = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
    allowed_signers: SignersOpt = None,
    store: Annotated[
        bool,
        typer.Option(
            "--store", help="Also check that the store froze this very baseline (needs the store)."
        ),
    ] = False,
) -> None:
    """Check a lock file offline (hash, approvals, signatures, waivers, brief); exit 1 if
    anything is off."""
    if log:
        _verify_log(format)
        return
    if handover is not None:
        from infragate.cli.handover import verify_pack

        verify_pack(handover, format)
        return
    from infragate.lifecycle.baseline import LOCK_FILE
    from infragate.lifecycle.verify import verify_lock

    lock_path = lock if lock is not None else BRIEF_DEFAULT.parent / LOCK_FILE
    brief_path = brief if brief is not None else lock_path.parent / BRIEF_DEFAULT.name
    from infragate.errors import InputError, Problem
    from infragate.lifecycle import lockfile

    try:
        lock_text = lockfile.read_lock_text(lock_path)
    except FileNotFoundError:
        raise InputError(
            lock_path,
            [
                Problem(
                    "no such file; expected a baseline lock file here",
                    "run 'infragate freeze' to write it, or pass --lock",
                )
            ],
        ) from None
    lockfile.check_lock(lock_path, lock_text)
    brief_text = lockfile.read_brief_text(brief_path)
    from infragate.lifecycle import signing

    signers_path = signing.signers_path(brief_path, allowed_signers)
    result = verify_lock(
        lock_path,
        lock_text,
        brief_path,
        brief_text,
        clock_for().today,
        signers_path,
        signing.read_signers(signers_path),
    )
    result = _with_interrupted_render(result, lock_path)
    if store:
        from infragate.lifecycle.service import check_against_store
        from infragate.store.engine import open_store

        result = check_against_store(open_store(), result, lock_text)
    if format is TextOrJson.json:
        emit(as_json(result.as_dict()), None)
    else:
        from infragate.report.lifecycle import print_verification

        print_verification(make_console(), result)
    if not result.ok:
        raise typer.Exit(1)


def _with_interrupted_render(result: Any, lock_path: Path) -> Any:
    """`result`, failing when a render into the project was interrupted (render/journal)."""
    from dataclasses import replace

    from infragate.lifecycle.verify import Check
    from infragate.render.journal import pending

    folder = lock_path.resolve().parent
    if folder.name != "infra":
        return result
    note = pending(folder.parent)
    if note is None:
        return result
    return replace(result, checks=(*result.checks, Check("render", False, note)))


def _verify_log(format: TextOrJson) -> None:
    from infragate.lifecycle.service import verify_store
    from infragate.store.engine import open_store

    store = open_store()
    checked, problems = verify_store(store)
    if format is TextOrJson.json:
        emit(
            as_json(
                {
                    "store": store.location,
                    "events_checked": checked,
                    "ok": not problems,
                    "problems": [{"project": p.project, "message": p.message} for p in problems],
                }
            ),
            None,
        )
    else:
        console = make_console()
        for p in problems:
            console.print(f"[bold red]FAIL[/] {shown(p.project)}: {shown(p.message)}")
        if not problems:
            console.print(
                f"[green]verified[/]: {checked} events and every baseline in "
                f"{shown(store.location)} are intact"
            )
    if problems:
        raise typer.Exit(1)


def retire(
    actor: ActorOpt,
    reason: Annotated[str, typer.Option(help="Why the product's infrastructure ends.")],
    brief: BriefArg = BRIEF_DEFAULT,
) -> None:
    """Retire the project: its baselines stay in the trail; nothing more is approved or frozen."""
    from infragate.brief.loader import load_brief
    from infragate.lifecycle.service import retire as do_retire
    from infragate.store.engine import open_store

    before = do_retire(
        open_store(),
        load_brief(brief),
        clock_for(checked_email(actor)),
        actor,
        checked_reason(reason, "why the product's infrastructure ends"),
    )
    make_console().print(f"retired (was {shown(before)}); the trail and the baselines are kept")


def history(
    brief: BriefArg = BRIEF_DEFAULT,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """Baselines and change requests, with their monthly cost deltas."""
    from infragate.brief.loader import load_brief
    from infragate.lifecycle.service import history as read_history
    from infragate.store.engine import open_store

    name = load_brief(brief).brief.project.name or "unnamed"
    baselines, changes = read_history(open_store(), name)
    if format is TextOrJson.json:
        from infragate.report.lifecycle_json import history_data

        emit(as_json(history_data(baselines, changes)), None)
    else:
        from infragate.report.lifecycle import print_history

        print_history(make_console(), baselines, changes)


def waive(
    key: Annotated[str, typer.Argument(metavar="KEY", help="GATE001, RS003, capacity or budget")],
    actor: ActorOpt,
    reason: Annotated[str, typer.Option(help="Why it is acceptable for now.")],
    expires: Annotated[str, typer.Option(help="Last day the waiver holds, YYYY-MM-DD.")],
    brief: BriefArg = BRIEF_DEFAULT,
) -> None:
    """Waive a blocker: a named approver, a reason and an expiry, recorded in the trail."""
    from datetime import date

    from infragate.brief.loader import load_brief
    from infragate.errors import UsageError
    from infragate.lifecycle.service import waive as grant
    from infragate.store.engine import open_store

    try:
        until = date.fromisoformat(expires)
    except ValueError:
        raise UsageError(f"--expires '{expires}' is not a date; write it as YYYY-MM-DD") from None
    checked_reason(reason, "why the blocker is acceptable for now")
    waiver = grant(
        open_store(), load_brief(brief), clock_for(checked_email(actor)), key, actor, reason, until
    )
    make_console().print(f"recorded: {shown(waiver.describe())}")


def log(
    brief: BriefArg = BRIEF_DEFAULT,
    all_projects: Annotated[
        bool, typer.Option("--all", help="Every project in the store.")
    ] = False,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
) -> None:
    """The audit trail: every state change, approval, waiver and freeze, hash-chained."""
    from infragate.lifecycle.service import trail
    from infragate.store.engine import open_store

    name = None
    if not all_projects:
        from infragate.brief.loader import load_brief

        name = load_brief(brief).brief.project.name or "unnamed"
    trails = trail(open_store(), name)
    if format is TextOrJson.json:
        from infragate.report.lifecycle_json import trail_data

        emit(as_json(trail_data(trails)), None)
    else:
        from infragate.report.lifecycle import print_trail

        print_trail(make_console(), trails)
