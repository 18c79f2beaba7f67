"""The forgotten-environments report in the terminal, Markdown, JSON and SARIF 2.1.0.

Money is shown to the cent; JSON carries it as decimal strings (never floats)."""

from __future__ import annotations

from typing import Any

from infragate.costs.spend import cents
from infragate.costs.stale import StaleFinding, StaleReport
from infragate.costs.stale_kinds import FIXES, TITLES, Kind
from infragate.report.safe_text import shown
from infragate.report.sarif import sarif_log


def _where(f: StaleFinding) -> str:
    return f.project + (f"/{f.environment}" if f.environment else "")


def _subject(f: StaleFinding) -> str:
    if f.kind is Kind.preview_past_ttl:
        return f"{_where(f)} preview {f.subject}"
    return _where(f)


def _money(value: Any, currency: str) -> str:
    return f"{cents(value):,.2f} {currency}"


def _summary(r: StaleReport) -> str:
    if not r.findings:
        return f"No stale spend in {r.period}."
    currencies = sorted({f.currency for f in r.findings})
    total = (
        _money(r.total_monthly_waste, currencies[0])
        if len(currencies) == 1
        else "(several currencies)"
    )
    n = len(r.findings)
    return f"{n} stale finding{'s' if n != 1 else ''} in {r.period}: {total} a month of waste."


def _headline(r: StaleReport) -> str:
    c = r.coverage
    return (
        f"Stale spend, billing period {r.period} (bill covers {c.first_day} to {c.last_day}); "
        "monthly waste = spend ÷ the hours it spans × 730 h"
    )


def print_stale(console: Any, r: StaleReport) -> None:
    say = console.print  # make_console prints stored ids as written (no emoji codes)
    say(shown(_headline(r)))
    for f in r.findings:
        say(
            f"[red]{f.kind:19}[/] [bold]{shown(_subject(f))}[/]  "
            f"{_money(f.monthly_waste, f.currency)}/month "
            f"(spent {_money(f.spend, f.currency)} over {f.hours:.0f} h"
            f"{', still billing' if f.still_billing else ''})"
        )
        say(f"    {shown(f.reason)}")
        if f.components:
            say(f"    components: {shown(', '.join(f.components))}")
        for top in f.top:
            say(
                f"    {shown(top.resource_id)} ({shown(top.service or '?')}): "
                f"{_money(top.effective, f.currency)} in the period"
            )
        say(f"    [dim]fix: {FIXES[f.kind]}[/]")
    say(("[red]" if r.findings else "[green]") + shown(_summary(r)) + "[/]")


def stale_markdown(r: StaleReport) -> str:
    lines = [f"# Stale spend: {r.period}", "", _headline(r) + ".", ""]
    if r.findings:
        lines += [
            "| Kind | Where | Monthly waste | Spent in period | Hours | Still billing | Why |",
            "|---|---|---:|---:|---:|---|---|",
        ]
        for f in r.findings:
            cells = [
                TITLES[f.kind],
                f"`{_subject(f)}`",
                _money(f.monthly_waste, f.currency),
                _money(f.spend, f.currency),
                f"{f.hours:.0f}",
                "yes" if f.still_billing else "no",
                f.reason,
            ]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    lines.append(_summary(r))
    return "\n".join(lines) + "\n"


def _finding(f: StaleFinding) -> dict[str, Any]:
    return {
        "kind": str(f.kind),
        "project": f.project,
        "environment": f.environment,
        "subject": f.subject,
        "currency": f.currency,
        "monthly_waste": str(cents(f.monthly_waste)),
        "spend": str(cents(f.spend)),
        "hours": str(f.hours),
        "still_billing": f.still_billing,
        "reason": f.reason,
        "fix": FIXES[f.kind],
        "components": list(f.components),
        "top_resources": [
            {
                "resource_id": t.resource_id,
                "resource_name": t.resource_name,
                "service": t.service,
                "component": t.component,
                "effective": str(t.effective),
            }
            for t in f.top
        ],
    }


def stale_data(r: StaleReport) -> dict[str, Any]:
    return {
        "schema": "infragate.costs.stale/v1",
        "billing_period": r.period,
        "covered": {"from": str(r.coverage.first_day), "to": str(r.coverage.last_day)},
        "monthly_waste_basis": "spend / hours spanned * 730",
        "findings": [_finding(f) for f in r.findings],
    }


def stale_sarif(r: StaleReport) -> dict[str, Any]:
    kinds = list(Kind)
    rules = [
        {
            "id": f"STALE-{kind}",
            "name": str(kind),
            "shortDescription": {"text": TITLES[kind]},
            "help": {"text": FIXES[kind]},
            "defaultConfiguration": {"level": "error"},
        }
        for kind in kinds
    ]
    results = [
        {
            "ruleId": f"STALE-{f.kind}",
            "ruleIndex": kinds.index(f.kind),
            "level": "error",
            "message": {
                "text": f"{_subject(f)}: {_money(f.monthly_waste, f.currency)} a month. "
                f"{f.reason}. Fix: {FIXES[f.kind]}"
            },
            "locations": [
                {"logicalLocations": [{"fullyQualifiedName": _subject(f), "kind": "resource"}]}
            ],
            "properties": {
                "monthly_waste": str(cents(f.monthly_waste)),
                "currency": f.currency,
                "spend": str(cents(f.spend)),
            },
        }
        for f in r.findings
    ]
    return sarif_log(rules, results, {"billing_period": r.period})
