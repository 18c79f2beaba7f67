"""The as-is architecture: what the repository runs on, builds with, deploys with, watches with.

Every fact names the file (and line, where one line shows it) that it was inferred from. Each
module below reads one concern; `build_inventory` runs them in order.
"""

from __future__ import annotations

from infragate.audit.inventory import datastores, deploy, hosting, manifests, operations
from infragate.audit.inventory.model import CATEGORIES, Inventory
from infragate.audit.repo import Repo

__all__ = ["CATEGORIES", "Inventory", "build_inventory"]


def build_inventory(repo: Repo) -> Inventory:
    inv = Inventory()
    manifests.languages(repo, inv)
    manifests.manifests(repo, inv)
    datastores.datastores(repo, inv)
    hosting.containers(repo, inv)
    hosting.ci(repo, inv)
    hosting.iac(repo, inv)
    operations.operations(repo, inv)
    deploy.deploy_logic(repo, inv)
    deploy.logging(repo, inv)
    deploy.framework_logging(repo, inv)
    deploy.vendored(repo, inv)
    return inv
