"""CI/CD workflows as plain data: triggers, jobs, steps, and what each job does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from infragate.audit import lazyre
from infragate.audit.repo import Repo


@dataclass(frozen=True)
class Step:
    name: str
    run: str
    uses: str
    line: int
    with_: dict[str, Any]
    env: dict[str, Any]
    # Where a run step's commands start: its working-directory, else the job's or the
    # workflow's defaults.run.working-directory, else the repository root ('').
    cwd: str = ""


@dataclass(frozen=True)
class Job:
    id: str
    name: str
    line: int
    steps: tuple[Step, ...]
    environment: str | None
    env: dict[str, Any]
    outputs: dict[str, Any]
    raw: dict[str, Any]
    kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Workflow:
    path: str
    system: str
    name: str
    triggers: frozenset[str]
    jobs: tuple[Job, ...]
    env: dict[str, Any] = field(default_factory=dict)

    def has(self, kind: str) -> bool:
        return any(kind in j.kinds for j in self.jobs)


# Publishing a release artefact: delivery for software that others run (an image in a
# registry, a package in an index, files on a release). Commands and actions, not job names.
RELEASE = lazyre.compile(
    r"\bdocker\s+(?:image\s+)?push\b|\bpodman\s+push\b|\b(?:npm|yarn|pnpm)\s+publish\b|"
    r"\btwine\s+upload\b|pypa/gh-action-pypi-publish|\bpoetry\s+publish\b|\buv\s+publish\b|"
    r"\bflit\s+publish\b|goreleaser|\bgh\s+release\s+(?:upload|create)\b|"
    r"softprops/action-gh-release|ncipollo/release-action|\bhelm\s+push\b|\bcargo\s+publish\b|"
    r"\bgem\s+push\b|\bmvn\b[^\n]*\bdeploy\b|\bgradlew?\b[^\n]*\bpublish\b|"
    r"\bdotnet\s+nuget\s+push\b|changesets/action|semantic-release|\bcrane\s+push\b|"
    r"\bko\s+(?:build|publish)\b|\bjib\b|\bskopeo\s+copy\b|actions/create-release|"
    r"release-please-action|getsentry/craft|\bcraft\s+publish\b|\brelease-it\b|"
    r"[\w-]+/upload-release-action|[\w-]+/action-gh-release|\bbuildx\s+build\b[^\n]*\s--push\b",
    re.I,
)


# What a job does, from its id, name, step names, commands and actions.
KINDS: tuple[tuple[str, lazyre.AnyPattern], ...] = (
    (
        "deploy",
        lazyre.compile(
            r"(?:^|[\s/.-])deploy(?:[\s.-]|\.sh|$)|\bnpm\s+run\s+deploy|\bmake\s+deploy|kubectl\s+(apply|set\s+image|rollout)|helm\s+(upgrade|install)|"
            r"ecs\s+update-service|pulumi\s+up|pulumi/actions|terraform\s+apply|fly\s+deploy|"
            r"vercel\b.*--prod|serverless\s+deploy|sam\s+deploy|gcloud\s+\w+\s+deploy|"
            r"\bssh\s+\S+@|appleboy/ssh-action",
            re.I,
        ),
    ),
    ("publish", lazyre.compile(r"docker\s+push|build-push-action|\bpublish\b|npm\s+publish", re.I)),
    ("test", lazyre.compile(r"\btest|jest|pytest|vitest|lighthouse|lhci|cypress|playwright", re.I)),
    ("build", lazyre.compile(r"\bbuild|compile|docker\s+build", re.I)),
    ("lint", lazyre.compile(r"\blint|eslint|ruff|flake8|tsc\b|prettier", re.I)),
)


# Clusters a job creates for itself (kind, minikube, k3d): deploying into one tests manifests.
THROWAWAY = lazyre.compile(
    r"helm/kind-action|\bkind\s+create\s+cluster|\bminikube\s+start|\bk3d\s+cluster\s+create|medyagh/setup-minikube|AbsaOSS/k3d-action"
)
NAME_KINDS = tuple(
    (kind, lazyre.compile(rf"\b{kind}", re.I))
    for kind in ("deploy", "publish", "test", "build", "lint")
)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _refs(spec: Any, key: str) -> list[str] | None:
    value = _dict(spec).get(key)
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else None


def _triggers(on: Any) -> frozenset[str]:
    """'push:branch:main', 'push:tag:v*', 'pull_request:branch:*', 'workflow_dispatch', ...

    A push filtered by branches only never runs for a tag, one filtered by tags only never
    for a branch, one with both for either; with neither (or only paths), for both."""
    if isinstance(on, str):
        on = [on]
    if isinstance(on, list):
        on = {str(t): None for t in on}
    out: set[str] = set()
    for event, spec in _dict(on).items():
        if event not in ("push", "pull_request", "pull_request_target"):
            out.add(str(event))
            continue
        branches = _refs(spec, "branches")
        tags = _refs(spec, "tags") if event == "push" else None
        if branches is None and tags is None:
            ignored = (
                _refs(spec, "branches-ignore") is not None or _refs(spec, "tags-ignore") is not None
            )
            branches = ["*"]
            tags = ["*"] if event == "push" and not ignored else None
        out.update(f"{event}:branch:{b}" for b in branches or [])
        out.update(f"{event}:tag:{t}" for t in tags or [])
    return frozenset(out)


REMOTE_ACTIONS = ("appleboy/ssh-action", "garygrossgarten/github-action-ssh")


def remote_script(step: Step) -> str:
    """The commands a step runs on another host over ssh (an ssh action's `script`)."""
    if any(a in step.uses for a in REMOTE_ACTIONS):
        return str(step.with_.get("script") or step.with_.get("command") or "")
    return ""


def _working_directory(*scopes: dict[str, Any]) -> str:
    for scope in scopes:
        found = scope.get("working-directory")
        if found is None:
            found = _dict(_dict(scope.get("defaults")).get("run")).get("working-directory")
        if isinstance(found, str) and found:
            return "" if found.strip("./") == "" else found.strip().removeprefix("./").rstrip("/")
    return ""


def github_workflow(repo: Repo, path: str) -> Workflow | None:
    data, doc = repo.yaml_map(path)
    if doc is None:
        return None
    jobs = []
    for job_id, raw_job in _dict(data.get("jobs")).items():
        job = _dict(raw_job)
        steps = []
        for i, raw_step in enumerate(job.get("steps") or []):
            step = _dict(raw_step)
            steps.append(
                Step(
                    name=str(step.get("name") or ""),
                    run=str(step.get("run") or ""),
                    uses=str(step.get("uses") or ""),
                    line=doc.lines.get(("jobs", job_id, "steps", i), 0),
                    with_=_dict(step.get("with")),
                    env=_dict(step.get("env")),
                    cwd=_working_directory(step, job, data),
                )
            )
        environment = job.get("environment")
        if isinstance(environment, dict):
            environment = environment.get("name")
        jobs.append(
            _classify(
                Job(
                    id=str(job_id),
                    name=str(job.get("name") or job_id),
                    line=doc.lines.get(("jobs", job_id), 0),
                    steps=tuple(steps),
                    environment=str(environment) if environment else None,
                    env=_dict(job.get("env")),
                    outputs=_dict(job.get("outputs")),
                    raw=job,
                )
            )
        )
    return Workflow(
        path=path,
        system="GitHub Actions",
        name=str(data.get("name") or path.rsplit("/", 1)[-1]),
        triggers=_triggers(data.get("on", data.get("true"))),
        jobs=tuple(jobs),
        env=_dict(data.get("env")),
    )


def gitlab_pipeline(repo: Repo, path: str) -> Workflow | None:
    data, doc = repo.yaml_map(path)
    if doc is None:
        return None
    reserved = {"stages", "variables", "include", "default", "workflow", "image", "services"}
    jobs = []
    for job_id, raw_job in data.items():
        if job_id in reserved or job_id.startswith(".") or not isinstance(raw_job, dict):
            continue
        script = raw_job.get("script") or []
        lines = script if isinstance(script, list) else [script]
        steps = (Step("", "\n".join(map(str, lines)), "", doc.lines.get((job_id,), 0), {}, {}),)
        env = raw_job.get("environment")
        if isinstance(env, dict):
            env = env.get("name")
        jobs.append(
            _classify(
                Job(
                    id=job_id,
                    name=f"{job_id} {raw_job.get('stage', '')}",
                    line=doc.lines.get((job_id,), 0),
                    steps=steps,
                    environment=str(env) if env else None,
                    env=_dict(raw_job.get("variables")),
                    outputs={},
                    raw=raw_job,
                )
            )
        )
    return Workflow(path, "GitLab CI", path, frozenset({"push:*"}), tuple(jobs))


def _commands(job: Job) -> str:
    # Commands say what a job does; "deploy" as a word in them often is not (prisma migrate deploy).
    return "\n".join(f"{s.run}\n{s.uses}" for s in job.steps).replace("migrate deploy", "")


def deploys_by_command(job: Job) -> bool:
    """Whether a job deploys by what it runs or its environment, not by its name alone ('Build,
    push, and deploy' that only pushes an image delivers an artefact, not a deployment)."""
    return bool(job.environment) or bool(dict(KINDS)["deploy"].search(_commands(job)))


def _classify(job: Job) -> Job:
    names = "\n".join([job.id, job.name, *(s.name for s in job.steps)])
    commands = _commands(job)
    kinds = {kind for kind, pattern in KINDS if pattern.search(commands)}
    kinds |= {kind for kind, word in NAME_KINDS if word.search(names)}
    # `push: ${{ github.event_name != 'pull_request' }}` pushes on every other event.
    pushed = any(
        "build-push-action" in s.uses
        and (
            str(s.with_.get("push", "")).lower() == "true" or "${{" in str(s.with_.get("push", ""))
        )
        for s in job.steps
    )
    if pushed or RELEASE.search(commands):
        kinds.add("release")
    if job.environment:
        kinds.add("deploy")
    if THROWAWAY.search(commands):
        kinds.discard("deploy")  # into a cluster the job creates and drops: a test
        kinds.add("test")
    return Job(**{**job.__dict__, "kinds": frozenset(kinds)})


def workflows(repo: Repo) -> list[Workflow]:
    """Every CI pipeline the repository defines, parsed once per call site."""
    out: list[Workflow] = []
    for path in repo.workflows():
        wf = github_workflow(repo, path)
        if wf is not None:
            out.append(wf)
    for path in repo.glob(".gitlab-ci.yml"):
        wf = gitlab_pipeline(repo, path)
        if wf is not None:
            out.append(wf)
    return out
