"""The right-sizing report in the terminal, Markdown and JSON (money as decimal strings)."""

from __future__ import annotations

from typing import Any

from infragate.costs.rightsizing import ComponentActuals, RightsizeReport
from infragate.costs.spend import cents
from infragate.report.safe_text import shown

CHANGE_NOTE = (
    "to act, propose a change ('infragate change propose'): sizes follow the brief's load "
    "(load.peak_rps, load.users), so bring those to what production shows"
)


def _name(c: ComponentActuals) -> str:
    return f"{c.project}/{c.environment}/{c.component}"


def _count(c: ComponentActuals) -> str:
    billed = c.billed_count
    return "—" if billed is None else f"{billed:.1f}"


def _share(c: ComponentActuals) -> str:
    share = c.share_pct
    return "—" if share is None else f"{share:.0f} %"


def verdicts(c: ComponentActuals) -> list[str]:
    out = []
    if c.drift:
        out.append(
            f"the bill's hours make {_count(c)} × {c.size or c.kind} as scheduled, where the "
            f"baseline has {c.count}: "
            f"{cents(c.delta):+,.2f} in the days covered"
        )
    if c.over_provisioned:
        smaller = f"; next size down: {c.smaller_size}" if c.smaller_size else ""
        out.append(
            f"spends {_share(c)} of its frame (under {c.below_pct} %): over-provisioned{smaller}"
        )
    return out


def _headline(r: RightsizeReport) -> str:
    return (
        f"Right-sizing, billing period {r.period} (bill covers {r.coverage.first_day} to "
        f"{r.coverage.last_day}; frames pro rata for those days)"
    )


def _silent(r: RightsizeReport) -> str:
    return (
        f"No usage in the bill for {', '.join(r.without_spend)}: not deployed yet, or its "
        "tags do not reach the bill (see the import's unattributed spend)."
    )


def _summary(r: RightsizeReport) -> str:
    n = len(r.findings)
    if not n:
        return f"Every component bills within its baseline's count and above {r.below_pct} %."
    return f"{n} component{'s' if n != 1 else ''} to right-size in {r.period}."


def print_rightsize(console: Any, r: RightsizeReport) -> None:
    say = console.print  # make_console prints stored ids as written (no emoji codes)
    say(shown(_headline(r)))
    for c in r.findings:
        say(
            f"[yellow]{shown(_name(c))}[/] {c.kind} {c.size or ''} × {c.count}: "
            f"expected {cents(c.expected):,.2f}, billed ({c.basis}) {cents(c.actual):,.2f}"
        )
        for verdict in verdicts(c):
            say(f"    {shown(verdict)}")
    if r.findings:
        say(f"[dim]{CHANGE_NOTE}[/]")
    if r.without_spend:
        say(shown(_silent(r)))
    say(("[yellow]" if r.findings else "[green]") + shown(_summary(r)) + "[/]")


def rightsize_markdown(r: RightsizeReport) -> str:
    lines = [f"# Right-sizing: {r.period}", "", _headline(r) + ".", ""]
    if r.findings:
        lines += [
            "| Component | Size × count | Billed count | Expected | Billed | Share | Finding |",
            "|---|---|---:|---:|---:|---:|---|",
        ]
        for c in r.findings:
            cells = [
                f"`{_name(c)}`",
                f"{c.size or c.kind} × {c.count}",
                _count(c),
                f"{cents(c.expected):,.2f}",
                f"{cents(c.actual):,.2f}",
                _share(c),
                "; ".join(verdicts(c)),
            ]
            lines.append("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")
        lines += ["", CHANGE_NOTE + ".", ""]
    if r.without_spend:
        lines += [_silent(r), ""]
    lines.append(_summary(r))
    return "\n".join(lines) + "\n"


def _component(c: ComponentActuals) -> dict[str, Any]:
    billed = c.billed_count
    share = c.share_pct
    return {
        "project": c.project,
        "environment": c.environment,
        "component": c.component,
        "kind": c.kind,
        "size": c.size,
        "count": c.count,
        "billed_count": None if billed is None else str(cents(billed)),
        "meter": None
        if c.meter is None
        else {"service": c.meter.service, "unit": c.meter.unit, "quantity": str(c.meter.quantity)},
        "expected": str(cents(c.expected)),
        "actual": str(cents(c.actual)),
        "basis": c.basis,
        "delta": str(cents(c.delta)),
        "share_pct": None if share is None else str(cents(share)),
        "drift": c.drift,
        "over_provisioned": c.over_provisioned,
        "smaller_size": c.smaller_size,
    }


def rightsize_data(r: RightsizeReport) -> dict[str, Any]:
    return {
        "schema": "infragate.costs.rightsize/v1",
        "billing_period": r.period,
        "covered": {"from": str(r.coverage.first_day), "to": str(r.coverage.last_day)},
        "below_pct": str(r.below_pct),
        "findings": [_component(c) for c in r.findings],
        "projects_without_spend": list(r.without_spend),
        "change_request": CHANGE_NOTE,
    }
