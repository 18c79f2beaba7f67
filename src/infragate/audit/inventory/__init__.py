"""The as-is architecture: what the repository runs on, builds with, deploys with, watches with.

Every fact names the file (and line, where one line shows it) that it was inferred from. Each
module below reads one concern; `build_inventory` runs them in order.
"""

from __future__ import annotations

from infragate.audit.inventory import (
    app_logging,
    backups,
    datastores,
    deploy,
    frameworks,
    health,
    hosting,
    images,
    manifests,
    monitoring,
    operations,
    serverless,
)
from infragate.audit.inventory.model import CATEGORIES, Inventory
from infragate.audit.repo import Repo

__all__ = ["CATEGORIES", "Inventory", "build_inventory"]


def build_inventory(repo: Repo) -> Inventory:
    inv = Inventory()
    manifests.languages(repo, inv)
    manifests.manifests(repo, inv)
    datastores.datastores(repo, inv)
    hosting.containers(repo, inv)
    images.images(repo, inv)
    hosting.ci(repo, inv)
    hosting.iac(repo, inv)
    serverless.serverless(repo, inv)
    operations.operations(repo, inv)
    deploy.deploy_logic(repo, inv)
    deploy.logging(repo, inv)
    deploy.vendored(repo, inv)
    frameworks.frameworks(repo, inv)  # after manifests: adds only the frameworks they missed
    app_logging.app_logging(repo, inv)  # Rails, Laravel, Java and nohup logging to files
    health.health(repo, inv)  # after datastores: a handler is judged against the stores found
    monitoring.monitoring(repo, inv)
    backups.backups(repo, inv)
    return inv
