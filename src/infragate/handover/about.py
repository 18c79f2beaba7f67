"""Sections 1 to 7 of the pack: what the system is for, who owns it, its constraints,
its architecture, environments and components, its cost and its decisions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from infragate.catalog.loader import load_catalog
from infragate.design.cost.line import money
from infragate.handover import adr, diagram
from infragate.handover.document import Block, Bullets, Diagram, Para, Sub, Table
from infragate.lifecycle.chain import Event
from infragate.render.context import deploy_rank

SvgRenderer = Callable[[str], str | None]
ROLE_DUTY = {
    "infra_owner": "incidents, alarms, access, restores; signs the closure",
    "budget_owner": "the monthly cost, the budget and its waivers",
    "tech_lead": "the application: its code, health endpoint and releases",
}


def environments(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(doc["design"]["environments"], key=lambda e: deploy_rank(e["name"]))


def context(doc: dict[str, Any]) -> tuple[Block, ...]:
    brief = doc["brief"]
    project, load = brief.get("project") or {}, brief.get("load") or {}
    avail, budget = brief.get("availability") or {}, brief.get("budget") or {}
    cloud, workload = brief.get("cloud") or {}, brief.get("workload") or {}
    maturity = brief.get("maturity") or "unknown"
    policy = {str(k): v for k, v in load_catalog().maturity.items()}.get(maturity)
    who = ", ".join(
        x
        for x in (
            f"team {project.get('team')}" if project.get("team") else "",
            f"client {project.get('client')}" if project.get("client") else "",
            f"cost centre {project.get('cost_center')}" if project.get("cost_center") else "",
        )
        if x
    )
    inputs = doc["design"].get("inputs", {})
    blocks: list[Block] = [
        Para(
            f"{doc['project']}{': ' + project['description'] if project.get('description') else ''}"
            f" ({who or 'no team, client or cost centre named'}). It runs on "
            f"{str(cloud.get('provider', 'the cloud')).upper()} in {cloud.get('region', 'an unnamed region')}: "
            f"services {', '.join(workload.get('services') or []) or 'none'}, data stores "
            f"{', '.join(workload.get('datastores') or []) or 'none'}, runtime {workload.get('runtime') or 'none'}."
        ),
        Para(f"Maturity: {maturity}. " + (policy.rationale.strip() if policy is not None else "")),
        Bullets(
            (
                f"Users: about {inputs.get('users', load.get('users', 'not stated'))}; peak "
                f"{inputs.get('peak_rps', load.get('peak_rps', '?'))} requests a second; data "
                f"{inputs.get('data_gb', load.get('data_gb', '?'))} GB growing "
                f"{inputs.get('growth_pct_month', load.get('growth_pct_month', '?'))} % a month.",
                f"Availability target: {avail.get('target', inputs.get('availability_target', 'not stated'))} %.",
                f"RTO (longest acceptable outage before service is restored): "
                f"{_minutes(avail.get('rto_minutes'))}.",
                f"RPO (most data that may be lost): {_minutes(avail.get('rpo_minutes'))}.",
                f"Budget: {budget.get('monthly_usd', 'none set')} USD a month"
                + (" (a hard limit)" if budget.get("hard_limit") else "")
                + ".",
            )
        ),
        Para(
            f"This pack describes baseline v{doc['version']}, frozen {doc['frozen_at'][:16].replace('T', ' ')} "
            f"UTC by {doc['frozen_by']}; catalog {doc['catalog_version']}, prices as of "
            f"{doc['pricing_as_of']}. Everything here is generated from `infra/baseline.lock.json`, "
            "the project's trail and its recorded evidence; regenerate it with `infragate handover`."
        ),
    ]
    return tuple(blocks)


def _minutes(value: Any) -> str:
    return f"{value} minutes" if value is not None else "not set in the brief"


def _names(people: Sequence[dict[str, Any]]) -> str:
    return ", ".join(f"{o['name']} ({o['email']})" for o in people) or "nobody named"


def owners(doc: dict[str, Any], access: Sequence[str]) -> tuple[Block, ...]:
    people = doc["brief"].get("owners") or []
    rows = tuple(
        (
            str(o["name"]),
            f"`{o['email']}`",
            ", ".join(o.get("roles") or []),
            "; ".join(ROLE_DUTY.get(r, r) for r in o.get("roles") or []),
        )
        for o in people
    )
    infra = [o for o in people if "infra_owner" in (o.get("roles") or [])]
    budget = [o for o in people if "budget_owner" in (o.get("roles") or [])]
    blocks: list[Block] = [
        Table(("Name", "E-mail", "Roles", "Call them for"), rows),
        Bullets(
            (
                f"Outage, alarm or restore: call the infra owner, {_names(infra)}. The alarms "
                "e-mail every owner listed here (see [Monitoring](#monitoring)).",
                f"Cost or budget: the budget owner, {_names(budget)}.",
                "A change to the infrastructure: a change request (`infragate change propose`), "
                "approved by the infra and budget owners.",
            )
        ),
    ]
    blocks.append(
        Para("Who holds access (recorded evidence): " + "; ".join(access))
        if access
        else Para("No access evidence is recorded yet: see [Access and secrets](#access).")
    )
    return tuple(blocks)


def constraints(doc: dict[str, Any]) -> tuple[Block, ...]:
    brief = doc["brief"]
    data = brief.get("data") or {}
    items = [
        f"Data criticality: {data.get('criticality') or 'not stated'}; personal data: "
        f"{'yes' if data.get('personal_data') else 'no' if data.get('personal_data') is False else 'not stated'}; "
        f"compliance: {', '.join(data.get('compliance') or []) or 'none declared'}.",
    ]
    items += [f"Constraint: {c}" for c in brief.get("constraints") or []]
    items += [
        f"Override asked in the brief: {o['component']}.{o['setting']} = {_value(o['value'])} ({o['reason']})"
        for o in brief.get("overrides") or []
    ]
    budget = doc["design"]["cost"]["budget"]
    if budget.get("hard_limit"):
        items.append(f"The budget of {budget.get('monthly_usd')} USD a month is a hard limit.")
    blocks: list[Block] = [Bullets(tuple(items))]
    if not brief.get("constraints") and not brief.get("overrides"):
        blocks.append(Para("The brief states no further constraints and no overrides."))
    if "gdpr" in (data.get("compliance") or []) or data.get("personal_data"):
        blocks.append(
            Para(
                "Personal data: services and databases stay in private subnets; logs must never "
                "hold passwords, tokens, connection strings or personal data."
            )
        )
    return tuple(blocks)


def _value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def architecture(doc: dict[str, Any], svg: SvgRenderer) -> tuple[Block, ...]:
    out: list[Block] = []
    for env in environments(doc):
        g = diagram.graph(doc["design"], env["name"])
        dot = diagram.to_dot(g, doc["project"], doc["version"])
        out.append(
            Sub(
                f"architecture-{env['name']}",
                f"{env['name']}",
                (Diagram(env["name"], dot, diagram.to_mermaid(g), svg(dot)),),
            )
        )
    if not out:
        out.append(Para("The baseline has no environments, so there is nothing to draw."))
    return tuple(out)


def _size(c: dict[str, Any]) -> str:
    parts = [str(c["size"])] if c.get("size") else []
    if c.get("vcpu"):
        parts.append(f"{c['vcpu']} vCPU, {c.get('memory_gb')} GB")
    if c.get("storage_gb"):
        parts.append(f"{c['storage_gb']} GB storage")
    return "; ".join(parts) or "usage-priced"


def env_sections(doc: dict[str, Any]) -> tuple[Block, ...]:
    comps = doc["design"]["components"]
    out: list[Block] = []
    for env in environments(doc):
        rows = tuple(
            (
                f"`{c['id']}`",
                f"{c['title']} ({c['service']})",
                _size(c),
                str(c["count"]),
                "yes" if c.get("multi_az") else "no",
                f"{c['hours_per_month']} h",
                str(c["monthly_usd"]),
            )
            for c in comps
            if c["environment"] == env["name"]
        )
        ttl = f"; each lives at most {env['ttl_hours']} h" if env.get("ttl_hours") else ""
        out.append(
            Sub(
                f"environment-{env['name']}",
                env["name"],
                (
                    Para(
                        f"Schedule: {env['schedule_description']}{ttl}. {env['monthly_usd']} USD a month."
                    ),
                    Table(
                        ("Component", "What", "Size", "Count", "Multi-AZ", "Runs", "USD/month"),
                        rows,
                    ),
                ),
            )
        )
    capacity = doc["design"].get("capacity") or []
    if capacity:
        out.append(
            Sub(
                "capacity",
                "Capacity checks",
                (
                    Table(
                        ("Environment", "Component", "Check", "Headroom", "OK"),
                        tuple(
                            (
                                k["environment"],
                                f"`{k['component']}`",
                                k["formula"],
                                f"{k['headroom_pct']} %",
                                "yes" if k["ok"] else "NO",
                            )
                            for k in capacity
                        ),
                    ),
                ),
            )
        )
    return tuple(out)


def cost(doc: dict[str, Any], imports: Sequence[Event] = ()) -> tuple[Block, ...]:
    c = doc["design"]["cost"]
    rows = [
        (e, f"{usd} USD")
        for e, usd in sorted(c["by_environment"].items(), key=lambda kv: deploy_rank(kv[0]))
    ]
    rows.append(("total", f"{c['monthly_usd']} USD"))
    b = c["budget"]
    budget = (
        f"Budget: {b['monthly_usd']} USD a month ({'hard limit' if b['hard_limit'] else 'soft'}); "
        f"the frame is {b['status']} it"
        + (
            f" by {str(b['headroom_usd']).lstrip('-')} USD"
            if b.get("headroom_usd") and b["status"] == "over"
            else ""
        )
        + "."
        if b.get("monthly_usd")
        else "No budget is set in the brief."
    )
    return (
        Para(
            f"The cost frame of baseline v{doc['version']}: what the design costs a month, per environment, at {c['pricing']}."
        ),
        Table(("Environment", "Monthly cost frame"), tuple(rows)),
        Para(budget),
        *actual_cost(doc, imports),
        Sub(
            "cost-assumptions",
            "Assumptions",
            (Bullets(tuple(c.get("assumptions") or ["none stated"])),),
        ),
    )


def decisions(doc: dict[str, Any], records: Sequence[adr.Record]) -> tuple[Block, ...]:
    ds = doc["design"].get("decisions") or []
    out: list[Block] = [
        Para(
            "Why the design is as it is: every choice the design made, with its alternatives "
            "and the rule that decided it."
        ),
        Table(
            ("Id", "Topic", "Choice", "Alternatives", "Why"),
            tuple(
                (
                    d["id"],
                    d["topic"],
                    d["choice"],
                    "; ".join(d["alternatives"]) or "none",
                    d["rationale"],
                )
                for d in ds
            ),
        ),
        Para(
            f"Decision records (MADR), one per right-sizing verdict, waiver and change request, "
            f"numbered in trail order; each is also a file under `{adr.ADR_DIR}/`."
        ),
    ]
    out.append(
        Bullets(tuple(f"[{r.number:04d}. {r.title}](#{r.anchor}) ({r.status})" for r in records))
        if records
        else Para("No decision records: the baseline has no verdicts, waivers or change requests.")
    )
    for r in records:
        out.append(
            Sub(
                r.anchor,
                f"{r.number:04d}. {r.title}" + (" (superseded)" if r.superseded else ""),
                (
                    Bullets(
                        (
                            f"Status: {r.status}",
                            f"Date: {r.date}",
                            f"Deciders: {r.deciders}",
                            f"Source: {r.source}",
                            f"File: `{r.path}`",
                        )
                    ),
                    Para(f"Context: {r.context}"),
                    Para("Options: " + "; ".join(r.options) + "."),
                    Para(f"Outcome: {r.outcome}"),
                    Bullets(r.consequences),
                ),
            )
        )
    return tuple(out)


def actual_cost(doc: dict[str, Any], imports: Sequence[Event]) -> tuple[Block, ...]:
    """What the imported bills say (the `costs.imported` events of the trail): the latest
    import of each billing period, with its effective cost for the project."""
    latest: dict[str, Event] = {}
    for event in imports:
        for period in event.payload.get("billing_periods", []):
            latest[str(period)] = event
    if not latest:
        return (
            Para(
                "Actual cost: no bills imported. The bootstrap's FOCUS export "
                "(infra/terraform/bootstrap/billing.tf) delivers the account's bills to the "
                f"bucket {doc['project']}-billing-<account id>, as the files `infragate costs "
                "import` reads; infragate then compares them with this frame per environment "
                "and component. Spend is allocated by the tags activated as cost allocation "
                "tags (step 4 of the bootstrap), from their activation onward. Until bills are "
                "imported the actual monthly cost is unknown here: read it in AWS Cost "
                f"Explorer filtered on the tag `project = {doc['project']}`."
            ),
        )
    rows = []
    for period, event in sorted(latest.items()):
        periods = event.payload.get("billing_periods", [])
        shared = (
            f" (with {len(periods) - 1} other period(s) of the file)" if len(periods) > 1 else ""
        )
        rows.append(
            (
                period[:7],
                f"{money(Decimal(str(event.payload.get('effective_usd'))))} USD{shared}",
                f"{event.payload.get('file')} ({event.at[:10]})",
            )
        )
    return (
        Para(
            "Actual cost: the bills imported (FOCUS, through `infragate costs import`), at "
            "effective cost, all charge categories. A month imported before its end shows "
            "less than the frame; `infragate costs report` compares each month with the frame "
            "in force, per environment and component, and `infragate costs stale` lists "
            "spend that should not exist."
        ),
        Table(("Billing period", "Effective cost", "Imported from"), tuple(rows)),
    )
