"""How the application is operated: error tracking. Health, metrics, backups, logging and
deploy logic have modules of their own (health, monitoring, backups, app_logging, deploy)."""

from __future__ import annotations

from infragate.audit.inventory.model import Inventory
from infragate.audit.repo import Repo


def operations(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("sentry.*.config.ts", "sentry.*.config.js", "sentry.properties"):
        inv.add("error-tracking", "Sentry", path)
