"""Applications served by a cloud platform rather than a server the team runs: Lambda
behind API Gateway, Cloud Run, App Runner, Cloud Functions, declared in Terraform, SAM,
CloudFormation or the Serverless Framework."""

from __future__ import annotations

import re

from infragate.audit import lazyre
from infragate.audit.inventory.model import Inventory
from infragate.audit.inventory.storefacts import dev_or_test_path
from infragate.audit.repo import Repo

TF_KINDS = {
    "aws_lambda_function": "AWS Lambda", "aws_apigatewayv2_api": "API Gateway",
    "aws_api_gateway_rest_api": "API Gateway", "google_cloud_run_service": "Cloud Run",
    "google_cloud_run_v2_service": "Cloud Run", "aws_apprunner_service": "App Runner",
    "google_cloudfunctions_function": "Cloud Functions",
    "google_cloudfunctions2_function": "Cloud Functions",
    "azurerm_linux_function_app": "Azure Functions", "azurerm_function_app": "Azure Functions",
}  # fmt: skip
# Registry modules that create these (registry.terraform.io, read 2026-11-29).
TF_MODULES = {
    "terraform-aws-modules/lambda/aws": "AWS Lambda",
    "terraform-aws-modules/apigateway-v2/aws": "API Gateway",
    "GoogleCloudPlatform/cloud-run/google": "Cloud Run",
    "terraform-aws-modules/app-runner/aws": "App Runner",
}  # fmt: skip
# Every resource type and module source above contains one of these.
TF_NEEDLES = ("lambda", "apigateway", "api_gateway", "cloud_run", "cloud-run", "apprunner",
              "app-runner", "function")  # fmt: skip
TF_BLOCK = lazyre.compile(
    r'^[ \t]*(resource|module)[ \t]+"([\w-]+)"(?:[ \t]+"([\w-]+)")?[ \t]*\{', re.M
)
TF_SOURCE = lazyre.compile(r'^\s*source\s*=\s*"([^"/]+/[^"/]+/[^"/?]+)', re.M)
TF_ROOT = lazyre.compile(r'^[ \t]*(provider[ \t]+"|backend[ \t]+"|cloud[ \t]*\{)', re.M)
SAM = lazyre.compile(r"Type:\s*['\"]?AWS::(Serverless::(Function|Api|HttpApi)|Lambda::Function)\b")


def serverless(repo: Repo, inv: Inventory) -> None:
    tf = [p for p in repo.terraform() if any(n in repo.text(p) for n in TF_NEEDLES)]
    tf = [p for p in tf if not dev_or_test_path(p)]
    # A module published for others declares Lambdas it never deploys: only a repository
    # with a root configuration (a provider or backend block) serves anything.
    if tf and any(
        TF_ROOT.search(repo.text(p)) for p in repo.terraform() if not dev_or_test_path(p)
    ):
        for path in tf:
            _terraform(repo, inv, path)
    for path in repo.named("*.yaml", "*.yml", "*.json", "*.template"):
        if dev_or_test_path(path):
            continue
        for number, match in repo.grep(path, SAM, ("AWS::Serverless", "AWS::Lambda")):
            inv.add(
                "serverless",
                "AWS Lambda",
                path,
                number,
                detail=f"CloudFormation {match.group(0).split()[-1]}",
            )
            break
    for path in repo.named("serverless.yml", "serverless.yaml"):
        if not dev_or_test_path(path) and (line := repo.line_of(path, "functions:")):
            inv.add("serverless", "AWS Lambda", path, line, detail="Serverless Framework functions")


def _terraform(repo: Repo, inv: Inventory, path: str) -> None:
    text = repo.text(path)
    for match in TF_BLOCK.finditer(text):
        block, kind, name = match.groups()
        if block == "resource" and kind not in TF_KINDS:
            continue
        if block == "module":
            source = TF_SOURCE.search(text, match.end(), match.end() + 400)
            platform = TF_MODULES.get(source.group(1)) if source else None
            how = f"Terraform module {source.group(1)}" if source else ""
        else:
            platform, how = TF_KINDS.get(kind), f"Terraform {kind}.{name}"
        if platform:
            inv.add(
                "serverless", platform, path, text.count("\n", 0, match.start()) + 1, detail=how
            )
