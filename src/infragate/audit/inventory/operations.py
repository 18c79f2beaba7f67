"""How the application is operated: error tracking, logs, deploy scripts (health, metrics and
backups have modules of their own)."""

from __future__ import annotations

import posixpath
import re

from infragate.audit.inventory.model import Inventory
from infragate.audit.repo import Repo

LOG_FILE = re.compile(r"(/var/log/[\w./${}-]+|[\w./-]+\.log)\b")
LOG_SHIPPERS = re.compile(
    r"amazon-cloudwatch-agent|cloudwatch-agent|datadog-agent|fluent-?bit|fluentd|vector\b|promtail|filebeat|logtail|papertrail",
    re.I,
)
DEPLOY_COMMAND = re.compile(
    r"\b(pm2\s+(start|restart|reload)|systemctl\s+(restart|reload|enable)|rsync\s|scp\s|ssh\s+\S+@|kubectl\s+apply|docker\s+compose\s+up|git\s+pull)",
    re.I,
)


def operations(repo: Repo, inv: Inventory) -> None:
    for path in repo.named("sentry.*.config.ts", "sentry.*.config.js", "sentry.properties"):
        inv.add("error-tracking", "Sentry", path)
    scripts = repo.shell_scripts()
    for path in scripts:
        base = posixpath.basename(path).lower()
        for number, match in repo.grep(path, LOG_FILE):
            if match.group(1).startswith("/var/log") or ">>" in repo.lines(path)[number - 1]:
                inv.add("logging", "local log files", path, number, detail=match.group(1))
        for number, match in repo.grep(path, LOG_SHIPPERS):
            inv.add("logging", "log shipping", path, number, detail=match.group(0))
        if "deploy" in base or "bootstrap" in base or "provision" in base:
            inv.add("deploy-script", base, path)
        else:
            for number, match in repo.grep(path, DEPLOY_COMMAND):
                inv.add("deploy-script", base, path, number, detail=match.group(0))
                break
