"""Metrics and alarms: exporters' configuration, dashboards, scraping, cloud alarms."""

from __future__ import annotations

import posixpath

from infragate.audit import lazyre
from infragate.audit.inventory.hosting import k8s_manifests
from infragate.audit.inventory.model import Inventory
from infragate.audit.repo import Repo

METRICS_FILES = ("prometheus.yml", "prometheus.yaml", "datadog.yaml", "newrelic.js", "newrelic.yml")
SCRAPE = lazyre.compile(r"prometheus\.io/scrape")
# Alarms and dashboards declared as code: Terraform (AWS, Google Cloud, the CloudWatch
# alarm module), CloudFormation/SAM, and the Serverless Framework's alerts plugin.
TF_ALARMS = lazyre.compile(
    r"aws_cloudwatch_metric_alarm|aws_cloudwatch_composite_alarm|aws_cloudwatch_dashboard|"
    r"google_monitoring_alert_policy|azurerm_monitor_metric_alert|"
    r"terraform-aws-modules/cloudwatch/aws//modules/metric-alarm"
)
CFN_ALARMS = lazyre.compile(r"AWS::CloudWatch::(Alarm|Dashboard)|serverless-plugin-aws-alerts")


def monitoring(repo: Repo, inv: Inventory) -> None:
    for path in repo.named(*METRICS_FILES):
        inv.add("monitoring", posixpath.basename(path).split(".")[0].title(), path)
    for path in repo.named("*.json"):
        if path.startswith("grafana/") or "/grafana/" in path or "dashboards" in path:
            inv.add("monitoring", "Grafana dashboard", path)
    for path in k8s_manifests(repo):
        for number, _ in repo.grep(path, SCRAPE, ("prometheus.io",)):
            inv.add("monitoring", "Prometheus scraping", path, number)
    for path in repo.terraform():
        for number, match in repo.grep(path, TF_ALARMS, ("cloudwatch", "monitor")):
            inv.add("monitoring", "CloudWatch alarms" if "aws" in match.group(0) else "cloud alarms",
                    path, number, detail=match.group(0))  # fmt: skip
    for path in repo.named("*.yaml", "*.yml", "*.json", "*.template"):
        for number, match in repo.grep(path, CFN_ALARMS, ("AWS::CloudWatch", "aws-alerts")):
            inv.add("monitoring", "CloudWatch alarms", path, number, detail=match.group(0))
    # Sentry with tracing switched on (an APM) is inventory/frameworks.py's.
