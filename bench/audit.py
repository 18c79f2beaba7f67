"""Audit speed and memory on a large tree, beside Checkov and the floor (issue 4).

    .venv/bin/python bench/audit.py [--runs N] [--tree DIR] [--checkov-runs N]
                                    [--checkov-timeout SECONDS] [--skip-checkov]

Builds a deterministic monorepo (seeded RNG) of more than 20,000 inspected files into
build/bench-audit-tree, unless --tree names one: TypeScript, JavaScript, Python and Go
services, thousands of Terraform files (modules, environments, resources with and without
tags), thousands of YAML files (Kubernetes manifests and overlays, GitHub workflows, compose
files, app config), hundreds of Dockerfiles and shell scripts, Markdown, a .gitignore that
hides coverage output, and a node_modules of 10,000 files that the audit must skip. A tree
built by the same generator version is reused; a tree given with --tree is used as it is.

Then it measures, each in fresh processes, the median (min and max beside it) of:
  audit    `infragate audit TREE --format json -o /dev/null`
  checkov  `checkov -d TREE --quiet --compact -o json --skip-download`, from its own venv
           (build/bench-venv-checkov, created on first use: Checkov's dependencies stay out of
           infragate's venv); a run over --checkov-timeout counts as that many seconds, a
           lower bound, marked with '>'
  floor    a Python process that walks the tree with the audit's skip rules and reads every
           file the audit would read
Wall time is measured around the child alone; peak memory is the child's ru_maxrss
(RUSAGE_CHILDREN of a fresh wrapper, so the largest single process of the tool) and, beside
it, the largest sum over the whole process tree sampled from /proc every 50 ms (Checkov forks
workers). Targets (issue 4): at least 10 times faster than Checkov, under 300 MB peak memory.
A report, not a test: it exits 0 unless something crashes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).parent / "infragate"
DEFAULT_TREE = ROOT / "build" / "bench-audit-tree"
CHECKOV_VENV = ROOT / "build" / "bench-venv-checkov"
CHECKOV_SPEC = "checkov>=3.3,<3.4"
GENERATOR_VERSION = 3  # bump when the generator changes, so old trees are rebuilt
MARKER = ".infragate-bench.json"
PROC = Path("/proc")
SPEED_TARGET = 10.0  # Checkov time / audit time, at least
MEMORY_TARGET_MB = 300.0

# --- the tree -------------------------------------------------------------------------

TEAMS = ["payments", "search", "identity", "catalog", "orders", "growth", "data", "platform"]
LANGS = ["ts", "js", "py", "go"]
ENVS = ["dev", "staging", "prod"]
STACKS_PER_ENV = 200  # x 3 envs x 5 files = 3,000 .tf, plus the modules
SERVICES = 250
NODE_PACKAGES = 400
FILES_PER_PACKAGE = 25  # 10,000 files under node_modules
VOCAB = [
    *["request", "cache", "order", "user", "price", "stock", "queue", "event", "retry"],
    *["batch", "token", "session", "invoice", "ledger", "report", "metric", "region"],
    *["tenant", "schedule", "export", "import", "record"],
]


class Tree:
    """Writes files under a root and counts them by kind."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.counts: dict[str, int] = {}

    def write(self, rel: str, text: str, kind: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        self.counts[kind] = self.counts.get(kind, 0) + 1


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n))


def source_file(rng: random.Random, lang: str, name: str, functions: int) -> str:
    out: list[str] = []
    if lang == "py":
        out.append(f'"""{name}: {_words(rng, 8)}."""\n\nfrom __future__ import annotations\n')
        out.append(
            "import logging\nfrom dataclasses import dataclass\n\nlog = logging.getLogger(__name__)\n"
        )
        for i in range(functions):
            out.append(
                f"\n\n@dataclass\nclass Item{i}:\n    id: int\n    name: str\n    price_cents: int = 0\n"
                f"\n\ndef handle_{i}(items: list[Item{i}], limit: int = {rng.randint(5, 500)}) -> int:\n"
                f'    """{_words(rng, 10)}."""\n'
                f"    total = 0\n    for item in items[:limit]:\n"
                f"        total += item.price_cents * {rng.randint(1, 9)}\n"
                f'    log.info("handled %d items", len(items))\n    return total\n'
            )
    elif lang == "go":
        out.append(
            f'// Package {name} {_words(rng, 8)}.\npackage {name}\n\nimport (\n\t"context"\n\t"fmt"\n)\n'
        )
        for i in range(functions):
            out.append(
                f"\n// Handle{i} {_words(rng, 8)}.\nfunc Handle{i}(ctx context.Context, ids []int) (int, error) {{\n"
                f"\ttotal := 0\n\tfor _, id := range ids {{\n\t\tif err := ctx.Err(); err != nil {{\n"
                f'\t\t\treturn 0, fmt.Errorf("handle{i}: %w", err)\n\t\t}}\n'
                f"\t\ttotal += id * {rng.randint(1, 9)}\n\t}}\n\treturn total, nil\n}}\n"
            )
    else:
        typed = lang == "ts"
        out.append(f"// {name}: {_words(rng, 8)}.\nimport {{ logger }} from './logger';\n")
        for i in range(functions):
            sig = (
                "(items: Array<{ id: number; priceCents: number }>): number" if typed else "(items)"
            )
            out.append(
                f"\n/** {_words(rng, 10)} */\nexport function handle{i}{sig} {{\n"
                f"  let total = 0;\n  for (const item of items.slice(0, {rng.randint(5, 500)})) {{\n"
                f"    total += item.priceCents * {rng.randint(1, 9)};\n  }}\n"
                f"  logger.info('handled', {{ count: items.length }});\n  return total;\n}}\n"
            )
    return "".join(out)


def tags_block(rng: random.Random, env: str, team: str) -> str:
    return (
        "  tags = {\n"
        f'    Project     = "{team}"\n    Environment = "{env}"\n'
        f'    Owner       = "{team}@example.com"\n    CostCenter  = "CC-{rng.randint(1000, 9999)}"\n'
        "  }\n"
    )


def terraform_resources(
    rng: random.Random, env: str, team: str, stack: str, *, calls_module: bool = True
) -> str:
    """A main.tf: about six resources, roughly a third untagged, and a stack's module call."""
    blocks: list[str] = []
    for i in range(rng.randint(4, 8)):
        kind = rng.choice(
            ["instance", "bucket", "db", "sg", "role", "lambda", "logs", "queue", "lb", "ecs"]
        )
        tags = tags_block(rng, env, team) if rng.random() < 0.65 else ""
        name = f"{stack}_{kind}_{i}"
        if kind == "instance":
            body = (
                f'resource "aws_instance" "{name}" {{\n  ami           = var.ami_id\n'
                f'  instance_type = "{rng.choice(["t3.micro", "t3.small", "m6i.large"])}"\n'
                f"  subnet_id     = var.private_subnet_ids[{i % 3}]\n"
                f"  vpc_security_group_ids = [aws_security_group.{stack}_base.id]\n"
                '  metadata_options {\n    http_tokens = "required"\n  }\n'
            )
        elif kind == "bucket":
            body = f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{team}-{env}-{stack}-{i}"\n'
        elif kind == "db":
            body = (
                f'resource "aws_db_instance" "{name}" {{\n  identifier        = "{team}-{env}-{i}"\n'
                f'  engine            = "postgres"\n  engine_version    = "16.3"\n'
                f'  instance_class    = "{rng.choice(["db.t4g.micro", "db.m6g.large"])}"\n'
                f"  allocated_storage = {rng.choice([20, 50, 100])}\n"
                f"  multi_az          = {str(env == 'prod').lower()}\n"
                f"  backup_retention_period = {rng.choice([0, 7, 14])}\n"
                "  username          = var.db_username\n  password          = var.db_password\n"
                "  skip_final_snapshot = true\n"
            )
        elif kind == "sg":
            body = (
                f'resource "aws_security_group" "{name}" {{\n  name   = "{stack}-{i}"\n'
                "  vpc_id = var.vpc_id\n  ingress {\n    from_port   = 443\n    to_port     = 443\n"
                '    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n  }\n'
            )
        elif kind == "role":
            body = (
                f'resource "aws_iam_role" "{name}" {{\n  name = "{stack}-{i}"\n'
                '  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n'
                '    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",\n'
                '      Principal = { Service = "ecs-tasks.amazonaws.com" } }]\n  })\n'
            )
        elif kind == "lambda":
            body = (
                f'resource "aws_lambda_function" "{name}" {{\n  function_name = "{stack}-{i}"\n'
                '  runtime       = "python3.12"\n  handler       = "app.handler"\n'
                f'  filename      = "${{path.module}}/build/{stack}.zip"\n  role = var.lambda_role_arn\n'
                f"  memory_size   = {rng.choice([128, 256, 1024])}\n"
            )
        elif kind == "logs":
            body = (
                f'resource "aws_cloudwatch_log_group" "{name}" {{\n  name = "/{team}/{env}/{stack}/{i}"\n'
                f"  retention_in_days = {rng.choice([7, 30, 90])}\n"
            )
        elif kind == "queue":
            body = (
                f'resource "aws_sqs_queue" "{name}" {{\n  name = "{team}-{env}-{stack}-{i}"\n'
                "  visibility_timeout_seconds = 60\n"
            )
        elif kind == "lb":
            body = (
                f'resource "aws_lb" "{name}" {{\n  name               = "{stack[:20]}-{i}"\n'
                '  load_balancer_type = "application"\n  subnets            = var.public_subnet_ids\n'
            )
        else:
            body = (
                f'resource "aws_ecs_service" "{name}" {{\n  name            = "{stack}-{i}"\n'
                "  cluster         = var.cluster_arn\n  task_definition = var.task_definition_arn\n"
                f"  desired_count   = {rng.choice([1, 2, 3])}\n"
            )
        blocks.append(body + tags + "}\n")
    blocks.append(
        f'resource "aws_security_group" "{stack}_base" {{\n  name   = "{stack}-base"\n'
        f"  vpc_id = var.vpc_id\n{tags_block(rng, env, team)}}}\n"
    )
    if calls_module:  # envs/<env>/<stack>/ -> modules/<name>
        module = rng.choice(["network", "service", "database", "bucket", "queue", "observability"])
        blocks.append(
            f'module "{module}" {{\n  source      = "../../../modules/{module}-{rng.randint(0, 9)}"\n'
            f'  name        = "{stack}"\n  environment = "{env}"\n  tags        = local.tags\n}}\n'
        )
    blocks.append(
        f'locals {{\n  tags = {{\n    Project = "{team}"\n    Environment = "{env}"\n  }}\n}}\n'
    )
    return "\n".join(blocks)


TF_VARIABLES = "".join(
    f'variable "{name}" {{\n  type = {kind}\n}}\n\n'
    for name, kind in [
        ("vpc_id", "string"),
        ("ami_id", "string"),
        ("cluster_arn", "string"),
        ("task_definition_arn", "string"),
        ("lambda_role_arn", "string"),
        ("db_username", "string"),
        ("db_password", "string"),
        ("private_subnet_ids", "list(string)"),
        ("public_subnet_ids", "list(string)"),
    ]
)


def build_terraform(tree: Tree, rng: random.Random) -> None:
    for module in ["network", "service", "database", "bucket", "queue", "observability"]:
        for v in range(10):
            base = f"infra/terraform/modules/{module}-{v}"
            text = terraform_resources(rng, "any", "platform", module, calls_module=False)
            tree.write(f"{base}/main.tf", text, "tf")
            module_vars = (
                'variable "name" {\n  type = string\n}\n\nvariable "environment" {\n  type = string\n}\n\n'
                'variable "tags" {\n  type    = map(string)\n  default = {}\n}\n\n'
            )
            tree.write(f"{base}/variables.tf", module_vars + TF_VARIABLES, "tf")
            tree.write(
                f"{base}/outputs.tf",
                f'output "id" {{\n  value = aws_security_group.{module}_base.id\n}}\n',
                "tf",
            )
            tree.write(f"{base}/README.md", f"# {module} module\n\n{_words(rng, 40)}\n", "md")
    for env in ENVS:
        for s in range(STACKS_PER_ENV):
            team = rng.choice(TEAMS)
            stack = f"{team}_{s:03d}"
            base = f"infra/terraform/envs/{env}/{stack}"
            tree.write(f"{base}/main.tf", terraform_resources(rng, env, team, stack), "tf")
            tree.write(f"{base}/variables.tf", TF_VARIABLES, "tf")
            tree.write(
                f"{base}/outputs.tf",
                f'output "security_group_id" {{\n  value = aws_security_group.{stack}_base.id\n}}\n',
                "tf",
            )
            tree.write(
                f"{base}/backend.tf",
                f'terraform {{\n  backend "s3" {{\n    bucket = "acme-tfstate-{env}"\n'
                f'    key    = "{stack}/terraform.tfstate"\n    region = "us-east-1"\n  }}\n}}\n',
                "tf",
            )
            tree.write(
                f"{base}/providers.tf",
                'terraform {\n  required_version = ">= 1.6"\n  required_providers {\n'
                '    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n\n'
                'provider "aws" {\n  region = "us-east-1"\n}\n',
                "tf",
            )


def k8s_manifests(rng: random.Random, svc: str, team: str, port: int) -> dict[str, str]:
    image = f"ghcr.io/acme/{svc}:{rng.randint(1, 40)}.{rng.randint(0, 20)}.0"
    probe = (
        f"          readinessProbe:\n            httpGet: {{path: /health, port: {port}}}\n"
        if rng.random() < 0.7
        else ""
    )
    return {
        "deployment.yaml": (
            f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {svc}\n  namespace: {team}\n"
            f"  labels:\n    app.kubernetes.io/name: {svc}\n    team: {team}\nspec:\n"
            f"  replicas: {rng.choice([1, 2, 3])}\n  selector:\n    matchLabels:\n"
            f"      app.kubernetes.io/name: {svc}\n  template:\n    metadata:\n      labels:\n"
            f"        app.kubernetes.io/name: {svc}\n    spec:\n      containers:\n"
            f"        - name: app\n          image: {image}\n          ports:\n"
            f"            - containerPort: {port}\n          envFrom:\n"
            f"            - configMapRef:\n                name: {svc}-config\n"
            f"          resources:\n            requests: {{cpu: 100m, memory: 128Mi}}\n"
            f"            limits: {{cpu: 500m, memory: 512Mi}}\n{probe}"
        ),
        "service.yaml": (
            f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {svc}\n  namespace: {team}\n"
            f"spec:\n  selector:\n    app.kubernetes.io/name: {svc}\n  ports:\n"
            f"    - port: 80\n      targetPort: {port}\n"
        ),
        "configmap.yaml": (
            f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {svc}-config\n  namespace: {team}\n"
            f'data:\n  LOG_LEVEL: info\n  PORT: "{port}"\n  FEATURE_FLAGS: "{_words(rng, 3)}"\n'
        ),
        "hpa.yaml": (
            f"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {svc}\n"
            f"  namespace: {team}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n"
            f"    kind: Deployment\n    name: {svc}\n  minReplicas: 1\n  maxReplicas: {rng.randint(3, 12)}\n"
            "  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n"
            "        target:\n          type: Utilization\n          averageUtilization: 70\n"
        ),
        "ingress.yaml": (
            f"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {svc}\n"
            f"  namespace: {team}\nspec:\n  rules:\n    - host: {svc}.acme.example.com\n"
            "      http:\n        paths:\n          - path: /\n            pathType: Prefix\n"
            f"            backend:\n              service:\n                name: {svc}\n"
            "                port:\n                  number: 80\n"
        ),
        "pdb.yaml": (
            f"apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: {svc}\n"
            f"  namespace: {team}\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n"
            f"      app.kubernetes.io/name: {svc}\n"
        ),
    }


def dockerfile(rng: random.Random, lang: str, port: int, dev: bool) -> str:
    if lang == "py":
        base = rng.choice(["python:3.12-slim", "python:3.11-slim"])
        build = "COPY pyproject.toml .\nRUN pip install --no-cache-dir .\nCOPY src ./src\n"
        cmd = f'CMD ["python", "-m", "src.main", "--port", "{port}"]\n'
    elif lang == "go":
        base = "golang:1.22-alpine"
        build = "COPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /bin/app ./...\n"
        cmd = 'CMD ["/bin/app"]\n'
    else:
        base = rng.choice(["node:20-alpine", "node:18-alpine"])
        build = "COPY package.json ./\nRUN npm install --omit=dev\nCOPY src ./src\n"
        cmd = 'CMD ["node", "src/index.js"]\n'
    user = "" if dev or rng.random() < 0.3 else "USER 10001\n"
    return f"FROM {base}\nWORKDIR /app\n{build}EXPOSE {port}\n{user}{cmd}"


def shell_script(rng: random.Random, svc: str, kind: str) -> str:
    lines = ["#!/usr/bin/env bash", f"# {kind} for {svc}: {_words(rng, 6)}"]
    if rng.random() < 0.8:
        lines.append("set -euo pipefail")
    lines.append(f'SERVICE="{svc}"')
    if kind == "deploy":
        lines += [
            'IMAGE="ghcr.io/acme/${SERVICE}:${1:-latest}"',
            'docker build -t "$IMAGE" .',
            'docker push "$IMAGE"',
            'kubectl -n "${NAMESPACE:-default}" set image "deployment/${SERVICE}" app="$IMAGE"',
        ]
        if rng.random() < 0.1:
            lines.append("rm -rf node_modules && npm install")
    else:
        lines += [
            'echo "migrating ${SERVICE}"',
            "for attempt in 1 2 3; do",
            '  if psql "$DATABASE_URL" -f migrations/latest.sql; then break; fi',
            '  sleep "$attempt"',
            "done",
        ]
        if rng.random() < 0.1:
            lines += ['if [ "$EUID" -ne 0 ]; then', '  echo "run as root" >&2', "  exit 1", "fi"]
    return "\n".join(lines) + "\n"


def workflow(rng: random.Random, index: int, services: list[str]) -> str:
    svc = rng.choice(services)
    deploy = rng.random() < 0.5
    text = (
        f"name: {svc} #{index}\n\non:\n  push:\n    branches: [main]\n    paths: ['services/{svc}/**']\n"
        '  pull_request:\n\nenv:\n  NODE_VERSION: "20"\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n'
        "    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n"
        "        with:\n          node-version: ${{ env.NODE_VERSION }}\n"
        f"      - run: npm --prefix services/{svc} install\n      - run: npm --prefix services/{svc} test\n"
    )
    if deploy:
        text += (
            "  deploy:\n    needs: test\n    if: github.ref == 'refs/heads/main'\n"
            "    runs-on: ubuntu-latest\n    environment: production\n    steps:\n"
            "      - uses: actions/checkout@v4\n"
            f"      - run: docker build -f services/{svc}/Dockerfile -t ghcr.io/acme/{svc}:${{{{ github.sha }}}} services/{svc}\n"
            f"      - run: bash services/{svc}/scripts/deploy.sh ${{{{ github.sha }}}}\n"
            "        env:\n          NAMESPACE: ${{ vars.NAMESPACE }}\n"
        )
    return text


def build_services(tree: Tree, rng: random.Random) -> list[str]:
    names: list[str] = []
    for i in range(SERVICES):
        team = TEAMS[i % len(TEAMS)]
        lang = LANGS[i % len(LANGS)]
        svc = f"{team}-{rng.choice(['api', 'worker', 'gateway', 'sync', 'web'])}-{i:03d}"
        names.append(svc)
        base = f"services/{svc}"
        port = rng.choice([3000, 8000, 8080, 9000])
        ext = {"ts": "ts", "js": "js", "py": "py", "go": "go"}[lang]
        for f in range(48):
            folder = rng.choice(["src", "src/handlers", "src/lib", "src/models", "test"])
            module = f"mod{f:02d}"
            tree.write(
                f"{base}/{folder}/{module}.{ext}",
                source_file(rng, lang, module, rng.randint(2, 8)),
                f"source-{lang}",
            )
        if lang in ("ts", "js"):
            deps = {"express": "^4.19.2", "pg": "^8.11.5", "prom-client": "^15.1.2"}
            tree.write(
                f"{base}/package.json",
                json.dumps({"name": svc, "version": "1.0.0", "dependencies": deps}, indent=2),
                "manifest",
            )
        elif lang == "py":
            tree.write(
                f"{base}/pyproject.toml",
                f'[project]\nname = "{svc}"\nversion = "1.0.0"\n'
                'dependencies = ["fastapi>=0.111", "psycopg[binary]>=3.1", "redis>=5"]\n',
                "manifest",
            )
        else:
            tree.write(f"{base}/go.mod", f"module github.com/acme/{svc}\n\ngo 1.22\n", "manifest")
        tree.write(f"{base}/Dockerfile", dockerfile(rng, lang, port, dev=False), "dockerfile")
        if i % 5 < 3:
            tree.write(
                f"{base}/Dockerfile.dev", dockerfile(rng, lang, port, dev=True), "dockerfile"
            )
        for name, text in k8s_manifests(rng, svc, team, port).items():
            tree.write(f"{base}/k8s/base/{name}", text, "yaml")
        tree.write(
            f"{base}/k8s/base/kustomization.yaml",
            "resources:\n"
            + "".join(f"  - {n}\n" for n in ["deployment.yaml", "service.yaml", "configmap.yaml"]),
            "yaml",
        )
        for env in ("staging", "prod"):
            tree.write(
                f"{base}/k8s/overlays/{env}/kustomization.yaml",
                f"resources:\n  - ../../base\nnamespace: {team}-{env}\npatches:\n  - path: patch.yaml\n",
                "yaml",
            )
            tree.write(
                f"{base}/k8s/overlays/{env}/patch.yaml",
                f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {svc}\n"
                f"spec:\n  replicas: {2 if env == 'prod' else 1}\n",
                "yaml",
            )
        tree.write(
            f"{base}/docker-compose.yml",
            f"services:\n  app:\n    build: .\n    ports: ['{port}:{port}']\n"
            "    environment:\n      DATABASE_URL: postgres://app@db:5432/app\n"
            "    depends_on: [db]\n  db:\n    image: postgres:16-alpine\n"
            "    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n",
            "yaml",
        )
        tree.write(
            f"{base}/config/app.yaml",
            f"service: {svc}\nport: {port}\nlog_level: info\ncache_ttl: {rng.randint(10, 600)}\n",
            "yaml",
        )
        tree.write(
            f"{base}/config/features.yaml",
            "".join(f"{w}: {str(rng.random() < 0.5).lower()}\n" for w in _words(rng, 6).split()),
            "yaml",
        )
        tree.write(f"{base}/scripts/deploy.sh", shell_script(rng, svc, "deploy"), "shell")
        tree.write(f"{base}/scripts/migrate.sh", shell_script(rng, svc, "migrate"), "shell")
        tree.write(
            f"{base}/README.md",
            f"# {svc}\n\nOwned by {team}. {_words(rng, 60)}\n\n## Run\n\n```sh\ndocker compose up\n```\n",
            "md",
        )
        if i % 2 == 0:  # hidden by the root .gitignore: the audit must not read it
            for c in range(4):
                tree.write(f"{base}/coverage/lcov-{c}.info", _words(rng, 200), "gitignored")
    return names


def build_node_modules(tree: Tree, rng: random.Random) -> None:
    for p in range(NODE_PACKAGES):
        name = f"@acme-vendor/pkg-{p:03d}" if p % 4 == 0 else f"vendor-pkg-{p:03d}"
        base = f"node_modules/{name}"
        tree.write(
            f"{base}/package.json",
            json.dumps({"name": name, "version": f"{rng.randint(0, 9)}.{rng.randint(0, 20)}.0"}),
            "node_modules",
        )
        for f in range(FILES_PER_PACKAGE - 4):
            tree.write(
                f"{base}/lib/file{f}.js", source_file(rng, "js", f"file{f}", 2), "node_modules"
            )
        tree.write(f"{base}/README.md", f"# {name}\n\n{_words(rng, 30)}\n", "node_modules")
        tree.write(f"{base}/.github/workflows/ci.yml", "on: push\njobs: {}\n", "node_modules")
        tree.write(f"{base}/Dockerfile", "FROM node:20\n", "node_modules")


def build_tree(root: Path) -> dict[str, int]:
    rng = random.Random(20261125)
    tmp = root.with_name(root.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tree = Tree(tmp)
    tree.write(
        ".gitignore",
        "# dependencies and output\nnode_modules/\ndist/\ncoverage/\n*.log\n.env\n",
        "other",
    )
    tree.write(
        "README.md", "# acme monorepo\n\nEvery service, its manifests and the Terraform.\n", "md"
    )
    services = build_services(tree, rng)
    build_terraform(tree, rng)
    for w in range(150):
        tree.write(f".github/workflows/svc-{w:03d}.yml", workflow(rng, w, services), "yaml")
    for d in range(400):
        tree.write(
            f"docs/{rng.choice(['adr', 'runbooks', 'guides'])}/{d:03d}-{rng.choice(TEAMS)}.md",
            f"# {_words(rng, 5)}\n\n{_words(rng, 150)}\n\n```sh\nkubectl -n {rng.choice(TEAMS)} get pods\n```\n",
            "md",
        )
    build_node_modules(tree, rng)
    tree.write(MARKER, json.dumps({"generator": GENERATOR_VERSION, "counts": tree.counts}), "other")
    shutil.rmtree(root, ignore_errors=True)
    tmp.rename(root)
    return tree.counts


def ensure_tree(root: Path, given: bool) -> dict[str, int]:
    marker = root / MARKER
    if marker.is_file():
        data = json.loads(marker.read_text())
        if data.get("generator") == GENERATOR_VERSION:
            return dict(data["counts"])
    if given and root.exists():
        return {}  # someone's own tree: measure it as it is
    print(f"building {root} (generator v{GENERATOR_VERSION}) ...", flush=True)
    start = time.perf_counter()
    counts = build_tree(root)
    print(f"built in {time.perf_counter() - start:.1f} s")
    return counts


# --- the floor: walk with the audit's skip rules, read what it reads ---------------------


def floor_walk(root: Path) -> tuple[int, int]:
    """Files read and bytes read. Uses the audit's own skip lists when they can be imported."""
    try:
        from infragate.audit import walker

        skip_dirs = set(walker.SKIP_DIRS)
        binary = set(walker.BINARY_SUFFIXES)
        max_bytes = int(walker.MAX_BYTES)
    except (ImportError, AttributeError):
        skip_dirs = {".git", "node_modules", ".venv", "venv", "vendor", "dist", "build", ".next"}
        binary = {".png", ".jpg", ".gif", ".zip", ".gz", ".pdf", ".so", ".pyc", ".db"}
        max_bytes = 2_000_000
    try:
        import pathspec
    except ImportError:
        pathspec = None  # type: ignore[assignment]

    specs: list[tuple[str, Callable[[str], bool]]] = []

    def ignored(rel: str) -> bool:
        for base, match in specs:
            if base and not rel.startswith(base + "/"):
                continue
            if match(rel[len(base) + 1 :] if base else rel):
                return True
        return False

    files = total = 0
    stack = [(root, "")]
    while stack:
        directory, rel_dir = stack.pop()
        entries = list(os.scandir(directory))
        for entry in entries:
            if entry.name == ".gitignore" and pathspec is not None:
                with Path(entry.path).open(encoding="utf-8", errors="replace") as handle:
                    spec = pathspec.GitIgnoreSpec.from_lines(handle.read().splitlines())
                specs.append((rel_dir, spec.match_file))
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.is_symlink():
                continue
            if entry.is_dir():
                if entry.name not in skip_dirs and not ignored(rel + "/"):
                    stack.append((Path(entry.path), rel))
                continue
            if ignored(rel) or Path(entry.name).suffix.lower() in binary:
                continue
            with Path(entry.path).open("rb") as handle:
                data = handle.read(max_bytes + 1)
            data.decode("utf-8", "replace")  # the audit works on text
            files += 1
            total += len(data)
    return files, total


# --- measuring ---------------------------------------------------------------------------

# Runs one command in a fresh process: wall time around the child alone, the child's peak RSS.
WRAPPER = r"""
import json, os, resource, signal, subprocess, sys, time
timeout = float(sys.argv[1]) or None
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                        start_new_session=True)
try:
    _, err = proc.communicate(timeout=timeout)
    timed_out = False
except subprocess.TimeoutExpired:
    os.killpg(proc.pid, signal.SIGKILL)
    _, err = proc.communicate()
    timed_out = True
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_kb": peak_kb, "code": proc.returncode,
                  "timed_out": timed_out, "stderr": err.decode("utf-8", "replace")[-2000:]}))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float  # largest single process
    tree_mb: float  # largest sum over the process tree, sampled
    code: int
    timed_out: bool
    stderr: str


def _children(pid: int) -> Iterator[int]:
    """Every descendant of pid, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            yield child
            todo.append(child)


def _rss_kb(pid: int) -> int:
    try:
        with Path(f"/proc/{pid}/status").open() as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd: list[str], timeout: float = 0) -> Run:
    wrapper = subprocess.Popen(
        [sys.executable, "-c", WRAPPER, str(timeout), *cmd],
        stdout=subprocess.PIPE,
        text=True,
    )
    tree_kb = 0
    while wrapper.poll() is None:
        if PROC.is_dir():
            tree_kb = max(tree_kb, sum(_rss_kb(p) for p in _children(wrapper.pid)))
        time.sleep(0.05)
    out = json.loads(wrapper.stdout.read() if wrapper.stdout else "{}")
    peak_mb = out["peak_kb"] / 1024
    return Run(
        out["seconds"],
        peak_mb,
        max(tree_kb / 1024, peak_mb),
        out["code"],
        out["timed_out"],
        out["stderr"],
    )


def repeat(
    label: str, cmd: list[str], runs: int, ok: tuple[int, ...], timeout: float = 0
) -> list[Run]:
    results = []
    for i in range(runs):
        run = measure(cmd, timeout)
        if not run.timed_out and run.code not in ok:
            raise SystemExit(f"{label} exited {run.code}:\n{run.stderr}")
        status = f"timeout at {timeout:.0f} s" if run.timed_out else f"exit {run.code}"
        print(
            f"  {label} run {i + 1}/{runs}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB ({status})",
            flush=True,
        )
        results.append(run)
    return results


def ensure_checkov() -> Path:
    checkov = CHECKOV_VENV / "bin" / "checkov"
    if not checkov.exists():
        print(f"installing {CHECKOV_SPEC} into {CHECKOV_VENV} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(CHECKOV_VENV)], check=True)
        pip = [str(CHECKOV_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        subprocess.run([*pip, CHECKOV_SPEC], check=True)
    return checkov


def summary(label: str, runs: list[Run]) -> tuple[float, float, float]:
    secs = [r.seconds for r in runs]
    median = statistics.median(secs)
    peak = statistics.median(r.peak_mb for r in runs)
    tree = statistics.median(r.tree_mb for r in runs)
    bound = ">" if any(r.timed_out for r in runs) else " "
    print(
        f"{label:8} median {bound}{median:8.2f} s  (min {min(secs):.2f}, max {max(secs):.2f}, "
        f"n={len(runs)})   peak {peak:7.0f} MB (process tree {tree:.0f} MB)"
    )
    return median, peak, tree


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of the audit and of the floor")
    parser.add_argument("--tree", type=Path, help="measure this tree instead of the generated one")
    parser.add_argument("--checkov-runs", type=int, help="runs of Checkov (default: --runs)")
    parser.add_argument("--checkov-timeout", type=float, default=1800.0, help="seconds per run")
    parser.add_argument(
        "--skip-checkov", action="store_true", help="measure the audit and floor only"
    )
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # the floor's own process
    args = parser.parse_args()
    if args.floor:
        files, size = floor_walk(args.floor)
        print(f"{files} files, {size} bytes", file=sys.stderr)
        return

    tree = (args.tree or DEFAULT_TREE).resolve()
    counts = ensure_tree(tree, given=args.tree is not None)
    print(
        f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    inspected = sum(v for k, v in counts.items() if k not in ("node_modules", "gitignored"))
    if counts:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"tree: {tree}\n  {inspected} files outside node_modules and .gitignore; {detail}")
    else:
        print(f"tree: {tree} (given)")

    print("audit ...", flush=True)
    audit_cmd = [str(CLI), "audit", str(tree), "--format", "json", "-o", os.devnull]
    audit = summary("audit", repeat("audit", audit_cmd, args.runs, ok=(0, 1)))
    print("floor ...", flush=True)
    floor_cmd = [sys.executable, str(Path(__file__).resolve()), "--floor", str(tree)]
    floor = summary("floor", repeat("floor", floor_cmd, args.runs, ok=(0,)))
    checkov: tuple[float, float, float] | None = None
    timed_out = False
    if not args.skip_checkov:
        binary = ensure_checkov()
        version = subprocess.run([str(binary), "--version"], capture_output=True, text=True)
        print(f"checkov {version.stdout.strip()} ...", flush=True)
        cmd = [
            str(binary),
            "-d",
            str(tree),
            "--quiet",
            "--compact",
            "-o",
            "json",
            "--skip-download",
        ]
        runs = repeat("checkov", cmd, args.checkov_runs or args.runs, (0, 1), args.checkov_timeout)
        timed_out = any(r.timed_out for r in runs)
        checkov = summary("checkov", runs)

    print()
    print(f"audit / floor time: {audit[0] / floor[0]:.1f}x")
    if checkov is not None:
        ratio = checkov[0] / audit[0]
        bound = "at least " if timed_out else ""
        print(
            f"checkov / audit time: {bound}{ratio:.1f}x   target >= {SPEED_TARGET:g}x: "
            f"{verdict(ratio >= SPEED_TARGET)}"
        )
        print(f"checkov / audit peak memory: {checkov[2] / audit[2]:.1f}x (process trees)")
    print(
        f"audit peak memory: {audit[2]:.0f} MB   target < {MEMORY_TARGET_MB:g} MB: "
        f"{verdict(audit[2] < MEMORY_TARGET_MB)}"
    )


if __name__ == "__main__":
    main()
