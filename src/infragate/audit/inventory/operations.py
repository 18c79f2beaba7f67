"""How the application is operated: health, metrics, backups (logs and deploy logic: deploy.py)."""

from __future__ import annotations

import posixpath
import re

from infragate.audit.inventory.hosting import k8s_manifests
from infragate.audit.inventory.manifests import SOURCE_SUFFIXES
from infragate.audit.inventory.model import Inventory
from infragate.audit.repo import Repo

HEALTH_ROUTE_FILE = re.compile(
    r"(^|/)(pages|app|src/pages|src/app|routes|api)(/.*)?/(health|healthz|healthcheck|ready|readyz|livez|status)(/route)?\.(ts|tsx|js|jsx|mjs|py|go|rb)$"
)
HEALTH_ROUTE = re.compile(
    r"""(?:get|route|api_view|path|HandleFunc|Get|add_api_route)\w*\s*\(\s*["'`]/(?:api/)?(?:health|healthz|healthcheck|readyz|livez|ready)\b"""
)
TEST_FILE = re.compile(r"(^|/)(tests?|__tests__|spec)/|(^|/)test_[^/]*$|\.(test|spec)\.\w+$")
HEALTH_NEEDLES = ("/health", "/ready", "/livez", "/api/health")
METRICS_FILES = ("prometheus.yml", "prometheus.yaml", "datadog.yaml", "newrelic.js", "newrelic.yml")
BACKUP_COMMAND = re.compile(
    r"pg_dump|pg_basebackup|mysqldump|mongodump|sqlite3\s+\S+\s+['\"]?\.backup|litestream|restic|borg\s+create|aws\s+backup|wal-g",
    re.I,
)


def operations(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("sentry.*.config.ts", "sentry.*.config.js", "sentry.properties"):
        inv.add("error-tracking", "Sentry", path)
    for path in repo.named(*METRICS_FILES):
        inv.add("monitoring", posixpath.basename(path).split(".")[0].title(), path)
    for path in repo.named("*.json"):
        if path.startswith("grafana/") or "/grafana/" in path or "dashboards" in path:
            inv.add("monitoring", "Grafana dashboard", path)
    for path in k8s_manifests(repo):
        for number, _ in repo.grep(path, re.compile(r"prometheus\.io/scrape")):
            inv.add("monitoring", "Prometheus scraping", path, number)
        for number, match in repo.grep(path, BACKUP_COMMAND):
            inv.add("backup", "backup command", path, number, detail=match.group(0))
    for path in sorted(repo.paths):
        if "backup" in posixpath.basename(path).lower() and not path.endswith(".md"):
            inv.add("backup", "backup job", path)
    for path in sorted(repo.paths):
        if HEALTH_ROUTE_FILE.search(path):
            inv.add("health", "health endpoint", path)
    for path in (p for p in repo.texts if p.endswith(SOURCE_SUFFIXES)):
        if "/node_modules/" in path or TEST_FILE.search(path):
            continue  # a test that calls /health is not the endpoint
        for number, _ in repo.grep(path, HEALTH_ROUTE, HEALTH_NEEDLES):
            inv.add("health", "health endpoint", path, number)
    scripts = repo.shell_scripts()
    for path in scripts:
        for number, match in repo.grep(path, BACKUP_COMMAND):
            inv.add("backup", "backup command", path, number, detail=match.group(0))
    for path in repo.terraform():
        for number, _ in repo.grep(
            path, re.compile(r"aws_backup_plan|backup_retention_period\s*=\s*[1-9]")
        ):
            inv.add("backup", "managed backups (Terraform)", path, number)
        for number, _ in repo.grep(
            path, re.compile(r"aws_cloudwatch_metric_alarm|aws_cloudwatch_dashboard")
        ):
            inv.add("monitoring", "CloudWatch alarms", path, number)
