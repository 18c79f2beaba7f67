"""The application and operations files rendered from the examples' baselines, checked by
the real linters (hadolint, shellcheck, actionlint: no mocks) and by what an
infrastructure engineer would check by hand: one pipeline, gated by `infragate verify`,
deploying in order with a rollback and no sleeps; health-checked local datastores; backup
scripts only where there is a database; every variable documented."""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from infragate.render import engine
from infragate.render.context import Baseline, _runtimes, runtime
from tests.render_helpers import EXAMPLES, baseline_of, freeze_example, rendered

VENV_BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"
WORKFLOW = ".github/workflows/deploy.yml"
DATASTORE_SERVICES = {"postgres": "postgres", "redis": "redis", "object_storage": "minio"}
# Variables the runner or the shell provides; a project never sets them.
PROVIDED = re.compile(r"^(GITHUB_\w+|RUNNER_\w+|HOME|PATH|PWD)$")


@dataclasses.dataclass(frozen=True)
class Example:
    name: str
    baseline: Baseline
    files: dict[str, str]
    root: Path  # the rendered files, written out

    def yaml(self, path: str) -> Any:
        return yaml.safe_load(self.files[path])

    def kinds(self) -> set[str]:
        return {c.kind for e in self.baseline.environments for c in e.components}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Example]:
    out = {}
    for name in EXAMPLES:
        lock = freeze_example(name, tmp_path_factory.mktemp(f"{name}-project"))
        files = rendered(lock)
        root = tmp_path_factory.mktemp(f"{name}-rendered")
        for path, text in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            if path.endswith(".sh"):
                target.chmod(0o755)
        out[name] = Example(name, baseline_of(lock), files, root)
    return out


def tool(name: str) -> Path:
    path = VENV_BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed at {path}: pip install -e '.[dev]' installs it")
    return path


def run(args: list[str | Path], **kwargs: Any) -> None:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, **kwargs
    )
    assert done.returncode == 0, f"{args[0]} found:\n{done.stdout}{done.stderr}"


# -- the real linters ---------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_dockerfile_passes_hadolint(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    assert "Dockerfile" in example.files, "every example runs the application somewhere"
    run([tool("hadolint"), example.root / "Dockerfile"])


@pytest.mark.parametrize("name", sorted(_runtimes()))
def test_dockerfile_of_every_runtime_passes_hadolint(
    examples: dict[str, Example], name: str, tmp_path: Path
) -> None:
    baseline = dataclasses.replace(examples["shopfront"].baseline, runtime=runtime(name))
    text = engine.render(baseline)["Dockerfile"]
    (tmp_path / "Dockerfile").write_text(text, encoding="utf-8")
    run([tool("hadolint"), tmp_path / "Dockerfile"])
    spec = runtime(name)
    assert f"FROM {spec.build_image} AS build" in text
    assert f"FROM {spec.run_image} AS run" in text
    assert "USER 10001:10001" in text
    assert f"EXPOSE {spec.port}" in text
    assert re.search(r"^HEALTHCHECK .*\n  CMD \[", text, re.M), "HEALTHCHECK in exec form"
    assert re.search(r"^CMD \[", text, re.M), "CMD in exec form"
    assert "curl" not in text


def test_every_runtime_is_pinned_and_sourced() -> None:
    for name, spec in _runtimes().items():
        for image in (spec.build_image, spec.run_image):
            tag = image.rsplit(":", 1)[1]
            assert tag != "latest" and re.search(r"\d+\.\d+", tag), f"{name}: {image}"
        assert re.search(r"https://\S+", spec.source) and "2026-11-25" in spec.source, name


@pytest.mark.parametrize("name", EXAMPLES)
def test_scripts_pass_shellcheck(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    scripts = [example.root / p for p in example.files if p.endswith(".sh")]
    assert scripts, "every example renders an operations script"
    for script in scripts:
        text = script.read_text()
        assert text.startswith("#!/usr/bin/env bash\n"), script
        assert "\nset -euo pipefail\n" in text, script
        run([tool("shellcheck"), script])


@pytest.mark.parametrize("name", EXAMPLES)
def test_workflow_passes_actionlint(examples: dict[str, Example], name: str) -> None:
    shellcheck = tool("shellcheck")  # actionlint checks `run:` blocks with it, from PATH
    env = {**os.environ, "PATH": f"{shellcheck.parent}{os.pathsep}{os.environ['PATH']}"}
    run([tool("actionlint"), "-shellcheck", shellcheck, WORKFLOW], cwd=examples[name].root, env=env)


# -- the pipeline -------------------------------------------------------------------------


def _jobs(example: Example) -> dict[str, Any]:
    workflows = [p for p in example.files if p.startswith(".github/workflows/")]
    assert workflows == [WORKFLOW], "one pipeline, never two"
    jobs: dict[str, Any] = example.yaml(WORKFLOW)["jobs"]
    return jobs


def _needs(job: dict[str, Any]) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def _header(text: str) -> str:
    """The workflow's leading comment block, after the render stamp."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_variable_the_workflow_reads_is_documented(
    examples: dict[str, Example], name: str
) -> None:
    text = examples[name].files[WORKFLOW]
    header = _header(text)
    documented = set(
        re.findall(r"^#\s+(?:environment )?variable ([A-Z][A-Z0-9_]*)\b", header, re.M)
    )
    read = set(re.findall(r"\bvars\.([A-Za-z_][A-Za-z0-9_]*)", text))
    assert read, "the workflow reads repository or environment variables"
    assert read - documented == set(), f"read but not documented in the header: {read - documented}"
    assert documented - read == set(), f"documented but never read: {documented - read}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_bootstrap_outputs_name_the_variables_the_workflow_reads(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    outputs = example.files["infra/terraform/bootstrap/outputs.tf"]
    named = set(re.findall(r"Set as the ([A-Z][A-Z0-9_]*) repository variable", outputs))
    assert named == {"AWS_BUILD_ROLE_ARN", "TF_STATE_BUCKET"}
    for variable in named:
        assert f"vars.{variable}" in example.files[WORKFLOW]
    # Each environment's own deploy role is an environment variable of the same name.
    assert "variable of that GitHub environment" in outputs
    assert "vars.AWS_DEPLOY_ROLE_ARN" in example.files[WORKFLOW]


@pytest.mark.parametrize("name", EXAMPLES)
def test_infragate_is_never_installed_from_public_pypi_by_default(
    examples: dict[str, Example], name: str
) -> None:
    install = next(
        s for s in _jobs(examples[name])["verify"]["steps"] if s.get("name") == "Install infragate"
    )
    assert install["env"]["INFRAGATE_PIP_SPEC"] == "${{ vars.INFRAGATE_PIP_SPEC }}"
    assert 'if [ -z "$INFRAGATE_PIP_SPEC" ]' in install["run"]
    assert "::error::" in install["run"] and "exit 1" in install["run"]
    assert "infragate==" not in examples[name].files[WORKFLOW]


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_deploy_role_trusts_exactly_the_jobs_that_assume_it(
    examples: dict[str, Example], name: str
) -> None:
    """Trust is limited to main and the GitHub environments; every job that assumes the role
    runs in one of them, and a job without an environment assumes it on main pushes only."""
    example = examples[name]
    bootstrap = example.files["infra/terraform/bootstrap/main.tf"]
    subjects = set(re.findall(r'"repo:\$\{var\.github_repository\}:([^"]+)"', bootstrap))
    assert "ref:refs/heads/main" in subjects
    assert not any("*" in s for s in subjects), subjects
    trusted = {s.removeprefix("environment:") for s in subjects if s.startswith("environment:")}
    used = set()
    for job_id, job in _jobs(example).items():
        assumes = [s for s in job["steps"] if "configure-aws-credentials" in s.get("uses", "")]
        if not assumes:
            continue
        environment = job.get("environment")
        if environment is None:
            assert job["env"]["PUSH"] == "${{ github.event_name == 'push' }}", job_id
            assert all(s.get("if") == "env.PUSH == 'true'" for s in assumes), job_id
        else:
            used.add(environment["name"] if isinstance(environment, dict) else environment)
    assert used == trusted
    # Roles are created and extended only with the permissions boundary, and passed only
    # to the services the modules use.
    assert '"iam:PermissionsBoundary"' in bootstrap and '"iam:PassedToService"' in bootstrap
    assert 'resource "aws_iam_policy" "boundary"' in bootstrap


@pytest.mark.parametrize("name", EXAMPLES)
def test_business_hours_deploys_start_the_database_first(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    jobs = _jobs(example)
    for env in example.baseline.environments:
        steps = jobs[f"deploy-{env.name}"]["steps"]
        names = [s.get("name", "") for s in steps]
        start = [i for i, n in enumerate(names) if n.startswith("Start what the business-hours")]
        if env.schedule != "business_hours" or not env.of_kind("postgres"):
            assert not start, env.name
            continue
        assert len(start) == 1, env.name
        run = steps[start[0]]["run"]
        assert "aws rds start-db-instance" in run and "aws rds wait db-instance-available" in run
        deploy = next(i for i, s in enumerate(steps) if s.get("id") == "deploy")
        assert start[0] < deploy
        if "Pre-deploy database snapshot" in names:
            assert start[0] < names.index("Pre-deploy database snapshot")


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_deploy_is_gated_by_infragate_verify(examples: dict[str, Example], name: str) -> None:
    jobs = _jobs(examples[name])
    verify = " ".join(step.get("run", "") for step in jobs["verify"]["steps"])
    assert "pip install" in verify and "infragate verify --lock infra/baseline.lock.json" in verify
    deploys = [j for j in jobs if j.startswith("deploy-")]
    assert deploys
    for job in [*deploys, "image"]:
        assert "verify" in _needs(jobs[job]), f"{job} does not need verify"


@pytest.mark.parametrize("name", EXAMPLES)
def test_environments_deploy_in_order_with_approval_before_prod(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    jobs = _jobs(example)
    lasting = [e.name for e in example.baseline.environments if not e.is_preview]
    assert [j.removeprefix("deploy-") for j in jobs if j.startswith("deploy-")] == [
        e.name for e in example.baseline.environments
    ]
    for before, after in itertools.pairwise(lasting):
        assert f"deploy-{before}" in _needs(jobs[f"deploy-{after}"])
    prod = jobs["deploy-prod"]
    assert prod["environment"]["name"] == "production"
    for job in (j for j in jobs if j.startswith("deploy-")):
        group = jobs[job]["concurrency"]["group"]
        assert job.removeprefix("deploy-") in group
        assert jobs[job]["concurrency"]["cancel-in-progress"] is False
        assert "id-token" in jobs[job]["permissions"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_deploys_wait_on_health_and_roll_back(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    text = example.files[WORKFLOW]
    assert not re.search(r"\bsleep\b", text), "no sleep in the pipeline"
    for job_id, job in _jobs(example).items():
        if not job_id.startswith("deploy-"):
            continue
        steps = job["steps"]
        names = [s.get("name", "") for s in steps]
        capture = names.index("Capture the image tag running now (the rollback target)")
        deploy = next(i for i, s in enumerate(steps) if s.get("id") == "deploy")
        assert capture < deploy
        health = " ".join(s.get("run", "") for s in steps[deploy + 1 :])
        assert re.search(
            r"curl --fail[^\n]*\\\n\s*--retry \d+ --retry-delay \d+ --retry-all-errors", health
        )
        rollback = steps[-1]
        assert rollback["if"].startswith("failure()")
        assert "PREVIOUS_TAG" in rollback["run"] and "image_tag=$PREVIOUS_TAG" in rollback["run"]
        if example.baseline.environment(job_id.removeprefix("deploy-")).of_kind("vm"):
            assert "infra/ops/vm-deploy.sh" in example.files[WORKFLOW]


def test_previews_get_a_workspace_and_are_destroyed(examples: dict[str, Example]) -> None:
    jobs = _jobs(examples["enterprise-launch"])
    init = next(
        s["run"] for s in jobs["deploy-preview"]["steps"] if s.get("name") == "terraform init"
    )
    assert 'terraform workspace select -or-create "pr-$TF_VAR_pr_number"' in init
    destroy = jobs["destroy-preview"]
    assert "closed" in destroy["if"]
    assert "terraform destroy" in destroy["steps"][-1]["run"]
    for name in ("ceo-dashboard", "shopfront", "hackathon"):
        assert "destroy-preview" not in _jobs(examples[name])


@pytest.mark.parametrize("name", EXAMPLES)
def test_actions_are_pinned_to_commits(examples: dict[str, Example], name: str) -> None:
    uses = re.findall(r"uses: (\S+)", examples[name].files[WORKFLOW])
    assert uses
    for ref in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
    assert "AWS_SECRET_ACCESS_KEY" not in examples[name].files[WORKFLOW]


@pytest.mark.parametrize("name", EXAMPLES)
def test_files_the_workflow_uses_are_rendered(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    text = example.files[WORKFLOW]
    paths = set(re.findall(r"(?:file|working-directory): (\S+)", text))
    paths |= set(re.findall(r"\b(infra/(?:ops|terraform)/[\w./-]+)", text))
    paths -= {"."}
    assert "Dockerfile" in paths
    for path in sorted(paths):
        assert path in example.files or any(p.startswith(path + "/") for p in example.files), (
            f"{WORKFLOW} refers to {path}, which is not rendered"
        )


# -- local development ---------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_compose_waits_for_healthy_datastores(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    compose = example.yaml("docker-compose.yml")
    services = compose["services"]
    stores = [svc for kind, svc in DATASTORE_SERVICES.items() if kind in example.kinds()]
    for store in stores:
        service = services[store]
        assert service["image"].split(":")[1], f"{store} image is pinned"
        assert service["healthcheck"]["test"], f"{store} has a health check"
        assert any(v.split(":")[0] in compose["volumes"] for v in service["volumes"])
    for app in example.baseline.services:
        service = services[app]
        assert service["build"]["dockerfile"] == "Dockerfile"
        assert service["environment"]["SERVICE"] == app
        depends = service.get("depends_on", {})
        for store in stores:
            assert depends[store] == {"condition": "service_healthy"}, f"{app} -> {store}"
    assert not re.search(r"\bsleep\b", example.files["docker-compose.yml"])


@pytest.mark.parametrize("name", EXAMPLES)
def test_compose_runs_the_app_read_only_as_in_aws(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    services = example.yaml("docker-compose.yml")["services"]
    for app in example.baseline.services:
        assert services[app]["read_only"] is True, app
        assert services[app]["tmpfs"] == ["/tmp"], app
    if "infra/ops/vm-deploy.sh" in example.files:
        for text in (
            example.files["infra/ops/vm-deploy.sh"],
            next(t for p, t in example.files.items() if p.endswith("/main.tf") and "envs/" in p),
        ):
            assert "--read-only" in text and "--tmpfs" in text


def test_compose_keeps_sqlite_on_a_volume(examples: dict[str, Example]) -> None:
    compose = examples["hackathon"].yaml("docker-compose.yml")
    assert "app-data:/data" in compose["services"]["web"]["volumes"]
    assert set(compose["services"]) == {"web"}


# -- backups, variables, docs ---------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_backup_scripts_only_with_a_database(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    databases = [
        (e, c)
        for e in example.baseline.environments
        if not e.is_preview
        for c in e.of_kind("postgres")
    ]
    for script in ("infra/ops/backup.sh", "infra/ops/restore.sh"):
        assert (script in example.files) == bool(databases), script
    for env, db in databases:
        backup = example.files["infra/ops/backup.sh"]
        days = db.setting("backup_retention_days")
        assert f"instance={example.baseline.name(env.name, db.id)}" in backup
        assert f"retention_days={days}" in backup
        assert "aws rds wait db-snapshot-available" in backup
        restore = example.files["infra/ops/restore.sh"]
        assert "aws rds wait db-instance-available" in restore
        assert "restore-db-instance-to-point-in-time" in restore
        # RDS restores to a point in time whenever automated backups are kept; the design's
        # point_in_time_recovery only says whether that is promised (an RPO).
        pitr = "true" if int(days) >= 1 else "false"
        assert f"point_in_time={pitr}" in restore
        if db.setting("point_in_time_recovery") != "yes" and int(days) >= 1:
            assert "not promised by the design" in backup and "not guaranteed" in restore


def _referenced(text: str, path: str) -> set[str]:
    """Variables a file reads: `${VAR}`/`$VAR`, without compose's `$$` escapes."""
    names = set(re.findall(r"(?<!\$)\$\{?([A-Z_][A-Z0-9_]*)", text))
    if path.endswith(".sh"):  # ... but not the ones the script assigns itself
        names -= set(re.findall(r"^\s*(?:readonly |local )?([A-Z_][A-Z0-9_]*)=", text, re.M))
    return {n for n in names if not PROVIDED.match(n)}


def _env_keys(node: Any) -> set[str]:
    keys: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "env" and isinstance(value, dict):
                keys |= set(value)
            keys |= _env_keys(value)
    elif isinstance(node, list):
        for item in node:
            keys |= _env_keys(item)
    return keys


@pytest.mark.parametrize("name", EXAMPLES)
def test_env_example_lists_every_variable_read(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    listed = set(re.findall(r"^#? ?([A-Z_][A-Za-z0-9_]*)=", example.files[".env.example"], re.M))
    read: dict[str, str] = {}
    for path, text in example.files.items():
        if path in ("Dockerfile", "docker-compose.yml") or path.endswith(".sh"):
            read |= dict.fromkeys(_referenced(text, path), path)
    read |= dict.fromkeys(_env_keys(example.yaml(WORKFLOW)), WORKFLOW)
    compose = example.yaml("docker-compose.yml")
    for service in example.baseline.services:
        read |= dict.fromkeys(compose["services"][service]["environment"], "docker-compose.yml")
    missing = {v: p for v, p in read.items() if v not in listed}
    assert not missing, f".env.example misses {missing}"
    values = dict(re.findall(r"^([A-Z_][A-Z0-9_]*)=(.*)$", example.files[".env.example"], re.M))
    for key, value in values.items():
        if re.search(r"PASSWORD|SECRET|TOKEN|KEY", key):
            assert value in ("", "change-me-local-only"), f"{key} carries a value"


@pytest.mark.parametrize("name", EXAMPLES)
def test_operations_docs_follow_the_baseline(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    b = example.baseline
    health = example.files["infra/ops/health.md"]
    assert f"`GET {b.health_path}`" in health and "`503`" in health and "`200`" in health
    kinds = example.kinds() | ({"sqlite"} if "sqlite" in b.datastores else set())
    for check, wanted in (
        ("database", {"postgres", "sqlite"}),
        ("cache", {"redis"}),
        ("storage", {"object_storage"}),
    ):
        assert (f"| `{check}` |" in health) == bool(kinds & wanted), check
    alerts = example.files["infra/ops/alerts.md"]
    for env in b.environments:
        for alert in engine.alerts(b, env):
            assert f"`{b.name(env.name, 'metrics')}-{alert.id}`" in alerts
        if env.has("logs"):
            assert f"kept **{env.get('logs').setting('retention_days')} days**" in alerts
