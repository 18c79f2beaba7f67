from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, app_runtime, ladder

MANUAL = frozenset({"workflow_dispatch", "repository_dispatch", "workflow_call"})


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    runtime = app_runtime(inventory)
    if not runtime:
        return
    if not inventory.has("ci"):
        yield Hit(None, None, f"an application ({runtime}) with no CI pipeline")
        return
    others = [f for f in inventory.of("ci") if f.name != "GitHub Actions"]
    automatic = [wf for wf in inventory.workflows if wf.triggers - MANUAL]
    if not others and inventory.workflows and not automatic:
        first = inventory.workflows[0]
        yield Hit(
            first.path,
            None,
            f"an application ({runtime}) whose workflows run only when started by hand",
        )


RULE = AuditRule(
    id="AUD004",
    slug="no-ci",
    title="Changes are built and tested by a CI pipeline",
    rationale=(
        "Without CI nothing checks that a change builds and passes its tests before it reaches "
        "users; every release depends on someone remembering to run them."
    ),
    impact="Broken builds and regressions are found by users.",
    fix="Add a CI workflow (e.g. .github/workflows/ci.yml) that installs, lints, tests and builds.",
    severity=ladder(Severity.low, Severity.medium, Severity.high, Severity.high),
    check=check,
    needed_from=M,
    defer_reason="a prototype's author can test locally; CI pays off once several people change the code",
)
