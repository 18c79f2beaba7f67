"""Running the real Terraform on rendered code, offline: the CLI configuration that installs
hashicorp/aws from the machine's filesystem mirror, the subjects (examples and freshly
initialised template briefs, frozen), and a `terraform test` harness that plans every root
of a subject with a mocked provider in one process (the provider's schema, ~2 s of CPU,
is loaded once per subject rather than once per root).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hcl2
import pytest
import yaml

from infragate.brief.model import Maturity
from infragate.brief.writer import render_brief
from infragate.catalog.loader import load_catalog
from infragate.render import engine
from tests.render_helpers import EXAMPLES, ROOT, baseline_of, freeze_brief

TERRAFORM = "infra/terraform"
PROVIDER = "registry.terraform.io/hashicorp/aws"
PROVIDER_VERSION = "5.100.0"
MIRROR = Path(os.environ.get("INFRAGATE_TF_MIRROR", "/opt/tf-plugins"))
TEMPLATES = tuple(sorted(load_catalog().templates))
MATURITIES = tuple(m.value for m in Maturity)
# What the pipeline passes to each root (values that satisfy the variables' validation).
VARIABLES = {
    "image_tag": '"0123456789abcdef0123456789abcdef01234567"',
    "certificate_arn": (
        '"arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"'
    ),
    "domain_name": '"app.example.com"',
    "preview_domain": '"preview.example.com"',
    "pr_number": "42",
    "github_repository": '"example-org/example-repo"',
}
# Data sources whose results the modules index or parse: the mock gives them shapes.
MOCK_PROVIDER = """\
mock_provider "aws" {
  mock_data "aws_availability_zones" {
    defaults = {
      names    = ["us-east-1a", "us-east-1b", "us-east-1c"]
      zone_ids = ["use1-az1", "use1-az2", "use1-az4"]
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
      arn        = "arn:aws:iam::123456789012:user/ci"
    }
  }

  mock_data "aws_region" {
    defaults = {
      name        = "us-east-1"
      id          = "us-east-1"
      description = "US East (N. Virginia)"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }

  # An empty account: no marker of db-bootstrap.sh yet (a first deploy holds the tasks).
  mock_data "aws_ssm_parameters_by_path" {
    defaults = {
      names  = []
      values = []
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}"
    }
  }

  mock_data "aws_iam_openid_connect_provider" {
    defaults = {
      arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    }
  }

  mock_data "aws_lb" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/staging/0a1b2c3d4e5f6071"
      arn_suffix = "app/staging/0a1b2c3d4e5f6071"
    }
  }

  mock_data "aws_lb_listener" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/staging/0a1b2c3d4e5f6071/0a1b2c3d4e5f6072"
    }
  }

  mock_data "aws_ecs_cluster" {
    defaults = {
      arn = "arn:aws:ecs:us-east-1:123456789012:cluster/staging"
    }
  }

  mock_data "aws_ecr_repository" {
    defaults = {
      repository_url = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app"
    }
  }

  mock_data "aws_subnets" {
    defaults = {
      ids = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
    }
  }
}
"""


def terraform() -> str:
    """The terraform binary; the test fails (never skips) without it."""
    found = shutil.which("terraform")
    if found is None:
        pytest.fail(
            "terraform is not on PATH: install Terraform 1.11 "
            "(https://developer.hashicorp.com/terraform/install), as the README asks"
        )
    return found


def cli_config(directory: Path) -> dict[str, str]:
    """Environment for terraform: providers from the mirror only, a shared plugin cache."""
    binary = MIRROR / PROVIDER / PROVIDER_VERSION
    if not binary.is_dir():
        pytest.fail(
            f"no hashicorp/aws {PROVIDER_VERSION} in the filesystem mirror {MIRROR}: on a "
            "machine with registry access run `terraform providers mirror "
            f"-platform=linux_amd64 {MIRROR}` in a root that requires aws = "
            f'"{PROVIDER_VERSION}", or point INFRAGATE_TF_MIRROR at such a mirror'
        )
    cache = directory / "plugin-cache"
    cache.mkdir(parents=True, exist_ok=True)
    config = directory / "terraform.rc"
    config.write_text(
        f'plugin_cache_dir = "{cache}"\n'
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{MIRROR}"\n'
        '    include = ["registry.terraform.io/hashicorp/*"]\n  }\n'
        '  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n'
        "}\n",
        encoding="utf-8",
    )
    return {
        **os.environ,
        "TF_CLI_CONFIG_FILE": str(config),
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
        "CHECKPOINT_DISABLE": "1",
        "NO_COLOR": "1",
    }


def run(
    args: list[str], cwd: Path, env: dict[str, str], timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [terraform(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# -- subjects: what is rendered --------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    name: str  # example name, or template@maturity
    terraform: Path  # the rendered infra/terraform, written out

    def roots(self) -> list[str]:
        """Root folders relative to infra/terraform: bootstrap, then envs/<env>."""
        envs = sorted(p.name for p in (self.terraform / "envs").iterdir() if p.is_dir())
        return ["bootstrap", *(f"envs/{e}" for e in envs)]


SUBJECTS = (*EXAMPLES, *(f"{t}@{m}" for t in TEMPLATES for m in MATURITIES))


# What a team adds to a fresh brief before its first render when the repository has no
# code yet: the application's contract (render refuses to guess it), per runtime.
CONTRACTS: dict[str, dict[str, Any]] = {
    "python": {
        "start": "uvicorn app.main:app --host 0.0.0.0 --port 8000",
        "port": 8000,
        "health_path": "/health",
        "liveness_path": "/livez",
        "package_manager": "pip",
    },
    "node": {
        "start": "node server.js",
        "port": 3000,
        "health_path": "/health",
        "liveness_path": "/livez",
        "package_manager": "npm",
    },
}
WORKERS = {"python": "python -m app.worker", "node": "node worker.js"}


# What a team writes over the template's example values (GATE014 refuses those).
OWN_VALUES = {
    "project": {"team": "web", "cost_center": "CC-1042"},
    "owners": [
        {"name": "Dana Reyes", "email": "dana@acme.example", "roles": ["infra_owner"]},
        {"name": "Sam Ortiz", "email": "sam@acme.example", "roles": ["budget_owner"]},
    ],
}


def template_brief(template: str, maturity: str, dest: Path) -> Path:
    """What `infragate init --template T --maturity M` writes, with the example values
    replaced by the team's own and the application's contract a team adds before the
    first render."""
    catalog = load_catalog()
    data = yaml.safe_load(render_brief(catalog.templates[template], catalog, Maturity(maturity)))
    data["project"] = {**data["project"], **OWN_VALUES["project"], "name": f"acme-{template}"}
    if "client" in data["project"]:
        data["project"]["client"] = "Acme Retail"
    data["owners"] = OWN_VALUES["owners"]
    workload = data["workload"]
    if workload["runtime"] in CONTRACTS and workload.get("services"):
        app = dict(CONTRACTS[workload["runtime"]])
        workers = [s for s in workload["services"] if s not in ("web", "api")]
        if workers:
            command = WORKERS[workload["runtime"]]
            app["workers"] = [{"name": w, "command": command} for w in workers]
        workload["app"] = app
    path = dest / "brief.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def render_subject(name: str, workdir: Path) -> Subject:
    """Freeze the subject's brief into workdir and write its rendered files there."""
    if "@" in name:
        template, maturity = name.split("@")
        source = template_brief(template, maturity, workdir)
    else:
        source = ROOT / "examples" / name / "infra" / "brief.yaml"
    lock = freeze_brief(source, workdir / "project")
    for path, text in engine.render(baseline_of(lock)).items():
        target = workdir / "project" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return Subject(name, workdir / "project" / TERRAFORM)


# -- the plan harness --------------------------------------------------------------------


def required_variables(root: Path) -> list[str]:
    names = []
    for path in sorted(root.glob("*.tf")):
        parsed = hcl2.loads(path.read_text(encoding="utf-8"))
        for block in parsed.get("variable", []):
            for name, body in block.items():
                if "default" not in body:
                    names.append(name.strip('"'))
    return names


def provider_aliases(root: Path) -> list[str]:
    """Aliases of the root's aws provider configurations (bootstrap's `billing`, which
    reaches Data Exports and Cost Explorer in us-east-1)."""
    aliases = []
    for path in sorted(root.glob("*.tf")):
        parsed = hcl2.loads(path.read_text(encoding="utf-8"))
        for block in parsed.get("provider", []):
            for name, body in block.items():
                if name.strip('"') == "aws" and "alias" in body:
                    aliases.append(str(body["alias"]).strip('"'))
    return aliases


def mock_providers(root: Path) -> str:
    """The mocked provider, once per configuration of the root: `mock_provider "aws"`
    stands in for the default configuration only, so each alias gets its own."""
    head = 'mock_provider "aws" {\n'
    aliased = (
        MOCK_PROVIDER.replace(head, f'{head}  alias = "{alias}"\n\n', 1)
        for alias in provider_aliases(root)
    )
    return "\n".join([MOCK_PROVIDER, *aliased])


def plan_test_file(subject: Subject, root: str) -> str:
    """One .tftest.hcl per root: a failing root does not hide the others."""
    missing = [v for v in required_variables(subject.terraform / root) if v not in VARIABLES]
    if missing:
        pytest.fail(f"{subject.name}/{root}: no test value for required variables {missing}")
    values = "".join(
        f"    {v} = {VARIABLES[v]}\n" for v in required_variables(subject.terraform / root)
    )
    return (
        mock_providers(subject.terraform / root)
        + f'\nrun "plan" {{\n  command = plan\n\n  module {{\n    source = "../{root}"\n  }}\n'
        + (f"\n  variables {{\n{values}  }}\n" if values else "")
        + "}\n"
    )


HARNESS = ".plan-test"  # beside bootstrap/ and envs/, so module sources stay "../<root>"
_CREATED = re.compile(r"^\s*# (\S+) will be created$", re.MULTILINE)
_RUN = re.compile(r"^(?P<file>\S+)\.tftest\.hcl\.\.\. (?:in progress|pass|fail)$", re.MULTILINE)


@dataclass(frozen=True)
class PlanResult:
    returncode: int
    output: str
    created: dict[str, list[str]]  # root → addresses the plan creates


def plan_all(subject: Subject, env: dict[str, str]) -> PlanResult:
    """terraform init + test (validate and plan) of every root in one harness folder."""
    harness = subject.terraform / HARNESS
    harness.mkdir(exist_ok=True)
    (harness / "main.tf").write_text("# roots under test: see *.tftest.hcl\n", encoding="utf-8")
    files = {}
    for root in subject.roots():
        stem = root.replace("/", "-")
        files[stem] = root
        (harness / f"{stem}.tftest.hcl").write_text(plan_test_file(subject, root), encoding="utf-8")
    init = run(["init", "-backend=false", "-input=false", "-no-color"], harness, env)
    if init.returncode != 0:
        return PlanResult(init.returncode, init.stdout + init.stderr, {})
    test = run(["test", "-verbose", "-no-color"], harness, env)
    created: dict[str, list[str]] = {}
    marks = list(_RUN.finditer(test.stdout))
    for i, mark in enumerate(marks):
        if mark.group(0).endswith("in progress"):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(test.stdout)
            section = test.stdout[mark.end() : end]
            created[files[mark["file"]]] = _CREATED.findall(section)
    return PlanResult(test.returncode, test.stdout + test.stderr, created)
