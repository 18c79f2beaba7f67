"""The application files rendered from the examples' baselines, checked by the real linter
(hadolint: no mocks) and by what an infrastructure engineer would check by hand:
health-checked local datastores, every variable documented. The pipeline's tests are in
test_pipeline.py, the operations scripts' in test_ops.py; both use the fixture below."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from infragate.render import engine
from infragate.render.context import _runtimes, runtime
from infragate.render.contract import resolve
from tests.render.rendered_examples import Example, render_examples, run, tool
from tests.render_helpers import EXAMPLES

WORKFLOW = ".github/workflows/deploy.yml"
DATASTORE_SERVICES = {"postgres": "postgres", "redis": "redis", "object_storage": "minio"}
# Variables the runner or the shell provides; a project never sets them.
PROVIDED = re.compile(r"^(GITHUB_\w+|RUNNER_\w+|HOME|PATH|PWD)$")


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Example]:
    return render_examples(tmp_path_factory)


# -- the real linters ---------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_dockerfile_passes_hadolint(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    assert "Dockerfile" in example.files, "every example runs the application somewhere"
    run([tool("hadolint"), example.root / "Dockerfile"])


# A package manager of each runtime, for a contract given by the brief alone.
MANAGERS = {"node": "npm", "static": "npm", "python": "poetry", "go": "gomod", "java": "maven",
            "ruby": "bundler", "php": "composer", "dotnet": "nuget"}  # fmt: skip


@pytest.mark.parametrize("name", sorted(_runtimes()))
def test_dockerfile_of_every_runtime_passes_hadolint(
    examples: dict[str, Example], name: str, tmp_path: Path
) -> None:
    spec = runtime(name)
    app = {"start": ["server"], "port": 8080, "health_path": "/health",
           "package_manager": MANAGERS[name], "workers": [{"name": "worker", "command": ["work"]}]}  # fmt: skip
    contract = resolve(app, name, spec.port, ("web", "worker"), ("postgres",), None)
    baseline = dataclasses.replace(examples["shopfront"].baseline, runtime=spec, app=contract)
    text = engine.render(baseline)["Dockerfile"]
    (tmp_path / "Dockerfile").write_text(text, encoding="utf-8")
    run([tool("hadolint"), tmp_path / "Dockerfile"])
    assert f"FROM {spec.build_image} AS build" in text
    assert f"FROM {spec.run_image} AS run" in text
    assert "USER 10001:10001" in text
    assert 'VOLUME ["/tmp"]' in text, "the root filesystem is read-only: /tmp is the scratch"
    assert "EXPOSE 8080" in text
    assert re.search(r"^HEALTHCHECK .*\n  CMD \[", text, re.M), "HEALTHCHECK in exec form"
    assert re.search(r"127\.0\.0\.1[:/]8080", text), "the probe calls the app's own port"
    assert re.search(r'^CMD \["server"\]$', text, re.M), "the contract's start command"
    assert "curl" not in text
    for manifest in contract.install.manifests:
        assert manifest in text


def test_every_runtime_is_pinned_and_sourced() -> None:
    for name, spec in _runtimes().items():
        for image in (spec.build_image, spec.run_image):
            if image.startswith("mcr.microsoft.com/"):  # no digest source for MCR here
                assert re.search(r":\d+\.\d+\.\d+", image), image
                continue
            assert re.fullmatch(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}", image), f"{name}: {image}"
            assert ":latest@" not in image
        assert "read 2026-11-29" in spec.source, name
        assert "repo-info" in spec.source or "repos/" in spec.source or "mcr" in spec.source


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
        ("database", {"postgres", "mysql", "sqlite"}),
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
