"""Terminal renderings of the lifecycle: status, diffs, history, the trail, verification."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from infragate.lifecycle.chain import Event
from infragate.lifecycle.verify import Verification
from infragate.report.safe_text import cell, lines, shown

if TYPE_CHECKING:  # the store's modules import SQLAlchemy; `verify` must start fast
    from infragate.lifecycle.service import Status
    from infragate.store.change_requests import ChangeRow
    from infragate.store.repository import BaselineRow


def signed(value: Decimal) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}${abs(value):,.2f}"


def print_status(console: Console, s: Status) -> None:
    console.print(
        f"[bold]{shown(s.project)}[/] · state [bold]{s.state}[/] · store: {shown(s.store)}"
    )
    console.print(f"design of the brief now: {s.design_sha256[:12]}")
    if s.latest:
        doc = s.latest.document
        console.print(
            f"baseline v{s.latest.version} ({s.latest.sha256[:12]}), frozen by "
            f"{shown(s.latest.frozen_by)} at {shown(s.latest.frozen_at)}, "
            f"${Decimal(doc['monthly_usd']):,.2f} "
            f"a month; lock file: {s.lock_state}"
        )
    if s.change:
        console.print(
            f"change request #{s.change.number} ({s.change.status}) by "
            f"{shown(s.change.requested_by)}: {shown(s.change.reason)} — "
            f"{signed(Decimal(s.change.diff['delta_monthly_usd']))} a month"
        )
    for a in s.approvals:
        console.print(
            f"  [green]approved[/] as {a.role} by {shown(a.name)} <{shown(a.email)}> "
            f"at {shown(a.at)}"
        )
    if s.state.value in ("draft", "designed") or s.change:
        for role, names in s.missing:
            console.print(f"  [yellow]awaiting[/] {role}: {lines(names) or 'nobody named'}")
    for b in s.blockers:
        console.print(f"  [bold red]blocker[/] {shown(b.key)}: {shown(b.reason)}")
    for w, live in s.waivers:
        mark = "[cyan]waiver[/]" if live else "[dim]expired waiver[/]"
        console.print(f"  {mark} {shown(w.describe())}")
    if s.next_steps:
        console.print("[bold]next[/]:")
        for step in s.next_steps:
            console.print(f"  - {shown(step)}")
    else:
        console.print("[green]nothing waits[/]")


def print_diff(console: Console, diff: dict[str, Any]) -> None:
    """A design diff, as stored with its change request (`DesignDiff.as_dict()`)."""
    table = Table(title="Design diff", title_justify="left")
    for col in ("What", "Key", "Change", "Detail", "Monthly"):
        table.add_column(col, justify="right" if col == "Monthly" else "left")
    for c in diff["changes"]:
        delta = c["monthly_usd_delta"]
        table.add_row(
            cell(c["what"]), cell(c["key"]), cell(c["change"]), cell(c["detail"]),
            "" if delta is None else signed(Decimal(delta)),
        )  # fmt: skip
    console.print(table)
    console.print(cell(_cost_line(diff)))


def _cost_line(diff: dict[str, Any]) -> str:
    per_env = ", ".join(
        f"{k} {signed(Decimal(v))}" for k, v in diff["delta_by_environment"].items()
    )
    return (
        f"monthly cost ${Decimal(diff['before_monthly_usd']):,.2f} → "
        f"${Decimal(diff['after_monthly_usd']):,.2f} "
        f"({signed(Decimal(diff['delta_monthly_usd']))}; {per_env})"
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def diff_markdown(change: ChangeRow) -> str:
    """A change request as Markdown, to paste into the pull request that edits the brief."""
    lines = [
        f"# Change request #{change.number} ({change.status})",
        "",
        f"Against baseline v{change.base_version}, requested by {change.requested_by} at "
        f"{change.created_at}: {_cell(change.reason)}",
        "",
        _cost_line(change.diff) + ".",
        "",
        "| What | Key | Change | Detail | Monthly |",
        "| --- | --- | --- | --- | ---: |",
    ]
    for c in change.diff["changes"]:
        delta = c["monthly_usd_delta"]
        lines.append(
            f"| {c['what']} | {_cell(c['key'])} | {c['change']} | {_cell(c['detail'])} | "
            f"{'' if delta is None else signed(Decimal(delta))} |"
        )
    return "\n".join(lines) + "\n"


def print_history(console: Console, baselines: list[BaselineRow], changes: list[ChangeRow]) -> None:
    table = Table(title="Baselines", title_justify="left")
    for col in ("Version", "sha256", "Frozen", "By", "Monthly", "Delta", "Change request"):
        table.add_column(col, justify="right" if col in ("Monthly", "Delta") else "left")
    previous: Decimal | None = None
    for b in baselines:
        usd = Decimal(b.document["monthly_usd"])
        cr = b.document.get("change_request")
        table.add_row(
            f"v{b.version}",
            cell(b.sha256[:12]),
            cell(b.frozen_at),
            cell(b.frozen_by),
            f"${usd:,.2f}",
            "" if previous is None else signed(usd - previous),
            f"#{cr['number']}" if cr else "",
        )
        previous = usd
    console.print(table)
    crs = Table(title="Change requests", title_justify="left")
    for col in ("#", "Status", "Base", "Requested by", "Reason", "Delta", "Decided"):
        crs.add_column(col, justify="right" if col == "Delta" else "left")
    for c in changes:
        crs.add_row(
            str(c.number),
            cell(c.status),
            f"v{c.base_version}",
            cell(c.requested_by),
            cell(c.reason),
            signed(Decimal(c.diff["delta_monthly_usd"])),
            cell(f"{c.decided_by} at {c.decided_at}") if c.decided_at else "",
        )
    console.print(crs)


def _summary(e: Event) -> str:
    p: dict[str, Any] = e.payload
    if e.kind == "state.changed":
        return f"{p['from']} → {p['to']}: {p['why']}"
    if e.kind == "approval.recorded":
        cr = f" (change request #{p['change_request']})" if "change_request" in p else ""
        return f"{p['role']} {p['name']} <{p['email']}> approved {p['design_sha256'][:12]}{cr}"
    if e.kind == "baseline.frozen":
        return f"baseline v{p['version']} {p['sha256'][:12]}, ${p['monthly_usd']} a month"
    if e.kind == "design.recorded":
        return f"design {p['design_sha256'][:12]}, ${p['monthly_usd']} a month"
    if e.kind == "project.requested":
        made = f" from template {p['template']}" if p.get("template") else ""
        return f"requested{made}: brief {p['brief_sha256'][:12]}, design {p['design_sha256'][:12]}"
    if e.kind == "document.stored":  # the brief or allowed signers of a portal project
        return f"{p['kind']} v{p['version']} stored in the store, sha256 {p['sha256'][:12]}"
    if e.kind == "waiver.granted":
        return f"{p['key']} waived by {p['approver_email']} until {p['expires_on']}: {p['reason']}"
    return ", ".join(f"{k}={v}" for k, v in sorted(p.items()))


def print_trail(console: Console, trails: list[tuple[str, list[Event]]]) -> None:
    for name, events in trails:
        table = Table(title=cell(f"Audit trail of {name}"), title_justify="left")
        for col in ("#", "At", "Actor", "Event", "Details", "Hash"):
            table.add_column(col)
        for e in events:
            table.add_row(
                str(e.seq),
                cell(e.at),
                cell(e.actor),
                cell(e.kind),
                cell(_summary(e)),
                cell(e.hash[:12]),
            )
        console.print(table)


def print_verification(console: Console, v: Verification) -> None:
    head = f"{v.lock_path}: baseline v{v.version}" if v.version else v.lock_path
    console.print(f"[bold]{shown(head)}[/]")
    for c in v.checks:
        mark = "[green]ok[/]  " if c.ok else "[bold red]FAIL[/]"
        console.print(f"  {mark} {shown(c.name)}: {shown(c.detail)}")
    if v.ok:
        console.print("[green]verified[/]: execution may start from this baseline")
    else:
        console.print("[bold red]not verified[/]: do not apply anything from this baseline")
