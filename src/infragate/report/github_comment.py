"""A design or change request as a pull-request comment, in the shape reviewers know from
Infracost's: monthly cost by environment and component before and after, the verdicts
that changed, and who must approve.

The first line is a hidden marker naming the project, so a sticky-comment action (one
that finds its earlier comment by a string and edits it) keeps one comment per project.
Works on designs as JSON data, as baselines and change requests store them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# GitHub refuses an issue or pull-request comment body over 65,536 characters ("Body is
# too long (maximum is 65536 characters)", the REST API's create-a-comment answer,
# https://docs.github.com/en/rest/issues/comments, as quoted in
# machine-learning-apps/pr-comment#2 and infrahouse/infrahouse-toolkit#144; read 2026-12-07).
GITHUB_COMMENT_LIMIT = 65_536
# What the component table may take: the rest of the comment is a few hundred
# characters per verdict and approver, well inside the margin.
_COMPONENT_BUDGET = GITHUB_COMMENT_LIMIT - 16_000


def marker(project: str) -> str:
    """The comment's first line, the same for every comment of one project."""
    return f"<!-- infragate-comment project={project} -->"


@dataclass(frozen=True)
class CommentInput:
    project: str
    heading: str  # what is compared, e.g. "Change request #2 against baseline v1"
    context: str  # one line under the heading: who asked and why, or the maturity
    before: dict[str, Any] | None  # the design before (None: a first design)
    after: dict[str, Any]
    approvers: Sequence[tuple[str, str]]  # role → who may approve as it, as a sentence
    settled: str = ""  # why nobody approves any more (a change approved, rejected, superseded)


@dataclass(frozen=True)
class Row:
    label: tuple[str, ...]  # (environment,) or (environment, component, title)
    before: Decimal
    after: Decimal

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


def money(value: Decimal) -> str:
    return f"${value:,.2f}"


def delta_text(before: Decimal, after: Decimal) -> str:
    """`+$12.00 (+10.0 %)`, `-$3.50 (-2.1 %)`, `$0.00`; `(new)` or `(removed)` at the ends."""
    delta = after - before
    if delta == 0:
        return "$0.00"
    sign = "+" if delta > 0 else "-"
    text = f"{sign}{money(abs(delta))}"
    if before == 0:
        return f"{text} (new)"
    if after == 0:
        return f"{text} (removed)"
    return f"{text} ({sign}{abs(delta) * 100 / before:,.1f} %)"


def _usd(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def environment_rows(before: dict[str, Any] | None, after: dict[str, Any]) -> list[Row]:
    a = (before or {}).get("cost", {}).get("by_environment", {})
    b = after.get("cost", {}).get("by_environment", {})
    order = [*b, *(k for k in a if k not in b)]  # the design's order, removed ones last
    return [Row((env,), _usd(a.get(env)), _usd(b.get(env))) for env in order]


def component_rows(before: dict[str, Any] | None, after: dict[str, Any]) -> list[Row]:
    def keyed(design: dict[str, Any] | None) -> dict[tuple[str, str], dict[str, Any]]:
        return {(c["environment"], c["id"]): c for c in (design or {}).get("components", [])}

    a, b = keyed(before), keyed(after)
    order = [*b, *(k for k in a if k not in b)]
    return [
        Row(
            (env, cid, str((b.get((env, cid)) or a[(env, cid)])["title"])),
            _usd(a[(env, cid)]["monthly_usd"]) if (env, cid) in a else Decimal(0),
            _usd(b[(env, cid)]["monthly_usd"]) if (env, cid) in b else Decimal(0),
        )
        for env, cid in order
    ]


def changed_verdicts(
    before: dict[str, Any] | None, after: dict[str, Any]
) -> list[tuple[str, str, str, str]]:
    """(rule, subject, before, after) of each verdict that is new, gone or different; a
    verdict the design does not apply reads "verdict (not applied)", "—" where absent."""

    def keyed(design: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
        return {v["subject"]: v for v in (design or {}).get("verdicts", [])}

    def label(v: dict[str, Any] | None) -> str:
        if v is None:
            return "—"
        return f"{v['verdict']}{'' if v['applied'] else ' (not applied)'}"

    a, b = keyed(before), keyed(after)
    found = []
    for subject in [*b, *(k for k in a if k not in b)]:
        va, vb = a.get(subject), b.get(subject)
        if (
            va is None
            or vb is None
            or (va["verdict"], va["applied"])
            != (
                vb["verdict"],
                vb["applied"],
            )
        ):
            rule = str((vb or va or {}).get("rule", ""))
            found.append((rule, subject, label(va), label(vb)))
    return found


def _money_table(head: str, rows: list[Row], total: Row | None) -> list[str]:
    lines = [
        f"| {head} | Before | After | Delta |",
        f"| {'--- | ' * head.count('|')}--- | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {' | '.join(_cell(x) for x in r.label)} | {money(r.before)} | "
            f"{money(r.after)} | {delta_text(r.before, r.after)} |"
        )
    if total is not None:
        pad = " | " * head.count("|")
        lines.append(
            f"| **Total**{pad} | **{money(total.before)}** | **{money(total.after)}** | "
            f"**{delta_text(total.before, total.after)}** |"
        )
    return lines


def _truncated(lines: list[str], budget: int) -> tuple[list[str], int]:
    """The table's lines that fit in `budget` characters (its two header lines always),
    and how many rows were left out."""
    kept, used = lines[:2], sum(len(x) + 1 for x in lines[:2])
    for i, line in enumerate(lines[2:]):
        if used + len(line) + 1 > budget:
            return kept, len(lines) - 2 - i
        kept.append(line)
        used += len(line) + 1
    return kept, 0


def github_comment(data: CommentInput, component_budget: int = _COMPONENT_BUDGET) -> str:
    before, after = data.before, data.after
    total = Row(
        ("total",),
        _usd((before or {}).get("cost", {}).get("monthly_usd")),
        _usd(after.get("cost", {}).get("monthly_usd")),
    )
    out = [
        marker(data.project),
        f"## infragate · {_cell(data.project)}: monthly cost "
        + (
            f"{money(total.before)} → {money(total.after)}, {delta_text(total.before, total.after)}"
            if before is not None
            else f"{money(total.after)} (first design)"
        ),
        "",
        f"**{_cell(data.heading)}**" + (f" — {_cell(data.context)}" if data.context else ""),
        "",
        *_money_table("Environment", environment_rows(before, after), total),
        "",
    ]
    components = component_rows(before, after)
    table = _money_table("Environment | Component | Title", components, None)
    kept, left_out = _truncated(table, component_budget)
    changed = sum(1 for r in components if r.delta != 0)
    out += [
        f"<details><summary>By component ({len(components)}, {changed} changed)</summary>",
        "",
        *kept,
    ]
    if left_out:
        out.append("")
        out.append(
            f"_{left_out} more component rows left out to stay under GitHub's "
            f"{GITHUB_COMMENT_LIMIT:,}-character comment limit; "
            "`infragate change show --format markdown` lists them all._"
        )
    out += ["", "</details>", ""]
    verdicts = changed_verdicts(before, after)
    out.append(f"### Verdicts that changed ({len(verdicts)})" if before else "### Verdicts")
    out.append("")
    if verdicts and before is None:
        out += ["| Rule | Subject | Verdict |", "| --- | --- | --- |"]
        out += [f"| {r} | {_cell(s)} | {_cell(b)} |" for r, s, _, b in verdicts]
    elif verdicts:
        out += ["| Rule | Subject | Before | After |", "| --- | --- | --- | --- |"]
        out += [f"| {r} | {_cell(s)} | {_cell(a)} | {_cell(b)} |" for r, s, a, b in verdicts]
    else:
        out.append("None: every gate rule judges the design as before.")
    out += ["", "### Who must approve", ""]
    if data.settled:
        out.append(_cell(data.settled))
    elif data.approvers:
        out += [f"- **{role}**: {_cell(who)}" for role, who in data.approvers]
    else:
        out.append("Nobody: every required role has approved.")
    pricing = after.get("cost", {}).get("pricing")
    out += [
        "",
        f"<sub>Prices: {_cell(str(pricing))}. Generated by infragate.</sub>"
        if pricing
        else "<sub>Generated by infragate.</sub>",
    ]
    return "\n".join(out) + "\n"
