import re
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.paths import PathClass, excludes, of
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder

# A block scan, not an HCL parse: python-hcl2 over a large monorepo takes seconds per
# hundred files (issue 4 measured 13.9 s for 798 .tf files); this only needs braces.
RESOURCE = lazyre.compile(r'^[ \t]*resource[ \t]+"(aws_\w+)"[ \t]+"([\w-]+)"[ \t]*\{', re.M)
TAGS = lazyre.compile(r"^[ \t]*tags(_all)?[ \t]*=", re.M)
DEFAULT_TAGS = lazyre.compile(r"^[ \t]*default_tags[ \t]*\{", re.M)
# A module's examples and tests are not deployed.
NOT_DEPLOYED = of(PathClass.EXAMPLE, PathClass.TEST_DIR, PathClass.TEST_DATA)
MODULE = lazyre.compile(r'^[ \t]*module[ \t]+"([\w-]+)"[ \t]*\{', re.M)
# A module from the registry or a repository creates AWS resources that carry only the tags
# it is passed (every terraform-aws-modules module takes `tags`); a local module's own
# resource blocks are checked where they are written.
AWS_MODULE_SOURCE = lazyre.compile(
    r'^\s*source\s*=\s*"([^".][^"]*(?:/aws|terraform-aws-)[^"]*)"', re.M
)
# Resource types AWS does not tag: attachments, associations, policies and settings of
# another resource (AWS provider docs, "Resource Tagging" guide, read 2026-11-25).
UNTAGGABLE = lazyre.compile(
    r"_(attachment|association|bucket_policy|public_access_block|versioning|acl|record|"
    r"permission|security_group_rule|route|role_policy|user_policy|group_policy|"
    r"lifecycle_configuration|ownership_controls|cors_configuration|notification|"
    r"server_side_encryption_configuration|integration|method|deployment|policy_document|"
    r"website_configuration|logging|membership|target_group_attachment|api_gateway_resource|"
    r"method_response|integration_response|gateway_response|apigatewayv2_route|alias|"
    r"function_url|layer_version|provisioned_concurrency_config|event_source_mapping|"
    r"subscription_filter|log_stream|capacity_providers|key_pair_attachment|account|"
    r"main_route_table_association|rule_group_association|invocation)$"
)


BRACE = lazyre.compile(r"[{}]")


def _block_end(text: str, start: int) -> int:
    depth = 0
    for brace in BRACE.finditer(text, start):  # the regex skips the rest: far faster than a loop
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return brace.start()
    return len(text)


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    yield from _cloudformation(repo)
    files = [p for p in repo.terraform() if not excludes(p, NOT_DEPLOYED)]
    if any(DEFAULT_TAGS.search(repo.text(p)) for p in files):
        return  # provider default_tags tag every resource
    for path in files:
        text = repo.text(path)
        if "aws" not in text:
            continue
        for match in RESOURCE.finditer(text):
            kind, name = match.groups()
            if UNTAGGABLE.search(kind):
                continue
            end = _block_end(text, match.end() - 1)
            if not TAGS.search(text, match.end(), end):
                line = text.count("\n", 0, match.start()) + 1
                yield Hit(path, line, f"{kind}.{name} has no tags")
        for match in MODULE.finditer(text):
            end = _block_end(text, match.end() - 1)
            source = AWS_MODULE_SOURCE.search(text, match.end(), end)
            if source and not TAGS.search(text, match.end(), end):  # fmt: skip
                line = text.count("\n", 0, match.start()) + 1
                yield Hit(
                    path, line, f"module.{match.group(1)} ({source.group(1)}) is passed no tags"
                )


# CloudFormation/SAM types that take Tags (CloudFormation resource reference, read 2026-11-29).
CFN_TAGGABLE = frozenset(
    f"AWS::{t}" for t in (
        "Serverless::Function", "Serverless::Api", "Serverless::HttpApi",
        "Serverless::StateMachine", "Serverless::SimpleTable", "Lambda::Function",
        "DynamoDB::Table", "S3::Bucket", "RDS::DBInstance", "RDS::DBCluster", "SQS::Queue",
        "SNS::Topic", "EC2::Instance", "ECS::Cluster", "ECS::Service", "ApiGateway::RestApi",
        "ElastiCache::ReplicationGroup", "StepFunctions::StateMachine",
    )
)  # fmt: skip
CFN_RESOURCE = lazyre.compile(r"^  ([\w-]+):\s*$")
CFN_TYPE = lazyre.compile(r"^\s+Type:\s*['\"]?(AWS::[\w:]+)")


def _cloudformation(repo: Repo) -> Iterator[Hit]:
    for path in repo.named("*.yaml", "*.yml", "*.template"):
        text = repo.text(path)
        if excludes(path, NOT_DEPLOYED) or "/.aws-sam/" in f"/{path}" or "Resources:" not in text:
            continue
        if "AWSTemplateFormatVersion" not in text and "AWS::Serverless" not in text:
            continue
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        samconfig = repo.text(f"{folder}/samconfig.toml" if folder else "samconfig.toml")
        if re.search(r"^\s*tags\s*=", samconfig, re.M):
            continue  # `sam deploy` tags every resource of the stack
        globals_tagged = bool(
            re.search(r"^Globals:\s*\n(?:[ \t]+.*\n|\s*\n)*?[ \t]+Tags:", text, re.M)
        )
        lines = repo.lines(path)
        in_resources = False
        for number, line in enumerate(lines, 1):
            if not line.startswith(" ") and line.strip() and not line.startswith("#"):
                in_resources = line.startswith("Resources:")
                continue
            match = CFN_RESOURCE.match(line) if in_resources else None
            if not match:
                continue
            block = []
            for later in lines[number:]:
                if (
                    later.strip()
                    and not later.startswith("   ")
                    and not later.lstrip().startswith("#")
                ):
                    break
                block.append(later)
            kind = next((m.group(1) for b in block if (m := CFN_TYPE.match(b))), "")
            if kind not in CFN_TAGGABLE or any(b.strip().startswith("Tags:") for b in block):
                continue
            if globals_tagged and kind.startswith("AWS::Serverless::"):
                continue
            yield Hit(path, number, f"{kind} {match.group(1)} has no Tags")


RULE = AuditRule(
    id="AUD021",
    slug="untagged-resources",
    title="Cloud resources carry tags (project, environment, owner, cost centre)",
    rationale=(
        "Untagged resources cannot be attributed to a team or project: their cost is nobody's, "
        "and forgotten environments run for months (seed 003: a $5,000/month staging nobody knew)."
    ),
    impact="No cost visibility per team or project; orphaned resources are never cleaned up.",
    fix="Set provider 'default_tags' (project, environment, owner, cost_center) or tags on each resource.",
    severity=ladder(Severity.info, Severity.low, Severity.medium, Severity.medium),
    check=check,
    needed_from=M,
    defer_reason="a prototype's handful of resources is known by heart; tags matter once costs are split",
)
