"""The design as a Markdown document a client can read."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from infragate.design.model import Design, VerdictKind
from infragate.lifecycle.waivers import Waiver, split_blockers

_LABEL = {
    VerdictKind.approved: "approved",
    VerdictKind.over_engineering: "over-engineering (deferred)",
    VerdictKind.under_engineering: "**under-engineering (blocker)**",
}


def usd(value: Decimal | None) -> str:
    return "—" if value is None else f"${value:,.2f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def design_markdown(
    design: Design, describe: dict[str, str], waivers: Mapping[str, Waiver] | None = None
) -> str:
    cost = design.cost
    b = cost.budget
    out: list[str] = [
        f"# Infrastructure design: {design.project}",
        "",
        f"Maturity **{design.maturity}** · catalog {design.catalog_version} · prices as of "
        f"{design.pricing_as_of} · estimated **{usd(cost.monthly_usd)} a month**"
        + (
            f" against a budget of {usd(b.monthly_usd)}{' (hard limit)' if b.hard_limit else ''}"
            if b.monthly_usd is not None
            else ""
        ),
        "",
    ]
    open_blockers, waived = split_blockers(design.blockers, waivers or {})
    if open_blockers:
        out += ["## Blockers", "", "Nothing may be built until these are resolved or waived:", ""]
        out += [f"- {_cell(x)}" for x in open_blockers] + [""]
    if waived:
        out += ["## Waived blockers", ""]
        out += [f"- {_cell(x)} — {_cell(w.describe())}" for x, w in waived] + [""]
    out += ["## Inputs", "", "| Input | Value |", "| --- | --- |"]
    out += [f"| {k.replace('_', ' ')} | {_cell(v)} |" for k, v in design.inputs.items()]
    out += [
        "",
        "## Environments",
        "",
        "| Environment | Schedule | Hours a month | Monthly |",
        "| --- | --- | ---: | ---: |",
    ]
    for e in design.environments:
        sched = e.schedule_description
        if e.ttl_hours:
            sched += f"; {e.instances_per_month} a month, TTL {e.ttl_hours} h"
        out.append(f"| {e.name} | {_cell(sched)} | {e.hours_per_month} | {usd(e.monthly_usd)} |")
    out += [
        "",
        "## Components",
        "",
        "| Environment | Component | Service | Size | Count | Notes | Monthly |",
        "| --- | --- | --- | --- | ---: | --- | ---: |",
    ]
    for c in design.components:
        notes = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in c.settings.items())
        if c.multi_az:
            notes = "Multi-AZ" + (f", {notes}" if notes else "")
        if c.storage_gb:
            notes = f"{c.storage_gb} GB" + (f", {notes}" if notes else "")
        out.append(
            f"| {c.environment} | {c.id} | {_cell(c.service)} | {c.size or '—'} | "
            f"{c.count} | {_cell(notes)} | {usd(c.monthly_usd)} |"
        )
    out += [
        "",
        "## Capacity",
        "",
        "| Component | Required | Provided | Headroom | OK |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for k in design.capacity:
        out.append(
            f"| {k.component} ({k.environment}) | {k.required} {k.unit} | {k.provided} | "
            f"{k.headroom_pct} % | {'yes' if k.ok else '**no**'} |"
        )
    if not design.capacity:
        out += ["| nothing is sized by load | | | | |"]
    for k in design.capacity:
        out.append(f"\n{k.component} ({k.environment}): {k.formula}.")
        if k.source:
            out.append(f"Capacity figure: {k.source}.")
        if k.beyond:
            out.append(f"Nothing on offer carries this load; what would: {k.beyond}.")
    out += [
        "",
        "## Right-sizing verdicts",
        "",
        "| Rule | Subject | Verdict | Monthly cost of the feature | In the design | Reason |",
        "| --- | --- | --- | ---: | --- | --- |",
    ]
    for v in design.verdicts:
        subject = describe.get(v.subject, v.subject)
        out.append(
            f"| {v.rule} {v.slug} | {_cell(subject)} | {_LABEL[v.verdict]} | "
            f"{usd(v.monthly_usd_delta)} | {'yes' if v.applied else 'no'} | "
            f"{_cell(v.reason)} |"
        )
    out += ["", "## Cost frame", "", f"Pricing: {cost.pricing}.", ""]
    out += [
        "| Environment | Component | Item | Quantity | Unit price | Monthly | Assumption |",
        "| --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    for line in cost.lines:
        out.append(
            f"| {line.environment} | {line.component} | {_cell(line.item)} | "
            f"{line.quantity:,} {line.unit} | ${line.unit_usd} | {usd(line.monthly_usd)} | "
            f"{_cell(line.assumption)} |"
        )
    out.append(f"| **total** | | | | | **{usd(cost.monthly_usd)}** | |")
    out += [""]
    if b.monthly_usd is not None:
        state = "within" if b.status == "within" else "**over**"
        out.append(
            f"Budget: {usd(cost.monthly_usd)} is {state} the ceiling of "
            f"{usd(b.monthly_usd)} ({usd(b.headroom_usd)} headroom)."
        )
    ch = cost.cheapest
    dropped = "; ".join(ch.dropped) if ch.dropped else "nothing: every item is required"
    out += [
        f"Cheapest design that still meets the brief: {usd(ch.monthly_usd)} a month "
        f"(leaves out: {dropped}).",
        "",
        "### Assumptions",
        "",
    ]
    out += [f"- {a}" for a in cost.assumptions]
    out += ["", "## Decisions", ""]
    for d in design.decisions:
        alts = "; ".join(d.alternatives) if d.alternatives else "none"
        out += [
            f"### {d.id} {d.topic}",
            "",
            f"- Choice: {d.choice}",
            f"- Alternatives: {alts}",
            f"- Decided by: {d.rule}",
            f"- Rationale: {d.rationale}",
            "",
        ]
    sources = sorted({line.source for line in cost.lines})
    out += ["## Price sources", ""] + [f"- {s}" for s in sources] + [""]
    return "\n".join(out)
