"""Change requests: the only way to change a frozen baseline."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from infragate.cli.common import (
    BRIEF_DEFAULT,
    ActorOpt,
    ApproverRole,
    BriefArg,
    KeyOpt,
    OutputOpt,
    as_json,
    checked_email,
    checked_reason,
    clock_for,
    emit,
    make_console,
)
from infragate.report.safe_text import shown


class ChangeFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    github_comment = "github-comment"


def change_propose(
    actor: ActorOpt,
    reason: Annotated[str, typer.Option(help="Why the change is needed.")],
    brief: BriefArg = BRIEF_DEFAULT,
) -> None:
    """Propose the edited brief's design as a change to the frozen baseline."""
    from infragate.brief.loader import load_brief
    from infragate.catalog.loader import load_catalog
    from infragate.lifecycle.service import propose
    from infragate.report.lifecycle import print_diff
    from infragate.store.engine import open_store

    result = propose(
        open_store(),
        load_brief(brief),
        load_catalog(),
        clock_for(checked_email(actor)),
        actor,
        checked_reason(reason, "why the change is needed"),
    )
    console = make_console()
    if result.superseded:
        console.print(f"change request #{result.superseded} is superseded")
    console.print(
        f"[bold]change request #{result.number}[/] against baseline v{result.base_version} "
        f"of {shown(result.project)}, requested by {shown(actor)}"
    )
    print_diff(console, result.diff.as_dict())
    console.print(
        "next: both approvers run 'infragate change approve --role ROLE --as EMAIL --key KEY' "
        f"(not {shown(actor)}, who requested it)"
    )


def change_show(
    brief: BriefArg = BRIEF_DEFAULT,
    number: Annotated[
        int | None, typer.Option("--number", "-n", help="Which one (default: the latest).")
    ] = None,
    format: Annotated[ChangeFormat, typer.Option("--format", "-f")] = ChangeFormat.text,
    output: OutputOpt = None,
) -> None:
    """Show a change request: its design diff and monthly cost delta."""
    from infragate.brief.loader import load_brief
    from infragate.errors import UsageError
    from infragate.lifecycle.service import history as read_history
    from infragate.store.engine import open_store

    name = load_brief(brief).brief.project.name or "unnamed"
    if format is ChangeFormat.github_comment:
        from infragate.lifecycle.review import change_review
        from infragate.report.github_comment import github_comment

        emit(github_comment(change_review(open_store(), name, number)), output)
        return
    _, changes = read_history(open_store(), name)
    chosen = [c for c in changes if number is None or c.number == number]
    if not chosen:
        known = ", ".join(f"#{c.number}" for c in changes) or "none"
        raise UsageError(f"{name} has no change request {number or ''}; known: {known}")
    change = chosen[-1]
    if format is ChangeFormat.json:
        from infragate.report.lifecycle_json import change_data

        emit(as_json(change_data(change)), output)
    elif format is ChangeFormat.markdown or output is not None:
        from infragate.report.lifecycle import diff_markdown

        emit(diff_markdown(change), output)
    else:
        from infragate.report.lifecycle import print_diff

        console = make_console()
        console.print(
            f"[bold]change request #{change.number}[/] ({shown(change.status)}) against baseline "
            f"v{change.base_version}, requested by {shown(change.requested_by)}: {shown(change.reason)}"
        )
        print_diff(console, change.diff)


def change_approve(
    role: Annotated[ApproverRole, typer.Option(help="The role you approve as.")],
    actor: ActorOpt,
    brief: BriefArg = BRIEF_DEFAULT,
    comment: Annotated[str, typer.Option(help="Shown in the trail and the baseline.")] = "",
    key: KeyOpt = None,
) -> None:
    """Approve the open change request; once every role has, freeze makes it vN+1."""
    from infragate.brief.loader import load_brief
    from infragate.brief.model import Role
    from infragate.catalog.loader import load_catalog
    from infragate.lifecycle.service import approve_change
    from infragate.lifecycle.signing import signing_key
    from infragate.store.engine import open_store

    result = approve_change(
        open_store(),
        load_brief(brief),
        load_catalog(),
        clock_for(checked_email(actor)),
        Role(role.value),
        actor,
        comment,
        signing_key(key),
    )
    if result.approved:
        make_console().print(f"change request #{result.number} is approved; next: infragate freeze")
    else:
        make_console().print(
            f"recorded; change request #{result.number} still awaits: "
            + ", ".join(str(r) for r in result.missing)
        )


def change_reject(
    actor: ActorOpt,
    reason: Annotated[str, typer.Option(help="Why it is rejected.")],
    brief: BriefArg = BRIEF_DEFAULT,
) -> None:
    """Reject the open change request; the baseline stays as it is."""
    from infragate.brief.loader import load_brief
    from infragate.lifecycle.service import reject_change
    from infragate.store.engine import open_store

    number = reject_change(
        open_store(),
        load_brief(brief),
        clock_for(checked_email(actor)),
        actor,
        checked_reason(reason, "why the change is rejected"),
    )
    make_console().print(f"change request #{number} rejected; the baseline is unchanged")
