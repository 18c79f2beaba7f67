"""Drift: hand edits, deleted files, unknown infrastructure files, and a state that moved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from infragate.errors import InputError, UsageError
from infragate.render import drift, output
from infragate.render.drift_findings import Kind, Report
from infragate.render.engine import render
from tests.audit.test_audit_cli import _sarif_validator
from tests.helpers import run_cli
from tests.render_helpers import AWS, TODAY, baseline_of, freeze_example, state_after_apply


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """shopfront frozen as v1 and rendered into its repository; returns the lock file."""
    lock = freeze_example("shopfront", tmp_path / "shopfront")
    root = lock.parent.parent
    output.apply(root, output.plan(root, render(baseline_of(lock)), "shopfront"), force=False)
    return lock


def _compare(lock: Path, state: Path | None = None, env: str | None = None) -> Report:
    return drift.compare(
        lock.parent.parent, lock, lock.parent / "brief.yaml", TODAY, state, environment=env
    )


def _kinds(report: Report) -> list[tuple[str, str]]:
    return [(str(f.kind), f.path) for f in report.findings]


def test_a_freshly_rendered_repository_has_no_drift(repo: Path) -> None:
    report = _compare(repo)
    assert report.findings == []
    assert report.files_checked == len(render(baseline_of(repo)))


def test_a_hand_edit_is_found_with_its_line(repo: Path) -> None:
    target = repo.parent / "terraform" / "envs" / "prod" / "main.tf"
    lines = target.read_text().splitlines(keepends=True)
    lines.insert(5, "# temporary: bigger database until Monday\n")
    target.write_text("".join(lines))
    report = _compare(repo)
    assert _kinds(report) == [("edited", "infra/terraform/envs/prod/main.tf")]
    assert report.findings[0].line == 6


def test_a_deleted_file_is_missing(repo: Path) -> None:
    (repo.parent.parent / "Dockerfile").unlink()
    assert _kinds(_compare(repo)) == [("missing", "Dockerfile")]


def test_a_repository_never_rendered_gets_one_finding_not_one_per_file(tmp_path: Path) -> None:
    lock = freeze_example("shopfront", tmp_path / "shopfront")
    (lock.parent.parent / "Dockerfile").write_text("FROM node:22\n")
    report = _compare(lock)
    assert _kinds(report) == [("missing", "."), ("unstamped", "Dockerfile")]
    assert "the baseline was never rendered here" in report.findings[0].message


def test_an_unknown_workflow_is_found(repo: Path) -> None:
    extra = repo.parent.parent / ".github" / "workflows" / "hotfix-deploy.yml"
    extra.write_text("on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps: []\n")
    assert _kinds(_compare(repo)) == [("unknown-file", ".github/workflows/hotfix-deploy.yml")]


def test_excluded_paths_are_not_drift(repo: Path) -> None:
    scripts = repo.parent.parent / "scripts"
    scripts.mkdir()
    (scripts / "seed-dev-data.sh").write_text("#!/bin/sh\necho seeding\n")
    assert _kinds(_compare(repo)) == [("unknown-file", "scripts/seed-dev-data.sh")]
    root = repo.parent.parent
    report = drift.compare(root, repo, repo.parent / "brief.yaml", TODAY, exclude=["scripts/"])
    assert report.findings == []


def test_a_file_from_another_baseline_is_stale(repo: Path, tmp_path: Path) -> None:
    other = freeze_example("ceo-dashboard", tmp_path / "other")
    theirs = render(baseline_of(other))[".dockerignore"]
    (repo.parent.parent / ".dockerignore").write_text(theirs)
    report = _compare(repo)
    assert _kinds(report) == [("stale", ".dockerignore")]
    assert "ceo-dashboard/v1" in report.findings[0].message


def test_an_unverified_lock_is_reported(repo: Path) -> None:
    brief = repo.parent / "brief.yaml"
    brief.write_text(brief.read_text().replace("peak_rps: 15", "peak_rps: 40"))
    report = _compare(repo)
    assert _kinds(report) == [("baseline-unverified", "infra/baseline.lock.json")]
    assert "brief" in report.findings[0].message


# Terraform state -------------------------------------------------------------------------


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, indent=2))
    return path


def _resource(state: dict[str, Any], module: str, type_: str) -> dict[str, Any]:
    found = [
        r
        for r in state["resources"]
        if r["module"] == f"module.{module}" and r["type"] == type_ and r["name"] == "this"
    ]
    assert len(found) == 1, (module, type_)
    attributes: dict[str, Any] = found[0]["instances"][0]["attributes"]
    return attributes


def test_a_state_that_matches_has_no_drift(repo: Path, tmp_path: Path) -> None:
    state = state_after_apply(baseline_of(repo), "prod")
    assert len(state["resources"]) > 10
    report = _compare(repo, _write(tmp_path / "prod.tfstate", state))
    assert report.findings == []
    assert report.environment == "prod"  # read from the resources' environment tags
    assert report.resources_checked == len(state["resources"])


def test_a_resized_database_is_found(repo: Path, tmp_path: Path) -> None:
    state = state_after_apply(baseline_of(repo), "prod")
    db = _resource(state, "database", "aws_db_instance")
    assert db["instance_class"] == "db.t4g.medium"
    db["instance_class"] = "db.r6g.large"
    db["multi_az"] = True
    report = _compare(repo, _write(tmp_path / "prod.tfstate", state))
    assert _kinds(report) == [("resource-changed", str(tmp_path / "prod.tfstate"))]
    message = report.findings[0].message
    assert "module.database.aws_db_instance.this" in message
    assert "instance_class is 'db.r6g.large', the baseline says 'db.t4g.medium'" in message
    assert "multi_az is True, the baseline says False" in message


def test_a_resource_the_baseline_does_not_know_is_found(repo: Path, tmp_path: Path) -> None:
    state = state_after_apply(baseline_of(repo), "prod")
    state["resources"].append(
        {
            "mode": "managed",
            "type": "aws_instance",
            "name": "bastion",
            "provider": AWS,
            "instances": [{"attributes": {"instance_type": "t3.large"}}],
        }
    )
    state["resources"].append(
        {"mode": "data", "type": "aws_caller_identity", "name": "me", "instances": [{}]}
    )
    report = _compare(repo, _write(tmp_path / "prod.tfstate", state))
    assert [(f.kind, f.address) for f in report.findings] == [
        (Kind.resource_unknown, "aws_instance.bastion")
    ]


def test_a_database_missing_from_the_state_is_found(repo: Path, tmp_path: Path) -> None:
    state = state_after_apply(baseline_of(repo), "staging")
    state["resources"] = [r for r in state["resources"] if r["type"] != "aws_db_instance"]
    report = _compare(repo, _write(tmp_path / "staging.tfstate", state))
    assert [(f.kind, f.address) for f in report.findings] == [
        (Kind.resource_missing, "module.database.aws_db_instance")
    ]


def test_terraform_show_json_is_read_too(repo: Path, tmp_path: Path) -> None:
    state = state_after_apply(baseline_of(repo), "prod")
    _resource(state, "database", "aws_db_instance")["allocated_storage"] = 200
    children: dict[str, list[dict[str, Any]]] = {}
    for r in state["resources"]:
        address = f"{r['module']}.{r['type']}.{r['name']}"
        children.setdefault(r["module"], []).append(
            {
                "address": address,
                "mode": "managed",
                "type": r["type"],
                "name": r["name"],
                "values": r["instances"][0]["attributes"],
            }
        )
    shown = {
        "format_version": "1.0",
        "values": {
            "root_module": {
                "child_modules": [
                    {"address": m, "resources": rs} for m, rs in sorted(children.items())
                ]
            }
        },
    }
    report = _compare(repo, _write(tmp_path / "show.json", shown))
    assert [f.kind for f in report.findings] == [Kind.resource_changed]
    assert "allocated_storage is 200, the baseline says 50" in report.findings[0].message


def test_a_state_without_environment_tags_needs_the_flag(repo: Path, tmp_path: Path) -> None:
    state = state_after_apply(baseline_of(repo), "staging")
    for r in state["resources"]:
        r["instances"][0]["attributes"].pop("tags_all")
    path = _write(tmp_path / "untagged.tfstate", state)
    with pytest.raises(UsageError, match="pass --environment with one of staging, prod"):
        _compare(repo, path)
    assert _compare(repo, path, env="staging").findings == []


def test_a_broken_state_file_is_an_input_error(repo: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tfstate"
    bad.write_text('{"version": 4,\n "resources": [}')
    with pytest.raises(InputError) as caught:
        _compare(repo, bad)
    assert "bad.tfstate:2:" in caught.value.render()
    assert "terraform state pull" in caught.value.render()


# the command -----------------------------------------------------------------------------


def test_cli_exit_codes_and_formats(repo: Path, tmp_path: Path) -> None:
    brief = repo.parent / "brief.yaml"
    clean = run_cli("drift", brief)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "No drift" in clean.stdout
    (repo.parent.parent / "Dockerfile").unlink()
    state = state_after_apply(baseline_of(repo), "prod")
    _resource(state, "database", "aws_db_instance")["instance_class"] = "db.m7g.large"
    tfstate = _write(tmp_path / "prod.tfstate", state)
    text = run_cli("drift", brief, "--tfstate", tfstate)
    assert text.returncode == 1
    assert "missing" in text.stdout and "resource-changed" in text.stdout
    as_json = run_cli("drift", brief, "--tfstate", tfstate, "--format", "json")
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert data["drifted"] is True
    assert {f["kind"] for f in data["findings"]} == {"missing", "resource-changed"}
    sarif = run_cli("drift", brief, "--tfstate", tfstate, "--format", "sarif")
    log = json.loads(sarif.stdout)
    _sarif_validator().validate(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {
        "DRIFT-missing",
        "DRIFT-resource-changed",
    }
    md = run_cli("drift", brief, "--format", "markdown", "--output", tmp_path / "drift.md")
    assert md.returncode == 1
    assert "| missing | `Dockerfile` |" in (tmp_path / "drift.md").read_text()
    usage = run_cli("drift", brief, "--tfstate", tmp_path / "nope.json")
    assert usage.returncode == 2
    assert "nope.json" in usage.stderr


def test_jsonschema_is_what_validates_sarif() -> None:
    # guard: the SARIF check above must be able to fail
    with pytest.raises(jsonschema.ValidationError):
        _sarif_validator().validate({"version": "2.1.0", "runs": [{"results": []}]})


def test_a_rendered_file_with_bytes_that_are_not_utf8_is_drift(repo: Path) -> None:
    dockerfile = repo.parent.parent / "Dockerfile"
    dockerfile.write_bytes(dockerfile.read_bytes() + b"\xff\xfe\n")
    assert _kinds(_compare(repo)) == [("edited", "Dockerfile")]


def test_a_gitignored_rendered_file_is_still_checked(repo: Path) -> None:
    root = repo.parent.parent
    (root / ".gitignore").write_text(".env*\n.github/\n")
    assert _compare(repo).findings == []
    (root / ".env.example").unlink()
    assert _kinds(_compare(repo)) == [("missing", ".env.example")]


def test_a_tampered_lock_stops_the_comparison(repo: Path) -> None:
    text = repo.read_text()
    repo.write_text(text.replace('"size": "db.t4g.medium"', '"size": "db.t4g.large"', 1))
    (repo.parent.parent / "Dockerfile").unlink()
    report = _compare(repo)
    assert set(_kinds(report)) == {("baseline-unverified", "infra/baseline.lock.json")}
    assert [f.message.split(":")[0] for f in report.findings] == ["hash", "contents"]
    assert report.files_checked == 0  # a forged baseline says nothing about the files


def test_a_state_written_by_hand_with_literal_addresses(repo: Path, tmp_path: Path) -> None:
    # Independent of the code under test: the addresses and attribute names Terraform's
    # AWS provider writes for the production database and cache of shopfront.
    state = {
        "version": 4,
        "resources": [
            {
                "mode": "managed",
                "type": "aws_db_instance",
                "name": "this",
                "module": "module.database",
                "instances": [
                    {
                        "attributes": {
                            "instance_class": "db.t4g.medium",
                            "allocated_storage": 50,
                            "multi_az": False,
                            "backup_retention_period": 3,
                            "tags_all": {"environment": "prod"},
                        }
                    }
                ],
            },
            {
                "mode": "managed",
                "type": "aws_elasticache_replication_group",
                "name": "this",
                "module": "module.cache",
                "instances": [
                    {"attributes": {"node_type": "cache.t4g.micro", "num_cache_clusters": 1}}
                ],
            },
        ],
    }
    report = _compare(repo, _write(tmp_path / "hand.tfstate", state))
    changed = [f for f in report.findings if f.kind is Kind.resource_changed]
    assert [f.address for f in changed] == ["module.database.aws_db_instance.this"]
    assert "backup_retention_period is 3, the baseline says 7" in changed[0].message
    assert not [f for f in report.findings if f.kind is Kind.resource_unknown]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"version": 4, "resources": {"a": 1}}', "resources is not a list of objects"),
        (
            '{"version": 4, "resources": [{"mode": "managed", "name": "x"}]}',
            "resources[0].type is missing",
        ),
        (
            '{"version": 4, "resources": [{"mode": "managed", "type": "t", "name": "x",'
            ' "instances": [{"attributes": [1]}]}]}',
            "resources[0].instances[0].attributes is not an object",
        ),
        (
            '{"version": 4, "resources": [{"mode": "managed", "type": "t", "name": "x",'
            ' "module": 7}]}',
            "resources[0].module is not a string",
        ),
        ('{"values": {"root_module": []}}', "values.root_module is not an object"),
        ("[1, 2]", "expected a state file"),
    ],
)
def test_a_state_of_the_wrong_shape_names_what_is_wrong(
    repo: Path, tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "odd.tfstate"
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        _compare(repo, path)
    assert problem in caught.value.render()


def test_nested_module_addresses_read_as_terraform_writes_them() -> None:
    from infragate.render.tfstate import Resource, _module_name

    assert _module_name("module.a.module.b") == "a.b"
    resource = Resource("a.b", "aws_s3_bucket", "this", "x", {})
    assert resource.address == 'module.a.module.b.aws_s3_bucket.this["x"]'
