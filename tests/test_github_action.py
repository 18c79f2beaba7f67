"""The composite action (action.yml) as a runner runs it: each step's `run:` script in
`bash --noprofile --norc -eo pipefail` with its `env:` resolved from the inputs, and the
runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH) in a temporary folder;
then the action's outputs, the job summary and the SARIF file checked. infragate is
installed once, by the action's own install step, from a clone of this repository."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.door_helpers import (
    MORE_TRAFFIC,
    clone_head,
    edit_brief,
    frozen_project,
    git,
    infragate,
    store_env,
)
from tests.helpers import ROOT
from tests.lifecycle_helpers import BOB, CARA
from tests.render.rendered_examples import tool
from tests.test_cli import _sarif_validator

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


@dataclass(frozen=True)
class Runner:
    action_path: Path  # the checkout of the action (`uses:` fetches the repository)
    temp: Path  # RUNNER_TEMP: the install step's virtualenv lives here
    path: list[str]  # what steps appended to GITHUB_PATH


@dataclass(frozen=True)
class Outcome:
    code: int  # the last step's exit code: the job step's status
    log: str
    outputs: dict[str, str]  # the action's outputs
    summary: str


def _resolve(value: str, inputs: dict[str, str], steps: dict[str, dict[str, str]]) -> str:
    """The expressions the action uses: inputs.NAME and steps.ID.outputs.NAME."""

    def one(match: re.Match[str]) -> str:
        parts = match.group(1).split(".")
        if parts[0] == "inputs":
            return inputs[parts[1]]
        if parts[0] == "steps" and parts[2] == "outputs":
            return steps.get(parts[1], {}).get(parts[3], "")
        raise AssertionError(f"action.yml uses an expression this test cannot run: {match[0]}")

    return EXPRESSION.sub(one, value)


def _key_values(path: Path) -> dict[str, str]:
    lines = path.read_text().splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines)


def run_action(
    runner: Runner,
    workspace: Path,
    steps: list[dict[str, Any]],
    action: dict[str, Any] = ACTION,
    **given: str,
) -> Outcome:
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    unknown = {k.replace("_", "-") for k in given} - set(inputs)
    assert not unknown, f"not inputs of action.yml: {unknown}"
    inputs |= {k.replace("_", "-"): v for k, v in given.items()}
    files = runner.temp / "files"
    shutil.rmtree(files, ignore_errors=True)
    files.mkdir()
    summary = files / "summary.md"
    by_id: dict[str, dict[str, str]] = {}
    log, code = "", 0
    for n, step in enumerate(steps):
        assert step["shell"] == "bash" and "${{" not in step["run"], step["name"]
        output = files / f"output-{n}"
        env = {
            **os.environ,
            **store_env(workspace),
            "PATH": os.pathsep.join([*reversed(runner.path), os.environ["PATH"]]),
            "GITHUB_ACTION_PATH": str(runner.action_path),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(runner.temp),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_PATH": str(files / "path"),
            **{k: _resolve(v, inputs, by_id) for k, v in step.get("env", {}).items()},
        }
        script = files / f"step-{n}.sh"
        script.write_text(step["run"])
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        log += done.stdout + done.stderr
        by_id[step.get("id", str(n))] = _key_values(output)
        code = done.returncode
        if code != 0:
            break
    outputs = {k: _resolve(v["value"], inputs, by_id) for k, v in action["outputs"].items()}
    return Outcome(code, log, outputs, summary.read_text() if summary.exists() else "")


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """The install step, run once: a virtualenv in RUNNER_TEMP with infragate from the
    action's checkout, its bin folder on GITHUB_PATH."""
    action_path = clone_head(tmp_path_factory.mktemp("actions") / "infragate")
    temp = tmp_path_factory.mktemp("runner-temp")
    install = [s for s in STEPS if s["id"] == "install"]
    done = run_action(Runner(action_path, temp, []), tmp_path_factory.mktemp("ws"), install)
    assert done.code == 0, done.log
    path = (temp / "files" / "path").read_text().split()
    assert path == [str(temp / "infragate-venv" / "bin")]
    assert (Path(path[0]) / "infragate").exists()
    return Runner(action_path, temp, path)


AFTER_INSTALL = [s for s in STEPS if s["id"] != "install"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return frozen_project(tmp_path / "project")


def test_verify_passes_on_a_frozen_project_and_fails_after_an_unrequested_edit(
    runner: Runner, project: Path
) -> None:
    done = run_action(runner, project, AFTER_INSTALL, command="verify")
    assert done.code == 0, done.log
    assert done.outputs == {"exit-code": "0", "monthly-cost-delta": ""}
    assert done.summary.startswith("## infragate verify: passed\n")
    assert "verified" in done.summary and "\x1b[" not in done.summary

    edit_brief(project, *MORE_TRAFFIC)
    done = run_action(runner, project, AFTER_INSTALL, command="verify")
    assert done.code == 1
    assert done.outputs["exit-code"] == "1"
    assert done.summary.startswith("## infragate verify: failed\n")
    assert "FAIL" in done.summary and "brief" in done.summary


@pytest.mark.parametrize("command", ["check", "drift", "audit"])
def test_sarif_and_markdown_summary(runner: Runner, project: Path, command: str) -> None:
    done = run_action(
        runner, project, AFTER_INSTALL, command=command, sarif_file="reports/out.sarif"
    )
    assert done.code == 0, done.log
    assert done.outputs["exit-code"] == "0"
    assert done.summary.startswith(f"## infragate {command}: passed\n\n#")  # the Markdown
    sarif = json.loads((project / "reports" / "out.sarif").read_text())
    _sarif_validator().validate(sarif)
    assert sarif["runs"][0]["tool"]["driver"]["name"] == "infragate"


def test_check_fails_with_a_blocker_and_says_which(runner: Runner, project: Path) -> None:
    edit_brief(project, "budget_owner", "tech_lead")  # nobody holds the budget any more
    done = run_action(runner, project, AFTER_INSTALL, command="check", sarif_file="gate.sarif")
    assert done.code == 1 and done.outputs["exit-code"] == "1"
    assert done.summary.startswith("## infragate check: failed\n")
    results = json.loads((project / "gate.sarif").read_text())["runs"][0]["results"]
    assert {r["ruleId"] for r in results} & set(re.findall(r"GATE\d{3}", done.summary))


def test_change_show_outputs_the_open_change_requests_cost_delta(
    runner: Runner, project: Path
) -> None:
    edit_brief(project, *MORE_TRAFFIC)
    infragate(project, "change", "propose", "--as", CARA, "--reason", "launch campaign")
    shown = json.loads(infragate(project, "change", "show", "--format", "json"))
    done = run_action(runner, project, AFTER_INSTALL, command="change-show")
    assert done.code == 0, done.log
    delta = done.outputs["monthly-cost-delta"]
    assert delta == shown["diff"]["delta_monthly_usd"] and Decimal(delta) > 0
    assert f"Monthly cost delta of the open change request: ${delta}" in done.summary
    assert "# Change request #1 (proposed)" in done.summary

    infragate(project, "change", "reject", "--as", BOB, "--reason", "over budget for now")
    done = run_action(runner, project, AFTER_INSTALL, command="change-show")
    assert done.code == 0 and done.outputs == {"exit-code": "0", "monthly-cost-delta": ""}
    assert "# Change request #1 (rejected)" in done.summary


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"command": "plan"}, "input command: 'plan' is not one of check, verify"),
        ({"command": "verify", "sarif_file": "x.sarif"}, "input sarif-file: 'verify' writes"),
        ({"working_directory": "nowhere"}, "input working-directory: 'nowhere' is not"),
    ],
)
def test_bad_inputs_exit_2_naming_the_input(
    runner: Runner, project: Path, given: dict[str, str], message: str
) -> None:
    done = run_action(runner, project, AFTER_INSTALL, **given)
    assert done.code == 2 and done.outputs["exit-code"] == "2"
    assert f"::error title=infragate::{message}" in done.log
    assert message in done.summary


def test_install_only_puts_infragate_on_the_path(runner: Runner, project: Path) -> None:
    done = run_action(runner, project, AFTER_INSTALL, command="install")
    assert done.code == 0 and done.outputs == {"exit-code": "0", "monthly-cost-delta": ""}
    assert done.summary == ""  # nothing ran, so nothing to report
    done = run_action(runner, project, AFTER_INSTALL, command="install", sarif_file="x.sarif")
    assert done.code == 2 and "input sarif-file: 'install' writes no SARIF" in done.log


# -- the copy `infragate render` writes, as the rendered pipeline runs it ------------------

COPY = Path(".github") / "actions" / "infragate"


def _rendered_uses(project: Path, job: str) -> list[dict[str, Any]]:
    workflow = yaml.safe_load((project / ".github" / "workflows" / "deploy.yml").read_text())
    steps: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return [s for s in steps if s.get("uses") == f"./{COPY}"]


def test_the_rendered_pipeline_verifies_through_its_copy_of_the_action(
    runner: Runner, project: Path
) -> None:
    """The verify job's step, with its `with:` as rendered, run through the copy render
    wrote (`runner` installed infragate already: the copy's run step finds it)."""
    copy = yaml.safe_load((project / COPY / "action.yml").read_text())
    assert copy == ACTION
    (step,) = _rendered_uses(project, "verify")
    given = {k.replace("-", "_"): v for k, v in step["with"].items() if k != "install-from"}
    run_steps = [s for s in copy["runs"]["steps"] if s["id"] != "install"]
    done = run_action(runner, project, run_steps, copy, **given)
    assert done.code == 0, done.log
    assert done.summary.startswith("## infragate verify: passed\n")

    edit_brief(project, *MORE_TRAFFIC)
    done = run_action(runner, project, run_steps, copy, **given)
    assert done.code == 1 and done.summary.startswith("## infragate verify: failed\n")


def test_the_copy_refuses_to_install_while_install_from_is_unset(
    runner: Runner, project: Path
) -> None:
    """The repository variable INFRAGATE_PIP_SPEC unset: `vars.` gives an empty string. The
    copy has no infragate source of its own, so it says what to set and installs nothing."""
    (step,) = _rendered_uses(project, "verify")
    assert step["with"]["install-from"] == "${{ vars.INFRAGATE_PIP_SPEC }}"
    copy = yaml.safe_load((project / COPY / "action.yml").read_text())
    install = [s for s in copy["runs"]["steps"] if s["id"] == "install"]
    empty_temp = Runner(project / COPY, runner.temp / "unset", [])
    empty_temp.temp.mkdir(exist_ok=True)
    done = run_action(empty_temp, project, install, copy, command="verify", install_from="")
    assert done.code == 2
    assert "::error title=infragate::input install-from: empty" in done.log
    assert "INFRAGATE_PIP_SPEC" in done.summary and "not this tool" in done.summary
    assert not (empty_temp.temp / "infragate-venv").exists()


def test_a_missing_lock_is_reported_with_the_clis_message(runner: Runner, project: Path) -> None:
    (project / "infra" / "baseline.lock.json").unlink()
    done = run_action(runner, project, AFTER_INSTALL, command="verify")
    assert done.code == 2 and done.outputs["exit-code"] == "2"
    assert done.summary.startswith("## infragate verify: could not run (exit 2)\n")
    assert "infragate freeze" in done.summary


# -- lint: actionlint reads action.yml through a workflow that uses it ---------------------


def _actionlint(folder: Path, with_: dict[str, str]) -> subprocess.CompletedProcess[str]:
    git("init", "-q", cwd=folder)  # actionlint finds `./` from the repository's root
    shutil.copy(ROOT / "action.yml", folder / "action.yml")
    workflows = folder / ".github" / "workflows"
    workflows.mkdir(parents=True, exist_ok=True)
    workflow = {
        "name": "infragate",
        "on": {"pull_request": {}},
        "jobs": {
            "gate": {
                "runs-on": "ubuntu-24.04",
                "steps": [
                    {"id": "gate", "uses": "./", "with": with_},
                    {"run": 'echo "exit ${{ steps.gate.outputs.exit-code }}"'},
                ],
            }
        },
    }
    (workflows / "ci.yml").write_text(yaml.safe_dump(workflow, sort_keys=False))
    shellcheck = tool("shellcheck")
    env = {**os.environ, "PATH": f"{shellcheck.parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        [str(tool("actionlint")), "-shellcheck", str(shellcheck), "-no-color"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_actionlint_accepts_a_workflow_using_the_action(tmp_path: Path) -> None:
    done = _actionlint(tmp_path, {"command": "check", "sarif-file": "gate.sarif"})
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_reads_the_actions_inputs(tmp_path: Path) -> None:
    """The check above has teeth: an input action.yml does not declare is an error."""
    done = _actionlint(tmp_path, {"comand": "check"})
    assert done.returncode == 1 and 'input "comand" is not defined' in done.stdout


def test_the_documented_comment_workflow_passes_actionlint_with_pinned_releases(
    tmp_path: Path,
) -> None:
    """docs/examples/pull-request-comment.yml, as a user copies it: actionlint (with
    shellcheck) accepts it, and every action but infragate's is the commit of the release
    tests/fixtures/pinned-actions.json records, given only inputs it declares."""
    example = ROOT / "docs" / "examples" / "pull-request-comment.yml"
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    shutil.copy(example, workflows / example.name)
    git("init", "-q", cwd=tmp_path)
    shellcheck = tool("shellcheck")
    done = subprocess.run(
        [str(tool("actionlint")), "-shellcheck", str(shellcheck), "-no-color"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pinned = json.loads((ROOT / "tests" / "fixtures" / "pinned-actions.json").read_text())
    steps = yaml.safe_load(example.read_text())["jobs"]["comment"]["steps"]
    for step in steps:
        ref = step.get("uses")
        if ref is None or ref == "OWNER/infragate@REF":
            continue
        action, commit = ref.split("@")
        assert commit == pinned["actions"][action]["commit"], action
        assert set(step.get("with", {})) <= set(pinned["actions"][action]["inputs"]), action
    ours = [s for s in steps if s.get("uses") == "OWNER/infragate@REF"]
    assert [s["with"] for s in ours] == [{"command": "install"}]


@pytest.mark.parametrize("step", STEPS, ids=[s["id"] for s in STEPS])
def test_each_run_script_passes_shellcheck(tmp_path: Path, step: dict[str, Any]) -> None:
    script = tmp_path / "step.sh"
    script.write_text(step["run"])
    done = subprocess.run(
        [str(tool("shellcheck")), "--shell=bash", "--severity=style", str(script)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
