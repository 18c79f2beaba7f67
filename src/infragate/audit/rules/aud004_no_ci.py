from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, app_runtime, ladder


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    runtime = app_runtime(inventory)
    if runtime and not inventory.has("ci"):
        yield Hit(None, None, f"an application ({runtime}) with no CI pipeline")


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
