"""The closure gate's report as plain text: one line per rule, and for each failure what
is missing, who can act and how."""

from __future__ import annotations

from infragate.closure.gate import ClosureReport
from infragate.closure.model import Verdict

MARK = {Verdict.passed: "PASS", Verdict.failed: "FAIL", Verdict.unjudged: "CANNOT JUDGE"}


def closure_text(report: ClosureReport) -> str:
    state = f", state {report.state}" if report.state else ""
    lines = [f"closure gate: {report.project} baseline v{report.version}{state}"]
    for r in report.results:
        lines.append(f"{MARK[r.verdict]:12} {r.rule.id} {r.rule.slug}: {r.reason}")
        if r.verdict is Verdict.failed:
            lines.append(f"{'':12}   who can act: {'; '.join(r.who)}")
            lines.append(f"{'':12}   fix: {r.rule.fix}")
    failed = len(report.failures())
    unjudged = sum(1 for r in report.results if r.verdict is Verdict.unjudged)
    passed = len(report.results) - failed - unjudged
    lines.append(
        f"{passed} passed, {failed} failed, {unjudged} cannot be judged yet"
        + ("; the project cannot be closed" if failed else "")
    )
    return "\n".join(lines) + "\n"
