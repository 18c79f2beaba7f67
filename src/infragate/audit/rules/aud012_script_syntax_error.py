from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    # `bash -n` runs at the edge (linters.py); its messages arrive as diagnostics.
    for d in repo.diagnostics:
        if d.tool == "bash -n":
            yield Hit(d.file, d.line, f"bash -n: {d.message}")


RULE = AuditRule(
    id="AUD012",
    slug="script-syntax-error",
    title="Shell scripts parse (bash -n)",
    rationale="A script with a syntax error fails every time it runs, usually half-way through its work.",
    impact="Automated setup or deployment fails 100% of the time, leaving the host half-configured.",
    fix="Fix the syntax at the reported line (unbalanced if/fi, case/esac, quotes); run 'bash -n' in CI.",
    severity=ladder(Severity.high, Severity.critical, Severity.critical, Severity.critical),
    check=check,
    uses_tools=True,
)
