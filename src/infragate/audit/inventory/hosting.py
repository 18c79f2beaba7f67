"""Where the application runs and how it is built: containers, orchestration, CI, IaC."""

from __future__ import annotations

import re

from infragate.audit.ci import workflows
from infragate.audit.inventory.datastores import compose_services
from infragate.audit.inventory.model import Inventory
from infragate.audit.repo import Repo


def containers(repo: Repo, inv: Inventory) -> None:
    for path in repo.dockerfiles():
        base = next((ln for ln in repo.lines(path) if ln.upper().startswith("FROM ")), "")
        inv.add("container", "Dockerfile", path, detail=base[5:].strip())
        for number, line in enumerate(repo.lines(path), 1):
            if line.strip().upper().startswith("HEALTHCHECK"):
                inv.add("health", "Dockerfile HEALTHCHECK", path, number)
    for path in repo.compose_files():
        services = compose_services(repo, path)
        inv.add("orchestration", "Docker Compose", path, detail=", ".join(services))
        for name, service in services.items():
            if "healthcheck" in service:
                inv.add("health", "compose healthcheck", path, detail=f"service '{name}'")
    for path in repo.named("Chart.yaml"):
        inv.add("orchestration", "Helm", path)
    for path in k8s_manifests(repo):
        inv.add("orchestration", "Kubernetes", path)
        if re.search(r"(liveness|readiness)Probe", repo.text(path)):
            inv.add("health", "Kubernetes probe", path, repo.line_of(path, "Probe"))


def k8s_manifests(repo: Repo) -> list[str]:
    out = []
    for path in repo.named("*.yaml", "*.yml"):
        text = repo.text(path)
        if (
            "apiVersion:" in text
            and "\nkind:" in "\n" + text
            and not path.startswith(".github/")
            and "Chart.yaml" not in path
        ):
            out.append(path)
    return out


def ci(repo: Repo, inv: Inventory) -> None:
    inv.workflows = workflows(repo)
    for wf in inv.workflows:
        jobs = ", ".join(f"{j.id} ({'/'.join(sorted(j.kinds)) or 'other'})" for j in wf.jobs)
        inv.add("ci", wf.system, wf.path, detail=jobs)
    for path in repo.glob(".circleci/config.yml", "Jenkinsfile", "bitbucket-pipelines.yml",
                          "azure-pipelines.yml", ".travis.yml"):  # fmt: skip
        inv.add("ci", path.split("/")[0].lstrip(".").split(".")[0], path)


def iac(repo: Repo, inv: Inventory) -> None:
    tf = repo.terraform()
    if tf:
        inv.add("iac", "Terraform", tf[0], detail=f"{len(tf)} .tf files")
    for path in repo.named("Pulumi.yaml", "Pulumi.yml"):
        inv.add("iac", "Pulumi", path)
    for path in repo.named("cdk.json"):
        inv.add("iac", "AWS CDK", path)
    for path in repo.named("serverless.yml", "serverless.yaml"):
        inv.add("iac", "Serverless Framework", path)
    for path in repo.named("*.yaml", "*.yml", "*.json", "*.template"):
        if "AWSTemplateFormatVersion" in repo.text(path):
            inv.add("iac", "CloudFormation", path)
    for path in repo.named("*.yml", "*.yaml"):
        text = repo.text(path)
        if re.search(r"^-\s+hosts:", text, re.M) and ("tasks:" in text or "roles:" in text):
            inv.add("iac", "Ansible", path)
    manifests = k8s_manifests(repo)
    if manifests:
        inv.add("iac", "Kubernetes manifests (kubectl)", manifests[0],
                detail=f"{len(manifests)} manifest files")  # fmt: skip
