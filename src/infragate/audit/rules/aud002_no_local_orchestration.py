from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.inventory.delivery import runs_as_functions
from infragate.audit.model import Hit, Severity
from infragate.audit.paths import PathClass, excludes, of
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder, served_app

# A compose file among the tests starts what the tests need (an identity provider, a
# browser), not the application's stack for a developer.
TESTS_FOLDERS = of(PathClass.TEST_DIR, PathClass.TEST_DATA)


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    runtime = served_app(inventory)
    if not runtime or runs_as_functions(inventory):
        return  # functions run locally through their framework's emulator (SAM, serverless)
    facts = inventory.of("orchestration")
    if any(f.name != "Docker Compose" or not excludes(f.file or "", TESTS_FOLDERS) for f in facts):
        return
    if facts:
        tests = ", ".join(sorted(f.file or "" for f in facts)[:3])
        yield Hit(None, None, f"an application ({runtime}) whose only compose files are tests' ({tests})")  # fmt: skip
    else:
        yield Hit(None, None, f"an application ({runtime}) with no docker-compose file")


RULE = AuditRule(
    id="AUD002",
    slug="no-local-orchestration",
    title="The app and its services start together locally (docker compose)",
    rationale=(
        "A compose file is the executable description of what the app needs (database, cache, "
        "queue); without it every developer assembles the stack by hand and differently."
    ),
    impact="Slow onboarding; local stacks differ from production (e.g. SQLite locally, Postgres in prod).",
    fix="Add compose.yaml with the app, its database and cache, mirroring production engines.",
    severity=ladder(Severity.info, Severity.low, Severity.medium, Severity.medium),
    check=check,
    needed_from=M,
    defer_reason="one developer on a prototype can run the app directly; compose pays off with a team",
)
