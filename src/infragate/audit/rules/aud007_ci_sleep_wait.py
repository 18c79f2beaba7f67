import re
from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, ladder

SLEEP = re.compile(r"^(?!\s*#).*?\bsleep\s+(\d+[smh]?)\b")


LOOP = re.compile(
    r"\b(?:while|until)\s+\S.*;\s*do\b|\bfor\s+\w+\s+in\b|\bdo\s*$|(?:^|;)\s*done\b|\|\|\s*sleep"
)


def _in_loop(lines: list[str], index: int) -> bool:
    """A sleep between retries of a loop is polling, not a fixed wait."""
    window = lines[max(index - 4, 0) : index + 4]
    return any(LOOP.search(line) for line in window)


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for path in repo.ci_files():
        for line, match in repo.grep(path, SLEEP):
            if _in_loop(repo.lines(path), line - 1):
                continue
            yield Hit(path, line, f"waits a fixed 'sleep {match.group(1)}' instead of polling")


RULE = AuditRule(
    id="AUD007",
    slug="ci-sleep-wait",
    title="CI waits for a service by polling it, not by sleeping",
    rationale=(
        "A fixed sleep before using a server races with its start-up: too short on a slow "
        "runner and the step fails at random, too long and every run wastes the time."
    ),
    impact="Flaky pipelines; failures nobody can reproduce.",
    fix="Poll until ready, e.g. 'npx wait-on http://localhost:3000' or a curl retry loop with a timeout.",
    severity=ladder(Severity.low, Severity.medium, Severity.medium, Severity.medium),
    check=check,
)
