"""The rendered GitHub Actions workflows: checked by actionlint (the real one, which runs
shellcheck on every `run:` block), and by what a reviewer of a deploy pipeline checks: the
plan is made, shown and saved, and what is applied on main is that saved plan after the
approval; every job assumes only its environment's role; a deploy is green only when the
new task definition completed its rollout and the health endpoint reports the deployed
commit; previews are destroyed, at the latest when their priced time to live is over."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from tests.helpers import ROOT
from tests.render.fake_cli import FakeTools
from tests.render.rendered_examples import Example, render_examples, run, tool
from tests.render_helpers import EXAMPLES

DEPLOY = ".github/workflows/deploy.yml"
ACTION_COPY = ".github/actions/infragate/action.yml"
REAPER = ".github/workflows/preview-reaper.yml"
TERRAFORM_VERSION = "1.11.4"


def _workflows(example: Example) -> list[str]:
    return sorted(p for p in example.files if p.startswith(".github/workflows/"))


def _jobs(example: Example, path: str = DEPLOY) -> dict[str, Any]:
    jobs: dict[str, Any] = example.yaml(path)["jobs"]
    return jobs


def _needs(job: dict[str, Any]) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def _header(text: str) -> str:
    """The workflow's leading comment block."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(s.get("run", "") for s in job["steps"])


def _gh_env(env_name: str) -> str:
    return "production" if env_name == "prod" else env_name


# -- the real linter, and what every workflow has -------------------------------------------


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Example]:
    return render_examples(tmp_path_factory)


@pytest.mark.parametrize("name", EXAMPLES)
def test_workflows_pass_actionlint(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    shellcheck = tool("shellcheck")  # actionlint checks `run:` blocks with it, from PATH
    env = {**os.environ, "PATH": f"{shellcheck.parent}{os.pathsep}{os.environ['PATH']}"}
    workflows = _workflows(example)
    previews = any(e.is_preview for e in example.baseline.environments)
    assert workflows == sorted([DEPLOY, *([REAPER] if previews else [])])
    if not (example.root / ".git").exists():
        # only in a repository does actionlint read the local action's inputs
        subprocess.run(["git", "init", "-q"], cwd=example.root, check=True)
    run([tool("actionlint"), "-shellcheck", shellcheck, *workflows], cwd=example.root, env=env)


def test_actionlint_checks_the_inputs_given_to_the_rendered_action(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    """The check above has teeth: an input the copied action.yml lacks is an error."""
    example = examples["shopfront"]
    for path in (DEPLOY, ACTION_COPY):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(example.files[path])
    deploy = tmp_path / DEPLOY
    deploy.write_text(deploy.read_text().replace("command: verify", "comand: verify"))
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    done = subprocess.run(
        [tool("actionlint"), "-shellcheck=", "-no-color", DEPLOY],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and 'input "comand" is not defined' in done.stdout


@pytest.mark.parametrize("name", EXAMPLES)
def test_actions_are_pinned_to_commits(examples: dict[str, Example], name: str) -> None:
    for path in _workflows(examples[name]):
        text = examples[name].files[path]
        uses = re.findall(r"uses: (\S+)", text)
        assert uses
        for ref in uses:
            if ref == "./.github/actions/infragate":
                continue  # infragate's own action, copied into the repository by render
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert "AWS_SECRET_ACCESS_KEY" not in text


PINNED = json.loads((ROOT / "tests" / "fixtures" / "pinned-actions.json").read_text())["actions"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_action_is_the_recorded_release_and_given_only_its_inputs(
    examples: dict[str, Example], name: str
) -> None:
    """Each `uses:` is the commit of the release tests/fixtures/pinned-actions.json records
    (read from the action's own repository), on Node 24 or composite (GitHub deprecated
    Node 20 on its runners), and each `with:` key is an input of that commit's action.yml."""
    for path in _workflows(examples[name]):
        for job in _jobs(examples[name], path).values():
            for step in job["steps"]:
                ref = step.get("uses")
                if ref is None or ref == "./.github/actions/infragate":
                    continue
                action, commit = ref.split("@")
                pinned = PINNED[action]
                assert commit == pinned["commit"], (path, action)
                assert pinned["runs"] in ("node24", "composite"), action
                unknown = set(step.get("with", {})) - set(pinned["inputs"])
                assert not unknown, (path, action, unknown)
        for action, tag in re.findall(
            r"uses: ([\w.-]+/[\w.-]+)@[0-9a-f]{40} # (\S+)", examples[name].files[path]
        ):
            assert tag == PINNED[action]["tag"], (path, action)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_variable_the_workflows_read_is_documented(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    text = example.files[DEPLOY]
    documented = set(re.findall(r"^#\s+variable ([A-Z][A-Z0-9_]*)\b", _header(text), re.M))
    read = set(re.findall(r"\bvars\.([A-Za-z_][A-Za-z0-9_]*)", text))
    assert read - documented == set(), f"read but not documented in the header: {read - documented}"
    assert documented - read == set(), f"documented but never read: {documented - read}"
    for path in _workflows(example):
        others = set(re.findall(r"\bvars\.([A-Za-z_][A-Za-z0-9_]*)", example.files[path]))
        assert others <= documented, path
        for variable in others:
            assert variable in _header(example.files[path]), (path, variable)


@pytest.mark.parametrize("name", EXAMPLES)
def test_files_the_workflows_use_are_rendered(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    for workflow in _workflows(example):
        text = example.files[workflow]
        paths = set(re.findall(r"(?:file|working-directory): (\S+)", text))
        paths |= set(re.findall(r"\b(infra/(?:ops|terraform)/[\w./-]+\w)", text))
        paths -= {"."}
        # The saved plans are made in the job, not rendered.
        paths = {p for p in paths if not p.endswith(("/tfplan", "/tfplan.txt"))}
        for path in sorted(paths):
            assert path in example.files or any(p.startswith(path + "/") for p in example.files), (
                f"{workflow} refers to {path}, which is not rendered"
            )


@pytest.mark.parametrize("name", EXAMPLES)
def test_terraform_is_the_pinned_version_with_the_committed_lock_files(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    for path in _workflows(example):
        text = example.files[path]
        versions = re.findall(r"terraform_version: (\S+)", text)
        assert versions and set(versions) == {TERRAFORM_VERSION}, path
        inits = re.findall(r"^\s*terraform init[^\n]*", text, re.M)
        assert inits, path
        for init in inits:
            assert "-lockfile=readonly" in init, init
    # ... a version every root accepts (Terraform's ~> reads as PEP 440's ~=).
    for path, text in example.files.items():
        if path.endswith("versions.tf"):
            [constraint] = re.findall(r'required_version\s*=\s*"([^"]+)"', text)
            spec = SpecifierSet(constraint.replace("~>", "~=").replace(" ", ""))
            assert TERRAFORM_VERSION in spec, (path, constraint)


# -- plan, approval, apply of that plan -------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_plans_are_saved_shown_and_kept(examples: dict[str, Example], name: str) -> None:
    example = examples[name]
    jobs = _jobs(example)
    for env in example.baseline.environments:
        if env.is_preview:
            continue
        plan = jobs[f"plan-{env.name}"]
        # On pull requests (of this repository: forks get no OIDC token) and on main.
        assert "github.event.pull_request.head.repo.full_name == github.repository" in plan["if"]
        assert "github.event_name == 'push'" in plan["if"]
        assert "environment" not in plan, "a plan needs no approval and no deploy role"
        assert "verify" in _needs(plan)
        script = _runs(plan)
        assert "terraform plan -input=false -lock=false -out=tfplan" in script
        assert "terraform show -no-color tfplan > tfplan.txt" in script
        assert '>> "$GITHUB_STEP_SUMMARY"' in script
        [upload] = [s for s in plan["steps"] if "upload-artifact" in s.get("uses", "")]
        assert upload["with"]["name"] == f"plan-{env.name}"
        assert f"infra/terraform/envs/{env.name}/tfplan" in upload["with"]["path"]
        assert "-auto-approve" not in script


@pytest.mark.parametrize("name", EXAMPLES)
def test_main_applies_the_saved_plan_after_its_review(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    jobs = _jobs(example)
    text = example.files[DEPLOY]
    # Only throwaway previews are destroyed without a review; nothing is applied unseen.
    assert "apply -auto-approve" not in text
    for line in re.findall(r"^(?!\s*#)[^\n]*-auto-approve[^\n]*", text, re.M):
        assert "terraform destroy -auto-approve" in line, line
    for env in example.baseline.environments:
        job = jobs[f"deploy-{env.name}"]
        script = _runs(job)
        assert "terraform apply -input=false tfplan" in script
        steps = job["steps"]
        apply = next(i for i, s in enumerate(steps) if s.get("id") == "deploy")
        if env.is_preview:
            plan = next(i for i, s in enumerate(steps) if s.get("name") == "terraform plan")
            assert "terraform plan -input=false -out=tfplan" in steps[plan]["run"]
            assert '>> "$GITHUB_STEP_SUMMARY"' in steps[plan]["run"]
        else:
            assert f"plan-{env.name}" in _needs(job)
            plan = next(
                i for i, s in enumerate(steps) if "download-artifact" in s.get("uses", "")
                and s["with"]["name"] == f"plan-{env.name}"
            )  # fmt: skip
            assert steps[plan]["with"]["path"] == f"infra/terraform/envs/{env.name}"
        assert plan < apply


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
    assert jobs["deploy-prod"]["environment"]["name"] == "production"
    assert "required reviewers" in _header(example.files[DEPLOY])
    for job in (j for j in jobs if j.startswith("deploy-")):
        group = jobs[job]["concurrency"]["group"]
        assert job.removeprefix("deploy-") in group
        assert jobs[job]["concurrency"]["cancel-in-progress"] is False
        assert "id-token" in jobs[job]["permissions"]
        if job != "deploy-preview":
            assert (
                jobs[job]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
            )


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_plan_and_deploy_is_gated_by_infragate_verify(
    examples: dict[str, Example], name: str
) -> None:
    jobs = _jobs(examples[name])
    (step,) = [s for s in jobs["verify"]["steps"] if s.get("uses") == "./.github/actions/infragate"]
    assert step["with"]["command"] == "verify"
    assert step["with"]["args"] == "--lock infra/baseline.lock.json"
    gated = [j for j in jobs if j.startswith(("deploy-", "plan-"))]
    assert gated
    for job in [*gated, "image"]:
        assert "verify" in _needs(jobs[job]), f"{job} does not need verify"


@pytest.mark.parametrize("name", EXAMPLES)
def test_infragate_is_never_installed_from_public_pypi_by_default(
    examples: dict[str, Example], name: str
) -> None:
    """infragate is installed only by its own action, copied by render, from the repository
    variable INFRAGATE_PIP_SPEC; the copy installs nothing when it is unset (it says so and
    fails: test_github_action.py runs that)."""
    example = examples[name]
    steps = [s for job in _jobs(example).values() for s in job["steps"]]
    ours = [s for s in steps if s.get("uses") == "./.github/actions/infragate"]
    assert ours and all(s["with"]["install-from"] == "${{ vars.INFRAGATE_PIP_SPEC }}" for s in ours)
    # (a Python application's own `pip install -r requirements.txt` is not infragate)
    assert not [
        s for s in steps if re.search(r"pip install.*(infragate|PIP_SPEC)", s.get("run", ""))
    ]
    assert "infragate==" not in example.files[DEPLOY]
    copy = example.files[ACTION_COPY]
    assert copy.startswith("# infragate:render baseline=")
    assert copy.split("\n", 1)[1] == (ROOT / "action.yml").read_text()


# -- roles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_job_assumes_only_its_environments_role(
    examples: dict[str, Example], name: str
) -> None:
    """A job in GitHub environment E assumes <project>-deploy-<env of E>; the plan jobs, in
    no environment, assume the read-only <project>-plan role; no other job gets AWS."""
    example = examples[name]
    project = example.baseline.project
    account = "arn:aws:iam::${{ vars.AWS_ACCOUNT_ID }}:role/"
    header = _header(example.files[DEPLOY])
    for env in example.baseline.environments:
        assert f"{project}-deploy-{env.name}  jobs in environment {_gh_env(env.name)}" in header
        if not env.is_production and not env.is_preview:
            assert f'"{env.name}": deployment branches "main" only' in header
    assert '"production": deployment branches "main" only, and required reviewers' in header
    assumed = set()
    for path in _workflows(example):
        for job_id, job in _jobs(example, path).items():
            steps = [s for s in job["steps"] if "configure-aws-credentials" in s.get("uses", "")]
            if not steps:
                continue
            [step] = steps
            role = step["with"]["role-to-assume"]
            assumed.add(role)
            environment = job.get("environment")
            if job_id.startswith("plan-"):
                assert environment is None and role == f"{account}{project}-plan", job_id
                continue
            names = {_gh_env(e.name): e.name for e in example.baseline.environments}
            assert environment is not None, f"{job_id} assumes {role} outside an environment"
            assert role == f"{account}{project}-deploy-{names[environment['name']]}", job_id
    assert "image" not in {j for j, job in _jobs(example).items() if "id-token" in str(job)}
    assert f"{account}{project}-plan" in assumed


# -- a deploy that tells the truth ----------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_scanned_image_is_what_is_pushed_and_carries_its_version(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    jobs = _jobs(example)
    image = jobs["image"]
    build = next(s for s in image["steps"] if "build-push-action" in s.get("uses", ""))
    assert build["with"]["build-args"] == "APP_VERSION=${{ github.sha }}"
    names = [s.get("name", s.get("uses", "")) for s in image["steps"]]
    assert names.index("Save the scanned image") > next(
        i for i, n in enumerate(names) if n.startswith("Scan")
    )
    for env in example.baseline.environments:
        steps = jobs[f"deploy-{env.name}"]["steps"]
        download = next(i for i, s in enumerate(steps) if s.get("with", {}).get("name") == "image")
        push = next(
            i for i, s in enumerate(steps) if s.get("name") == "Push the scanned image to ECR"
        )
        assert download < push
        assert 'docker load --input "$RUNNER_TEMP/image/image.tar"' in steps[push]["run"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_deploys_check_the_rollout_and_the_reported_version_and_roll_back(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    text = example.files[DEPLOY]
    assert not re.search(r"\bsleep\b", text), "no sleep in the pipeline"
    assert "services-stable" not in text, "the wait passes after a rollback: ecs-rollout.sh"
    for job_id, job in _jobs(example).items():
        if not job_id.startswith("deploy-"):
            continue
        env = example.baseline.environment(job_id.removeprefix("deploy-"))
        steps = job["steps"]
        names = [s.get("name", "") for s in steps]
        capture = names.index("Capture the image tag running now (the rollback target)")
        deploy = next(i for i, s in enumerate(steps) if s.get("id") == "deploy")
        rollout = next(i for i, n in enumerate(names) if n.startswith("Wait for the rollout"))
        assert capture < deploy < rollout
        assert "terraform apply -input=false tfplan" in steps[deploy]["run"]
        if env.of_kind("vm"):
            assert 'vm-deploy.sh" run' in steps[rollout]["run"]
        else:
            assert '"$GITHUB_WORKSPACE/infra/ops/ecs-rollout.sh"' in steps[rollout]["run"]
            assert '"$IMAGE_TAG" "${services[@]}"' in steps[rollout]["run"]
        health = steps[rollout + 1]["run"]
        assert re.search(
            r"curl --fail[^\n]*\\\n\s*--retry \d+ --retry-delay \d+ --retry-all-errors", health
        )
        assert "jq -r '.version // \"\"'" in health
        assert 'if [ "$version" != "$IMAGE_TAG" ]' in health and "exit 1" in health
        back = names.index("Roll back to the previous image")
        rollback = steps[back]
        assert rollback["if"].startswith("failure()")
        record = [i for i, n in enumerate(names) if n.startswith("Record the deploy as evidence")]
        if env.is_production:
            # After the rollback step (a failure to record never rolls back), on success.
            (at,) = record
            assert at > back and "failure()" not in steps[at]["if"]
            assert "infragate evidence add deploy" in steps[at]["run"]
            # installed by infragate's action just before, when there is a store to record in
            assert steps[at - 1]["uses"] == "./.github/actions/infragate"
            assert steps[at - 1]["with"]["command"] == "install"
            assert (
                steps[at]["if"] == steps[at - 1]["if"] == "steps.evidence.outputs.record == 'true'"
            )
            assert "INFRAGATE_DATABASE_URL" in steps[at - 2]["run"]
            assert '"$RUNNER_TEMP/health.json"' in health
        else:
            assert not record and back == len(steps) - 1
        assert '-var "image_tag=$PREVIOUS_TAG" -out=rollback.tfplan' in rollback["run"]
        assert "terraform apply -input=false rollback.tfplan" in rollback["run"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_task_starts_before_the_database_user_exists(
    examples: dict[str, Example], name: str
) -> None:
    """First deploy: the plan (made by plan-<env>, which deploy-<env> needs) reads the marker
    db-bootstrap.sh leaves; without it the services are created with no task, and the deploy
    starts them only after the bootstrap step succeeded, before the rollout is awaited."""
    example = examples[name]
    jobs = _jobs(example)
    booted = [
        e
        for e in example.baseline.environments
        if (e.of_kind("postgres") or e.of_kind("mysql")) and e.of_kind("container_service")
    ]
    for env in example.baseline.environments:
        steps = jobs[f"deploy-{env.name}"]["steps"]
        names = [s.get("name", "") for s in steps]
        bootstrap = [i for i, s in enumerate(steps) if "db-bootstrap.sh" in s.get("run", "")]
        if env not in booted:
            assert not bootstrap, env.name
            continue
        if not env.is_preview:
            assert f"plan-{env.name}" in _needs(jobs[f"deploy-{env.name}"])
        deploy = next(i for i, s in enumerate(steps) if s.get("id") == "deploy")
        start = names.index("Start the services held for the database user")
        rollout = next(i for i, n in enumerate(names) if n.startswith("Wait for the rollout"))
        assert bootstrap == [deploy + 1], env.name  # its own step: a failure stops the job
        assert deploy < bootstrap[0] < start < rollout, env.name
        assert "if:" not in yaml.safe_dump(steps[start])  # never skipped after a failure
        held = steps[start]["run"]
        assert 'if [ "$(terraform output -raw tasks_held)" != true ]' in held
        assert "aws application-autoscaling register-scalable-target" in held
        assert "terraform output -json desired_counts" in held

        root = example.files[f"infra/terraform/envs/{env.name}/main.tf"]
        assert 'data "aws_ssm_parameters_by_path" "bootstrap"' in root
        for service in env.of_kind("container_service"):
            block = root.split(f'module "{service.id}" {{', 1)[1].split("\n}\n", 1)[0]
            assert re.search(r"\n  start_tasks\s+= local\.database_user_ready\n", block)
    if booted:
        script = example.files["infra/ops/db-bootstrap.sh"]
        checked = script.index('if [[ "$exit_code" != 0 ]]')
        assert script.index('aws ssm put-parameter --region "$region" --name "$marker"') > checked
    alerts = example.files["infra/ops/alerts.md"]
    assert "Re-run the job: the user exists now" not in alerts


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
        run_ = steps[start[0]]["run"]
        assert "aws rds start-db-instance" in run_ and "aws rds wait db-instance-available" in run_
        deploy = next(i for i, s in enumerate(steps) if s.get("id") == "deploy")
        assert start[0] < deploy
        if "Pre-deploy database snapshot" in names:
            snapshot = names.index("Pre-deploy database snapshot")
            assert start[0] < snapshot
            assert steps[snapshot]["run"] == f"infra/ops/backup.sh --prune {env.name}"


# -- previews ----------------------------------------------------------------------------------


def test_previews_get_a_workspace_and_are_destroyed(examples: dict[str, Example]) -> None:
    example = examples["enterprise-launch"]
    jobs = _jobs(example)
    init = next(
        s["run"] for s in jobs["deploy-preview"]["steps"] if s.get("name") == "terraform init"
    )
    assert 'terraform workspace select -or-create "pr-$TF_VAR_pr_number"' in init
    destroy = jobs["destroy-preview"]
    assert "closed" in destroy["if"]
    assert "terraform destroy" in destroy["steps"][-1]["run"]
    for name in ("ceo-dashboard", "shopfront", "hackathon"):
        assert "destroy-preview" not in _jobs(examples[name])


def test_a_scheduled_job_destroys_previews_past_their_priced_ttl(
    examples: dict[str, Example],
) -> None:
    example = examples["enterprise-launch"]
    ttl = example.baseline.environment("preview").ttl_hours
    workflow = example.yaml(REAPER)
    # PyYAML reads the key `on` as True.
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["schedule"] == [{"cron": "17 * * * *"}], "hourly, under any TTL in hours"
    [job] = workflow["jobs"].values()
    assert job["environment"]["name"] == "preview"
    script = _runs(job)
    assert '"$GITHUB_WORKSPACE/infra/ops/expired-previews.sh"' in script
    assert "terraform destroy -auto-approve" in script
    assert 'terraform workspace delete "$workspace"' in script
    assert f"readonly ttl_hours={ttl}\n" in example.files["infra/ops/expired-previews.sh"]
    assert f"{ttl} hours" in _header(example.files[REAPER])
    yaml.safe_dump(workflow)  # plain data, nothing PyYAML could not read back


@pytest.mark.parametrize(
    ("reported", "code"),
    [("abc123", 0), ("0ld0ld", 1), (None, 1)],
)
def test_the_health_step_fails_unless_the_deployed_commit_answers(
    examples: dict[str, Example], tmp_path: Path, reported: str | None, code: int
) -> None:
    """The health step's own script, run by bash with a stand-in `curl` first on PATH (the
    process boundary: no endpoint is reachable from the tests)."""
    steps = _jobs(examples["ceo-dashboard"])["deploy-prod"]["steps"]
    step = next(s for s in steps if s.get("name", "").startswith("Wait for the health endpoint"))
    script = tmp_path / "health.sh"
    script.write_text(step["run"])
    fake = FakeTools(tmp_path, ("curl",))
    body = {"status": "ok", **({"version": reported} if reported else {})}
    fake.answer("curl", "https://app.example/healthz", json.dumps(body))
    env = {"HEALTH_URL": "https://app.example/healthz", "IMAGE_TAG": "abc123"}
    done = fake.run(script, cwd=tmp_path, env=env)
    assert done.returncode == code, done.stdout + done.stderr
    [call] = fake.calls("curl")
    assert "--fail" in call.args and "--retry-all-errors" in call.args
    if code:
        assert "not the deployed abc123" in done.stdout


def test_the_deploy_record_the_pipeline_writes_is_valid_evidence(
    examples: dict[str, Example], tmp_path: Path
) -> None:
    """The production deploy job's jq program, run by the real jq on a green health answer,
    writes a record that `infragate evidence add deploy` accepts as green."""
    from infragate.evidence.kinds import BaselineFacts, deploy
    from infragate.evidence.reading import read_evidence_file

    example = examples["shopfront"]
    steps = _jobs(example)["deploy-prod"]["steps"]
    (step,) = [s for s in steps if s.get("name", "").startswith("Record the deploy as evidence")]
    script = step["run"]
    program = script[script.index("jq -n") : script.index('> "$RUNNER_TEMP/deploy-evidence.json"')]
    (tmp_path / "health.json").write_text('{"status": "ok", "version": "abc123"}')
    env = {
        **os.environ,
        "RUNNER_TEMP": str(tmp_path),
        "IMAGE_TAG": "abc123",
        "HEALTH_URL": "https://shop.example.com/health",
        "RUN_URL": "https://github.com/acme/shop/actions/runs/7",
    }
    done = subprocess.run(
        ["bash", "-c", program], env=env, capture_output=True, text=True, check=True
    )
    (tmp_path / "deploy.json").write_text(done.stdout)
    b = example.baseline
    facts_of = BaselineFacts(b.version, tuple(e.name for e in b.environments), b.rto_minutes)
    facts = deploy(read_evidence_file(tmp_path / "deploy.json", "deploy"), facts_of)
    assert facts["healthy"] is True and facts["environment"] == "prod"
    assert facts["version"] == "abc123"
