from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder, served_app


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    runtime = served_app(inventory)
    if runtime and not inventory.has("container"):
        yield Hit(None, None, f"an application ({runtime}) with no Dockerfile or Containerfile")


RULE = AuditRule(
    id="AUD001",
    slug="no-container-image",
    title="The application is built into a container image",
    rationale=(
        "Without an image the runtime is whatever the server happens to have: development, "
        "CI and production drift apart, and the host is mutated in place by scripts."
    ),
    impact="'Works on my machine'; deployments depend on a hand-built server; no horizontal scaling.",
    fix="Add a multi-stage Dockerfile (build stage, then a slim runtime stage running as non-root).",
    severity=ladder(Severity.low, Severity.medium, Severity.critical, Severity.critical),
    check=check,
    needed_from=M,
    defer_reason="a prototype may run straight from a host or a PaaS build; an image pays off once releases are repeated",
)
