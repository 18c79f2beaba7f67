"""The drift report in the terminal, Markdown, JSON and SARIF 2.1.0."""

from __future__ import annotations

from collections import Counter
from typing import Any

from infragate.render.drift_findings import KINDS, Finding, Report
from infragate.report.safe_text import shown
from infragate.report.sarif import sarif_log


def _where(f: Finding) -> str:
    return f"{f.path}:{f.line}" if f.line else f.path


def _headline(r: Report) -> str:
    state = (
        f"; state {r.state} ({r.environment}, {r.resources_checked} resources)" if r.state else ""
    )
    return (
        f"Drift of {r.root} from {r.project} baseline v{r.version} ({r.sha256[:12]}): "
        f"{r.files_checked} rendered files checked{state}"
    )


def _summary(r: Report) -> str:
    if not r.findings:
        return "No drift: the repository matches the baseline."
    counts = Counter(str(f.kind) for f in r.findings)
    listed = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    return f"{len(r.findings)} drift finding{'s' if len(r.findings) != 1 else ''}: {listed}"


def print_drift(console: Any, r: Report) -> None:
    console.print(shown(_headline(r)))
    for f in r.findings:
        console.print(f"[red]{f.kind:17}[/] [bold]{shown(_where(f))}[/]")
        console.print(f"    {shown(f.message)}")
        console.print(f"    [dim]fix: {shown(f.fix)}[/]")
    console.print(("[red]" if r.findings else "[green]") + shown(_summary(r)) + "[/]")


def drift_markdown(r: Report) -> str:
    lines = [f"# Drift: {r.project} baseline v{r.version}", "", _headline(r) + ".", ""]
    if r.findings:
        lines += ["| Kind | Where | What | Fix |", "|---|---|---|---|"]
        for f in r.findings:
            cells = [str(f.kind), f"`{_where(f)}`", f.message, f.fix]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    lines.append(_summary(r))
    return "\n".join(lines) + "\n"


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "kind": str(f.kind),
        "path": f.path,
        "line": f.line,
        "address": f.address,
        "message": f.message,
        "fix": f.fix,
    }


def drift_data(r: Report) -> dict[str, Any]:
    return {
        "schema": "infragate.drift/v1",
        "project": r.project,
        "baseline": {"version": r.version, "sha256": r.sha256},
        "root": r.root,
        "files_checked": r.files_checked,
        "state": None
        if r.state is None
        else {"file": r.state, "environment": r.environment, "resources": r.resources_checked},
        "drifted": r.drifted,
        "findings": [_finding(f) for f in r.findings],
    }


def drift_sarif(r: Report) -> dict[str, Any]:
    kinds = list(KINDS)
    rules = [
        {
            "id": f"DRIFT-{kind}",
            "name": str(kind),
            "shortDescription": {"text": title},
            "help": {"text": fix},
            "defaultConfiguration": {"level": "error"},
        }
        for kind, (title, fix) in KINDS.items()
    ]
    results = []
    for f in r.findings:
        location: dict[str, Any] = {"artifactLocation": {"uri": f.path}}
        if f.line:
            location["region"] = {"startLine": f.line}
        result: dict[str, Any] = {
            "ruleId": f"DRIFT-{f.kind}",
            "ruleIndex": kinds.index(f.kind),
            "level": "error",
            "message": {"text": f"{f.message}. Fix: {f.fix}"},
            "locations": [{"physicalLocation": location}],
        }
        if f.address:
            result["properties"] = {"address": f.address}
        results.append(result)
    return sarif_log(
        rules,
        results,
        {"baseline": {"project": r.project, "version": r.version, "sha256": r.sha256}},
    )
